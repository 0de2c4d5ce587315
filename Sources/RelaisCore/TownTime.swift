import Foundation

/// Local time in Europe/Paris, where the town's desks and sessions are.
///
/// Computed from the European Union's summer-time rule, without Foundation's calendar: loading
/// `TimeZone(identifier: "Europe/Paris")` reads ICU's zone data, about 0.7 ms at every start of a
/// program that only needs today's date. Since 1996 France follows the EU rule:
/// UTC+2 from the last Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC,
/// UTC+1 otherwise. Earlier instants ask the system's zone database. Tests check both directions
/// (instant → local time, local time → instant) against the zone database.
public enum ParisTime {
    /// The first year the rule covers.
    public static let firstRuleYear = 1996

    /// The Europe/Paris zone, for instants before the rule (fixed +01:00 if the system has no zone database).
    private static let zone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    /// Seconds east of UTC in Paris at `unixSeconds` by the EU rule, or `nil` before 1996.
    public static func offset(atUnixSeconds unixSeconds: Int64) -> Int? {
        let year = LocalDate(unixSeconds: unixSeconds).year
        guard year >= firstRuleYear else { return nil }
        let start = summerTimeChange(year: year, month: 3)
        let end = summerTimeChange(year: year, month: 10)
        return unixSeconds >= start && unixSeconds < end ? 7200 : 3600
    }

    /// Seconds east of UTC in Paris at `unixSeconds`, any year.
    static func anyOffset(_ unixSeconds: Int64) -> Int64 {
        Int64(offset(atUnixSeconds: unixSeconds) ?? zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(unixSeconds))))
    }

    /// Today in Paris at `unixSeconds`.
    public static func today(atUnixSeconds unixSeconds: Int64) -> LocalDate {
        LocalDate(unixSeconds: unixSeconds + anyOffset(unixSeconds))
    }

    /// Today in Paris at `date`.
    public static func today(_ date: Date = Date()) -> LocalDate {
        today(atUnixSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The local day and minute after midnight of an instant.
    public static func local(_ date: Date) -> (day: LocalDate, minute: Int) {
        let utc = Int64(date.timeIntervalSince1970.rounded(.down))
        let (day, second) = LocalDate.split(unixSeconds: utc + anyOffset(utc))
        return (day, second / 60)
    }

    /// The instant of `minute` after local midnight on `day`. A time the autumn change repeats
    /// is its first occurrence (summer time); a time the spring change skips is read with the
    /// offset before the change (02:30 is 03:30 summer time), as the zone database does.
    public static func instant(_ day: LocalDate, minute: Int) -> Date {
        let wall = Int64(day.daysSinceEpoch) * 86_400 + Int64(minute) * 60
        // Paris changes offset at most once in two days: the offsets a day either side are the
        // only candidates, and when they agree there is no change near this time.
        let before = anyOffset(wall - 86_400)
        let after = anyOffset(wall + 86_400)
        if before == after { return Date(timeIntervalSince1970: Double(wall - before)) }
        for offset in [max(before, after), min(before, after)] where anyOffset(wall - offset) == offset {
            return Date(timeIntervalSince1970: Double(wall - offset))
        }
        return Date(timeIntervalSince1970: Double(wall - before))
    }

    /// 01:00 UTC on the last Sunday of `month`, in seconds since 1970.
    /// (March and October have 31 days; arithmetic only: this runs for every conversion.)
    static func summerTimeChange(year: Int, month: Int) -> Int64 {
        let last = LocalDate(unchecked: year, month, 31).daysSinceEpoch
        let weekday = ((last + 3) % 7 + 7) % 7  // 0 = Monday: 1970-01-01 was a Thursday
        return Int64(last - (weekday + 1) % 7) * 86_400 + 3600
    }
}
