import Foundation

/// A calendar date without time or time zone (Gregorian), e.g. a deadline or a loan's due date.
///
/// Written `yyyy-mm-dd` in storage and JSON, `dd/mm/yyyy` for French readers.
public struct LocalDate: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    /// The year, 1900…2200.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31.
    public let day: Int

    /// The years Relais accepts in a date.
    public static let yearRange = 1900...2200

    /// Creates a date, checking that it exists (e.g. no 29 February 2026).
    ///
    /// - Parameter field: the field name used if the date is refused.
    public init(year: Int, month: Int, day: Int, field: String = "date") throws(ValidationError) {
        guard Self.yearRange.contains(year) else {
            throw .outOfRange(field, min: Self.yearRange.lowerBound, max: Self.yearRange.upperBound)
        }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else {
            throw .invalidFormat(field, expected: Self.expectedFormat)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-mm-dd` (ISO) or `dd/mm/yyyy` (French), surrounding blanks ignored.
    public init(parsing text: String, field: String = "date") throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .missing(field) }
        let parts: [Substring]
        let order: (year: Int, month: Int, day: Int)
        if trimmed.contains("-") {
            parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            order = (0, 1, 2)
            guard parts.count == 3, parts[0].count == 4 else {
                throw .invalidFormat(field, expected: Self.expectedFormat)
            }
        } else {
            parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            order = (2, 1, 0)
            guard parts.count == 3, parts[2].count == 4 else {
                throw .invalidFormat(field, expected: Self.expectedFormat)
            }
        }
        guard parts.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[order.year]), let month = Int(parts[order.month]),
            let day = Int(parts[order.day])
        else {
            throw .invalidFormat(field, expected: Self.expectedFormat)
        }
        try self.init(year: year, month: month, day: day, field: field)
    }

    /// The calendar date of `date` in `timeZone`, through Foundation's calendar (the programs use
    /// `ParisTime.today`; tests use this as an independent reference). No default zone: the
    /// machine's is never the town's.
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// A date already known to exist (from arithmetic on a valid date).
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Examples of the accepted formats, for messages.
    static let expectedFormat = "2026-12-04 or 04/12/2026"

    /// `yyyy-mm-dd`.
    public var iso: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    /// `dd/mm/yyyy`, as French spreadsheets expect.
    public var french: String {
        Self.pad(day, 2) + "/" + Self.pad(month, 2) + "/" + Self.pad(year, 4)
    }

    /// The ISO form, `yyyy-mm-dd`.
    public var description: String { iso }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The UTC day holding `unixSeconds` (seconds since 1970-01-01T00:00:00Z).
    public init(unixSeconds: Int64) {
        self = Self.split(unixSeconds: unixSeconds).day
    }

    /// The UTC day holding `unixSeconds` and the second within it (0 to 86,399).
    public static func split(unixSeconds: Int64) -> (day: LocalDate, second: Int) {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        return (LocalDate(daysSinceEpoch: Int(days)), Int(unixSeconds - days * 86_400))
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The same day `months` months later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        return LocalDate(
            unchecked: newYear, newMonth, min(day, Self.daysIn(month: newMonth, year: newYear)))
    }

    /// The number of days from `other` to this date (positive when this date is later).
    public func days(since other: LocalDate) -> Int { daysSinceEpoch - other.daysSinceEpoch }

    /// The day of the week.
    public var weekday: Weekday {
        Weekday(rawValue: ((daysSinceEpoch + 3) % 7 + 7) % 7)!
    }

    /// The day of the year, 1…366.
    public var dayOfYear: Int {
        days(since: LocalDate(unchecked: year, 1, 1)) + 1
    }

    /// The ISO 8601 week this date belongs to (its year may differ from `year` near 1 January).
    public var isoWeek: IsoWeek {
        let thursday = adding(days: 3 - weekday.rawValue)
        return IsoWeek(unchecked: thursday.year, (thursday.dayOfYear - 1) / 7 + 1)
    }

    /// The Monday of ISO week `isoWeek` of `year`.
    ///
    /// - Throws: `.outOfRange` when the year has no such week (e.g. week 53 of 2025).
    public static func mondayOf(isoWeek: Int, year: Int) throws(ValidationError) -> LocalDate {
        try IsoWeek(year: year, week: isoWeek).monday
    }

    /// Whether `year` has 366 days.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Orders chronologically.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Written as its text (`TextCodable`).
    public var codableText: String { iso }

    /// Parses `yyyy-mm-dd` or `dd/mm/yyyy` (errors name the field `date`).
    public init(parsing text: String) throws(ValidationError) { try self.init(parsing: text, field: "date") }

    /// Zero-padded decimal (`String(format:)` is slow on hot paths such as the demo generator).
    package static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// An ISO 8601 week (`2026-W49`): weeks start on Monday, week 1 holds the year's first Thursday.
public struct IsoWeek: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    /// The ISO week-numbering year.
    public let year: Int
    /// The week number, 1…52 or 53.
    public let week: Int

    /// Creates a week, checking that the year has it.
    public init(year: Int, week: Int, field: String = "week") throws(ValidationError) {
        guard LocalDate.yearRange.contains(year) else {
            throw .outOfRange(field, min: LocalDate.yearRange.lowerBound, max: LocalDate.yearRange.upperBound)
        }
        let weeks = Self.weeksIn(year: year)
        guard (1...weeks).contains(week) else { throw .outOfRange(field, min: 1, max: weeks) }
        self.year = year
        self.week = week
    }

    init(unchecked year: Int, _ week: Int) {
        self.year = year
        self.week = week
    }

    /// Parses `2026-W49` (also `2026-w49`, `2026W49`); rejects weeks the year does not have.
    public init(parsing text: String, field: String = "week") throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if trimmed.isEmpty { throw .missing(field) }
        let parts = trimmed.split(separator: "W", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidFormat(field, expected: "2026-W49") }
        var yearPart = parts[0]
        if yearPart.hasSuffix("-") { yearPart = yearPart.dropLast() }
        let weekPart = parts[1]
        guard yearPart.count == 4, yearPart.allSatisfy(\.isASCIIDigit),
            (1...2).contains(weekPart.count), weekPart.allSatisfy(\.isASCIIDigit),
            let year = Int(yearPart), let week = Int(weekPart)
        else {
            throw .invalidFormat(field, expected: "2026-W49")
        }
        try self.init(year: year, week: week, field: field)
    }

    /// 53 when the year starts on a Thursday (or on a Wednesday in a leap year), else 52.
    public static func weeksIn(year: Int) -> Int {
        let first = Self.januaryFirst(of: year).weekday
        if first == .thursday || (LocalDate.isLeap(year) && first == .wednesday) { return 53 }
        return 52
    }

    private static func januaryFirst(of year: Int) -> LocalDate {
        LocalDate(unchecked: year, 1, 1)
    }

    /// The Monday that starts this week.
    public var monday: LocalDate {
        let january4 = Self.januaryFirst(of: year).adding(days: 3)
        return january4.adding(days: -january4.weekday.rawValue + 7 * (week - 1))
    }

    /// The seven days of this week, Monday first.
    public var days: [LocalDate] { (0..<7).map { monday.adding(days: $0) } }

    /// The following week.
    public var next: IsoWeek { monday.adding(days: 7).isoWeek }

    /// The preceding week.
    public var previous: IsoWeek { monday.adding(days: -7).isoWeek }

    /// `2026-W49`.
    public var description: String { "\(LocalDate.pad(year, 4))-W\(LocalDate.pad(week, 2))" }

    /// Orders chronologically.
    public static func < (lhs: IsoWeek, rhs: IsoWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    /// Written as its text (`TextCodable`).
    public var codableText: String { description }

    /// Parses `2026-W49` (errors name the field `week`).
    public init(parsing text: String) throws(ValidationError) { try self.init(parsing: text, field: "week") }
}

extension Character {
    /// Whether this is one of `0`…`9` (not other Unicode digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
