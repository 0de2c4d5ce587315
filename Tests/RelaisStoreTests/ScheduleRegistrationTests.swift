import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct ScheduleRegistrationTests {
    @Test(arguments: TestBackends.all)
    func seatsThenNumberedWaitingListThenPromotion(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let session = try ScheduleFixture.populate(db)
            for n in 1...3 { #expect(try ScheduleStore.enrol(db, sessionCode: session, resident: Int64(n), actor: "desk") == .registered) }
            #expect(try ScheduleStore.enrol(db, sessionCode: session, resident: 4, actor: "desk") == .waitlisted(position: 1))
            #expect(try ScheduleStore.enrol(db, sessionCode: session, resident: 5, actor: "desk") == .waitlisted(position: 2))
            let promoted = try ScheduleStore.cancelEnrolment(db, sessionCode: session, resident: 2, actor: "desk")
            #expect(promoted == 4)
            let list = try ScheduleStore.registrations(db, sessionCode: session)
            #expect(list.filter { $0.status == .registered }.map(\.residentID).sorted() == [1, 3, 4])
            #expect(list.first { $0.residentID == 5 }?.waitlistPosition == 1)
            #expect(list.first { $0.residentID == 2 }?.status == .cancelled)
            // A cancelled resident coming back goes to the end of the line.
            #expect(try ScheduleStore.enrol(db, sessionCode: session, resident: 2, actor: "desk") == .waitlisted(position: 2))
        }
    }

    @Test(arguments: TestBackends.all)
    func enrollingTheSameResidentTwiceIsRefusedAndWritesNothing(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let session = try ScheduleFixture.populate(db)
            _ = try ScheduleStore.enrol(db, sessionCode: session, resident: 1, actor: "desk")
            let before = try db.scalar("SELECT count(*) FROM registrations").int
            let error = #expect(throws: TransitionRefusal.self) { try ScheduleStore.enrol(db, sessionCode: session, resident: 1, actor: "desk") }
            #expect(error?.code == "registration.already_registered")
            #expect(try db.scalar("SELECT count(*) FROM registrations").int == before)
        }
    }

    @Test(arguments: TestBackends.all)
    func unknownResidentOrSessionIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let session = try ScheduleFixture.populate(db)
            let a = #expect(throws: TransitionRefusal.self) { try ScheduleStore.enrol(db, sessionCode: session, resident: 999, actor: "desk") }
            #expect(a?.code == "schedule.unknown_resident")
            let b = #expect(throws: TransitionRefusal.self) { try ScheduleStore.enrol(db, sessionCode: "S-NOPE", resident: 1, actor: "desk") }
            #expect(b?.code == "schedule.unknown_session")
        }
    }

    @Test(arguments: TestBackends.all)
    func attendanceBeforeTheSessionIsRefusedThenCloseMakesACollectiveActivity(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let session = try ScheduleFixture.populate(db)
            let day = ScheduleFixture.week.monday.adding(days: 1)
            try ScheduleFixture.place(db, session: session, day: day, minute: 14 * 60)
            let enrolledAt = Date().addingTimeInterval(-1)
            for n in 1...3 { _ = try ScheduleStore.enrol(db, sessionCode: session, resident: Int64(n), actor: "desk") }
            // Enrolling is activity (the retention clock restarts) …
            func lastActivity(_ id: Int64) throws -> Date? { try db.scalar("SELECT last_activity_at FROM residents WHERE id = $1", [.integer(id)]).timestamp }
            for n in 1...3 { #expect(try lastActivity(Int64(n)).map { $0 >= enrolledAt } == true) }
            let longAgo = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
            try db.execute("UPDATE residents SET last_activity_at = $1 WHERE id IN (1, 2, 3)", [.timestamp(longAgo)])
            let before = ParisTime.instant(day, minute: 13 * 60)
            let early = #expect(throws: TransitionRefusal.self) {
                try ScheduleStore.recordAttendance(db, sessionCode: session, marks: [1: .present], walkins: [], now: before, actor: "c-ana")
            }
            #expect(early?.code == "schedule.session_not_held")
            #expect(try db.scalar("SELECT count(*) FROM registrations WHERE attendance IS NOT NULL").int == 0)
            let notHeld = #expect(throws: TransitionRefusal.self) { try ScheduleStore.closeSession(db, sessionCode: session, actor: "c-ana") }
            #expect(notHeld?.code == "schedule.session_not_held")

            let after = ParisTime.instant(day, minute: 17 * 60)
            let walkins = [
                try WalkinCount(parsing: "feminin:soixante_soixante_neuf:retraite=2"), try WalkinCount(parsing: "masculin::=1"),
            ]
            try ScheduleStore.recordAttendance(
                db, sessionCode: session, marks: [1: .present, 2: .excused, 3: .noShow], walkins: walkins, now: after, actor: "c-ana")
            // … and so is coming to the session, dated by its start (never later than now); an
            // excused or absent person's clock does not move.
            let start = ParisTime.instant(day, minute: 14 * 60)
            #expect(try lastActivity(1) == min(start, Date()) || (start > Date() && (try lastActivity(1) ?? longAgo) > longAgo))
            #expect(try lastActivity(2) == longAgo && (try lastActivity(3)) == longAgo)
            let stranger = #expect(throws: TransitionRefusal.self) {
                try ScheduleStore.recordAttendance(db, sessionCode: session, marks: [5: .present], walkins: [], now: after, actor: "c-ana")
            }
            #expect(stranger?.code == "schedule.not_registered")

            let id = try ScheduleStore.closeSession(db, sessionCode: session, actor: "c-ana")
            let row = try #require(try db.queryOne("SELECT activity_type, title, level, duration_minutes, place_type, day FROM accompaniments WHERE id = $1", [.integer(id)]))
            #expect(row.string("activity_type") == "collectif")
            #expect(row.string("title") == "Le tableur")
            #expect(row.string("level") == "debutant")
            #expect(row.int("duration_minutes") == 120)
            #expect(row.string("place_type") == "lieu_activite")
            #expect(row.string("day")?.prefix(10) == Substring(day.iso))
            #expect(try db.query("SELECT resident_id FROM accompaniment_participants WHERE accompaniment_id = $1", [.integer(id)]).compactMap { $0.int("resident_id") } == [1])
            #expect(try db.scalar("SELECT sum(count) FROM accompaniment_anonymous WHERE accompaniment_id = $1", [.integer(id)]).int == 3)
            #expect(try db.scalar("SELECT theme FROM accompaniment_themes WHERE accompaniment_id = $1", [.integer(id)]).string == "bureautique")
            #expect(try ScheduleStore.session(db, code: session).status == "closed")
            let twice = #expect(throws: TransitionRefusal.self) { try ScheduleStore.closeSession(db, sessionCode: session, actor: "c-ana") }
            #expect(twice?.code == "schedule.session_not_held")
            #expect(try db.scalar("SELECT count(*) FROM accompaniments").int == 1)
        }
    }

    @Test(arguments: TestBackends.all)
    func closingASessionNobodyCameToIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let session = try ScheduleFixture.populate(db)
            let day = ScheduleFixture.week.monday
            try ScheduleFixture.place(db, session: session, day: day, minute: 9 * 60)
            _ = try ScheduleStore.enrol(db, sessionCode: session, resident: 1, actor: "desk")
            try ScheduleStore.recordAttendance(db, sessionCode: session, marks: [1: .noShow], walkins: [], now: ParisTime.instant(day, minute: 12 * 60), actor: "c-ana")
            let error = #expect(throws: TransitionRefusal.self) { try ScheduleStore.closeSession(db, sessionCode: session, actor: "c-ana") }
            #expect(error?.code == "schedule.no_participant")
            #expect(try db.scalar("SELECT count(*) FROM accompaniments").int == 0)
        }
    }

    @Test(arguments: TestBackends.all)
    func twoConnectionsTakingTheLastSeatOneGetsItTheOtherWaits(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        let session: String
        do {
            let db = try test.openMigrated()
            session = try ScheduleFixture.populate(db)
            _ = try ScheduleStore.enrol(db, sessionCode: session, resident: 1, actor: "desk")
            _ = try ScheduleStore.enrol(db, sessionCode: session, resident: 2, actor: "desk")
        }
        // Two desks, each with its own connection, race for seat 3 from two threads.
        let results = ResultBox()
        let group = DispatchGroup()
        for resident in [Int64(3), 4] {
            group.enter()
            let location = test.location
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let db = try Database.openMigrated(location)
                    results.add(try ScheduleStore.enrol(db, sessionCode: session, resident: resident, actor: "desk-\(resident)"))
                } catch {
                    results.fail("\(error)")
                }
            }
        }
        group.wait()
        #expect(results.failures.isEmpty, "\(results.failures)")
        #expect(results.outcomes.filter { $0 == .registered }.count == 1)
        #expect(results.outcomes.filter { $0 == .waitlisted(position: 1) }.count == 1)
        let db = try test.open()
        #expect(try db.scalar("SELECT count(*) FROM registrations WHERE status = 'registered'").int == 3)
    }
}

/// Collects results from racing threads.
final class ResultBox: @unchecked Sendable {
    // Every access goes through `lock`.
    private let lock = NSLock()
    private var _outcomes: [EnrolmentResult] = []
    private var _failures: [String] = []
    func add(_ r: EnrolmentResult) { lock.withLock { _outcomes.append(r) } }
    func fail(_ f: String) { lock.withLock { _failures.append(f) } }
    var outcomes: [EnrolmentResult] { lock.withLock { _outcomes } }
    var failures: [String] { lock.withLock { _failures } }
}
