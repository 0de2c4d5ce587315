import Foundation

extension TimeZone {
    /// The town's time zone, Europe/Paris (a fixed +01:00 if the system has no zone database).
    public static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!
}
