import Foundation

extension TimeZone {
    /// The town's time zone, Europe/Paris (a fixed +01:00 if the system has no zone database).
    public static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!
}

/// Paris's offset from UTC by the European Union's summer-time rule, without Foundation.
///
/// Loading `TimeZone(identifier: "Europe/Paris")` reads ICU's zone data, about 0.7 ms at every
/// start of a program that only needs today's date. Since 1996 France follows the EU rule:
/// UTC+2 from the last Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC,
/// UTC+1 otherwise. Tests check it against the system's zone database hour by hour.
public enum ParisTime {
    /// The first year the rule covers.
    public static let firstRuleYear = 1996

    /// Seconds east of UTC in Paris at `unixSeconds`, or `nil` before 1996 (ask `TimeZone.paris`).
    public static func offset(atUnixSeconds unixSeconds: Int64) -> Int? {
        let days = Int((Double(unixSeconds) / 86_400).rounded(.down))
        let year = LocalDate(daysSinceEpoch: days).year
        guard year >= firstRuleYear else { return nil }
        let start = summerTimeChange(year: year, month: 3)
        let end = summerTimeChange(year: year, month: 10)
        return unixSeconds >= start && unixSeconds < end ? 7200 : 3600
    }

    /// Today in Paris at `unixSeconds`.
    public static func today(atUnixSeconds unixSeconds: Int64) -> LocalDate {
        let offset = offset(atUnixSeconds: unixSeconds)
            ?? TimeZone.paris.secondsFromGMT(for: Date(timeIntervalSince1970: Double(unixSeconds)))
        return LocalDate(daysSinceEpoch: Int((Double(unixSeconds + Int64(offset)) / 86_400).rounded(.down)))
    }

    /// 01:00 UTC on the last Sunday of `month`, in seconds since 1970.
    static func summerTimeChange(year: Int, month: Int) -> Int64 {
        let last = (try? LocalDate(year: year, month: month, day: 31)) ?? LocalDate(daysSinceEpoch: 0)
        let sunday = last.adding(days: -((last.weekday.rawValue + 1) % 7))
        return Int64(sunday.daysSinceEpoch) * 86_400 + 3600
    }
}
