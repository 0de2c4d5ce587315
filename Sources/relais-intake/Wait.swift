import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Wait: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wait",
            abstract: "Wait for the resident or a third party (a document, a call back).",
            discussion: """
                Example:
                  relais-intake wait D-2026-000123 --comment "attend l’avis d’imposition"
                """)

        @OptionGroup var request: LifecycleOptions
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func run() throws {
            try request.perform(comment: comment) { _, _ in .wait }
        }
    }
}
