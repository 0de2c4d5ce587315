import Foundation
import RelaisCore
import RelaisPlanning
import RelaisScheduling
import RelaisStore
import RelaisTestSupport
import Testing

/// plan → publish → replan → publish on a real database, both backends.
@Suite struct WeekPlannerTests {
    static let week = try! IsoWeek(parsing: "2026-W49")

    static func town(_ db: Database) throws -> [String] {
        var hours: [OpeningInterval] = []
        for day in Weekday.allCases.prefix(5) {
            hours.append(try OpeningInterval(weekday: day, startMinute: 510, endMinute: 720))
            hours.append(try OpeningInterval(weekday: day, startMinute: 810, endMinute: 1050))
        }
        for site in ["mdh-a", "mdh-b"] {
            try ScheduleStore.addSite(db, try Site(code: site, name: site.uppercased(), kind: .mdh, neighbourhood: site, openingHours: hours), actor: "t")
            try ScheduleStore.addRoom(db, try Room(code: "\(site)-salle", siteCode: site, name: "Salle", capacity: 10, equipment: [.laptops]), actor: "t")
        }
        let weekdays = try WeeklyHalfDay.parseList("weekdays")
        for code in ["c-ana", "c-bob", "c-cyd"] {
            try ScheduleStore.addStaff(
                db, try StaffMember(code: code, firstName: code, lastName: "T", role: .conseiller, skills: [.bureautique, .email]),
                details: StaffChanges(maxMinutesPerDay: 420, available: weekdays), actor: "t")
        }
        try ScheduleStore.addWorkshops(
            db, [try Workshop(code: "tableur", title: "Le tableur", theme: .bureautique, level: .debutant, durationMinutes: 120, capacity: 8, equipmentNeeded: [.laptops])],
            actor: "t")
        try ScheduleStore.addPermanence(db, siteCode: "mdh-b", weekday: .thursday, startMinute: 540, durationMinutes: 180, skill: .email, actor: "t")
        var codes: [String] = []
        for n in 0..<6 {
            codes.append(try ScheduleStore.addWorkshopSession(db, week: week, workshopCode: "tableur", siteCode: n % 2 == 0 ? "mdh-a" : "mdh-b", actor: "t"))
        }
        return codes
    }

    static let options = SolverOptions(timeLimit: nil, iterations: 20_000, seed: 3)

    @Test(arguments: TestBackends.all)
    func planPublishReplanKeepsHeldSessionsAndRaisesSequences(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let codes = try Self.town(db)
            let first = try WeekPlanner.plan(db, week: Self.week, options: Self.options, actor: "coord")
            #expect(first.version == 1)
            #expect(first.result.evaluation.violations.isEmpty)
            #expect(first.result.plan.assignments.count == 7, "six workshops and the Thursday permanence")
            #expect(first.result.plan.assignments.contains { $0.day == 3 && $0.start == 2 && $0.room == "mdh-b-salle" })
            try ScheduleStore.publish(db, week: Self.week, actor: "coord")

            // One session is held already; a conseiller falls ill for the whole week.
            let held = codes[0]
            try db.execute("UPDATE sessions SET status = 'held' WHERE code = $1", [.text(held)])
            let heldBefore = try ScheduleStore.session(db, code: held)
            let ill = try #require(first.result.plan.assignments.first { $0.session != held && $0.conseiller != heldBefore.conseillerCode }?.conseiller)
            let outcome = try WeekPlanner.replan(
                db, week: Self.week, disruption: .absence(staffCode: ill, from: Self.week.monday, to: Self.week.monday.adding(days: 5), reason: "maladie"),
                options: Self.options, actor: "coord")
            #expect(outcome.version == 2)
            #expect(outcome.built.frozen.map(\.sessionCode) == [held])
            #expect(!outcome.result.plan.assignments.contains { $0.conseiller == ill })
            #expect(!outcome.changes.isEmpty)
            #expect(outcome.changes.allSatisfy { $0.sessionCode != held })
            #expect(outcome.changes.allSatisfy { $0.kind != .reassigned || $0.before?.conseillerCode == ill })
            let published = try ScheduleStore.publish(db, week: Self.week, actor: "coord")
            #expect(published.version == 2 && published.superseded == 1)
            #expect(Set(published.changedSessions) == Set(outcome.changes.filter { $0.kind != .cancelled }.map(\.sessionCode)))
            let heldAfter = try ScheduleStore.session(db, code: held)
            #expect(heldAfter.startsAt == heldBefore.startsAt && heldAfter.conseillerCode == heldBefore.conseillerCode && heldAfter.icsSequence == 0)
            // The ill conseiller's calendar keeps their sessions, now cancelled, one sequence higher.
            let feed = try ScheduleStore.calendar(db, feed: "conseiller", ownerCode: ill)
            #expect(!feed.entries.isEmpty)
            #expect(feed.entries.allSatisfy { $0.cancelled && $0.session.icsSequence >= 1 })
            // A closed room on Thursday moves the permanence? No: it is fixed at mdh-b, which has one room.
            let again = try WeekPlanner.replan(
                db, week: Self.week, disruption: .roomClosed(roomCode: "mdh-b-salle", on: Self.week.monday.adding(days: 3), reason: "travaux"),
                options: Self.options, actor: "coord")
            #expect(again.changes.contains { $0.kind == .cancelled && $0.after?.unassignedReason?.isEmpty == false })
            #expect(!again.result.plan.assignments.contains { $0.room == "mdh-b-salle" && $0.day == 3 })
        }
    }

    /// The store refuses a Sunday the planner would drop, whoever calls it.
    @Test(arguments: TestBackends.all)
    func aFixedSundayIsRefusedByTheStore(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            _ = try Self.town(db)
            let sessions = try db.scalar("SELECT count(*) FROM sessions").int
            let sunday = ValidationError.rule("day", .init(
                id: "day_outside_planned_week", en: "the planning covers Monday to Saturday (mon…sat); Sunday cannot be planned",
                fr: "le planning couvre du lundi au samedi (mon…sat) ; dimanche ne peut pas être planifié"))
            #expect(throws: sunday) {
                try ScheduleStore.addPermanence(db, siteCode: "mdh-a", weekday: .sunday, startMinute: 540, durationMinutes: 60, skill: nil, actor: "t")
            }
            #expect(throws: sunday) {
                try ScheduleStore.addSlot(db, week: Self.week, kind: .appointment, siteCode: "mdh-a", skill: nil, durationMinutes: 60, fixed: (6, 600), actor: "t")
            }
            #expect(throws: sunday) {
                try ScheduleStore.addWorkshopSession(db, week: Self.week, workshopCode: "tableur", siteCode: "mdh-a", fixed: (6, 600), actor: "t")
            }
            #expect(try db.scalar("SELECT count(*) FROM sessions").int == sessions)
            #expect(try db.scalar("SELECT count(*) FROM site_permanences").int == 1)
        }
    }

    @Test(arguments: TestBackends.all)
    func replanningAWeekNeverPublishedIsRefusedAndRecordsNothing(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            _ = try Self.town(db)
            let error = #expect(throws: TransitionRefusal.self) {
                try WeekPlanner.replan(db, week: Self.week, disruption: .absence(staffCode: "c-ana", from: Self.week.monday, to: Self.week.monday, reason: ""),
                                       options: Self.options, actor: "coord")
            }
            #expect(error?.code == "schedule.nothing_published")
            #expect(try db.scalar("SELECT count(*) FROM staff_absences").int == 0)
        }
    }

    @Test(arguments: TestBackends.all)
    func theScaledDemoWeekPlansWithoutBreakingAHardRule(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let summary = try ScaledWeekDemo(conseillers: 10, sites: 3, sessions: 60, permanences: 9, seed: 2).populate(db, week: Self.week)
            #expect(summary.sessions == 60 && summary.conseillers == 10 && summary.rooms == 7)
            let outcome = try WeekPlanner.plan(db, week: Self.week, options: SolverOptions(timeLimit: nil, iterations: 5_000, seed: 1), actor: "bench")
            #expect(outcome.built.instance.sessions.count == 60)
            #expect(outcome.result.evaluation.violations.isEmpty)
            #expect(outcome.result.plan.assignments.count + outcome.result.plan.unassigned.count == 60)
        }
    }
}
