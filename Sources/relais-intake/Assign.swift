import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign a request to a conseiller, or --auto to the least-loaded one with a matching skill at its site.",
            discussion: """
                Examples:
                  relais-intake assign D-2026-000123 c-amina
                  relais-intake assign D-2026-000123 --auto
                """)

        @OptionGroup var request: LifecycleOptions
        @Argument(help: "The conseiller's staff code, e.g. c-amina.") var conseiller: String?
        @Flag(help: "Pick the least-loaded conseiller with a matching skill who works at the request's site.") var auto = false
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func validate() throws {
            switch (conseiller != nil, auto) {
            case (false, false):
                throw ArgumentParser.ValidationError("say who takes the request: a conseiller's code (e.g. c-amina), or --auto")
            case (true, true):
                throw ArgumentParser.ValidationError("give a conseiller's code (e.g. c-amina) or --auto, not both")
            default:
                break
            }
        }

        func run() throws {
            try request.perform(comment: comment) { db, number in
                .assign(to: try conseiller ?? RequestStore.autoAssignee(db, number: number))
            }
        }
    }
}
