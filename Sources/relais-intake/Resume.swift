import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Resume a waiting request (waiting → in progress).",
            discussion: """
                Example:
                  relais-intake resume D-2026-000123
                """)

        @OptionGroup var request: LifecycleOptions
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func run() throws {
            try request.perform(comment: comment) { _, _ in .resumeFromWaiting }
        }
    }
}
