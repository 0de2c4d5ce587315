import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisScheduling
import RelaisStore

extension RelaisSchedule {
    /// `replan`: repair a published week after an absence or a closed room.
    struct Replan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replan",
            abstract: "Re-plan a published week after an absence or a room closure, changing as little as possible.",
            discussion: """
                Records the absence (or the closure), then starts from the published plan: held or
                locked sessions stay untouched, every change costs `disruption`, and the difference
                (moved, reassigned, cancelled) is printed. The result is a draft: publish it to update
                the calendars.

                Examples:
                  relais-schedule replan --week 2026-W49 --absent c-amina --from 2026-12-01 --to 2026-12-02 --reason maladie
                  relais-schedule replan --week 2026-W49 --room-closed mdh-surieux-salle-1 --on 2026-12-03
                  relais-schedule publish --week 2026-W49
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "ISO week.") var week: String
        @Option(help: "The conseiller who will be absent.") var absent: String?
        @Option(help: "First day of the absence.") var from: String?
        @Option(help: "Last day of the absence (default: --from).") var to: String?
        @Option(help: "A room closed for a day.") var roomClosed: String?
        @Option(help: "The day the room is closed.") var on: String?
        @Option(help: "Reason, kept with the absence or closure.") var reason: String = ""
        @OptionGroup var solver: SolverArguments

        func validate() throws {
            switch (absent, roomClosed) {
            case (.some, .none):
                if from == nil { throw ArgumentParser.ValidationError("--absent needs --from (and optionally --to)") }
            case (.none, .some):
                if on == nil { throw ArgumentParser.ValidationError("--room-closed needs --on DATE") }
            default:
                throw ArgumentParser.ValidationError("give either --absent CONSEILLER --from DATE [--to DATE] or --room-closed ROOM --on DATE")
            }
        }

        func run() throws {
            try runPlanning(language.language) {
                let lang = language.language
                let w = try ScheduleParse.week(week)
                let disruption: Disruption
                if let absent, let from {
                    let start = try ScheduleParse.date(from, field: "from")
                    let end = try to.map { try ScheduleParse.date($0, field: "to") } ?? start
                    disruption = .absence(staffCode: absent, from: start, to: end, reason: reason)
                } else if let roomClosed, let on {
                    disruption = .roomClosed(roomCode: roomClosed, on: try ScheduleParse.date(on, field: "on"), reason: reason)
                } else {
                    return
                }
                let db = try database.open()
                let progress = Terminal.progressPrinter()
                let outcome = try WeekPlanner.replan(
                    db, week: w, disruption: disruption, options: solver.options, actor: agent.identity, progress: progress)
                if progress != nil { Terminal.endProgress() }
                let minutes = Dictionary(try ScheduleStore.sessions(db, week: w).map { ($0.code, $0.durationMinutes) }, uniquingKeysWith: { a, _ in a })
                if outcome.changes.isEmpty {
                    print(lang.pick(en: "no change to the published plan", fr: "aucun changement par rapport au planning publié"))
                } else {
                    print(lang.pick(en: "changes against the published plan (\(outcome.changes.count)):", fr: "changements par rapport au planning publié (\(outcome.changes.count)) :"))
                    for c in outcome.changes {
                        let m = minutes[c.sessionCode] ?? 60
                        let before = c.before.map { PlanText.placement($0, week: w, minutes: m, lang) } ?? "—"
                        let after = c.after.map { PlanText.placement($0, week: w, minutes: m, lang) } ?? "—"
                        let kind: String
                        switch c.kind {
                        case .moved: kind = lang.pick(en: "moved", fr: "déplacée")
                        case .reassigned: kind = lang.pick(en: "reassigned", fr: "réattribuée")
                        case .cancelled: kind = lang.pick(en: "cancelled", fr: "annulée")
                        case .placed: kind = lang.pick(en: "placed", fr: "placée")
                        }
                        print("  \(kind.padding(toLength: 11, withPad: " ", startingAt: 0)) \(c.sessionCode)  \(c.title)")
                        print("      \(before)  →  \(after)")
                        if c.kind == .cancelled, let reason = c.after?.unassignedReason { print("      \(reason)") }
                    }
                }
                print(PlanReport.text(outcome, lang))
            }
        }
    }
}
