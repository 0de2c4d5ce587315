import ArgumentParser
import RelaisCLI
import RelaisPlanning

extension RelaisSchedule {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Recompute a plan's hard rules and score, independently of the solver.",
            discussion: """
                Lists every hard violation one by one, then the score term by term.
                Exits with 2 when some hard rule is broken, with 1 when a file is unreadable or
                the plan does not belong to the instance.

                Examples:
                  relais-schedule check --instance week.json --plan plan.json
                  relais-schedule check --instance week.json --plan plan.json --format json
                """)

        @Option(help: "Instance file (relais-schedule-instance/1).")
        var instance: String

        @Option(help: "Plan file (relais-schedule-plan/1).")
        var plan: String

        @Option(help: "Output format: text or json.")
        var format: ReportFormat = .text

        @OptionGroup var language: LanguageOptions

        func run() throws {
            let lang = language.language
            try runPlanning(lang) {
                let loaded = try PlanningFiles.loadInstance(instance)
                let loadedPlan = try PlanningFiles.loadPlan(plan, for: loaded)
                let report = Reports.check(loadedPlan, instance: loaded)
                switch format {
                case .text: print(Reports.checkText(report, lang))
                case .json: Terminal.write(PlanningFiles.json(report))
                }
                if report.hard > 0 { throw ExitCode(2) }
            }
        }
    }
}
