// The instance compiled into integer indices and slot sets: everything that does not change
// while solving (rules 1–7 are fully decided here; rules 8–12 are dynamic, see SolverState).

/// An instance with every id resolved to an index and every static rule precomputed.
package struct CompiledInstance: Sendable {
    package let instance: Instance
    package let nS: Int, nC: Int, nR: Int, nSites: Int, nN: Int
    package let days: Int, grains: Int, midday: Int, nSlots: Int

    // Sessions.
    package let duration: [Int]
    /// 1000 × duration × priority: what leaving the session out costs.
    package let unassignedCost: [Int]
    package let isFixed: [Bool]
    /// Conseillers with the session's skill (rule 1).
    package let eligibleConseillers: [[Int]]
    /// Rooms that fit and are at an allowed site (rules 4–5).
    package let eligibleRooms: [[Int]]
    /// Starts allowed by rules 6–7 and the length of the day.
    package let sessionStarts: [SlotSet]
    package let anchorConseiller: [Int], anchorDay: [Int], anchorStart: [Int]
    package let preferredSites: [[Int]]
    package let baselineConseiller: [Int], baselineRoom: [Int], baselineSlot: [Int]
    private let durationIndex: [Int]
    private let nDurations: Int
    package let skillOK: [Bool]   // s * nC + c
    package let roomOK: [Bool]    // s * nR + r

    // Conseillers.
    package let maxDay: [Int], maxWeek: [Int], target: [Int]
    /// Undesired (day, half): c * days * 2 + day * 2 + half.
    package let undesired: [Bool]
    private let availableStarts: [SlotSet]   // c * nDurations + durationIndex

    // Rooms and places.
    package let roomSite: [Int]
    private let openStarts: [SlotSet]        // r * nDurations + durationIndex
    package let siteNeighbourhood: [Int]
    package let neighbourhoodTarget: [Int]

    /// Slots of each (day, half): day * 2 + half.
    package let halfMask: [SlotSet]

    /// Compiles a validated instance.
    /// - Throws: `PlanningError.badArgument` when the week has more than 256 slots.
    package init(_ instance: Instance) throws(PlanningError) {
        self.instance = instance
        days = instance.days
        grains = instance.grainsPerDay
        midday = instance.middayGrain
        nSlots = days * grains
        guard nSlots <= SlotSet.capacity else {
            throw .badArgument("the solver handles at most \(SlotSet.capacity) grains per week (days × grains_per_day = \(nSlots))")
        }
        nS = instance.sessions.count
        nC = instance.conseillers.count
        nR = instance.rooms.count
        nSites = instance.sites.count
        nN = instance.neighbourhoods.count
        let siteIndex = Dictionary(instance.sites.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let neighIndex = Dictionary(instance.neighbourhoods.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let consIndex = Dictionary(instance.conseillers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let roomIndex = Dictionary(instance.rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sessIndex = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        siteNeighbourhood = instance.sites.map { neighIndex[$0.neighbourhood] ?? 0 }
        neighbourhoodTarget = instance.neighbourhoods.map(\.targetGrains)
        roomSite = instance.rooms.map { siteIndex[$0.site] ?? 0 }
        maxDay = instance.conseillers.map(\.maxGrainsPerDay)
        maxWeek = instance.conseillers.map(\.maxGrainsPerWeek)
        target = instance.conseillers.map(\.targetGrains)
        var und = Array(repeating: false, count: nC * days * 2)
        for (c, con) in instance.conseillers.enumerated() {
            for u in con.undesired where u.day >= 0 && u.day < days {
                und[c * days * 2 + u.day * 2 + u.half.index] = true
            }
        }
        undesired = und

        let durations = Array(Set(instance.sessions.map(\.duration))).sorted()
        nDurations = max(durations.count, 1)
        let dIndex = Dictionary(durations.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        durationIndex = instance.sessions.map { dIndex[$0.duration] ?? 0 }
        let G = grains
        func starts(_ intervals: [Interval], _ d: Int) -> SlotSet {
            var set = SlotSet()
            for iv in intervals where iv.day >= 0 && iv.day < instance.days && d > 0 {
                var t = max(iv.start, 0)
                while t + d <= min(iv.end, G) {
                    set.insert(iv.day * G + t)
                    t += 1
                }
            }
            return set
        }
        var av: [SlotSet] = []
        av.reserveCapacity(nC * nDurations)
        for con in instance.conseillers {
            for d in 0..<nDurations { av.append(durations.isEmpty ? SlotSet() : starts(con.available, durations[d])) }
        }
        availableStarts = av
        var op: [SlotSet] = []
        op.reserveCapacity(nR * nDurations)
        for room in instance.rooms {
            for d in 0..<nDurations { op.append(durations.isEmpty ? SlotSet() : starts(room.open, durations[d])) }
        }
        openStarts = op
        var hm: [SlotSet] = []
        for d in 0..<days {
            hm.append(SlotSet(range: d * G, d * G + midday))
            hm.append(SlotSet(range: d * G + midday, d * G + G))
        }
        halfMask = hm

        var dur: [Int] = [], cost: [Int] = [], fixedFlags: [Bool] = []
        var eligC: [[Int]] = [], eligR: [[Int]] = [], sStarts: [SlotSet] = []
        var aC: [Int] = [], aD: [Int] = [], aT: [Int] = [], pref: [[Int]] = []
        var sk = Array(repeating: false, count: nS * nC)
        var rk = Array(repeating: false, count: nS * nR)
        for (s, session) in instance.sessions.enumerated() {
            dur.append(session.duration)
            cost.append(1000 * session.duration * session.priority)
            fixedFlags.append(session.fixed != nil)
            var cs: [Int] = []
            for (c, con) in instance.conseillers.enumerated() where session.skill.map({ con.skills.contains($0) }) ?? true {
                cs.append(c)
                sk[s * nC + c] = true
            }
            eligC.append(cs)
            var rs: [Int] = []
            let allowed = Set(session.sites.compactMap { siteIndex[$0] })
            for (r, room) in instance.rooms.enumerated() {
                guard room.capacity >= session.attendees,
                      session.equipment.allSatisfy({ room.equipment.contains($0) }),
                      allowed.isEmpty || allowed.contains(roomSite[r]) else { continue }
                rs.append(r)
                rk[s * nR + r] = true
            }
            eligR.append(rs)
            var m = SlotSet()
            for day in 0..<days {
                var t = 0
                while t + session.duration <= G {
                    let sameHalf = t + session.duration <= midday || t >= midday
                    let fixedOK = session.fixed.map { $0.day == day && $0.start == t } ?? true
                    if sameHalf && fixedOK && session.duration > 0 { m.insert(day * G + t) }
                    t += 1
                }
            }
            sStarts.append(m)
            aC.append(session.anchor.flatMap { consIndex[$0.conseiller] } ?? -1)
            aD.append(session.anchor?.day ?? -1)
            aT.append(session.anchor?.start ?? -1)
            pref.append(session.preferredSites.compactMap { siteIndex[$0] })
        }
        duration = dur
        unassignedCost = cost
        isFixed = fixedFlags
        eligibleConseillers = eligC
        eligibleRooms = eligR
        sessionStarts = sStarts
        anchorConseiller = aC
        anchorDay = aD
        anchorStart = aT
        preferredSites = pref
        skillOK = sk
        roomOK = rk

        var bC = Array(repeating: -1, count: nS), bR = Array(repeating: -1, count: nS), bT = Array(repeating: -1, count: nS)
        for b in instance.baseline ?? [] {
            guard let s = sessIndex[b.session] else { continue }
            bC[s] = consIndex[b.conseiller] ?? -1
            bR[s] = roomIndex[b.room] ?? -1
            bT[s] = b.day * G + b.start
        }
        baselineConseiller = bC
        baselineRoom = bR
        baselineSlot = bT
    }

    /// Starts where conseiller `c` is available for the whole of session `s` (rule 2).
    @inline(__always) package func availableStarts(_ c: Int, _ s: Int) -> SlotSet {
        availableStarts[c * nDurations + durationIndex[s]]
    }

    /// Starts where room `r` is open for the whole of session `s` (rule 3).
    @inline(__always) package func openStarts(_ r: Int, _ s: Int) -> SlotSet {
        openStarts[r * nDurations + durationIndex[s]]
    }

    /// Whether (s, c, r, t) satisfies every static rule (1–7).
    @inline(__always) package func staticallyAllowed(_ s: Int, _ c: Int, _ r: Int, _ t: Int) -> Bool {
        skillOK[s * nC + c] && roomOK[s * nR + r] && sessionStarts[s].contains(t)
            && availableStarts(c, s).contains(t) && openStarts(r, s).contains(t)
    }

    /// The day of slot `t`, and its half: 0 in the morning, 1 in the afternoon.
    @inline(__always) package func halfDay(ofSlot t: Int) -> (day: Int, half: Int) {
        let day = t / grains
        return (day, t - day * grains < midday ? 0 : 1)
    }

    /// Where conseiller `c`'s half-day (`day`, `half`) sits in the per-half-day arrays.
    @inline(__always) package func halfKey(_ c: Int, day: Int, half: Int) -> Int { (c * days + day) * 2 + half }

    /// Soft cost of a placement that does not depend on the rest of the plan:
    /// continuity, undesired, preferred_site and disruption (the sum of `placementTerms`).
    @inline(__always) package func placementCost(_ s: Int, _ c: Int, _ r: Int, _ t: Int) -> Int {
        let terms = placementTerms(s, c, r, t)
        return terms.continuity + terms.undesired + terms.preferred + terms.disruption
    }

    /// The placement's soft costs by term (for the incremental term totals).
    @inline(__always) package func placementTerms(_ s: Int, _ c: Int, _ r: Int, _ t: Int) -> (continuity: Int, undesired: Int, preferred: Int, disruption: Int) {
        let (day, half) = halfDay(ofSlot: t)
        let start = t - day * grains
        var cont = 0, und = 0, pref = 0, dis = 0
        if anchorDay[s] >= 0 {
            if anchorConseiller[s] != c { cont += 30 }
            if anchorDay[s] != day { cont += 10 }
            if anchorStart[s] != start { cont += 5 }
        }
        if undesired[halfKey(c, day: day, half: half)] { und = 3 * duration[s] }
        if !preferredSites[s].isEmpty && !preferredSites[s].contains(roomSite[r]) { pref = 4 }
        if baselineSlot[s] >= 0 {
            if baselineConseiller[s] != c { dis += 20 }
            if baselineSlot[s] != t { dis += 15 }
            if baselineRoom[s] != r { dis += 5 }
        }
        return (cont, und, pref, dis)
    }
}
