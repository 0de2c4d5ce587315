import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

/// Parsing shared by the coordinator's commands; every parse error becomes one line and exit 1.
enum ScheduleParse {
    static func week(_ text: String) throws -> IsoWeek { try IsoWeek(parsing: text, field: "week") }

    static func date(_ text: String, field: String = "date") throws -> LocalDate { try LocalDate(parsing: text, field: field) }

    /// `mon 09:00-12:00, mon 13:30-17:00` (`;` also separates).
    static func hours(_ text: String) throws -> [OpeningInterval] {
        try text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { try OpeningInterval(parsing: $0.trimmingCharacters(in: .whitespaces)) }
    }

    /// A fixed day of the demand: a weekday the planner plans (Monday to Saturday; the store
    /// refuses Sunday too, `ScheduleGrid.checkPlanned`).
    static func plannedDay(_ text: String, field: String = "day") throws -> Weekday {
        let day = try Weekday.parse(text)
        try ScheduleGrid.checkPlanned(day, field: field)
        return day
    }

    /// `09:00-12:00` → (start, end) minutes.
    static func span(_ text: String) throws -> (Int, Int) {
        guard let (start, end) = try OpeningInterval.span(text), end > start else {
            throw RelaisCore.ValidationError.invalidFormat("time", expected: "09:00-12:00")
        }
        return (start, end)
    }

    /// A resident number: `123` or `#123`.
    static func resident(_ text: String) throws -> Int64 {
        let digits = text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "#"))
        guard let id = Int64(digits), id > 0 else {
            throw RelaisCore.ValidationError.invalidFormat("resident", expected: "123")
        }
        return id
    }

    /// Hours as a decimal (`35`, `24.5`, `7,5`) to minutes.
    static func hoursToMinutes(_ text: String, field: String) throws -> Int {
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value >= 0, value <= 48 else {
            throw RelaisCore.ValidationError.outOfRange(field, min: 0, max: 48)
        }
        return Int((value * 60).rounded())
    }
}

/// Small output helpers.
enum ScheduleOutput {
    static func hours(_ intervals: [OpeningInterval]) -> String { intervals.map(\.description).joined(separator: ", ") }

    /// Writes `text` to `path`, or to standard output when `path` is nil or `-`.
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            Terminal.write(text)
            return
        }
        do {
            try OutputFile.write(Data(text.utf8), to: path)
        } catch {
            throw CommandFailure(en: "cannot write \(path): \(error.localizedDescription)", fr: "impossible d’écrire \(path) : \(error.localizedDescription)")
        }
    }
}
