import Foundation
import RelaisCore
import RelaisPlanning
import RelaisStore

/// How long each phase of `plan` took, in seconds.
package struct PlanTimings: Sendable, Codable {
    package var load: Double
    package var solve: Double
    package var store: Double
    package var total: Double { load + solve + store }
}

/// What `plan` or `replan` produced: the stored draft and everything needed to explain it.
package struct PlanOutcome: Sendable {
    package var week: IsoWeek
    package var version: Int
    package var built: BuiltWeek
    package var result: SolverResult
    package var timings: PlanTimings
    /// Session code → title, for messages.
    package var titles: [String: String]
    /// What changed against the published plan (re-planning only).
    package var changes: [PlanChange]
}

/// One difference between the published plan and a re-plan.
package struct PlanChange: Sendable, Hashable {
    package enum Kind: String, Sendable {
        case moved, reassigned, cancelled, placed
    }
    package var kind: Kind
    package var sessionCode: String
    package var title: String
    package var before: PlanLine?
    package var after: PlanLine?
}

/// What happened that forces a re-plan.
package enum Disruption: Sendable {
    case absence(staffCode: String, from: LocalDate, to: LocalDate, reason: String)
    case roomClosed(roomCode: String, on: LocalDate, reason: String)
}

/// The coordinator's workflow: load the week, solve, store a draft; re-plan from the published plan.
package enum WeekPlanner {
    /// Reads everything `InstanceBuilder` needs about `week`; `baseline` is the published plan to start from, if any.
    package static func snapshot(_ db: Database, week: IsoWeek, baseline: [PlanLine]?) throws -> WeekSnapshot {
        let monday = week.monday, sunday = week.monday.adding(days: 6)
        return WeekSnapshot(
            week: week, sites: try ScheduleStore.sites(db), rooms: try ScheduleStore.rooms(db),
            conseillers: try ScheduleStore.staff(db, role: .conseiller),
            absences: try ScheduleStore.absences(db, from: monday, to: sunday),
            holidays: try ScheduleStore.holidays(db, from: monday, to: sunday).map(\.day),
            roomClosures: try ScheduleStore.roomClosures(db, from: monday, to: sunday),
            sessions: try ScheduleStore.sessions(db, week: week, includeCancelled: false),
            anchors: try ScheduleStore.seriesPlacements(db, week: week.previous),
            baseline: baseline)
    }

    /// Plans `week`: permanences materialised, instance built, solved, stored as the new draft;
    /// from `published` (re-planning: the solver starts from it and the changes are listed).
    package static func plan(
        _ db: Database, week: IsoWeek, options: SolverOptions, actor: String, from published: PlanVersion? = nil, note: String = "",
        progress: ((SolverProgress) -> Void)? = nil
    ) throws -> PlanOutcome {
        let clock = ContinuousClock()
        var t0 = clock.now
        try ScheduleStore.materialisePermanences(db, week: week, actor: actor)
        let snap = try snapshot(db, week: week, baseline: published?.lines)
        let built = InstanceBuilder.build(snap)
        let load = seconds(clock.now - t0)
        t0 = clock.now
        let result = try Solver.solve(built.instance, options: options, progress: progress)
        let solve = seconds(clock.now - t0)
        t0 = clock.now
        var lines = built.frozen
        for a in result.plan.assignments {
            lines.append(PlanLine(sessionCode: a.session, conseillerCode: a.conseiller, roomCode: a.room, day: a.day, startGrain: a.start, unassignedReason: nil))
        }
        for u in result.plan.unassigned {
            lines.append(PlanLine(
                sessionCode: u.session, conseillerCode: nil, roomCode: nil, day: nil, startGrain: nil,
                unassignedReason: u.reasons.joined(separator: "; ")))
        }
        let terms = String(decoding: (try? JSONEncoder().encode(result.evaluation.terms)) ?? Data("{}".utf8), as: UTF8.self)
        let version = try ScheduleStore.saveDraft(
            db, week: week, lines: lines, hard: result.evaluation.violations.count, soft: result.evaluation.terms.total, terms: terms,
            basedOn: published?.version, note: note, actor: actor)
        let store = seconds(clock.now - t0)
        let titles = Dictionary(snap.sessions.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a })
        let changes = published.map { diff(before: $0.lines, after: lines, titles: titles) } ?? []
        return PlanOutcome(
            week: week, version: version, built: built, result: result, timings: PlanTimings(load: load, solve: solve, store: store),
            titles: titles, changes: changes)
    }

    /// Re-plans a published week after a disruption: the disruption is recorded, then the week is
    /// solved again from the published plan (held and locked sessions untouched, `disruption`
    /// paid for every change), and the difference is returned with the new draft.
    /// - Throws: a refusal when the week has nothing published.
    package static func replan(
        _ db: Database, week: IsoWeek, disruption: Disruption, options: SolverOptions, actor: String,
        progress: ((SolverProgress) -> Void)? = nil
    ) throws -> PlanOutcome {
        guard let published = try ScheduleStore.planVersion(db, week: week, status: "published") else {
            throw TransitionRefusal(
                code: "schedule.nothing_published",
                en: "week \(week) has no published plan to repair; plan and publish it first",
                fr: "la semaine \(week) n’a pas de planning publié à réparer ; planifiez-la et publiez-la d’abord")
        }
        let note: String
        switch disruption {
        case .absence(let staff, let from, let to, let reason):
            try ScheduleStore.addAbsence(db, staffCode: staff, from: from, to: to, reason: reason, actor: actor)
            note = "absence \(staff) \(from.iso)..\(to.iso)"
        case .roomClosed(let room, let day, let reason):
            guard week.days.contains(day) else {
                throw TransitionRefusal(
                    code: "schedule.date_outside_week", en: "\(day.iso) is not in week \(week)", fr: "le \(day.french) n’est pas dans la semaine \(week)")
            }
            try ScheduleStore.closeRoom(db, code: room, on: day, reason: reason, actor: actor)
            note = "room \(room) closed \(day.iso)"
        }
        return try plan(db, week: week, options: options, actor: actor, from: published, note: note, progress: progress)
    }

    /// Differences between two plans' lines, session by session.
    package static func diff(before: [PlanLine], after: [PlanLine], titles: [String: String]) -> [PlanChange] {
        let old = Dictionary(before.map { ($0.sessionCode, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [PlanChange] = []
        for line in after.sorted(by: { $0.sessionCode < $1.sessionCode }) {
            let previous = old[line.sessionCode]
            let title = titles[line.sessionCode] ?? ""
            switch (previous?.isPlaced ?? false, line.isPlaced) {
            case (true, false):
                out.append(PlanChange(kind: .cancelled, sessionCode: line.sessionCode, title: title, before: previous, after: line))
            case (false, true):
                out.append(PlanChange(kind: .placed, sessionCode: line.sessionCode, title: title, before: previous, after: line))
            case (true, true):
                guard let p = previous else { continue }
                if p.conseillerCode != line.conseillerCode {
                    out.append(PlanChange(kind: .reassigned, sessionCode: line.sessionCode, title: title, before: p, after: line))
                } else if p.day != line.day || p.startGrain != line.startGrain || p.roomCode != line.roomCode {
                    out.append(PlanChange(kind: .moved, sessionCode: line.sessionCode, title: title, before: p, after: line))
                }
            case (false, false):
                continue
            }
        }
        return out
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// Readable renderings of plan lines.
package enum PlanText {
    /// `mar. 01/12 14:00–16:00` / `Tue 2026-12-01 14:00-16:00`.
    package static func when(_ line: PlanLine, week: IsoWeek, minutes: Int, _ lang: Language) -> String {
        guard let day = line.day, let grain = line.startGrain else { return lang == .fr ? "non placé" : "not placed" }
        let date = week.monday.adding(days: day)
        let start = ScheduleGrid.minute(ofGrain: grain)
        let dayName = Weekday(rawValue: day)?.label(lang) ?? ""
        return "\(dayName) \(lang == .fr ? date.french : date.iso) \(OpeningInterval.clock(start))–\(OpeningInterval.clock(start + minutes))"
    }

    /// `c-amina @ mdh-surieux-salle-1, Tuesday 2026-12-01 14:00–16:00`.
    package static func placement(_ line: PlanLine, week: IsoWeek, minutes: Int, _ lang: Language) -> String {
        guard line.isPlaced else { return lang == .fr ? "non placé" : "not placed" }
        return "\(line.conseillerCode ?? "") @ \(line.roomCode ?? ""), \(when(line, week: week, minutes: minutes, lang))"
    }
}
