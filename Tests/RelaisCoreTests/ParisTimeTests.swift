import Foundation
import Testing

@testable import RelaisCore

@Suite struct ParisTimeTests {
    /// The rule against the system's zone database, every hour from 1996 to 2040.
    @Test func agreesWithTheZoneDatabaseHourByHour() {
        let zone = TimeZone(identifier: "Europe/Paris")!
        let from = Int64(820_454_400)  // 1996-01-01T00:00:00Z
        let to = Int64(2_240_611_200)  // 2041-01-01T00:00:00Z
        var mismatches: [Int64] = []
        var t = from
        while t < to {
            let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
            if ParisTime.offset(atUnixSeconds: t) != expected { mismatches.append(t) }
            t += 3600
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// The second before and at each change of 2026 (29 March and 25 October, 01:00 UTC).
    @Test func changesAtOneUTCOnTheLastSundays() {
        let march = Int64(1_774_746_000)  // 2026-03-29T01:00:00Z
        let october = Int64(1_792_890_000)  // 2026-10-25T01:00:00Z
        #expect(ParisTime.offset(atUnixSeconds: march - 1) == 3600)
        #expect(ParisTime.offset(atUnixSeconds: march) == 7200)
        #expect(ParisTime.offset(atUnixSeconds: october - 1) == 7200)
        #expect(ParisTime.offset(atUnixSeconds: october) == 3600)
    }

    /// Today's date turns at midnight Paris time, not UTC.
    @Test func todayTurnsAtParisMidnight() throws {
        // 2026-11-29T23:30:00Z is 00:30 on the 30th in Paris (UTC+1).
        #expect(ParisTime.today(atUnixSeconds: 1_795_995_000) == (try LocalDate(year: 2026, month: 11, day: 30)))
        // 2026-07-14T21:59:59Z is 23:59:59 on the 14th in Paris (UTC+2); a second later, the 15th.
        #expect(ParisTime.today(atUnixSeconds: 1_784_066_399) == (try LocalDate(year: 2026, month: 7, day: 14)))
        #expect(ParisTime.today(atUnixSeconds: 1_784_066_400) == (try LocalDate(year: 2026, month: 7, day: 15)))
    }

    /// Local time → instant, as the zone database reads it: every day from 1990 (the zone
    /// database's years) to 2040, at times that include the hour each change skips or repeats.
    @Test func instantsAgreeWithTheZoneDatabase() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let first = try LocalDate(year: 1990, month: 1, day: 1), last = try LocalDate(year: 2040, month: 12, day: 31)
        var mismatches: [String] = []
        for days in first.daysSinceEpoch...last.daysSinceEpoch {
            let day = LocalDate(daysSinceEpoch: days)
            for minute in [0, 59, 60, 90, 120, 150, 179, 180, 210, 12 * 60, 23 * 60 + 59] {
                let parts = DateComponents(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60)
                let expected = try #require(calendar.date(from: parts))
                if ParisTime.instant(day, minute: minute) != expected { mismatches.append("\(day) minute \(minute)") }
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Instant → local day and minute, every 20 minutes from 1990 to 2040.
    @Test func localTimesAgreeWithTheZoneDatabase() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        var mismatches: [Int64] = []
        var t = Int64(631_152_000)  // 1990-01-01T00:00:00Z
        while t < 2_240_611_200 {  // 2041-01-01T00:00:00Z
            let date = Date(timeIntervalSince1970: Double(t))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let local = ParisTime.local(date)
            if local.day != (try? LocalDate(year: parts.year!, month: parts.month!, day: parts.day!))
                || local.minute != parts.hour! * 60 + parts.minute!
            {
                mismatches.append(t)
            }
            t += 1200
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Before the rule's first year the zone database answers.
    @Test func beforeNinetySixAsksTheZoneDatabase() throws {
        #expect(ParisTime.offset(atUnixSeconds: 500_000_000) == nil)
        // 1985-11-05 in Paris.
        #expect(ParisTime.today(atUnixSeconds: 500_000_000) == (try LocalDate(year: 1985, month: 11, day: 5)))
    }
}
