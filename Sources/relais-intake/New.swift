import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Quick entry at the desk: a short dialogue that records a walk-in's request.",
            discussion: """
                Answers: a number, or the start of a code or label (e.g. "usage", "aide"); Enter takes the
                default in brackets. The site you choose is remembered in
                $XDG_CONFIG_HOME/relais/intake.conf (else ~/.config/relais/intake.conf).
                At the resident question type a name, phone or e-mail and pick from the
                list, or "new" for a new resident; a new resident's possible duplicates
                are offered by number (or "new" to create the resident anyway). Nothing
                is written until the summary is confirmed; a new resident is then
                recorded together with the request.
                Needs a terminal; in scripts use `relais-intake request open`.
                (Test hook: RELAIS_FORCE_INTERACTIVE=1 reads the answers from a pipe.)

                Example:
                  relais-intake new
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                guard Prompter.isAvailable() else {
                    throw CommandFailure(
                        en: "new is interactive and needs a terminal; in a script use: relais-intake request open --site … --field … --summary …",
                        fr: "new est interactif et demande un terminal ; dans un script utilisez : relais-intake request open --site … --field … --summary …")
                }
                let db = try database.open()
                let prompter = Prompter(language: lang)
                let number = try IntakeQuickEntry(db: db, prompter: prompter, actor: agent.identity, today: ParisTime.today()).run()
                prompter.say(lang.pick(
                    en: "Request \(number) recorded. Receipt: relais-intake receipt \(number)\n",
                    fr: "Demande \(number) enregistrée. Reçu : relais-intake receipt \(number)\n"))
            }
        }
    }
}
