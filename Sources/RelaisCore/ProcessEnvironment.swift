#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process environment, read variable by variable.
///
/// `ProcessInfo.processInfo.environment` copies every variable into a dictionary, about a
/// million instructions at each start of a program that only needs three of them.
public enum ProcessEnvironment {
    /// The value of `name`, or `nil` when it is not set.
    public static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }

    /// The variables among `names` that are set, as a dictionary.
    public static func subset(_ names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in names {
            if let value = value(name) { result[name] = value }
        }
        return result
    }
}
