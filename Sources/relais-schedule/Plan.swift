import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisPlanning
import RelaisScheduling
import RelaisStore

/// Solver limits shared by `plan` and `replan`.
struct SolverArguments: ParsableArguments {
    @Option(help: "Stop the solver after this many seconds.") var timeLimit: Double = 10
    @Option(help: "Stop after this many iterations instead (reproducible with --seed).") var iterations: Int?
    @Option(help: "Seed of the solver's random choices.") var seed: UInt64 = 1

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 3600 else { throw ArgumentParser.ValidationError("--time-limit must be between 0 and 3600 seconds") }
        if let iterations, iterations < 0 { throw ArgumentParser.ValidationError("--iterations must not be negative") }
    }

    var options: SolverOptions {
        SolverOptions(timeLimit: iterations == nil ? timeLimit : nil, iterations: iterations, seed: seed)
    }
}

/// The text `plan` and `replan` print.
enum PlanReport {
    static func text(_ outcome: PlanOutcome, _ lang: Language) -> String {
        let r = outcome.result
        let placed = r.plan.assignments.count + outcome.built.frozen.count
        let total = outcome.built.instance.sessions.count + outcome.built.frozen.count
        var lines: [String] = []
        lines.append(lang.pick(
            en: "week \(outcome.week): draft version \(outcome.version) stored — \(placed) of \(total) sessions placed (\(outcome.built.frozen.count) held or locked kept as they were)",
            fr: "semaine \(outcome.week) : brouillon version \(outcome.version) enregistré — \(placed) séances placées sur \(total) (\(outcome.built.frozen.count) tenues ou verrouillées gardées telles quelles)"))
        lines.append(lang.pick(en: "score: ", fr: "score : ") + Reports.scoreText(r.evaluation.score))
        if !r.plan.unassigned.isEmpty {
            lines.append(lang.pick(en: "not placed (\(r.plan.unassigned.count)):", fr: "non placées (\(r.plan.unassigned.count)) :"))
            for u in r.plan.unassigned {
                lines.append("  \(u.session)  \(outcome.titles[u.session] ?? "")")
                for reason in u.reasons { lines.append("    - \(reason)") }
            }
        }
        for note in outcome.built.notes { lines.append(lang.pick(en: "note: ", fr: "remarque : ") + note) }
        let t = outcome.timings
        lines.append(String(
            format: lang.pick(en: "time: load %.3f s, solve %.3f s, store %.3f s, total %.3f s", fr: "durée : chargement %.3f s, calcul %.3f s, enregistrement %.3f s, total %.3f s"),
            t.load, t.solve, t.store, t.total))
        lines.append(lang.pick(
            en: "next: relais-schedule show --week \(outcome.week), then relais-schedule publish --week \(outcome.week)",
            fr: "ensuite : relais-schedule show --week \(outcome.week), puis relais-schedule publish --week \(outcome.week)"))
        return lines.joined(separator: "\n")
    }
}

extension RelaisSchedule {
    /// `plan`: build next week's draft from the database.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Plan a week from the database and store the result as a draft.",
            discussion: """
                Builds the instance from the database — each conseiller's usual half-days minus absences
                and public holidays, rooms within their site's hours minus closures, the week's sessions
                and permanences, last week's series placements as anchors — runs the solver, and stores
                a draft. Prints a summary, the score term by term and every unplaced session with its
                reasons. Held or locked sessions keep their place. Nothing is published: review with
                `show`, then `publish`.

                Examples:
                  relais-schedule plan --week 2026-W49
                  relais-schedule plan --week 2026-W49 --time-limit 30
                  relais-schedule plan --week 2026-W49 --iterations 200000 --seed 7
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "ISO week to plan, e.g. 2026-W49.") var week: String
        @OptionGroup var solver: SolverArguments

        func run() throws {
            try runPlanning(language.language) {
                let w = try ScheduleParse.week(week)
                let db = try database.open()
                let progress = Terminal.progressPrinter()
                let outcome = try WeekPlanner.plan(db, week: w, options: solver.options, actor: agent.identity, progress: progress)
                if progress != nil { Terminal.endProgress() }
                print(PlanReport.text(outcome, language.language))
            }
        }
    }
}
