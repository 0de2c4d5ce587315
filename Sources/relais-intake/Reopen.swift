import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "Reopen a resolved, referred or closed request.",
            discussion: """
                Example:
                  relais-intake reopen D-2026-000123 --comment "le dossier a été refusé"
                """)

        @OptionGroup var request: LifecycleOptions
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func run() throws {
            try request.perform(comment: comment) { _, _ in .reopen }
        }
    }
}
