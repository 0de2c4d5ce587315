import ArgumentParser
import Foundation
import RelaisCLI
import RelaisPlanning

extension RelaisSchedule {
    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solve",
            abstract: "Build a plan for an instance.",
            discussion: """
                Starts from the instance's baseline when it has one (re-planning) and pays
                `disruption` for every change. Never breaks a hard rule: sessions it cannot
                place are listed as unassigned, each with its reasons. With --iterations and
                no --time-limit, the same seed gives the same plan on every run. Nothing is
                written when the instance is refused.

                Examples:
                  relais-schedule solve --instance week.json --out plan.json
                  relais-schedule solve --instance week.json --iterations 200000 --seed 7 --out plan.json
                  relais-schedule solve --instance week.json --time-limit 60 --format json --out plan.json
                  relais-schedule solve --instance week.json --out plan.json --lang fr
                """)

        @Option(help: "Instance file (relais-schedule-instance/1).")
        var instance: String

        @Option(help: "Stop after this many seconds (default 10 unless --iterations is given).")
        var timeLimit: Double?

        @Option(help: "Stop after this many local-search iterations (reproducible run).")
        var iterations: Int?

        @Option(help: "Seed of the random generator.")
        var seed: UInt64 = 1

        @Option(help: "Local search: late-acceptance or tabu.")
        var strategy: String = SearchStrategy.lateAcceptance.rawValue

        @Option(help: "Write the plan here; without it the plan is printed on standard output.")
        var out: String?

        @Option(help: "Summary format when --out is given: text or json.")
        var format: ReportFormat = .text

        @OptionGroup var language: LanguageOptions

        func validate() throws {
            let lang = language.language
            if let t = timeLimit, !(t > 0) {
                throw usageError(lang, en: "--time-limit must be positive", fr: "--time-limit doit être positif")
            }
            if let n = iterations, n < 0 {
                throw usageError(lang, en: "--iterations must not be negative", fr: "--iterations ne doit pas être négatif")
            }
            if SearchStrategy(rawValue: strategy) == nil {
                let names = SearchStrategy.allCases.map(\.rawValue).joined(separator: ", ")
                throw usageError(lang, en: "--strategy must be one of: \(names)", fr: "--strategy doit valoir : \(names)")
            }
        }

        func run() throws {
            let lang = language.language
            try runPlanning(lang) {
                let loaded = try PlanningFiles.loadInstance(instance)
                var options = SolverOptions(
                    timeLimit: timeLimit ?? (iterations == nil ? 10 : nil), iterations: iterations, seed: seed,
                    strategy: SearchStrategy(rawValue: strategy) ?? .lateAcceptance)
                options.progressInterval = 0.25
                let progress = Terminal.progressPrinter(lang)
                let result = try Solver.solve(loaded, options: options, progress: progress)
                if progress != nil { Terminal.endProgress() }
                guard let out else {
                    Terminal.write(PlanningFiles.json(result.plan))
                    return
                }
                try PlanningFiles.write(result.plan, to: out)
                let report = Reports.solveReport(result, instance: loaded)
                switch format {
                case .text: print(Reports.solveText(report, lang))
                case .json: Terminal.write(PlanningFiles.json(report))
                }
            }
        }
    }
}
