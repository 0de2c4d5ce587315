import Foundation
import RelaisCore
import RelaisStore

/// CSV rows (already split by the CLI's reader) to checked catalogue and staff entries.
/// Every problem names its line; nothing is stored unless every line is good.
package enum ReferenceImport {
    /// The catalogue columns, in the order `catalogue list --format csv` prints them.
    package static let workshopColumns = ["code", "title", "theme", "level", "duration_minutes", "capacity", "equipment"]
    /// The staff columns.
    package static let staffColumns = [
        "code", "first_name", "last_name", "role", "email", "contracted_hours", "max_hours_per_day", "skills", "sites", "available",
        "undesired",
    ]

    static func lineError(_ line: Int, _ error: any Error) -> TransitionRefusal {
        let en: String, fr: String
        switch error {
        case let e as RelaisCore.ValidationError: (en, fr) = (e.message(.en), e.message(.fr))
        case let e as TransitionRefusal: (en, fr) = (e.messageEN, e.messageFR)
        default: (en, fr) = ("\(error)", "\(error)")
        }
        return TransitionRefusal(code: "schedule.import_line", en: "line \(line): \(en)", fr: "ligne \(line) : \(fr)")
    }

    static func missingColumns(_ header: [String], _ wanted: [String], required: [String]) throws {
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw TransitionRefusal(
                code: "schedule.import_header",
                en: "line 1: missing column(s) \(missing.joined(separator: ", ")); expected: \(wanted.joined(separator: ","))",
                fr: "ligne 1 : colonne(s) manquante(s) \(missing.joined(separator: ", ")) ; attendu : \(wanted.joined(separator: ","))")
        }
    }

    static func list(_ text: String?) -> String { (text ?? "").replacingOccurrences(of: "|", with: ",") }

    /// Catalogue rows to workshops.
    package static func workshops(header: [String], rows: [(line: Int, values: [String: String])]) throws -> [(line: Int, workshop: Workshop)] {
        try missingColumns(header, workshopColumns, required: ["code", "title", "theme", "level", "duration_minutes", "capacity"])
        var seen: [String: Int] = [:]
        return try rows.map { line, values in
            do {
                let entry = try Workshop(
                    code: values["code"] ?? "", title: values["title"] ?? "", theme: try Theme.parse(values["theme"] ?? ""),
                    level: try WorkshopLevel.parse(values["level"] ?? ""),
                    durationMinutes: try number(values["duration_minutes"], field: "duration_minutes"),
                    capacity: try number(values["capacity"], field: "capacity"),
                    equipmentNeeded: Set(try RoomEquipment.parseList(list(values["equipment"]))))
                if let first = seen[entry.code] {
                    throw TransitionRefusal(
                        code: "schedule.import_duplicate", en: "code '\(entry.code)' already appears on line \(first)",
                        fr: "le code « \(entry.code) » figure déjà ligne \(first)")
                }
                seen[entry.code] = line
                return (line, entry)
            } catch {
                throw lineError(line, error)
            }
        }
    }

    /// Staff rows to members and their planning details.
    package static func staff(header: [String], rows: [(line: Int, values: [String: String])]) throws -> [(line: Int, member: StaffMember, details: StaffChanges)] {
        try missingColumns(header, staffColumns, required: ["code", "first_name", "last_name", "role"])
        var seen: [String: Int] = [:]
        return try rows.map { line, values in
            do {
                let role = try StaffRole.parse(values["role"] ?? "")
                let hours = try decimal(values["contracted_hours"], field: "contracted_hours") ?? 35
                let perDay = try decimal(values["max_hours_per_day"], field: "max_hours_per_day") ?? 7
                let member = try StaffMember(
                    code: values["code"] ?? "", firstName: values["first_name"] ?? "", lastName: values["last_name"] ?? "", role: role,
                    skills: Set(try Theme.parseList(list(values["skills"]))),
                    siteCodes: Set(list(values["sites"]).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
                    contractedMinutesPerWeek: Int((hours * 60).rounded()))
                let details = StaffChanges(
                    email: values["email"], maxMinutesPerDay: Int((perDay * 60).rounded()),
                    available: try WeeklyHalfDay.parseList(list(values["available"])),
                    undesired: try WeeklyHalfDay.parseList(list(values["undesired"])))
                if let first = seen[member.code] {
                    throw TransitionRefusal(
                        code: "schedule.import_duplicate", en: "code '\(member.code)' already appears on line \(first)",
                        fr: "le code « \(member.code) » figure déjà ligne \(first)")
                }
                seen[member.code] = line
                return (line, member, details)
            } catch {
                throw lineError(line, error)
            }
        }
    }

    /// Stores imported staff, all or nothing; a store refusal names its line.
    package static func store(staff entries: [(line: Int, member: StaffMember, details: StaffChanges)], in db: Database, actor: String) throws {
        try store(entries.map { ($0.line, ($0.member, $0.details)) }, in: db) { db, entry in
            try ScheduleStore.addStaff(db, entry.0, details: entry.1, actor: actor)
        }
    }

    /// Stores catalogue rows, all or nothing; a refusal (a code already in the catalogue) names its line.
    package static func store(workshops entries: [(line: Int, workshop: Workshop)], in db: Database, actor: String) throws {
        try store(entries.map { ($0.line, $0.workshop) }, in: db) { db, workshop in
            try ScheduleStore.addWorkshops(db, [workshop], actor: actor)
        }
    }

    /// Adds each entry in one transaction; the first refusal is reported with its entry's line.
    private static func store<Entry>(_ entries: [(line: Int, entry: Entry)], in db: Database, add: (Database, Entry) throws -> Void) throws {
        try db.transaction { db in
            for (line, entry) in entries {
                do {
                    try add(db, entry)
                } catch {
                    throw lineError(line, error)
                }
            }
        }
    }

    static func number(_ text: String?, field: String) throws(RelaisCore.ValidationError) -> Int {
        guard let text, let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw .invalidFormat(field, expected: "120")
        }
        return value
    }

    static func decimal(_ text: String?, field: String) throws(RelaisCore.ValidationError) -> Double? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")), value >= 0, value <= 48 else {
            throw .invalidFormat(field, expected: "35")
        }
        return value
    }
}
