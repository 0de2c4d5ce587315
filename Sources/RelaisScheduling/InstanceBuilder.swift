import Foundation
import RelaisCore
import RelaisPlanning
import RelaisStore

/// Everything the database says about one week, as plain records: the input of `InstanceBuilder`.
package struct WeekSnapshot: Sendable {
    package var week: IsoWeek
    package var sites: [SiteRecord]
    package var rooms: [RoomRecord]
    /// Active conseillers.
    package var conseillers: [StaffRecord]
    package var absences: [AbsenceRecord]
    package var holidays: [LocalDate]
    package var roomClosures: [(roomCode: String, day: LocalDate)]
    /// The week's sessions, cancelled ones left out.
    package var sessions: [SessionRecord]
    /// Last week's placement of each series.
    package var anchors: [SeriesPlacement]
    /// The published plan being repaired (re-planning), if any.
    package var baseline: [PlanLine]?

    package init(
        week: IsoWeek, sites: [SiteRecord], rooms: [RoomRecord], conseillers: [StaffRecord], absences: [AbsenceRecord] = [],
        holidays: [LocalDate] = [], roomClosures: [(roomCode: String, day: LocalDate)] = [], sessions: [SessionRecord],
        anchors: [SeriesPlacement] = [], baseline: [PlanLine]? = nil
    ) {
        self.week = week
        self.sites = sites
        self.rooms = rooms
        self.conseillers = conseillers
        self.absences = absences
        self.holidays = holidays
        self.roomClosures = roomClosures
        self.sessions = sessions
        self.anchors = anchors
        self.baseline = baseline
    }
}

/// A planning instance built from a week, with the sessions kept out of the solver's reach.
package struct BuiltWeek: Sendable {
    package var instance: Instance
    /// Held, closed or locked sessions: they keep their placement; their time is carved out of
    /// their conseiller's availability and their room's opening.
    package var frozen: [PlanLine]
    /// Sessions of the week the solver does not see (not placed, yet frozen), with why.
    package var notes: [String]
}

/// The pure mapping from database records to a `relais-schedule-instance/1`.
///
/// - availability: the conseiller's usual half-days, minus public holidays, absences and the
///   time of frozen sessions;
/// - room opening: room hours within the site's hours, minus holidays, closures and frozen sessions;
/// - anchors: last week's placement of the same association series;
/// - baseline: the published plan, when re-planning.
package enum InstanceBuilder {
    package static func build(_ week: WeekSnapshot) -> BuiltWeek {
        let days = ScheduleGrid.days, grains = ScheduleGrid.grainsPerDay
        let dates = (0..<days).map { week.week.monday.adding(days: $0) }
        let holidays = Set(week.holidays)
        var notes: [String] = []

        // Frozen sessions: their placement, as grains.
        var frozen: [PlanLine] = []
        var busyConseiller: [String: [[Bool]]] = [:]
        var busyRoom: [String: [[Bool]]] = [:]
        var frozenLoad: [String: Int] = [:]
        func empty() -> [[Bool]] { Array(repeating: Array(repeating: false, count: grains), count: days) }
        for session in week.sessions where session.isFrozen {
            guard let local = session.local, let conseiller = session.conseillerCode, let room = session.roomCode,
                let day = dates.firstIndex(of: local.day)
            else {
                notes.append("\(session.code): held or locked but not placed this week; left out")
                continue
            }
            let start = ScheduleGrid.grainFloor(local.minute)
            let end = min(grains, start + ScheduleGrid.grains(forMinutes: session.durationMinutes))
            frozen.append(PlanLine(sessionCode: session.code, conseillerCode: conseiller, roomCode: room, day: day, startGrain: start, unassignedReason: nil))
            frozenLoad[conseiller, default: 0] += ScheduleGrid.grains(forMinutes: session.durationMinutes)
            for g in start..<max(start, end) {
                busyConseiller[conseiller, default: empty()][day][g] = true
                busyRoom[room, default: empty()][day][g] = true
            }
        }

        // Sites and neighbourhoods.
        let siteByCode = Dictionary(week.sites.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func neighbourhood(_ site: SiteRecord) -> String { site.neighbourhood.isEmpty ? site.code : site.neighbourhood }
        let sites = week.sites.map { RelaisPlanning.Site(id: $0.code, neighbourhood: neighbourhood($0)) }
        let neighbourhoods = Array(Set(week.sites.map(neighbourhood))).sorted().map { Neighbourhood(id: $0, targetGrains: 0) }

        // Rooms: opening within the site's hours, minus holidays, closures and frozen sessions.
        var rooms: [RelaisPlanning.Room] = []
        for room in week.rooms {
            guard let site = siteByCode[room.siteCode] else { continue }
            var open = empty()
            for day in 0..<days where !holidays.contains(dates[day]) {
                let closed = week.roomClosures.contains { $0.roomCode == room.code && $0.day == dates[day] }
                if closed { continue }
                let roomHours = room.hours.filter { $0.weekday.rawValue == day }
                let siteHours = site.hours.filter { $0.weekday.rawValue == day }
                for interval in roomHours {
                    for g in ScheduleGrid.grainCeil(interval.startMinute)..<max(ScheduleGrid.grainCeil(interval.startMinute), ScheduleGrid.grainFloor(interval.endMinute)) {
                        let minute = ScheduleGrid.minute(ofGrain: g)
                        let inSite = site.hours.isEmpty
                            || siteHours.contains { $0.startMinute <= minute && minute + ScheduleGrid.grainMinutes <= $0.endMinute }
                        if inSite { open[day][g] = true }
                    }
                }
                if let busy = busyRoom[room.code] {
                    for g in 0..<grains where busy[day][g] { open[day][g] = false }
                }
            }
            rooms.append(RelaisPlanning.Room(
                id: room.code, site: room.siteCode, capacity: room.capacity, equipment: room.equipment.map(\.code).sorted(),
                open: intervals(open)))
        }

        // Sessions to place.
        let conseillerCodes = Set(week.conseillers.map(\.code))
        let roomCodes = Set(rooms.map(\.id))
        let anchors = Dictionary(week.anchors.map { ($0.seriesCode, $0) }, uniquingKeysWith: { a, _ in a })
        var sessions: [RelaisPlanning.Session] = []
        for session in week.sessions where !session.isFrozen && session.status == "planned" {
            let kind = RelaisPlanning.SessionKind(rawValue: session.kind.code) ?? .workshop
            let duration = ScheduleGrid.grains(forMinutes: session.durationMinutes)
            let siteKnown = session.siteCode.map { siteByCode[$0] != nil } ?? false
            var fixed: FixedTime?
            if let day = session.fixedWeekday, let minute = session.fixedStartMinute, day < days {
                fixed = FixedTime(day: day, start: ScheduleGrid.grainFloor(minute))
            }
            var anchor: Anchor?
            if let series = session.seriesCode, let placed = anchors[series], conseillerCodes.contains(placed.conseillerCode), placed.weekday < days {
                anchor = Anchor(conseiller: placed.conseillerCode, day: placed.weekday, start: ScheduleGrid.grainFloor(placed.startMinute))
            }
            sessions.append(RelaisPlanning.Session(
                id: session.code, kind: kind, duration: duration, skill: session.skill,
                attendees: kind == .workshop ? max(1, session.capacity) : 1, equipment: session.equipment.map(\.code).sorted(),
                sites: session.siteRequired && siteKnown ? [session.siteCode!] : [],
                preferredSites: siteKnown ? [session.siteCode!] : [], fixed: fixed, priority: max(1, session.priority),
                series: session.seriesCode, anchor: anchor))
        }
        let demand = sessions.map(\.duration).reduce(0, +)

        // Conseillers: usual half-days minus holidays, absences and frozen sessions.
        var conseillers: [Conseiller] = []
        var capacities: [Int] = []
        for member in week.conseillers {
            var free = empty()
            for day in 0..<days {
                let date = dates[day]
                if holidays.contains(date) { continue }
                if week.absences.contains(where: { $0.staffCode == member.code && $0.start <= date && date <= $0.end }) { continue }
                for slot in member.available where slot.weekday.rawValue == day {
                    let range = slot.half == .am ? 0..<ScheduleGrid.middayGrain : ScheduleGrid.middayGrain..<grains
                    for g in range { free[day][g] = true }
                }
                if let busy = busyConseiller[member.code] {
                    for g in 0..<grains where busy[day][g] { free[day][g] = false }
                }
            }
            let maxWeek = max(0, member.contractedMinutesPerWeek / ScheduleGrid.grainMinutes - (frozenLoad[member.code] ?? 0))
            capacities.append(maxWeek)
            conseillers.append(Conseiller(
                id: member.code, skills: member.skills.map(\.code), maxGrainsPerDay: max(0, member.maxMinutesPerDay / ScheduleGrid.grainMinutes),
                maxGrainsPerWeek: maxWeek, targetGrains: 0, available: intervals(free),
                undesired: member.undesired.filter { $0.weekday.rawValue < days }.map {
                    RelaisPlanning.HalfDay(day: $0.weekday.rawValue, half: $0.half == .am ? .am : .pm)
                }))
        }
        // Balance: each conseiller's share of the week's demand, in proportion to their contract.
        let capacity = capacities.reduce(0, +)
        for i in conseillers.indices where capacity > 0 {
            conseillers[i].targetGrains = min(capacities[i], Int((Double(demand) * Double(capacities[i]) / Double(capacity)).rounded()))
        }

        // Baseline: the published placements of sessions still to place.
        let sessionIDs = Set(sessions.map(\.id))
        let baseline = week.baseline.map { lines in
            lines.compactMap { line -> Assignment? in
                guard sessionIDs.contains(line.sessionCode), let c = line.conseillerCode, conseillerCodes.contains(c),
                    let r = line.roomCode, roomCodes.contains(r), let day = line.day, let start = line.startGrain
                else { return nil }
                return Assignment(session: line.sessionCode, conseiller: c, room: r, day: day, start: start)
            }
        }
        let instance = Instance(
            name: "relais-\(week.week)", grainMinutes: ScheduleGrid.grainMinutes, dayStart: OpeningInterval.clock(ScheduleGrid.dayStartMinute),
            grainsPerDay: grains, middayGrain: ScheduleGrid.middayGrain, days: days, neighbourhoods: neighbourhoods, sites: sites,
            rooms: rooms, conseillers: conseillers, sessions: sessions, baseline: baseline)
        return BuiltWeek(instance: instance, frozen: frozen, notes: notes)
    }

    /// Runs of `true` grains as intervals.
    static func intervals(_ grid: [[Bool]]) -> [Interval] {
        var out: [Interval] = []
        for (day, row) in grid.enumerated() {
            var start: Int?
            for g in 0...row.count {
                let on = g < row.count && row[g]
                if on, start == nil { start = g }
                if !on, let s = start {
                    out.append(Interval(day: day, start: s, end: g))
                    start = nil
                }
            }
        }
        return out
    }
}
