// The solver's mutable plan with an incremental score. Every change goes through `insert`
// and `remove`, which update occupancy, loads and each soft term by a delta, and are recorded
// in a journal so a rejected move is undone exactly. The plan it holds never breaks a hard rule:
// `canPlace` is checked before every insert.

/// A mutable plan with incremental scoring; owned by one solver run, never shared.
final class SolverState {
    let m: CompiledInstance
    /// Placement of each session; -1 when unassigned.
    private(set) var conseillerOf: [Int]
    private(set) var roomOf: [Int]
    private(set) var slotOf: [Int]
    /// Session occupying each (conseiller, slot) / (room, slot), or -1.
    private var consGrid: [Int32]
    private var roomGrid: [Int32]
    private(set) var consBusy: [SlotSet]
    private(set) var roomBusy: [SlotSet]
    /// Sessions and site of each (conseiller, day, half): (c * days + d) * 2 + h.
    private(set) var halfCount: [Int]
    private(set) var halfSite: [Int]
    private(set) var dayLoad: [Int]
    private(set) var weekLoad: [Int]
    private(set) var neighbourhoodGrains: [Int]
    /// Soft terms, indexed like `ScoreTerm.allCases`.
    private(set) var terms: [Int]
    private(set) var soft: Int
    /// Unassigned sessions, with each one's position for O(1) removal.
    private(set) var unassigned: [Int]
    private var unassignedPosition: [Int]
    private(set) var assignedCount = 0

    private struct Entry {
        var inserted: Bool
        var s: Int32, c: Int32, r: Int32, t: Int32
    }
    private var journal: [Entry] = []

    init(_ m: CompiledInstance) {
        self.m = m
        conseillerOf = Array(repeating: -1, count: m.nS)
        roomOf = Array(repeating: -1, count: m.nS)
        slotOf = Array(repeating: -1, count: m.nS)
        consGrid = Array(repeating: -1, count: m.nC * m.nSlots)
        roomGrid = Array(repeating: -1, count: m.nR * m.nSlots)
        consBusy = Array(repeating: SlotSet(), count: m.nC)
        roomBusy = Array(repeating: SlotSet(), count: m.nR)
        halfCount = Array(repeating: 0, count: m.nC * m.days * 2)
        halfSite = Array(repeating: -1, count: m.nC * m.days * 2)
        dayLoad = Array(repeating: 0, count: m.nC * m.days)
        weekLoad = Array(repeating: 0, count: m.nC)
        neighbourhoodGrains = Array(repeating: 0, count: m.nN)
        terms = Array(repeating: 0, count: ScoreTerm.allCases.count)
        unassigned = Array(0..<m.nS)
        unassignedPosition = Array(0..<m.nS)
        for s in 0..<m.nS { terms[0] += m.unassignedCost[s] }
        for n in 0..<m.nN { terms[1] += 5 * max(0, m.neighbourhoodTarget[n]) }
        for c in 0..<m.nC { terms[2] += 2 * abs(m.target[c]) }
        soft = terms.reduce(0, +)
    }

    // MARK: Queries

    @inline(__always) func isAssigned(_ s: Int) -> Bool { conseillerOf[s] >= 0 }

    @inline(__always) func sessionAt(conseiller c: Int, slot t: Int) -> Int { Int(consGrid[c * m.nSlots + t]) }

    @inline(__always) func sessionAt(room r: Int, slot t: Int) -> Int { Int(roomGrid[r * m.nSlots + t]) }

    @inline(__always) private func halfKey(_ c: Int, _ t: Int) -> (key: Int, day: Int, half: Int) {
        let (day, half) = m.halfDay(ofSlot: t)
        return (m.halfKey(c, day: day, half: half), day, half)
    }

    /// Whether placing unassigned session `s` at (c, r, t) keeps every hard rule.
    @inline(__always) func canPlace(_ s: Int, _ c: Int, _ r: Int, _ t: Int) -> Bool {
        guard m.staticallyAllowed(s, c, r, t) else { return false }
        return dynamicallyFree(s, c, r, t)
    }

    /// Rules 8–12 only (the caller knows rules 1–7 hold).
    @inline(__always) func dynamicallyFree(_ s: Int, _ c: Int, _ r: Int, _ t: Int) -> Bool {
        let d = m.duration[s]
        if weekLoad[c] + d > m.maxWeek[c] { return false }
        let (hk, day, _) = halfKey(c, t)
        if dayLoad[c * m.days + day] + d > m.maxDay[c] { return false }
        if halfCount[hk] > 0 && halfSite[hk] != m.roomSite[r] { return false }
        if consBusy[c].intersects(start: t, length: d) { return false }
        if roomBusy[r].intersects(start: t, length: d) { return false }
        return true
    }


    // MARK: Changes

    /// Places unassigned `s` at (c, r, t); the caller has checked `canPlace`.
    func insert(_ s: Int, _ c: Int, _ r: Int, _ t: Int) {
        let d = m.duration[s]
        let site = m.roomSite[r]
        // Terms first, against the state without the placement.
        addTerms(of: s, c, r, t, sign: 1)
        let n = m.siteNeighbourhood[site]
        let (hk, day, _) = halfKey(c, t)

        conseillerOf[s] = c
        roomOf[s] = r
        slotOf[s] = t
        for k in t..<(t + d) {
            consGrid[c * m.nSlots + k] = Int32(s)
            roomGrid[r * m.nSlots + k] = Int32(s)
            consBusy[c].insert(k)
            roomBusy[r].insert(k)
        }
        halfCount[hk] += 1
        halfSite[hk] = site
        dayLoad[c * m.days + day] += d
        weekLoad[c] += d
        neighbourhoodGrains[n] += d
        let pos = unassignedPosition[s]
        let last = unassigned.removeLast()
        if last != s {
            unassigned[pos] = last
            unassignedPosition[last] = pos
        }
        unassignedPosition[s] = -1
        assignedCount += 1
        journal.append(Entry(inserted: true, s: Int32(s), c: Int32(c), r: Int32(r), t: Int32(t)))
    }

    /// Adds (`sign` 1) or takes back (`sign` -1) what placing `s` at (c, r, t) changes in each
    /// soft term, computed against the state without that placement: `insert` calls it before
    /// changing the state, `remove` after.
    @inline(__always) private func addTerms(of s: Int, _ c: Int, _ r: Int, _ t: Int, sign: Int) {
        let d = m.duration[s]
        let site = m.roomSite[r]
        terms[0] -= sign * m.unassignedCost[s]
        let n = m.siteNeighbourhood[site]
        let g = neighbourhoodGrains[n], target = m.neighbourhoodTarget[n]
        terms[1] += sign * 5 * (max(0, target - g - d) - max(0, target - g))
        let load = weekLoad[c]
        terms[2] += sign * 2 * (abs(load + d - m.target[c]) - abs(load - m.target[c]))
        let p = m.placementTerms(s, c, r, t)
        terms[3] += sign * p.continuity
        terms[4] += sign * p.undesired
        terms[5] += sign * p.preferred
        terms[7] += sign * p.disruption
        let hk = halfKey(c, t).key
        if halfCount[hk] == 0 {
            let other = hk ^ 1
            if halfCount[other] > 0 && halfSite[other] != site { terms[6] += sign * 8 }
        }
        soft = terms.reduce(0, +)
    }

    /// Unassigns `s` (which must be assigned).
    func remove(_ s: Int) {
        let c = conseillerOf[s], r = roomOf[s], t = slotOf[s]
        let d = m.duration[s]
        let site = m.roomSite[r]
        for k in t..<(t + d) {
            consGrid[c * m.nSlots + k] = -1
            roomGrid[r * m.nSlots + k] = -1
            consBusy[c].remove(k)
            roomBusy[r].remove(k)
        }
        let (hk, day, _) = halfKey(c, t)
        halfCount[hk] -= 1
        if halfCount[hk] == 0 { halfSite[hk] = -1 }
        dayLoad[c * m.days + day] -= d
        weekLoad[c] -= d
        let n = m.siteNeighbourhood[site]
        neighbourhoodGrains[n] -= d
        conseillerOf[s] = -1
        roomOf[s] = -1
        slotOf[s] = -1

        // Terms against the state without the placement (the inverse of insert).
        addTerms(of: s, c, r, t, sign: -1)

        unassignedPosition[s] = unassigned.count
        unassigned.append(s)
        assignedCount -= 1
        journal.append(Entry(inserted: false, s: Int32(s), c: Int32(c), r: Int32(r), t: Int32(t)))
    }

    // MARK: Journal

    /// A point to come back to with `rollback(to:)`.
    var mark: Int { journal.count }

    /// Undoes every change made since `mark`, in reverse order.
    func rollback(to mark: Int) {
        while journal.count > mark {
            let e = journal.removeLast()
            if e.inserted {
                remove(Int(e.s))
            } else {
                insert(Int(e.s), Int(e.c), Int(e.r), Int(e.t))
            }
            journal.removeLast()   // the entry the undo itself just recorded
        }
    }

    /// Forgets the journal (the changes are kept).
    func commit() { journal.removeAll(keepingCapacity: true) }

    /// Sessions touched since `mark`.
    func touched(since mark: Int) -> [Int] {
        journal[mark...].map { Int($0.s) }
    }

    // MARK: Snapshots

    struct Snapshot {
        var conseiller: [Int], room: [Int], slot: [Int]
        var soft: Int
    }

    func snapshot() -> Snapshot { Snapshot(conseiller: conseillerOf, room: roomOf, slot: slotOf, soft: soft) }

    /// Replaces the whole plan by `snap` (through remove/insert, so every total stays exact).
    func restore(_ snap: Snapshot) {
        for s in 0..<m.nS where isAssigned(s) {
            if conseillerOf[s] != snap.conseiller[s] || roomOf[s] != snap.room[s] || slotOf[s] != snap.slot[s] { remove(s) }
        }
        for s in 0..<m.nS where !isAssigned(s) && snap.conseiller[s] >= 0 {
            insert(s, snap.conseiller[s], snap.room[s], snap.slot[s])
        }
        commit()
    }

    /// The plan's assignments in session order.
    func assignments() -> [Assignment] {
        var out: [Assignment] = []
        for s in 0..<m.nS where isAssigned(s) {
            let t = slotOf[s]
            out.append(Assignment(
                session: m.instance.sessions[s].id,
                conseiller: m.instance.conseillers[conseillerOf[s]].id,
                room: m.instance.rooms[roomOf[s]].id,
                day: t / m.grains, start: t % m.grains))
        }
        return out
    }

    /// Current score terms.
    var scoreTerms: ScoreTerms {
        var st = ScoreTerms()
        st.values = terms
        return st
    }
}
