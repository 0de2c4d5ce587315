import Foundation

extension TimeZone {
    /// The town's time zone, Europe/Paris (a fixed +01:00 if the system has no zone database).
    public static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!
}

/// Local time in Europe/Paris, where the town's desks and sessions are.
///
/// `offset` and `today` follow the European Union's summer-time rule without Foundation: loading
/// `TimeZone(identifier: "Europe/Paris")` reads ICU's zone data, about 0.7 ms at every start of a
/// program that only needs today's date. Since 1996 France follows the EU rule:
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

    /// The Europe/Paris zone (fixed +01:00 if the system has no zone database).
    public static let zone = TimeZone.paris

    /// Built once: a Calendar costs more to make than to use.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// The instant of `minute` after local midnight on `day` (the zone database decides the
    /// hours that a change of time skips or repeats).
    public static func instant(_ day: LocalDate, minute: Int) -> Date {
        let parts = DateComponents(
            year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60)
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + minute * 60))
    }

    /// The local day and minute after midnight of an instant.
    public static func local(_ date: Date) -> (day: LocalDate, minute: Int) {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return (LocalDate(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1), (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
    }

    /// 01:00 UTC on the last Sunday of `month`, in seconds since 1970.
    static func summerTimeChange(year: Int, month: Int) -> Int64 {
        let last = (try? LocalDate(year: year, month: month, day: 31)) ?? LocalDate(daysSinceEpoch: 0)
        let sunday = last.adding(days: -((last.weekday.rawValue + 1) % 7))
        return Int64(sunday.daysSinceEpoch) * 86_400 + 3600
    }
}
