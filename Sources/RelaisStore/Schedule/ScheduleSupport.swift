import Foundation
import RelaisCore

/// Repositories and use cases of `relais-schedule`: reference data, weekly demand, plan
/// versions, registrations, attendance. Plain rows in, plain records out; the solver lives
/// elsewhere (RelaisScheduling maps these records to a planning instance).
public enum ScheduleStore {}

/// The planning grid shared by the store and the instance builder: 30-minute grains from 08:00.
public enum ScheduleGrid {
    /// Minutes after midnight of grain 0.
    public static let dayStartMinute = 8 * 60
    /// Minutes per grain.
    public static let grainMinutes = 30
    /// Grains per day (08:00–20:00).
    public static let grainsPerDay = 24
    /// First afternoon grain (13:00).
    public static let middayGrain = 10
    /// Days planned per week, Monday = 0 … Saturday = 5.
    public static let days = 6

    /// Refuses a fixed day the planner does not plan (Sunday): stored, it would be dropped silently.
    public static func checkPlanned(_ weekday: Weekday, field: String = "day") throws(ValidationError) {
        guard weekday.rawValue < days else {
            throw .rule(field, .init(
                id: "day_outside_planned_week",
                en: "the planning covers Monday to Saturday (mon…sat); \(weekday.labelEN) cannot be planned",
                fr: "le planning couvre du lundi au samedi (mon…sat) ; \(weekday.labelFR) ne peut pas être planifié"))
        }
    }

    /// The same for a fixed day given by its number (Monday = 0).
    static func checkPlanned(fixed: (weekday: Int, minute: Int)?) throws {
        guard let fixed else { return }
        guard let day = Weekday(rawValue: fixed.weekday) else { throw ValidationError.outOfRange("day", min: 0, max: days - 1) }
        try checkPlanned(day)
    }

    /// The grain that starts at or after `minute` (opening times round inwards).
    public static func grainCeil(_ minute: Int) -> Int {
        let offset = minute - dayStartMinute
        return offset <= 0 ? 0 : min(grainsPerDay, (offset + grainMinutes - 1) / grainMinutes)
    }

    /// The grain that ends at or before `minute`.
    public static func grainFloor(_ minute: Int) -> Int {
        let offset = minute - dayStartMinute
        return offset <= 0 ? 0 : min(grainsPerDay, offset / grainMinutes)
    }

    /// Minutes after midnight when `grain` starts.
    public static func minute(ofGrain grain: Int) -> Int { dayStartMinute + grain * grainMinutes }

    /// How many grains `minutes` take, rounded up.
    public static func grains(forMinutes minutes: Int) -> Int { max(1, (minutes + grainMinutes - 1) / grainMinutes) }

    /// Whether `minute` is a grain boundary inside the planned day.
    public static func isOnGrid(_ minute: Int) -> Bool {
        minute >= dayStartMinute && minute <= Self.minute(ofGrain: grainsPerDay) && (minute - dayStartMinute) % grainMinutes == 0
    }
}

/// A usual weekly half-day: `mon-am`, `tue-pm`, …
public struct WeeklyHalfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let weekday: Weekday
    public let half: RelaisCore.HalfDay

    public init(weekday: Weekday, half: RelaisCore.HalfDay) {
        self.weekday = weekday
        self.half = half
    }

    /// Parses `mon-am`, `lundi-pm`, `tue am`, `mardi-après-midi`: the day, a `-`, space or `:`,
    /// then the half.
    public init(parsing text: String) throws(ValidationError) {
        let lowered = text.lowercased()
        guard let cut = lowered.firstIndex(where: { $0 == "-" || $0 == " " || $0 == ":" }) else {
            throw .invalidFormat("half_day", expected: "mon-am")
        }
        let weekday = try Weekday.parse(String(lowered[..<cut]))
        let half: RelaisCore.HalfDay
        switch lowered[lowered.index(after: cut)...].drop(while: { $0 == "-" || $0 == " " || $0 == ":" }) {
        case "am", "matin", "morning": half = .am
        case "pm", "apres-midi", "après-midi", "apres midi", "après midi", "afternoon", "aprem": half = .pm
        default: throw .invalidFormat("half_day", expected: "mon-am")
        }
        self.init(weekday: weekday, half: half)
    }

    /// Parses a comma-separated list; `weekdays` expands to Monday–Friday, both halves.
    public static func parseList(_ text: String) throws(ValidationError) -> [WeeklyHalfDay] {
        var out: [WeeklyHalfDay] = []
        for part in text.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            if item.lowercased() == "weekdays" || item.lowercased() == "semaine" {
                for day in Weekday.allCases.prefix(5) {
                    out.append(WeeklyHalfDay(weekday: day, half: .am))
                    out.append(WeeklyHalfDay(weekday: day, half: .pm))
                }
                continue
            }
            out.append(try WeeklyHalfDay(parsing: item))
        }
        return Array(Set(out)).sorted()
    }

    public var description: String { "\(weekday.labelEN.prefix(3).lowercased())-\(half.code)" }

    public static func < (a: WeeklyHalfDay, b: WeeklyHalfDay) -> Bool {
        (a.weekday.rawValue, a.half == .am ? 0 : 1) < (b.weekday.rawValue, b.half == .am ? 0 : 1)
    }
}

extension ScheduleStore {
    /// A refusal with a stable code and both languages (printed as one line, exit 1).
    static func refuse(_ code: String, en: String, fr: String) -> TransitionRefusal {
        TransitionRefusal(code: "schedule.\(code)", en: en, fr: fr)
    }

    static func parseEquipment(_ text: String?) -> Set<RoomEquipment> {
        Set((text ?? "").split(separator: ",").compactMap { RoomEquipment(rawValue: String($0).trimmingCharacters(in: .whitespaces)) })
    }

    static func equipmentText(_ set: Set<RoomEquipment>) -> String {
        set.map(\.code).sorted().joined(separator: ",")
    }

    static func date(_ row: Row, _ column: String) -> LocalDate? {
        row.string(column).flatMap { try? LocalDate(parsing: String($0.prefix(10))) }
    }

    /// Hours rows (weekday, start_minute, end_minute) as opening intervals.
    static func intervals(_ rows: [Row]) -> [OpeningInterval] {
        rows.compactMap { row in
            guard let day = row.int("weekday").flatMap({ Weekday(rawValue: Int($0)) }),
                let start = row.int("start_minute"), let end = row.int("end_minute")
            else { return nil }
            return try? OpeningInterval(weekday: day, startMinute: Int(start), endMinute: Int(end))
        }.sorted()
    }
}
