import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Mark a request resolved, with its outcome.",
            discussion: """
                Outcomes: resolved, oriented_workshop, equipment_lent (to refer to a partner, use refer).
                Examples:
                  relais-intake resolve D-2026-000123
                  relais-intake resolve D-2026-000123 --outcome oriented_workshop --comment "inscrite à l’atelier e-mail"
                """)

        @OptionGroup var request: LifecycleOptions
        @Option(help: "resolved, oriented_workshop or equipment_lent.") var outcome = "resolved"
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func run() throws {
            try request.perform(comment: comment) { _, _ in .resolve(try RequestOutcome.parseResolution(outcome)) }
        }
    }
}
