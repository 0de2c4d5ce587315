import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

/// What every lifecycle command takes: the database, the agent, the language and the request number.
struct LifecycleOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var agent: AgentOptions
    @OptionGroup var language: LanguageOptions
    @Argument(help: "The request number, e.g. D-2026-000123.") var number: String

    /// Applies `event` (built once the database is open) and prints the transition.
    func perform(comment: String? = nil, _ event: (Database, RequestNumber) throws -> RequestEvent) throws {
        let lang = language.language
        try runIntake(lang) {
            let number = try IntakeInput.number(number)
            let db = try database.open()
            let transition = try RequestStore.apply(db, number: number, try event(db, number), note: comment, actor: agent.identity)
            print(IntakeListings.transition(transition, lang))
        }
    }
}
