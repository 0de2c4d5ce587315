import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start working on an assigned request (assigned → in progress).",
            discussion: """
                Example:
                  relais-intake start D-2026-000123
                """)

        @OptionGroup var request: LifecycleOptions
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func run() throws {
            try request.perform(comment: comment) { _, _ in .start }
        }
    }
}
