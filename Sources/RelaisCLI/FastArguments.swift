/// A shortcut past swift-argument-parser for a command the desk runs many times an hour.
///
/// Building swift-argument-parser's command tree reflects every option of every command
/// (Mirror, protocol-conformance lookups): about 13 M instructions, some 3 ms, before
/// `request open` can start its few hundred microseconds of work. This reader accepts only the
/// plainest spelling of a command — its words, then `--name value` or `--name=value` pairs of
/// known options, each at most once, every required one present, no value that starts with
/// `-` — and answers `nil` for anything else, so that the full parser decides: help, unknown
/// or repeated options, missing values and their messages stay exactly ArgumentParser's.
public struct FastArguments: Sendable, Equatable {
    /// The options given, in order, without the leading `--`.
    public let names: [String]
    /// Their values, in the same order.
    public let values: [String]

    /// Reads `arguments` (without the program name), or `nil` when the full parser must decide.
    ///
    /// Arrays rather than a dictionary: the first use of a new generic type costs the Swift
    /// runtime a scan of every protocol conformance in the process (about 0.3 ms).
    ///
    /// - Parameters:
    ///   - path: the command's words, e.g. `["request", "open"]`.
    ///   - options: the names of the options that take a value.
    ///   - required: the options that must be present.
    public init?(_ arguments: [String], path: [String], options: [String], required: [String]) {
        guard arguments.count >= path.count, Array(arguments.prefix(path.count)) == path else { return nil }
        var names: [String] = []
        var values: [String] = []
        var i = path.count
        while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("--"), argument.utf8.count > 2 else { return nil }
            let name: String
            let value: String
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[argument.index(argument.startIndex, offsetBy: 2)..<equals])
                value = String(argument[argument.index(after: equals)...])
                i += 1
            } else {
                guard i + 1 < arguments.count else { return nil }
                name = String(argument.dropFirst(2))
                value = arguments[i + 1]
                i += 2
            }
            guard options.contains(name), !names.contains(name), !value.hasPrefix("-") else { return nil }
            names.append(name)
            values.append(value)
        }
        guard required.allSatisfy(names.contains) else { return nil }
        self.names = names
        self.values = values
    }

    /// The value given for `--name`, if any.
    public subscript(name: String) -> String? {
        names.firstIndex(of: name).map { values[$0] }
    }
}

extension FastArguments {
    /// `relais-intake request open` in its plainest spelling: what that command reads without
    /// the full parser (its options that take a value; `field` and `summary` required).
    public static func requestOpen(_ arguments: [String]) -> FastArguments? {
        FastArguments(
            arguments, path: ["request", "open"],
            options: ["database", "agent", "lang", "site", "channel", "field", "themes", "sub-themes", "summary",
                      "urgency", "deadline", "resident"],
            required: ["field", "summary"])
    }
}
