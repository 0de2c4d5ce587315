// Why is this workshop not scheduled? For each unassigned session, the static rules are
// peeled off one at a time (skill, room, half-day, availability × opening hours); when some
// placements survive them all, each is tested against the dynamic rules of the final plan and
// the reasons say which rule blocked which candidates.

/// Builds coordinator-readable reasons for the unassigned sessions of a plan.
struct Explainer {
    let m: CompiledInstance
    let state: SolverState

    init(model: CompiledInstance, state: SolverState) {
        self.m = model
        self.state = state
    }

    private var instance: Instance { m.instance }

    /// Every unassigned session, in instance order, with its reasons.
    func explainUnassigned() -> [UnassignedSession] {
        (0..<m.nS).filter { !state.isAssigned($0) }.map {
            UnassignedSession(session: instance.sessions[$0].id, reasons: reasons(for: $0))
        }
    }

    // MARK: Wording helpers

    private func list(_ items: [String], limit: Int = 5) -> String {
        if items.count <= limit { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }

    private func halfDays(_ slots: SlotSet) -> [String] {
        var seen: [Int] = []
        slots.forEach { t in
            let (day, half) = m.halfDay(ofSlot: t)
            let key = day * 2 + half
            if !seen.contains(key) { seen.append(key) }
        }
        return seen.map { instance.halfDayName(day: $0 / 2, half: $0 % 2 == 0 ? .am : .pm) }
    }

    private func skillPhrase(_ session: Session) -> String {
        session.skill.map { "with skill '\($0)'" } ?? "at all"
    }

    private func roomPhrase(_ session: Session) -> String {
        var phrase = "a room with \(session.attendees) seat\(session.attendees == 1 ? "" : "s")"
        if !session.equipment.isEmpty { phrase += " and \(session.equipment.joined(separator: ", "))" }
        return phrase
    }

    private func sitesPhrase(_ session: Session) -> String {
        session.sites.isEmpty ? "at any site" : "at the allowed sites (\(list(session.sites)))"
    }

    private func timeWord(_ day: Int, _ start: Int) -> String { "\(instance.dayName(day)) \(instance.clock(start))" }

    // MARK: Reasons

    func reasons(for s: Int) -> [String] {
        let session = instance.sessions[s]
        var out: [String] = []

        // Rule 1.
        if m.eligibleConseillers[s].isEmpty {
            out.append("no conseiller has skill '\(session.skill ?? "")'")
        }
        // Rules 4–5.
        if m.eligibleRooms[s].isEmpty {
            let atSites = instance.rooms.filter { session.sites.isEmpty || session.sites.contains($0.site) }
            if atSites.isEmpty {
                out.append("no room exists at the allowed sites (\(list(session.sites)))")
            } else {
                var why = "no room \(sitesPhrase(session)) fits \(session.attendees) attendee\(session.attendees == 1 ? "" : "s")"
                if !session.equipment.isEmpty { why += " with \(session.equipment.joined(separator: ", "))" }
                let largest = atSites.map(\.capacity).max() ?? 0
                if largest < session.attendees { why += " (the largest has \(largest) seats)" }
                let missing = session.equipment.filter { item in !atSites.contains { $0.equipment.contains(item) && $0.capacity >= session.attendees } }
                if !missing.isEmpty { why += " (none of the big enough rooms has \(missing.joined(separator: ", ")))" }
                out.append(why)
            }
        }
        // Rules 6–7.
        if m.sessionStarts[s].isEmpty {
            if let f = session.fixed {
                out.append("it is fixed at \(timeWord(f.day, f.start)) but would then run past midday or the end of the day")
            } else {
                out.append("it lasts \(session.duration * instance.grainMinutes) minutes, longer than any morning or afternoon")
            }
        }
        if !out.isEmpty { return out }

        // Rules 2–3 together: a time where a qualified conseiller is available and a suitable room is open.
        var whenConseillers = SlotSet(), whenRooms = SlotSet()
        for c in m.eligibleConseillers[s] { whenConseillers = whenConseillers | m.availableStarts(c, s) }
        for r in m.eligibleRooms[s] { whenRooms = whenRooms | m.openStarts(r, s) }
        whenConseillers = whenConseillers & m.sessionStarts[s]
        whenRooms = whenRooms & m.sessionStarts[s]
        let fixedWhen = session.fixed.map { " at its fixed time \(timeWord($0.day, $0.start))" } ?? ""
        let conseillerPhrase = "no conseiller \(skillPhrase(session))"
        if whenConseillers.isEmpty {
            out.append("\(conseillerPhrase) is available\(fixedWhen) for \(session.duration * instance.grainMinutes) minutes within a half-day")
            return out
        }
        if whenRooms.isEmpty {
            out.append("no \(roomPhrase(session).dropFirst(2)) \(sitesPhrase(session)) is open\(fixedWhen) for \(session.duration * instance.grainMinutes) minutes within a half-day")
            return out
        }
        // Static candidates per conseiller: starts where some suitable room is open too.
        var perConseiller: [(c: Int, starts: SlotSet)] = []
        for c in m.eligibleConseillers[s] {
            let starts = m.availableStarts(c, s) & whenRooms
            if !starts.isEmpty { perConseiller.append((c, starts)) }
        }
        if perConseiller.isEmpty {
            out.append("\(conseillerPhrase) is available\(fixedWhen) when \(roomPhrase(session)) is open \(sitesPhrase(session))"
                + " (conseillers: \(list(halfDays(whenConseillers), limit: 4)); rooms: \(list(halfDays(whenRooms), limit: 4)))")
            return out
        }

        // Rules 8–12 against the final plan, conseiller by conseiller. Each conseiller is
        // filed under the first rule that blocks all of their candidate placements.
        let d = m.duration[s]
        var weekly: [Int] = [], daily: [Int] = [], busy: [Int] = [], busyWhen = SlotSet()
        var elsewhere: [Int] = [], elsewhereWhen = SlotSet(), roomsTaken: [Int] = [], roomsWhen = SlotSet()
        for (c, starts) in perConseiller {
            if state.weekLoad[c] + d > m.maxWeek[c] { weekly.append(c); continue }
            var dayOK = SlotSet()
            for day in 0..<m.days where state.dayLoad[c * m.days + day] + d <= m.maxDay[c] {
                dayOK = dayOK | m.halfMask[day * 2] | m.halfMask[day * 2 + 1]
            }
            let underDaily = starts & dayOK
            if underDaily.isEmpty { daily.append(c); continue }
            let freeStarts = underDaily & state.consBusy[c].freeStarts(d)
            if freeStarts.isEmpty { busy.append(c); busyWhen = busyWhen | underDaily; continue }
            // Free, under the limits: then a room at the right site must be free.
            var sameSite = false, roomFree = false
            var placement: (r: Int, t: Int)?
            for r in m.eligibleRooms[s] {
                var mm = freeStarts & m.openStarts(r, s)
                if mm.isEmpty { continue }
                for h in 0..<(m.days * 2) {
                    let hk = c * m.days * 2 + h
                    if state.halfCount[hk] > 0 && state.halfSite[hk] != m.roomSite[r] { mm = mm & ~m.halfMask[h] }
                }
                if mm.isEmpty { continue }
                sameSite = true
                let free = mm & state.roomBusy[r].freeStarts(d)
                if !free.isEmpty {
                    roomFree = true
                    placement = (r, free.member(at: 0))
                    break
                }
                roomsWhen = roomsWhen | mm
            }
            if let p = placement, roomFree {
                let cost = m.unassignedCost[s]
                out.append("it could go to \(instance.conseillers[c].id) in \(instance.rooms[p.r].id) on "
                    + "\(timeWord(p.t / m.grains, p.t % m.grains)) but the search left it out"
                    + (cost <= 0 ? " (its priority is 0, so placing it gains nothing)" : ""))
                return out
            }
            if !sameSite {
                elsewhere.append(c)
                elsewhereWhen = elsewhereWhen | freeStarts
            } else {
                roomsTaken.append(c)
            }
        }
        let names = { (ids: [Int]) in self.list(ids.map { self.instance.conseillers[$0].id }) }
        let n = perConseiller.count
        let all = n == 1 ? "the only candidate (\(names(perConseiller.map(\.c))))" : "all \(n) candidates"
        if weekly.count == n { return out + ["\(all) already reached their weekly maximum"] }
        if daily.count == n { return out + ["\(all) already reached their daily maximum on the days they could run it"] }
        if busy.count == n {
            return out + ["\(all) \(n == 1 ? "is" : "are") already busy \(list(halfDays(busyWhen), limit: 4))"
                + (n == 1 ? "" : " (\(names(busy)))")]
        }
        out.append("\(n) qualified conseiller\(n == 1 ? "" : "s") could run it\(fixedWhen) when a suitable room is open, but none can now:")
        if !weekly.isEmpty { out.append("\(weekly.count) already reached their weekly maximum (\(names(weekly)))") }
        if !daily.isEmpty { out.append("\(daily.count) already reached their daily maximum on the days they could (\(names(daily)))") }
        if !busy.isEmpty {
            out.append("\(busy.count) \(busy.count == 1 ? "is" : "are") already busy \(list(halfDays(busyWhen), limit: 4)) (\(names(busy)))")
        }
        if !elsewhere.isEmpty {
            out.append("\(elsewhere.count) \(elsewhere.count == 1 ? "works" : "work") at another site when free "
                + "\(list(halfDays(elsewhereWhen), limit: 4)) (\(names(elsewhere)))")
        }
        if !roomsTaken.isEmpty {
            out.append("for \(roomsTaken.count) (\(names(roomsTaken))), every suitable room is already taken when they are free "
                + "(\(list(halfDays(roomsWhen), limit: 4)))")
        }
        return out
    }
}
