import Foundation
import Testing

@testable import RelaisCore

@Suite struct LocalDateTests {
    @Test(arguments: ["2026-12-04", "04/12/2026", " 4/12/2026 ", "2026-12-4"])
    func parsesIsoAndFrench(text: String) throws {
        let parsed = try LocalDate(parsing: text)
        #expect(parsed == (try LocalDate(year: 2026, month: 12, day: 4)))
        #expect(parsed.iso == "2026-12-04")
        #expect(parsed.french == "04/12/2026")
    }

    @Test(arguments: [
        "2026-02-29", "2026-13-01", "31/04/2026", "2026/12/04", "26-12-04", "12/2026", "x", "2026-1a-04",
    ])
    func rejectsMalformedOrImpossibleDates(text: String) {
        let error = validationError { () throws(ValidationError) in
            try LocalDate(parsing: text, field: "deadline")
        }
        #expect(error?.kind == .invalidFormat)
        #expect(error?.field == "deadline")
    }

    @Test func rejectsBlankAndOutOfRangeYears() {
        #expect(
            validationError { () throws(ValidationError) in try LocalDate(parsing: " ") }?.kind == .missing)
        #expect(
            validationError { () throws(ValidationError) in try LocalDate(parsing: "1899-12-31") }
                == .outOfRange("date", min: 1900, max: 2200))
    }

    @Test func leapYears() throws {
        #expect(try LocalDate(parsing: "2024-02-29").day == 29)
        #expect(try LocalDate(parsing: "2000-02-29").day == 29)
        #expect(validationError { () throws(ValidationError) in try LocalDate(parsing: "1900-02-29") } != nil)
    }

    @Test func arithmeticAndComparison() {
        #expect(date("2026-12-31").adding(days: 1) == date("2027-01-01"))
        #expect(date("2024-03-01").adding(days: -1) == date("2024-02-29"))
        #expect(date("2026-01-31").adding(months: 1) == date("2026-02-28"))
        #expect(date("2026-11-15").adding(months: 6) == date("2027-05-15"))
        #expect(date("2026-03-15").adding(months: -3) == date("2025-12-15"))
        #expect(date("2027-01-01").days(since: date("2026-01-01")) == 365)
        #expect(date("2026-12-04") < date("2026-12-05"))
        #expect(date("2025-12-31") < date("2026-01-01"))
        #expect(date("1970-01-01").daysSinceEpoch == 0)
        #expect(LocalDate(daysSinceEpoch: date("1900-01-01").daysSinceEpoch) == date("1900-01-01"))
    }

    /// The UTC day of an instant, before and after 1970 (floor, not truncation).
    @Test func dayOfUnixSeconds() {
        #expect(LocalDate(unixSeconds: 0) == date("1970-01-01"))
        #expect(LocalDate(unixSeconds: 86_399) == date("1970-01-01"))
        #expect(LocalDate(unixSeconds: 86_400) == date("1970-01-02"))
        #expect(LocalDate(unixSeconds: -1) == date("1969-12-31"))
        #expect(LocalDate(unixSeconds: -86_400) == date("1969-12-31"))
        #expect(LocalDate(unixSeconds: -86_401) == date("1969-12-30"))
        #expect(LocalDate(unixSeconds: 1_795_995_000) == date("2026-11-29"))
    }

    @Test(arguments: [
        ("2026-11-30", Weekday.monday), ("2026-12-04", .friday), ("2026-01-01", .thursday),
        ("2025-01-01", .wednesday), ("2000-02-29", .tuesday), ("1970-01-01", .thursday),
    ])
    func weekdays(text: String, expected: Weekday) {
        #expect(date(text).weekday == expected)
    }

    @Test func dateFromFoundationDate() {
        let noonUTC = Date(timeIntervalSince1970: 1_796_385_600)  // 2026-12-04 12:00 UTC
        #expect(LocalDate(noonUTC, timeZone: TimeZone(identifier: "UTC")!) == date("2026-12-04"))
    }

    @Test func codableAsIsoString() throws {
        let data = try JSONEncoder().encode(date("2026-12-04"))
        #expect(String(decoding: data, as: UTF8.self) == #""2026-12-04""#)
        #expect(try JSONDecoder().decode(LocalDate.self, from: data) == date("2026-12-04"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LocalDate.self, from: Data(#""2026-02-30""#.utf8))
        }
    }
}

@Suite struct IsoWeekTests {
    @Test(arguments: [
        ("2026-01-01", "2026-W01"), ("2025-12-29", "2026-W01"), ("2026-12-31", "2026-W53"),
        ("2027-01-03", "2026-W53"), ("2027-01-04", "2027-W01"), ("2024-12-30", "2025-W01"),
        ("2021-01-03", "2020-W53"), ("2026-12-04", "2026-W49"),
    ])
    func isoWeekOfDate(text: String, week: String) {
        #expect(date(text).isoWeek.description == week)
    }

    @Test func weeksPerYear() {
        #expect(IsoWeek.weeksIn(year: 2026) == 53)  // starts on a Thursday
        #expect(IsoWeek.weeksIn(year: 2020) == 53)  // leap year starting on a Wednesday
        #expect(IsoWeek.weeksIn(year: 2025) == 52)
        #expect(IsoWeek.weeksIn(year: 2027) == 52)
        #expect(IsoWeek.weeksIn(year: 2032) == 53)
    }

    @Test func mondayOfWeek() throws {
        #expect(try LocalDate.mondayOf(isoWeek: 1, year: 2026) == date("2025-12-29"))
        #expect(try LocalDate.mondayOf(isoWeek: 49, year: 2026) == date("2026-11-30"))
        #expect(try LocalDate.mondayOf(isoWeek: 53, year: 2026) == date("2026-12-28"))
        #expect(try LocalDate.mondayOf(isoWeek: 1, year: 2027) == date("2027-01-04"))
        let week = try IsoWeek(parsing: "2026-W49")
        #expect(week.days.first == date("2026-11-30"))
        #expect(week.days.last == date("2026-12-06"))
        #expect(week.next.description == "2026-W50")
        #expect(try IsoWeek(parsing: "2026-W53").next.description == "2027-W01")
        #expect(try IsoWeek(parsing: "2027-W01").previous.description == "2026-W53")
    }

    @Test(arguments: ["2026-W49", "2026-w49", "2026W49", " 2026-W49 "])
    func parsesWeekStrings(text: String) throws {
        let week = try IsoWeek(parsing: text)
        #expect(week.year == 2026 && week.week == 49)
    }

    @Test func acceptsWeek53OnlyInYearsThatHaveIt() throws {
        #expect(try IsoWeek(parsing: "2026-W53").monday == date("2026-12-28"))
        #expect(
            validationError { () throws(ValidationError) in try IsoWeek(parsing: "2025-W53") }
                == .outOfRange("week", min: 1, max: 52))
        #expect(
            validationError { () throws(ValidationError) in try IsoWeek(parsing: "2026-W54") }
                == .outOfRange("week", min: 1, max: 53))
        #expect(
            validationError { () throws(ValidationError) in try IsoWeek(parsing: "2026-W00") }?.kind
                == .outOfRange)
        #expect(
            validationError { () throws(ValidationError) in try LocalDate.mondayOf(isoWeek: 53, year: 2025) }?
                .kind == .outOfRange)
    }

    @Test(arguments: ["2026-49", "W49", "2026-W", "2026-W123", "26-W49", "2026-Wxx"])
    func rejectsMalformedWeekStrings(text: String) {
        #expect(
            validationError { () throws(ValidationError) in try IsoWeek(parsing: text) }?.kind
                == .invalidFormat)
    }

    @Test func codableAsString() throws {
        let data = try JSONEncoder().encode(try IsoWeek(year: 2026, week: 9))
        #expect(String(decoding: data, as: UTF8.self) == #""2026-W09""#)
        #expect(try JSONDecoder().decode(IsoWeek.self, from: data).week == 9)
    }
}
