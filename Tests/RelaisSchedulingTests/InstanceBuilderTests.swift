import Foundation
import RelaisCore
import RelaisPlanning
import RelaisScheduling
@testable import RelaisStore
import Testing

/// The pure mapping from database records to a planning instance.
@Suite struct InstanceBuilderTests {
    static let week = try! IsoWeek(parsing: "2026-W49")  // Monday 2026-11-30

    static func hours(_ days: [Weekday], _ spans: [(Int, Int)]) -> [OpeningInterval] {
        days.flatMap { d in spans.map { try! OpeningInterval(weekday: d, startMinute: $0.0, endMinute: $0.1) } }
    }

    static func snapshot(
        sessions: [SessionRecord], absences: [AbsenceRecord] = [], holidays: [LocalDate] = [],
        closures: [(roomCode: String, day: LocalDate)] = [], anchors: [SeriesPlacement] = [], baseline: [PlanLine]? = nil
    ) -> WeekSnapshot {
        let weekdays = Array(Weekday.allCases.prefix(5))
        let site = SiteRecord(id: 1, code: "mdh-a", name: "MDH A", kind: .mdh, neighbourhood: "sud", address: "", active: true,
                              hours: hours(weekdays, [(510, 720), (810, 1050)]))
        let room = RoomRecord(id: 1, code: "salle", siteID: 1, siteCode: "mdh-a", name: "Salle", capacity: 10, equipment: [.laptops],
                              active: true, hours: hours(weekdays, [(480, 720), (810, 1200)]))
        let all = weekdays.flatMap { [WeeklyHalfDay(weekday: $0, half: .am), WeeklyHalfDay(weekday: $0, half: .pm)] }
        let ana = StaffRecord(id: 1, code: "c-ana", firstName: "Ana", lastName: "T", role: .conseiller, email: nil, contractedMinutesPerWeek: 2100,
                              maxMinutesPerDay: 420, active: true, skills: [.bureautique], siteCodes: ["mdh-a"], available: all,
                              undesired: [WeeklyHalfDay(weekday: .wednesday, half: .pm)])
        var bob = ana
        bob.id = 2
        bob.code = "c-bob"
        bob.contractedMinutesPerWeek = 1050
        bob.available = [WeeklyHalfDay(weekday: .monday, half: .am)]
        bob.undesired = []
        return WeekSnapshot(week: week, sites: [site], rooms: [room], conseillers: [ana, bob], absences: absences, holidays: holidays,
                            roomClosures: closures, sessions: sessions, anchors: anchors, baseline: baseline)
    }

    static func session(_ code: String, minutes: Int = 120, status: String = "planned", locked: Bool = false, series: String? = nil,
                        placedAt: (LocalDate, Int)? = nil, fixed: (Int, Int)? = nil) -> SessionRecord {
        SessionRecord(
            id: 1, code: code, kind: .workshop, workshopCode: "tableur", title: "Le tableur", skill: "bureautique", level: .debutant,
            equipment: [.laptops], seriesID: nil, seriesCode: series, seriesIndex: nil, week: week.description, siteCode: "mdh-a",
            siteRequired: false, roomCode: placedAt == nil ? nil : "salle", conseillerCode: placedAt == nil ? nil : "c-ana",
            startsAt: placedAt.map { ParisTime.instant($0.0, minute: $0.1) }, durationMinutes: minutes, capacity: 8, status: status,
            locked: locked, priority: 1, fixedWeekday: fixed?.0, fixedStartMinute: fixed?.1, icsSequence: 0)
    }

    @Test func availabilityIsUsualHalfDaysMinusAbsencesAndHolidays() {
        let monday = Self.week.monday
        let built = InstanceBuilder.build(Self.snapshot(
            sessions: [Self.session("s1")],
            absences: [AbsenceRecord(id: 1, staffCode: "c-ana", start: monday.adding(days: 1), end: monday.adding(days: 2), reason: "")],
            holidays: [monday.adding(days: 4)]))
        let i = built.instance
        #expect(Validator.issues(in: i).isEmpty)
        let ana = i.conseillers.first { $0.id == "c-ana" }!
        #expect(Set(ana.available.map(\.day)) == [0, 3], "Tuesday and Wednesday absent, Friday a holiday")
        #expect(ana.available.allSatisfy { $0.start == 0 && $0.end == 24 })
        #expect(ana.maxGrainsPerDay == 14 && ana.maxGrainsPerWeek == 70)
        #expect(ana.undesired == [RelaisPlanning.HalfDay(day: 2, half: .pm)])
        let bob = i.conseillers.first { $0.id == "c-bob" }!
        #expect(bob.available == [Interval(day: 0, start: 0, end: 10)])
        // Targets share the demand (4 grains) in proportion to contracts (70 : 35).
        #expect(ana.targetGrains == 3 && bob.targetGrains == 1)
        // Rooms: within the site's hours, closed on the holiday.
        let room = i.rooms[0]
        #expect(!room.open.contains { $0.day == 4 })
        #expect(room.open.contains(Interval(day: 0, start: 1, end: 8)))
        #expect(room.open.contains(Interval(day: 0, start: 11, end: 19)), "room open till 20:00 but the site closes at 17:30")
        #expect(i.sessions == [RelaisPlanning.Session(
            id: "s1", kind: .workshop, duration: 4, skill: "bureautique", attendees: 8, equipment: ["laptops"], sites: [],
            preferredSites: ["mdh-a"], fixed: nil, priority: 1, series: nil, anchor: nil)])
        #expect(i.neighbourhoods.map(\.id) == ["sud"])
    }

    @Test func frozenSessionsStayOutAndTheirTimeIsCarvedOut() {
        let tuesday = Self.week.monday.adding(days: 1)
        let held = Self.session("held", status: "held", placedAt: (tuesday, 14 * 60))
        let built = InstanceBuilder.build(Self.snapshot(sessions: [held, Self.session("s2")]))
        #expect(built.instance.sessions.map(\.id) == ["s2"])
        #expect(built.frozen == [PlanLine(sessionCode: "held", conseillerCode: "c-ana", roomCode: "salle", day: 1, startGrain: 12, unassignedReason: nil)])
        let ana = built.instance.conseillers.first { $0.id == "c-ana" }!
        #expect(ana.available.filter { $0.day == 1 } == [Interval(day: 1, start: 0, end: 12), Interval(day: 1, start: 16, end: 24)])
        #expect(ana.maxGrainsPerWeek == 66)
        #expect(built.instance.rooms[0].open.filter { $0.day == 1 } == [Interval(day: 1, start: 1, end: 8), Interval(day: 1, start: 11, end: 12), Interval(day: 1, start: 16, end: 19)])
    }

    @Test func closuresFixedTimesAnchorsAndBaselineAreMapped() {
        let wednesday = Self.week.monday.adding(days: 2)
        let built = InstanceBuilder.build(Self.snapshot(
            sessions: [Self.session("series-3", series: "asso-1"), Self.session("perm", fixed: (3, 9 * 60))],
            closures: [(roomCode: "salle", day: wednesday)],
            anchors: [SeriesPlacement(seriesCode: "asso-1", conseillerCode: "c-ana", weekday: 1, startMinute: 14 * 60)],
            baseline: [
                PlanLine(sessionCode: "perm", conseillerCode: "c-bob", roomCode: "salle", day: 3, startGrain: 2, unassignedReason: nil),
                PlanLine(sessionCode: "gone", conseillerCode: "c-bob", roomCode: "salle", day: 3, startGrain: 2, unassignedReason: nil),
            ]))
        let i = built.instance
        #expect(Validator.issues(in: i).isEmpty)
        #expect(!i.rooms[0].open.contains { $0.day == 2 })
        #expect(i.sessions.first { $0.id == "series-3" }?.anchor == Anchor(conseiller: "c-ana", day: 1, start: 12))
        #expect(i.sessions.first { $0.id == "perm" }?.fixed == FixedTime(day: 3, start: 2))
        #expect(i.baseline == [Assignment(session: "perm", conseiller: "c-bob", room: "salle", day: 3, start: 2)])
    }

    @Test func theDifferenceSaysMovedReassignedCancelled() {
        func line(_ s: String, _ c: String?, _ day: Int?) -> PlanLine {
            PlanLine(sessionCode: s, conseillerCode: c, roomCode: c == nil ? nil : "salle", day: day, startGrain: day == nil ? nil : 2, unassignedReason: nil)
        }
        let before = [line("a", "c-ana", 0), line("b", "c-ana", 1), line("c", "c-ana", 2), line("d", "c-bob", 3)]
        let after = [line("a", "c-ana", 0), line("b", "c-ana", 4), line("c", "c-bob", 2), line("d", nil, nil)]
        let changes = WeekPlanner.diff(before: before, after: after, titles: [:])
        #expect(changes.map(\.kind) == [.moved, .reassigned, .cancelled])
        #expect(changes.map(\.sessionCode) == ["b", "c", "d"])
    }
}
