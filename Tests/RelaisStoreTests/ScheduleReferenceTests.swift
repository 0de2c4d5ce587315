import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct ScheduleReferenceTests {
    /// Half-days in English codes and in French words, the afternoon with its own hyphen.
    @Test func halfDaysReadInBothLanguages() throws {
        for (text, expected) in [("mon-am", "mon-am"), ("tue pm", "tue-pm"), ("lundi-matin", "mon-am"), ("mardi-après-midi", "tue-pm"),
                                 ("Mardi après-midi", "tue-pm"), ("mercredi-apres-midi", "wed-pm"), ("jeudi:aprem", "thu-pm"), ("tue  pm", "tue-pm"), ("mon--am", "mon-am")] {
            #expect(try WeeklyHalfDay(parsing: text).description == expected, "\(text)")
        }
        for bad in ["mon", "mon-", "mon-soir", "lundi-après", "xyz-am"] {
            #expect(throws: ValidationError.self, "\(bad)") { try WeeklyHalfDay(parsing: bad) }
        }
    }

    @Test(arguments: TestBackends.all)
    func sitesRoomsStaffAndCatalogueRoundTrip(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try ScheduleFixture.populate(db)
            let site = try ScheduleStore.site(db, code: "MDH-A")
            #expect(site.neighbourhood == "sud")
            #expect(site.hours.count == 10)
            let rooms = try ScheduleStore.rooms(db, siteCode: "mdh-a")
            #expect(rooms.map(\.code) == ["mdh-a-bureau", "mdh-a-salle"])
            #expect(rooms[1].equipment == [.laptops, .projector])
            #expect(rooms[0].hours == site.hours, "a room without hours takes its site's")
            let ana = try ScheduleStore.staffMember(db, code: "c-ana")
            #expect(Set(ana.skills) == [.bureautique, .email])
            #expect(ana.available.count == 10)
            try ScheduleStore.editStaff(
                db, code: "c-ana", changes: StaffChanges(contractedMinutesPerWeek: 24 * 60, undesired: [try WeeklyHalfDay(parsing: "wed-pm")]), actor: "coord")
            let edited = try ScheduleStore.staffMember(db, code: "c-ana")
            #expect(edited.contractedMinutesPerWeek == 1440)
            #expect(edited.undesired.map(\.description) == ["wed-pm"])
            #expect(edited.available.count == 10, "an edit keeps what it does not change")
            try ScheduleStore.editRoom(db, code: "mdh-a-salle", name: nil, capacity: 12, equipment: nil, hours: nil, actor: "coord")
            #expect(try ScheduleStore.room(db, code: "mdh-a-salle").capacity == 12)
            #expect(try ScheduleStore.workshop(db, code: "tableur").capacity == 3)
        }
    }

    @Test(arguments: TestBackends.all)
    func retiredStaffAreRefusedForAbsencesAndSeries(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try ScheduleFixture.populate(db)
            try ScheduleStore.retireStaff(db, code: "c-bob", actor: "coord")
            let day = ScheduleFixture.week.monday
            let retired = #expect(throws: TransitionRefusal.self) {
                try ScheduleStore.addAbsence(db, staffCode: "c-bob", from: day, to: day, reason: "", actor: "coord")
            }
            #expect(retired?.code == "schedule.retired_staff")
            let unknown = #expect(throws: TransitionRefusal.self) {
                try ScheduleStore.addAbsence(db, staffCode: "c-zed", from: day, to: day, reason: "", actor: "coord")
            }
            #expect(unknown?.code == "schedule.unknown_staff")
            #expect(try ScheduleStore.staff(db).map(\.code) == ["c-ana"])
            #expect(try db.scalar("SELECT count(*) FROM staff_absences").int == 0)
        }
    }

    @Test(arguments: TestBackends.all)
    func anOverlappingAbsenceIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try ScheduleFixture.populate(db)
            let monday = ScheduleFixture.week.monday
            try ScheduleStore.addAbsence(db, staffCode: "c-ana", from: monday, to: monday.adding(days: 2), reason: "congés", actor: "coord")
            let error = #expect(throws: TransitionRefusal.self) {
                try ScheduleStore.addAbsence(db, staffCode: "c-ana", from: monday.adding(days: 2), to: monday.adding(days: 4), reason: "", actor: "coord")
            }
            #expect(error?.code == "schedule.absence_overlap")
            #expect(error?.messageEN.contains("overlaps") == true)
            // Adjacent is fine.
            try ScheduleStore.addAbsence(db, staffCode: "c-ana", from: monday.adding(days: 3), to: monday.adding(days: 4), reason: "", actor: "coord")
            #expect(try ScheduleStore.absences(db, staffCode: "c-ana").count == 2)
            let backwards = #expect(throws: TransitionRefusal.self) {
                try ScheduleStore.addAbsence(db, staffCode: "c-bob", from: monday.adding(days: 2), to: monday, reason: "", actor: "coord")
            }
            #expect(backwards?.code == "schedule.absence_dates")
        }
    }

    @Test(arguments: TestBackends.all)
    func aWorkshopNoRoomCanSeatIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try ScheduleFixture.populate(db)
            let before = try db.scalar("SELECT count(*) FROM sessions").int
            let error = #expect(throws: TransitionRefusal.self) {
                try ScheduleStore.addWorkshopSession(db, week: ScheduleFixture.week, workshopCode: "tableur", siteCode: "mdh-a", capacity: 15, actor: "coord")
            }
            #expect(error?.code == "schedule.room_too_small")
            #expect(error?.messageEN.contains("largest: 10 seats") == true)
            #expect(try db.scalar("SELECT count(*) FROM sessions").int == before)
        }
    }

    @Test(arguments: TestBackends.all)
    func publishingWithoutADraftIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try ScheduleFixture.populate(db)
            let error = #expect(throws: TransitionRefusal.self) { try ScheduleStore.publish(db, week: ScheduleFixture.week, actor: "coord") }
            #expect(error?.code == "schedule.no_draft")
            #expect(try db.scalar("SELECT count(*) FROM plans").int == 0)
        }
    }

    @Test(arguments: TestBackends.all)
    func draftsAreReplacedAndPublishedVersionsNumberedAndKept(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let session = try ScheduleFixture.populate(db)
            let week = ScheduleFixture.week
            func line(_ day: Int) -> PlanLine {
                PlanLine(sessionCode: session, conseillerCode: "c-ana", roomCode: "mdh-a-salle", day: day, startGrain: 12, unassignedReason: nil)
            }
            #expect(try ScheduleStore.saveDraft(db, week: week, lines: [line(0)], hard: 0, soft: 1, terms: "{}", basedOn: nil, note: "", actor: "c") == 1)
            #expect(try ScheduleStore.saveDraft(db, week: week, lines: [line(1)], hard: 0, soft: 2, terms: "{}", basedOn: nil, note: "", actor: "c") == 1)
            let first = try ScheduleStore.publish(db, week: week, actor: "c")
            #expect(first.version == 1)
            #expect(first.changedSessions.isEmpty, "a first publication changes no calendar event")
            let placed = try ScheduleStore.session(db, code: session)
            #expect(placed.local?.day == week.monday.adding(days: 1))
            #expect(placed.local?.minute == 14 * 60)
            #expect(placed.icsSequence == 0)
            #expect(try ScheduleStore.saveDraft(db, week: week, lines: [line(2)], hard: 0, soft: 3, terms: "{}", basedOn: 1, note: "", actor: "c") == 2)
            let second = try ScheduleStore.publish(db, week: week, actor: "c")
            #expect(second.version == 2 && second.superseded == 1)
            #expect(second.changedSessions == [session])
            #expect(try ScheduleStore.session(db, code: session).icsSequence == 1)
            #expect(try ScheduleStore.planVersions(db, week: week).map(\.status) == ["published", "superseded"])
            // Unplaced in a new version: the published session is cancelled, its sequence raised.
            let unplaced = PlanLine(sessionCode: session, conseillerCode: nil, roomCode: nil, day: nil, startGrain: nil, unassignedReason: "no room")
            try ScheduleStore.saveDraft(db, week: week, lines: [unplaced], hard: 0, soft: 4000, terms: "{}", basedOn: 2, note: "", actor: "c")
            let third = try ScheduleStore.publish(db, week: week, actor: "c")
            #expect(third.cancelledSessions == [session])
            let cancelled = try ScheduleStore.session(db, code: session)
            #expect(cancelled.status == "cancelled" && cancelled.icsSequence == 2)
            let feed = try ScheduleStore.calendar(db, feed: "conseiller", ownerCode: "c-ana")
            #expect(feed.entries.count == 1 && feed.entries[0].cancelled)
        }
    }
}
