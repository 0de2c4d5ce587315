import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note",
            abstract: "Add an internal note to a request's timeline (never on the resident's receipt).",
            discussion: """
                Example:
                  relais-intake note D-2026-000123 "Rappeler lundi, attend son numéro fiscal"
                """)

        @OptionGroup var request: LifecycleOptions
        @Argument(help: "The note (at most 2000 characters).") var text: String

        func run() throws {
            try request.perform(comment: text) { _, _ in .note }
        }
    }
}
