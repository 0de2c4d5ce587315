import Foundation
import RelaisCore
import RelaisStore

/// A small town for schedule tests: one site with two rooms, two conseillers, a workshop of
/// three seats, five residents, and a session of that workshop in 2026-W49.
enum ScheduleFixture {
    static let week = try! IsoWeek(parsing: "2026-W49")

    @discardableResult
    static func populate(_ db: Database) throws -> String {
        var hours: [OpeningInterval] = []
        for day in Weekday.allCases.prefix(5) {
            hours.append(try OpeningInterval(weekday: day, startMinute: 510, endMinute: 720))
            hours.append(try OpeningInterval(weekday: day, startMinute: 810, endMinute: 1050))
        }
        try ScheduleStore.addSite(db, try Site(code: "mdh-a", name: "MDH A", kind: .mdh, neighbourhood: "sud", openingHours: hours), actor: "test")
        try ScheduleStore.addRoom(db, try Room(code: "mdh-a-salle", siteCode: "mdh-a", name: "Salle", capacity: 10, equipment: [.laptops, .projector]), actor: "test")
        try ScheduleStore.addRoom(db, try Room(code: "mdh-a-bureau", siteCode: "mdh-a", name: "Bureau", capacity: 2), actor: "test")
        let weekdays = try WeeklyHalfDay.parseList("weekdays")
        for (code, first, skills) in [("c-ana", "Ana", [Theme.bureautique, .email]), ("c-bob", "Bob", [.bureautique])] {
            try ScheduleStore.addStaff(
                db, try StaffMember(code: code, firstName: first, lastName: "Test", role: .conseiller, skills: Set(skills), siteCodes: ["mdh-a"]),
                details: StaffChanges(maxMinutesPerDay: 420, available: weekdays), actor: "test")
        }
        try ScheduleStore.addWorkshops(
            db, [try Workshop(code: "tableur", title: "Le tableur", theme: .bureautique, level: .debutant, durationMinutes: 120, capacity: 3, equipmentNeeded: [.laptops])],
            actor: "test")
        for n in 1...5 {
            try db.execute(
                """
                INSERT INTO residents (id, kind, first_name, created_at, created_by, last_activity_at)
                VALUES ($1, 'followed', $2, $3, 'test', $3)
                """, [.integer(Int64(n)), .text("Personne \(n)"), .timestamp(Date())])
        }
        return try ScheduleStore.addWorkshopSession(db, week: week, workshopCode: "tableur", siteCode: "mdh-a", actor: "test")
    }

    /// Places a session at a given local time, as a published plan would.
    static func place(_ db: Database, session: String, day: LocalDate, minute: Int) throws {
        try db.execute(
            """
            UPDATE sessions SET starts_at = $1, conseiller_id = (SELECT id FROM staff WHERE code = 'c-ana'),
                room_id = (SELECT id FROM rooms WHERE code = 'mdh-a-salle') WHERE code = $2
            """, [.timestamp(ParisTime.instant(day, minute: minute)), .text(session)])
    }
}
