// relais-schedule: plan a week. A doorway only; the work is done by RelaisPlanning.

import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisPlanning

@main
struct RelaisSchedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relais-schedule",
        abstract: "Plan the week: who runs which workshop, in which room, when.",
        discussion: """
            Works on instance files (relais-schedule-instance/1) and plan files (relais-schedule-plan/1), as described in docs/scheduling.md.
            Exit codes: 0 success, 1 bad input (unreadable file, malformed JSON, invalid instance or plan, a refusal; nothing written), 2 `check` found hard violations, 3 database missing, not initialised, unreachable, damaged, read-only or from a newer Relais, 64 wrong usage (unknown option, bad --size, --tightness or --time-limit).
            """,
        version: RelaisVersion.string,
        subcommands: [
            Solve.self, Check.self, Generate.self,
            Sites.self, Rooms.self, Staff.self, Catalogue.self, Absences.self, Holidays.self, Demand.self,
            Plan.self, Show.self, Publish.self, Versions.self, Replan.self, Export.self,
            Enroll.self, Unenroll.self, Registrations.self, Attendance.self, CloseSession.self, DemoWeek.self,
        ])

    /// Arguments are checked for control characters before the parser reads them.
    static func main() {
        InputCheck.arguments()
        main(nil)
    }
}

/// Output of reports: readable text or JSON for scripts.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// The suite's `runCommand` (one line "error: …" / "erreur : …", exit 1), with planning
/// errors worded in the chosen language.
func runPlanning(_ language: Language, _ body: () throws -> Void) throws {
    try runCommand(language) {
        do {
            try body()
        } catch let error as PlanningError {
            throw CommandFailure(en: error.message(.en), fr: error.message(.fr))
        }
    }
}

/// A usage error (exit 64) in the chosen language.
func usageError(_ language: Language, en: String, fr: String) -> ArgumentParser.ValidationError {
    ArgumentParser.ValidationError(language.pick(en: en, fr: fr))
}
