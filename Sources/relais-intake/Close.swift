import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "File a resolved or referred request (→ closed).",
            discussion: """
                Example:
                  relais-intake close D-2026-000123
                """)

        @OptionGroup var request: LifecycleOptions
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func run() throws {
            try request.perform(comment: comment) { _, _ in .close }
        }
    }
}
