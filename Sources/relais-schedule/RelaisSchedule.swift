// relais-schedule: plan a week. A doorway only; the work is done by RelaisPlanning.

import ArgumentParser
import RelaisPlanning

@main
struct RelaisSchedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relais-schedule",
        abstract: "Plan the week: who runs which workshop, in which room, when.",
        discussion: """
            Works on instance files (relais-schedule-instance/1) and plan files
            (relais-schedule-plan/1), as described in docs/scheduling.md.
            Exit codes: 0 success, 1 bad input or usage, 2 `check` found hard violations.
            """,
        version: "0.1.0",
        subcommands: [Solve.self, Check.self, Generate.self])
}

/// Output of reports: readable text or JSON for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
