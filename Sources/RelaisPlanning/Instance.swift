// The weekly planning problem, as read from a `relais-schedule-instance/1` file.
// Field names and meanings are fixed by SCHEDULING.md; JSON keys are snake_case.

import Foundation
import RelaisCore

/// A span of grains `[start, end)` on one day of the week.
package struct Interval: Codable, Sendable, Hashable {
    package var day: Int
    package var start: Int
    package var end: Int

    package init(day: Int, start: Int, end: Int) {
        self.day = day
        self.start = start
        self.end = end
    }

    /// Whether `other` lies entirely inside this interval (same day).
    package func contains(_ other: Interval) -> Bool {
        day == other.day && start <= other.start && other.end <= end
    }

    /// Whether the two intervals share at least one grain.
    package func overlaps(_ other: Interval) -> Bool {
        day == other.day && start < other.end && other.start < end
    }
}

/// Morning or afternoon, split at the instance's `midday_grain`: the domain's half-day.
package typealias Half = RelaisCore.HalfDay

extension RelaisCore.HalfDay {
    /// 0 for the morning, 1 for the afternoon (the solver's arrays count half-days in pairs).
    package var index: Int { self == .am ? 0 : 1 }
}

/// A (day, half) pair, used for undesired slots.
package struct HalfDay: Codable, Sendable, Hashable {
    package var day: Int
    package var half: Half

    package init(day: Int, half: Half) {
        self.day = day
        self.half = half
    }
}

/// A neighbourhood (quartier) with the number of grains the town wants placed there.
package struct Neighbourhood: Codable, Sendable, Hashable {
    package var id: String
    package var targetGrains: Int

    package init(id: String, targetGrains: Int) {
        self.id = id
        self.targetGrains = targetGrains
    }

    enum CodingKeys: String, CodingKey {
        case id
        case targetGrains = "target_grains"
    }
}

/// A place where sessions happen (maison des habitants, médiathèque…).
package struct Site: Codable, Sendable, Hashable {
    package var id: String
    package var neighbourhood: String

    package init(id: String, neighbourhood: String) {
        self.id = id
        self.neighbourhood = neighbourhood
    }
}

/// A room of a site, with its capacity, equipment and opening hours.
package struct Room: Codable, Sendable, Hashable {
    package var id: String
    package var site: String
    package var capacity: Int
    package var equipment: [String]
    package var open: [Interval]

    package init(id: String, site: String, capacity: Int, equipment: [String] = [], open: [Interval]) {
        self.id = id
        self.site = site
        self.capacity = capacity
        self.equipment = equipment
        self.open = open
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        site = try c.decode(String.self, forKey: .site)
        capacity = try c.decode(Int.self, forKey: .capacity)
        equipment = try c.decodeIfPresent([String].self, forKey: .equipment) ?? []
        open = try c.decodeIfPresent([Interval].self, forKey: .open) ?? []
    }
}

/// A conseiller numérique: skills, limits, contract target and availability.
package struct Conseiller: Codable, Sendable, Hashable {
    package var id: String
    package var skills: [String]
    package var maxGrainsPerDay: Int
    package var maxGrainsPerWeek: Int
    package var targetGrains: Int
    package var available: [Interval]
    package var undesired: [HalfDay]

    package init(
        id: String, skills: [String], maxGrainsPerDay: Int, maxGrainsPerWeek: Int,
        targetGrains: Int, available: [Interval], undesired: [HalfDay] = []
    ) {
        self.id = id
        self.skills = skills
        self.maxGrainsPerDay = maxGrainsPerDay
        self.maxGrainsPerWeek = maxGrainsPerWeek
        self.targetGrains = targetGrains
        self.available = available
        self.undesired = undesired
    }

    enum CodingKeys: String, CodingKey {
        case id, skills, available, undesired
        case maxGrainsPerDay = "max_grains_per_day"
        case maxGrainsPerWeek = "max_grains_per_week"
        case targetGrains = "target_grains"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        skills = try c.decodeIfPresent([String].self, forKey: .skills) ?? []
        maxGrainsPerDay = try c.decode(Int.self, forKey: .maxGrainsPerDay)
        maxGrainsPerWeek = try c.decode(Int.self, forKey: .maxGrainsPerWeek)
        targetGrains = try c.decode(Int.self, forKey: .targetGrains)
        available = try c.decodeIfPresent([Interval].self, forKey: .available) ?? []
        undesired = try c.decodeIfPresent([HalfDay].self, forKey: .undesired) ?? []
    }
}

/// What a session is: a group workshop (atelier), an individual appointment, or desk duty.
package enum SessionKind: String, Codable, Sendable, Hashable, CaseIterable {
    case workshop
    case appointment
    case permanence
}

/// A fixed (day, start) a session must take.
package struct FixedTime: Codable, Sendable, Hashable {
    package var day: Int
    package var start: Int

    package init(day: Int, start: Int) {
        self.day = day
        self.start = start
    }
}

/// Last week's placement of a session of the same series.
package struct Anchor: Codable, Sendable, Hashable {
    package var conseiller: String
    package var day: Int
    package var start: Int

    package init(conseiller: String, day: Int, start: Int) {
        self.conseiller = conseiller
        self.day = day
        self.start = start
    }
}

/// One thing to schedule next week.
package struct Session: Codable, Sendable, Hashable {
    package var id: String
    package var kind: SessionKind
    package var duration: Int
    package var skill: String?
    package var attendees: Int
    package var equipment: [String]
    package var sites: [String]
    package var preferredSites: [String]
    package var fixed: FixedTime?
    package var priority: Int
    package var series: String?
    package var anchor: Anchor?

    package init(
        id: String, kind: SessionKind = .workshop, duration: Int, skill: String? = nil,
        attendees: Int = 1, equipment: [String] = [], sites: [String] = [],
        preferredSites: [String] = [], fixed: FixedTime? = nil, priority: Int = 1,
        series: String? = nil, anchor: Anchor? = nil
    ) {
        self.id = id
        self.kind = kind
        self.duration = duration
        self.skill = skill
        self.attendees = attendees
        self.equipment = equipment
        self.sites = sites
        self.preferredSites = preferredSites
        self.fixed = fixed
        self.priority = priority
        self.series = series
        self.anchor = anchor
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, duration, skill, attendees, equipment, sites, fixed, priority, series, anchor
        case preferredSites = "preferred_sites"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decodeIfPresent(SessionKind.self, forKey: .kind) ?? .workshop
        duration = try c.decode(Int.self, forKey: .duration)
        skill = try c.decodeIfPresent(String.self, forKey: .skill)
        attendees = try c.decodeIfPresent(Int.self, forKey: .attendees) ?? 1
        equipment = try c.decodeIfPresent([String].self, forKey: .equipment) ?? []
        sites = try c.decodeIfPresent([String].self, forKey: .sites) ?? []
        preferredSites = try c.decodeIfPresent([String].self, forKey: .preferredSites) ?? []
        fixed = try c.decodeIfPresent(FixedTime.self, forKey: .fixed)
        priority = try c.decodeIfPresent(Int.self, forKey: .priority) ?? 1
        series = try c.decodeIfPresent(String.self, forKey: .series)
        anchor = try c.decodeIfPresent(Anchor.self, forKey: .anchor)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(duration, forKey: .duration)
        try c.encode(skill, forKey: .skill)
        try c.encode(attendees, forKey: .attendees)
        try c.encode(equipment, forKey: .equipment)
        try c.encode(sites, forKey: .sites)
        try c.encode(preferredSites, forKey: .preferredSites)
        try c.encode(fixed, forKey: .fixed)
        try c.encode(priority, forKey: .priority)
        try c.encode(series, forKey: .series)
        try c.encode(anchor, forKey: .anchor)
    }
}

/// One placement: who runs which session, in which room, when.
package struct Assignment: Codable, Sendable, Hashable {
    package var session: String
    package var conseiller: String
    package var room: String
    package var day: Int
    package var start: Int

    package init(session: String, conseiller: String, room: String, day: Int, start: Int) {
        self.session = session
        self.conseiller = conseiller
        self.room = room
        self.day = day
        self.start = start
    }
}

/// A `relais-schedule-instance/1` document.
package struct Instance: Codable, Sendable, Hashable {
    package static let formatTag = "relais-schedule-instance/1"

    package var format: String
    package var name: String
    package var grainMinutes: Int
    package var dayStart: String
    package var grainsPerDay: Int
    package var middayGrain: Int
    package var days: Int
    package var neighbourhoods: [Neighbourhood]
    package var sites: [Site]
    package var rooms: [Room]
    package var conseillers: [Conseiller]
    package var sessions: [Session]
    package var baseline: [Assignment]?

    package init(
        name: String, grainMinutes: Int = 30, dayStart: String = "08:00", grainsPerDay: Int = 24,
        middayGrain: Int = 10, days: Int = 6, neighbourhoods: [Neighbourhood], sites: [Site],
        rooms: [Room], conseillers: [Conseiller], sessions: [Session], baseline: [Assignment]? = nil
    ) {
        self.format = Self.formatTag
        self.name = name
        self.grainMinutes = grainMinutes
        self.dayStart = dayStart
        self.grainsPerDay = grainsPerDay
        self.middayGrain = middayGrain
        self.days = days
        self.neighbourhoods = neighbourhoods
        self.sites = sites
        self.rooms = rooms
        self.conseillers = conseillers
        self.sessions = sessions
        self.baseline = baseline
    }

    enum CodingKeys: String, CodingKey {
        case format, name, days, neighbourhoods, sites, rooms, conseillers, sessions, baseline
        case grainMinutes = "grain_minutes"
        case dayStart = "day_start"
        case grainsPerDay = "grains_per_day"
        case middayGrain = "midday_grain"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        grainMinutes = try c.decodeIfPresent(Int.self, forKey: .grainMinutes) ?? 30
        dayStart = try c.decodeIfPresent(String.self, forKey: .dayStart) ?? "08:00"
        grainsPerDay = try c.decodeIfPresent(Int.self, forKey: .grainsPerDay) ?? 24
        middayGrain = try c.decodeIfPresent(Int.self, forKey: .middayGrain) ?? 10
        days = try c.decodeIfPresent(Int.self, forKey: .days) ?? 6
        neighbourhoods = try c.decodeIfPresent([Neighbourhood].self, forKey: .neighbourhoods) ?? []
        sites = try c.decodeIfPresent([Site].self, forKey: .sites) ?? []
        rooms = try c.decodeIfPresent([Room].self, forKey: .rooms) ?? []
        conseillers = try c.decodeIfPresent([Conseiller].self, forKey: .conseillers) ?? []
        sessions = try c.decodeIfPresent([Session].self, forKey: .sessions) ?? []
        baseline = try c.decodeIfPresent([Assignment].self, forKey: .baseline)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(name, forKey: .name)
        try c.encode(grainMinutes, forKey: .grainMinutes)
        try c.encode(dayStart, forKey: .dayStart)
        try c.encode(grainsPerDay, forKey: .grainsPerDay)
        try c.encode(middayGrain, forKey: .middayGrain)
        try c.encode(days, forKey: .days)
        try c.encode(neighbourhoods, forKey: .neighbourhoods)
        try c.encode(sites, forKey: .sites)
        try c.encode(rooms, forKey: .rooms)
        try c.encode(conseillers, forKey: .conseillers)
        try c.encode(sessions, forKey: .sessions)
        try c.encodeIfPresent(baseline, forKey: .baseline)
    }
}

extension Instance {
    /// "Tuesday" for day 1; "day 9" past the week.
    package func dayName(_ day: Int) -> String {
        Weekday(rawValue: day)?.labelEN ?? "day \(day)"
    }

    /// Minutes after midnight of `day_start` ("08:00" → 480); 480 when unreadable.
    package var dayStartMinutes: Int { readDayStart ?? 480 }

    /// Minutes after midnight of `day_start` ("HH:MM"), or `nil` when it does not read.
    package var readDayStart: Int? {
        let parts = dayStart.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return h * 60 + m
    }

    /// The clock time of a grain ("13:00" for grain 10 with the default grid).
    package func clock(_ grain: Int) -> String {
        OpeningInterval.clock(dayStartMinutes + grain * grainMinutes)
    }

    /// Morning or afternoon of the grain.
    package func half(ofGrain grain: Int) -> Half { grain < middayGrain ? .am : .pm }

    /// "Tuesday afternoon".
    package func halfDayName(day: Int, half: Half) -> String {
        "\(dayName(day)) \(half == .am ? "morning" : "afternoon")"
    }
}
