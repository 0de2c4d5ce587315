// The reference evaluator: recomputes `hard` rule by rule and every soft term straight from
// SCHEDULING.md, with no shared state with the solver. `check` uses it; the solver's
// incremental score is tested against it.

import Foundation

/// The twelve hard rules of SCHEDULING.md, with stable codes.
package enum HardRule: String, CaseIterable, Codable, Sendable, Hashable {
    case skill
    case available
    case open
    case roomFits = "room_fits"
    case siteAllowed = "site_allowed"
    case fixed
    case halfDay = "half_day"
    case personOverlap = "person_overlap"
    case roomOverlap = "room_overlap"
    case oneSitePerHalfDay = "one_site_per_half_day"
    case dailyMaximum = "daily_maximum"
    case weeklyMaximum = "weekly_maximum"
}

/// One counted violation of a hard rule.
package struct HardViolation: Codable, Sendable, Hashable {
    package var rule: HardRule
    package var message: String
}

/// The full result of evaluating a set of assignments.
package struct Evaluation: Sendable, Hashable {
    package var violations: [HardViolation]
    package var terms: ScoreTerms

    package var score: Score { Score(hard: violations.count, terms: terms) }
}

/// Straightforward, non-incremental evaluation of a plan.
package enum Evaluator {
    /// Evaluates `assignments` (which must reference existing ids: validate the plan first).
    /// Sessions of the instance that are not assigned count as unassigned.
    package static func evaluate(_ instance: Instance, assignments: [Assignment]) -> Evaluation {
        let sessions = Dictionary(instance.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let conseillers = Dictionary(instance.conseillers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rooms = Dictionary(instance.rooms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sites = Dictionary(instance.sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let mid = instance.middayGrain
        var violations: [HardViolation] = []
        var terms = ScoreTerms()
        func violate(_ rule: HardRule, _ message: String) {
            violations.append(HardViolation(rule: rule, message: message))
        }
        func when(_ day: Int, _ start: Int) -> String { "\(instance.dayName(day)) \(instance.clock(start))" }

        // Resolve placements; anything unresolved is ignored (a validated plan has none).
        struct Placed {
            var a: Assignment
            var s: Session
            var c: Conseiller
            var r: Room
            var site: String
            var iv: Interval
            /// Halves the session touches (one when rule 7 holds).
            var halves: [Half]
        }
        var placed: [Placed] = []
        for a in assignments {
            guard let s = sessions[a.session], let c = conseillers[a.conseiller], let r = rooms[a.room] else { continue }
            let iv = Interval(day: a.day, start: a.start, end: a.start + s.duration)
            var halves: [Half] = []
            if iv.start < mid { halves.append(.am) }
            if iv.end > mid { halves.append(.pm) }
            placed.append(Placed(a: a, s: s, c: c, r: r, site: r.site, iv: iv, halves: halves))
        }

        // Rules 1–7: per assignment.
        for p in placed {
            let who = "session '\(p.s.id)' (\(p.c.id), \(p.r.id), \(when(p.iv.day, p.iv.start)))"
            if let skill = p.s.skill, !p.c.skills.contains(skill) {
                violate(.skill, "\(who): \(p.c.id) lacks skill '\(skill)'")
            }
            if !p.c.available.contains(where: { $0.contains(p.iv) }) {
                violate(.available, "\(who): \(p.c.id) is not available \(instance.clock(p.iv.start))–\(instance.clock(p.iv.end))")
            }
            if !p.r.open.contains(where: { $0.contains(p.iv) }) {
                violate(.open, "\(who): \(p.r.id) is not open \(instance.clock(p.iv.start))–\(instance.clock(p.iv.end))")
            }
            let missing = p.s.equipment.filter { !p.r.equipment.contains($0) }
            if p.r.capacity < p.s.attendees || !missing.isEmpty {
                var why: [String] = []
                if p.r.capacity < p.s.attendees { why.append("\(p.r.capacity) seats for \(p.s.attendees) attendees") }
                if !missing.isEmpty { why.append("no " + missing.joined(separator: ", ")) }
                violate(.roomFits, "\(who): \(p.r.id) does not fit (\(why.joined(separator: "; ")))")
            }
            if !p.s.sites.isEmpty && !p.s.sites.contains(p.site) {
                violate(.siteAllowed, "\(who): site '\(p.site)' is not among \(p.s.sites.joined(separator: ", "))")
            }
            if let f = p.s.fixed, f.day != p.iv.day || f.start != p.iv.start {
                violate(.fixed, "\(who): fixed at \(when(f.day, f.start))")
            }
            if p.halves.count > 1 {
                violate(.halfDay, "\(who): spans the morning and the afternoon")
            }
        }

        // Rules 8–9: pairs overlapping (only sessions of the same day can overlap).
        var byConseillerDay: [String: [Int]] = [:]
        var byRoomDay: [String: [Int]] = [:]
        for (i, p) in placed.enumerated() {
            byConseillerDay["\(p.c.id)\u{1}\(p.iv.day)", default: []].append(i)
            byRoomDay["\(p.r.id)\u{1}\(p.iv.day)", default: []].append(i)
        }
        var personPairs: [(Int, Int)] = [], roomPairs: [(Int, Int)] = []
        for group in byConseillerDay.values {
            for (x, i) in group.enumerated() {
                for j in group[(x + 1)...] where placed[i].iv.overlaps(placed[j].iv) { personPairs.append((min(i, j), max(i, j))) }
            }
        }
        for group in byRoomDay.values {
            for (x, i) in group.enumerated() {
                for j in group[(x + 1)...] where placed[i].iv.overlaps(placed[j].iv) { roomPairs.append((min(i, j), max(i, j))) }
            }
        }
        for (i, j) in personPairs.sorted(by: { $0 < $1 }) {
            let p = placed[i], q = placed[j]
            violate(.personOverlap, "\(p.c.id) runs '\(p.s.id)' and '\(q.s.id)' at the same time on \(instance.dayName(p.iv.day))")
        }
        for (i, j) in roomPairs.sorted(by: { $0 < $1 }) {
            let p = placed[i], q = placed[j]
            violate(.roomOverlap, "\(p.r.id) holds '\(p.s.id)' and '\(q.s.id)' at the same time on \(instance.dayName(p.iv.day))")
        }

        // Rules 10–12 and per-conseiller terms.
        struct DayKey: Hashable { var c: String; var day: Int }
        struct HalfKey: Hashable { var c: String; var day: Int; var half: Half }
        var halfSites: [HalfKey: Set<String>] = [:]
        var dayLoad: [DayKey: Int] = [:]
        var weekLoad: [String: Int] = [:]
        for p in placed {
            for h in p.halves { halfSites[HalfKey(c: p.c.id, day: p.iv.day, half: h), default: []].insert(p.site) }
            dayLoad[DayKey(c: p.c.id, day: p.iv.day), default: 0] += p.s.duration
            weekLoad[p.c.id, default: 0] += p.s.duration
        }
        for (key, set) in halfSites.sorted(by: { ($0.key.c, $0.key.day, $0.key.half.index) < ($1.key.c, $1.key.day, $1.key.half.index) })
        where set.count > 1 {
            for _ in 1..<set.count {
                violate(.oneSitePerHalfDay,
                        "\(key.c) works at \(set.count) sites \(instance.halfDayName(day: key.day, half: key.half)): \(set.sorted().joined(separator: ", "))")
            }
        }
        for (key, load) in dayLoad.sorted(by: { ($0.key.c, $0.key.day) < ($1.key.c, $1.key.day) }) {
            if let c = conseillers[key.c], load > c.maxGrainsPerDay {
                violate(.dailyMaximum, "\(key.c) works \(load) grains on \(instance.dayName(key.day)), above the daily maximum \(c.maxGrainsPerDay)")
            }
        }
        for c in instance.conseillers {
            let load = weekLoad[c.id] ?? 0
            if load > c.maxGrainsPerWeek {
                violate(.weeklyMaximum, "\(c.id) works \(load) grains this week, above the weekly maximum \(c.maxGrainsPerWeek)")
            }
            terms[.balance] += 2 * abs(load - c.targetGrains)
        }

        // unassigned
        let assignedIds = Set(placed.map { $0.s.id })
        for s in instance.sessions where !assignedIds.contains(s.id) {
            terms[.unassigned] += 1000 * s.duration * s.priority
        }
        // coverage
        var neighbourhoodGrains: [String: Int] = [:]
        for p in placed {
            if let n = sites[p.site]?.neighbourhood { neighbourhoodGrains[n, default: 0] += p.s.duration }
        }
        for n in instance.neighbourhoods {
            terms[.coverage] += 5 * max(0, n.targetGrains - (neighbourhoodGrains[n.id] ?? 0))
        }
        for p in placed {
            // continuity
            if let anchor = p.s.anchor {
                if anchor.conseiller != p.c.id { terms[.continuity] += 30 }
                if anchor.day != p.iv.day { terms[.continuity] += 10 }
                if anchor.start != p.iv.start { terms[.continuity] += 5 }
            }
            // undesired: grains in a (day, half) the conseiller marked undesired
            for g in p.iv.start..<p.iv.end {
                let half = instance.half(ofGrain: g)
                if p.c.undesired.contains(HalfDay(day: p.iv.day, half: half)) { terms[.undesired] += 3 }
            }
            // preferred_site
            if !p.s.preferredSites.isEmpty && !p.s.preferredSites.contains(p.site) { terms[.preferredSite] += 4 }
        }
        // site_change: some morning site differs from some afternoon site
        let days = Set(halfSites.keys.map { DayKey(c: $0.c, day: $0.day) })
        for d in days {
            guard let am = halfSites[HalfKey(c: d.c, day: d.day, half: .am)],
                  let pm = halfSites[HalfKey(c: d.c, day: d.day, half: .pm)] else { continue }
            if !(am.count == 1 && pm.count == 1 && am == pm) { terms[.siteChange] += 8 }
        }
        // disruption
        if let baseline = instance.baseline {
            let now = Dictionary(placed.map { ($0.s.id, $0.a) }, uniquingKeysWith: { a, _ in a })
            for b in baseline {
                guard let a = now[b.session] else { continue }
                if a.conseiller != b.conseiller { terms[.disruption] += 20 }
                if a.day != b.day || a.start != b.start { terms[.disruption] += 15 }
                if a.room != b.room { terms[.disruption] += 5 }
            }
        }
        return Evaluation(violations: violations, terms: terms)
    }

    /// Evaluates a plan's assignments (its `unassigned` list and stored score are ignored).
    package static func evaluate(_ instance: Instance, plan: Plan) -> Evaluation {
        evaluate(instance, assignments: plan.assignments)
    }
}
