// Construction and local search. Every move is applied to the incremental SolverState,
// scored by its delta, and rolled back through the journal when refused.

import Foundation

/// One placement candidate with the change of `soft` it makes.
struct Candidate {
    var delta: Int
    var c: Int, r: Int, t: Int
}

/// A neighbourhood move of the local search.
enum Move {
    /// Move an assigned session to (c, r, t) (any of the three may be its current one).
    case relocate(s: Int, c: Int, r: Int, t: Int)
    /// Exchange the conseillers of two assigned sessions.
    case swapConseillers(Int, Int)
    /// Exchange whole half-days (every session of the half) between two conseillers.
    case swapHalfDays(c1: Int, c2: Int, day: Int, half: Int)
    /// Insert an unassigned session at its best place.
    case bestInsert(Int)
    /// Ejection chain: unassign `eject`, put `s` at (c, r, t), re-insert the ejected at their best.
    case ejectInsert(s: Int, c: Int, r: Int, t: Int, eject: [Int])
}

/// One solver run: owns the state and the random generator.
final class Search {
    let m: CompiledInstance
    let state: SolverState
    let options: SolverOptions
    private var rng: SeededRandom
    private let progress: ((SolverProgress) -> Void)?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var roomMaskScratch: [SlotSet] = []

    init(_ m: CompiledInstance, options: SolverOptions, progress: ((SolverProgress) -> Void)?) {
        self.m = m
        self.state = SolverState(m)
        self.options = options
        self.rng = SeededRandom(seed: options.seed)
        self.progress = progress
        self.started = clock.now
    }

    private var elapsed: Double {
        let d = clock.now - started
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    // MARK: Enumeration of placements

    /// Calls `body(c, r, t, delta)` for every place where unassigned `s` fits now.
    @inline(__always)
    func forEachPlacement(_ s: Int, _ body: (Int, Int, Int, Int) -> Void) {
        let d = m.duration[s]
        let sMask = m.sessionStarts[s]
        let rooms = m.eligibleRooms[s]
        if roomMaskScratch.count < rooms.count { roomMaskScratch = Array(repeating: SlotSet(), count: rooms.count) }
        var anyRoom = false
        for (i, r) in rooms.enumerated() {
            let mask = m.openStarts(r, s) & sMask & state.roomBusy[r].freeStarts(d)
            roomMaskScratch[i] = mask
            if !mask.isEmpty { anyRoom = true }
        }
        guard anyRoom else { return }
        let base = -m.unassignedCost[s]
        for c in m.eligibleConseillers[s] {
            let load = state.weekLoad[c]
            if load + d > m.maxWeek[c] { continue }
            var mc = m.availableStarts(c, s) & sMask
            if mc.isEmpty { continue }
            mc = mc & state.consBusy[c].freeStarts(d)
            for day in 0..<m.days where state.dayLoad[c * m.days + day] + d > m.maxDay[c] {
                mc = mc & ~(m.halfMask[day * 2] | m.halfMask[day * 2 + 1])
            }
            if mc.isEmpty { continue }
            let balance = 2 * (abs(load + d - m.target[c]) - abs(load - m.target[c]))
            let hbase = c * m.days * 2
            for (i, r) in rooms.enumerated() {
                var mm = mc & roomMaskScratch[i]
                if mm.isEmpty { continue }
                let site = m.roomSite[r]
                for h in 0..<(m.days * 2) where state.halfCount[hbase + h] > 0 && state.halfSite[hbase + h] != site {
                    mm = mm & ~m.halfMask[h]
                }
                if mm.isEmpty { continue }
                let n = m.siteNeighbourhood[site]
                let g = neighbourhoodGrains(n), target = m.neighbourhoodTarget[n]
                let coverage = 5 * (max(0, target - g - d) - max(0, target - g))
                let fixedPart = base + balance + coverage
                mm.forEach { t in
                    let (day, half) = m.halfDay(ofSlot: t)
                    let hk = hbase + day * 2 + half
                    var delta = fixedPart + m.placementCost(s, c, r, t)
                    if state.halfCount[hk] == 0 && state.halfCount[hk ^ 1] > 0 && state.halfSite[hk ^ 1] != site {
                        delta += 8
                    }
                    body(c, r, t, delta)
                }
            }
        }
    }

    @inline(__always) private func neighbourhoodGrains(_ n: Int) -> Int { state.neighbourhoodGrains[n] }

    /// The best and second-best insertion deltas of unassigned `s` (nil / Int.max when none).
    func bestTwo(_ s: Int) -> (best: Candidate?, second: Int) {
        var best: Candidate?
        var second = Int.max
        forEachPlacement(s) { c, r, t, delta in
            if let b = best {
                if delta < b.delta {
                    second = b.delta
                    best = Candidate(delta: delta, c: c, r: r, t: t)
                } else if delta < second {
                    second = delta
                }
            } else {
                best = Candidate(delta: delta, c: c, r: r, t: t)
            }
        }
        return (best, second)
    }

    // MARK: Construction

    /// Most-constrained first, regret-based insertion over a small window of the queue.
    func construct() {
        // Re-planning: keep every baseline placement that is still allowed.
        for s in 0..<m.nS where m.baselineSlot[s] >= 0 && m.baselineConseiller[s] >= 0 && m.baselineRoom[s] >= 0 {
            let c = m.baselineConseiller[s], r = m.baselineRoom[s], t = m.baselineSlot[s]
            if state.canPlace(s, c, r, t) { state.insert(s, c, r, t) }
        }
        // Flexibility: how many static (conseiller, room, start) triples the session has.
        var flexibility = Array(repeating: 0, count: m.nS)
        for s in state.unassigned {
            var count = 0
            var roomsUnion = SlotSet()
            var perRoom: [SlotSet] = []
            for r in m.eligibleRooms[s] {
                let mask = m.openStarts(r, s) & m.sessionStarts[s]
                perRoom.append(mask)
                roomsUnion = roomsUnion | mask
            }
            for c in m.eligibleConseillers[s] {
                let mc = m.availableStarts(c, s) & roomsUnion
                if mc.isEmpty { continue }
                for mask in perRoom { count += (mc & mask).count }
            }
            flexibility[s] = count
        }
        var queue = state.unassigned.sorted { a, b in
            if m.isFixed[a] != m.isFixed[b] { return m.isFixed[a] }
            if flexibility[a] != flexibility[b] { return flexibility[a] < flexibility[b] }
            if m.unassignedCost[a] != m.unassignedCost[b] { return m.unassignedCost[a] > m.unassignedCost[b] }
            return a < b
        }.filter { flexibility[$0] > 0 }
        let window = 4
        var cache: [Int: (best: Candidate?, second: Int)] = [:]
        while !queue.isEmpty {
            var chosen = -1, chosenRegret = Int.min
            var i = 0
            var dropped = false
            while i < min(window, queue.count) {
                let s = queue[i]
                let entry: (best: Candidate?, second: Int)
                if let e = cache[s] { entry = e } else { entry = bestTwo(s); cache[s] = entry }
                guard let best = entry.best, best.delta < 0 else {
                    // Nowhere to go: placing more can only remove options, so it stays out.
                    queue.remove(at: i)
                    cache[s] = nil
                    dropped = true
                    continue
                }
                let regret = entry.second == Int.max ? Int.max : entry.second - best.delta
                if chosen < 0 || regret > chosenRegret { chosen = i; chosenRegret = regret }
                i += 1
            }
            if chosen < 0 {
                if dropped { continue } else { break }
            }
            let s = queue.remove(at: chosen)
            let b = cache.removeValue(forKey: s)!.best!
            if state.canPlace(s, b.c, b.r, b.t) {
                state.insert(s, b.c, b.r, b.t)
                for (k, v) in cache where v.best.map({ $0.c == b.c || $0.r == b.r }) ?? true {
                    cache[k] = nil
                }
            } else {
                queue.insert(s, at: 0)   // stale cache: recompute it
            }
        }
        state.commit()
    }

    // MARK: Moves

    private func randomAssigned() -> Int? {
        guard state.assignedCount > 0 else { return nil }
        for _ in 0..<32 {
            let s = rng.below(m.nS)
            if state.isAssigned(s) { return s }
        }
        return nil
    }

    /// Free starts for `s` with (c, r), ignoring `s`'s own occupancy.
    private func startsFor(_ s: Int, _ c: Int, _ r: Int) -> SlotSet {
        let d = m.duration[s]
        var cb = state.consBusy[c], rb = state.roomBusy[r]
        if state.isAssigned(s) {
            let t0 = state.slotOf[s]
            if state.conseillerOf[s] == c { for k in t0..<(t0 + d) { cb.remove(k) } }
            if state.roomOf[s] == r { for k in t0..<(t0 + d) { rb.remove(k) } }
        }
        return m.availableStarts(c, s) & m.openStarts(r, s) & m.sessionStarts[s] & cb.freeStarts(d) & rb.freeStarts(d)
    }

    /// Sessions of conseiller `c` in (day, half).
    private func sessionsOf(_ c: Int, day: Int, half: Int) -> [Int] {
        var out: [Int] = []
        m.halfMask[day * 2 + half].forEach { t in
            let s = state.sessionAt(conseiller: c, slot: t)
            if s >= 0 && out.last != s && !out.contains(s) { out.append(s) }
        }
        return out
    }

    /// A random move, or nil when the sample found nothing worth trying.
    func sampleMove() -> Move? {
        if !state.unassigned.isEmpty && rng.chance(0.15) {
            let s = state.unassigned[rng.below(state.unassigned.count)]
            if rng.chance(0.4) { return .bestInsert(s) }
            return sampleEjection(s)
        }
        guard let s = randomAssigned() else { return nil }
        let c0 = state.conseillerOf[s], r0 = state.roomOf[s], t0 = state.slotOf[s]
        let roll = rng.below(100)
        switch roll {
        case 0..<15:  // time
            let mask = startsFor(s, c0, r0)
            guard mask.count > 1 else { return nil }
            let t = mask.member(at: rng.below(mask.count))
            return t == t0 ? nil : .relocate(s: s, c: c0, r: r0, t: t)
        case 15..<25:  // room
            let rooms = m.eligibleRooms[s]
            let r = rooms[rng.below(rooms.count)]
            return r == r0 ? nil : .relocate(s: s, c: c0, r: r, t: t0)
        case 25..<40:  // conseiller
            let cs = m.eligibleConseillers[s]
            let c = cs[rng.below(cs.count)]
            return c == c0 ? nil : .relocate(s: s, c: c, r: r0, t: t0)
        case 40..<60:  // everything
            let cs = m.eligibleConseillers[s], rooms = m.eligibleRooms[s]
            let c = cs[rng.below(cs.count)], r = rooms[rng.below(rooms.count)]
            let mask = startsFor(s, c, r)
            guard !mask.isEmpty else { return nil }
            return .relocate(s: s, c: c, r: r, t: mask.member(at: rng.below(mask.count)))
        case 60..<72:  // towards the anchor or a preferred site, pushing aside what is in the way
            return sampleGuided(s)
        case 72..<88:  // swap conseillers with someone working the same half-day
            let cs = m.eligibleConseillers[s]
            let c2 = cs[rng.below(cs.count)]
            guard c2 != c0 else { return nil }
            let (day, half) = m.halfDay(ofSlot: t0)
            let others = sessionsOf(c2, day: day, half: half)
            if others.isEmpty { return .relocate(s: s, c: c2, r: r0, t: t0) }
            return .swapConseillers(s, others[rng.below(others.count)])
        default:  // whole half-days
            let cs = m.eligibleConseillers[s]
            let c2 = cs[rng.below(cs.count)]
            guard c2 != c0 else { return nil }
            let (day, half) = m.halfDay(ofSlot: t0)
            return .swapHalfDays(c1: c0, c2: c2, day: day, half: half)
        }
    }

    /// A move of assigned `s` towards what its soft terms ask for (anchor, preferred site).
    private func sampleGuided(_ s: Int) -> Move? {
        let c0 = state.conseillerOf[s], r0 = state.roomOf[s], t0 = state.slotOf[s]
        let anchorSlot = m.anchorDay[s] >= 0 ? m.anchorDay[s] * m.grains + m.anchorStart[s] : -1
        let pref = m.preferredSites[s]
        if anchorSlot >= 0, m.anchorConseiller[s] >= 0, m.anchorConseiller[s] != c0 || anchorSlot != t0 {
            let c = m.skillOK[s * m.nC + m.anchorConseiller[s]] ? m.anchorConseiller[s] : c0
            let t = m.sessionStarts[s].contains(anchorSlot) ? anchorSlot : t0
            let rooms = m.eligibleRooms[s]
            let r = rng.chance(0.5) ? r0 : rooms[rng.below(rooms.count)]
            return sampleEjection(s, target: (c, r, t))
        }
        if !pref.isEmpty && !pref.contains(m.roomSite[r0]) {
            let rooms = m.eligibleRooms[s].filter { pref.contains(m.roomSite[$0]) }
            guard !rooms.isEmpty else { return nil }
            return sampleEjection(s, target: (c0, rooms[rng.below(rooms.count)], t0))
        }
        return nil
    }

    /// An ejection move for unassigned `s`: a statically allowed place and what blocks it.
    private func sampleEjection(_ s: Int, target: (c: Int, r: Int, t: Int)? = nil) -> Move? {
        let cs = m.eligibleConseillers[s], rooms = m.eligibleRooms[s]
        guard !cs.isEmpty, !rooms.isEmpty else { return nil }
        let d = m.duration[s]
        for _ in 0..<(target == nil ? 3 : 1) {
            let c: Int, r: Int, t: Int
            if let target {
                guard m.staticallyAllowed(s, target.c, target.r, target.t) else { return nil }
                (c, r, t) = target
            } else {
                c = cs[rng.below(cs.count)]
                r = rooms[rng.below(rooms.count)]
                let mask = m.availableStarts(c, s) & m.openStarts(r, s) & m.sessionStarts[s]
                guard !mask.isEmpty else { continue }
                t = mask.member(at: rng.below(mask.count))
            }
            var eject: [Int] = []
            func add(_ e: Int) { if e >= 0 && e != s && !eject.contains(e) { eject.append(e) } }
            for k in t..<(t + d) {
                add(state.sessionAt(conseiller: c, slot: k))
                add(state.sessionAt(room: r, slot: k))
            }
            let (day, half) = m.halfDay(ofSlot: t)
            let hk = m.halfKey(c, day: day, half: half)
            if state.halfCount[hk] > 0 && state.halfSite[hk] != m.roomSite[r] {
                for e in sessionsOf(c, day: day, half: half) { add(e) }
            }
            // Loads: free enough of c's time if the day or the week would overflow.
            func freed(onDay: Bool) -> Int {
                eject.reduce(0) { acc, e in
                    state.conseillerOf[e] == c && (!onDay || state.slotOf[e] / m.grains == day) ? acc + m.duration[e] : acc
                }
            }
            var guardCount = 0
            while guardCount < 2 {
                let dayOver = state.dayLoad[c * m.days + day] - freed(onDay: true) + d > m.maxDay[c]
                guard dayOver || state.weekLoad[c] - freed(onDay: false) + d > m.maxWeek[c] else { break }
                let pool = dayOver
                    ? sessionsOf(c, day: day, half: 0) + sessionsOf(c, day: day, half: 1)
                    : (0..<m.days).flatMap { sessionsOf(c, day: $0, half: rng.below(2)) }
                let fresh = pool.filter { !eject.contains($0) && $0 != s }
                guard !fresh.isEmpty else { break }
                add(fresh[rng.below(fresh.count)])
                guardCount += 1
            }
            if eject.count > (target == nil ? 3 : 2) { continue }
            return .ejectInsert(s: s, c: c, r: r, t: t, eject: eject)
        }
        return nil
    }

    /// Applies `move`; false when it would break a hard rule (the caller rolls back).
    func apply(_ move: Move) -> Bool {
        switch move {
        case .relocate(let s, let c, let r, let t):
            guard state.isAssigned(s) else { return false }
            state.remove(s)
            guard state.canPlace(s, c, r, t) else { return false }
            state.insert(s, c, r, t)
            return true
        case .swapConseillers(let a, let b):
            guard state.isAssigned(a), state.isAssigned(b) else { return false }
            let ca = state.conseillerOf[a], ra = state.roomOf[a], ta = state.slotOf[a]
            let cb = state.conseillerOf[b], rb = state.roomOf[b], tb = state.slotOf[b]
            state.remove(a)
            state.remove(b)
            guard state.canPlace(a, cb, ra, ta) else { return false }
            state.insert(a, cb, ra, ta)
            guard state.canPlace(b, ca, rb, tb) else { return false }
            state.insert(b, ca, rb, tb)
            return true
        case .swapHalfDays(let c1, let c2, let day, let half):
            let a = sessionsOf(c1, day: day, half: half), b = sessionsOf(c2, day: day, half: half)
            guard !a.isEmpty || !b.isEmpty else { return false }
            let placesA = a.map { (state.roomOf[$0], state.slotOf[$0]) }
            let placesB = b.map { (state.roomOf[$0], state.slotOf[$0]) }
            for s in a { state.remove(s) }
            for s in b { state.remove(s) }
            for (i, s) in a.enumerated() {
                guard state.canPlace(s, c2, placesA[i].0, placesA[i].1) else { return false }
                state.insert(s, c2, placesA[i].0, placesA[i].1)
            }
            for (i, s) in b.enumerated() {
                guard state.canPlace(s, c1, placesB[i].0, placesB[i].1) else { return false }
                state.insert(s, c1, placesB[i].0, placesB[i].1)
            }
            return true
        case .bestInsert(let s):
            guard !state.isAssigned(s), let best = bestTwo(s).best else { return false }
            state.insert(s, best.c, best.r, best.t)
            return true
        case .ejectInsert(let s, let c, let r, let t, let eject):
            if state.isAssigned(s) { state.remove(s) }
            for e in eject where state.isAssigned(e) { state.remove(e) }
            guard state.canPlace(s, c, r, t) else { return false }
            state.insert(s, c, r, t)
            for e in eject {
                if let best = bestTwo(e).best, best.delta < 0 { state.insert(e, best.c, best.r, best.t) }
            }
            return true
        }
    }

    // MARK: The run

    private func report(_ iterations: Int, best: Int, bestUnassigned: Int) {
        progress?(SolverProgress(
            elapsed: elapsed, iterations: iterations, bestSoft: best, currentSoft: state.soft,
            unassigned: bestUnassigned, total: m.nS))
    }

    /// Construction then local search until a limit; leaves the best plan in `state`.
    func run() -> SolverStatistics {
        construct()
        let constructionSeconds = elapsed
        let constructionSoft = state.soft
        var best = state.snapshot()
        var bestUnassigned = state.unassigned.count
        var trace = [TracePoint(seconds: constructionSeconds, soft: best.soft, unassigned: bestUnassigned)]
        var firstComplete: Double? = bestUnassigned == 0 ? constructionSeconds : nil
        var iteration = 0
        var lastProgress = 0.0
        let maxIterations = options.iterations ?? Int.max
        let timeLimit = options.timeLimit ?? .infinity
        var current = state.soft
        let historyLength = max(options.historyLength, 1)
        var history = Array(repeating: current, count: historyLength)
        var tabuUntil = Array(repeating: 0, count: m.nS)

        func noteBest() {
            best = state.snapshot()
            bestUnassigned = state.unassigned.count
            let now = elapsed
            if firstComplete == nil && bestUnassigned == 0 { firstComplete = now }
            if let last = trace.last, now - last.seconds < 0.005, trace.count > 1 {
                trace[trace.count - 1] = TracePoint(seconds: now, soft: best.soft, unassigned: bestUnassigned)
            } else {
                trace.append(TracePoint(seconds: now, soft: best.soft, unassigned: bestUnassigned))
            }
        }

        // Nothing to search when no session has any place at all.
        let searchable = m.nS > 0 && (0..<m.nS).contains { !m.eligibleConseillers[$0].isEmpty && !m.eligibleRooms[$0].isEmpty }
        while searchable && iteration < maxIterations {
            if iteration & 127 == 0 {
                let now = elapsed
                if now >= timeLimit { break }
                if progress != nil && now - lastProgress >= options.progressInterval {
                    lastProgress = now
                    report(iteration, best: best.soft, bestUnassigned: bestUnassigned)
                }
            }
            iteration += 1
            switch options.strategy {
            case .lateAcceptance:
                guard let move = sampleMove() else { continue }
                let mark = state.mark
                guard apply(move) else {
                    state.rollback(to: mark)
                    continue
                }
                let candidate = state.soft
                let v = iteration % historyLength
                if candidate <= current || candidate <= history[v] {
                    state.commit()
                    current = candidate
                    if candidate < best.soft { noteBest() }
                } else {
                    state.rollback(to: mark)
                }
                history[v] = current
            case .tabu:
                var chosen: Move?
                var chosenSoft = Int.max
                for _ in 0..<options.tabuSample {
                    guard let move = sampleMove() else { continue }
                    let mark = state.mark
                    if apply(move) {
                        let soft = state.soft
                        let isTabu = state.touched(since: mark).contains { tabuUntil[$0] > iteration }
                        if (!isTabu || soft < best.soft) && soft < chosenSoft {
                            chosen = move
                            chosenSoft = soft
                        }
                    }
                    state.rollback(to: mark)
                }
                guard let move = chosen else { continue }
                let mark = state.mark
                if apply(move) {
                    for s in state.touched(since: mark) {
                        tabuUntil[s] = iteration + options.tabuTenure + rng.below(options.tabuTenure / 2 + 1)
                    }
                    state.commit()
                    current = state.soft
                    if current < best.soft { noteBest() }
                } else {
                    state.rollback(to: mark)
                }
            }
        }
        state.restore(best)
        let seconds = elapsed
        if progress != nil { report(iteration, best: best.soft, bestUnassigned: bestUnassigned) }
        return SolverStatistics(
            iterations: iteration, seconds: seconds, constructionSoft: constructionSoft,
            constructionSeconds: constructionSeconds, firstCompleteSeconds: firstComplete,
            strategy: options.strategy.rawValue, seed: options.seed, trace: trace)
    }
}
