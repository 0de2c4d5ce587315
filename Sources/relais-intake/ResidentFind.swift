import ArgumentParser
import RelaisCLI
import RelaisStore

extension RelaisIntake {
    struct ResidentFind: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "Find residents by name, phone or e-mail (case, accents and word order ignored), best match first.",
            discussion: """
                Examples:
                  relais-intake resident find "fatima benali"
                  relais-intake resident find "benali"
                  relais-intake resident find "06 12 34 56 78"
                  relais-intake resident find fatima.benali@orange.fr --format json
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "A name (or part of it), a phone number or an e-mail address.") var text: String
        @Option(help: "At most this many results.") var limit = 20

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ArgumentParser.ValidationError("--limit must be between 1 and 1000") }
        }

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let db = try database.open()
                let found = try ResidentStore.find(db, text, limit: limit)
                if found.isEmpty && output.format == .table {
                    print(lang.pick(
                        en: "No resident found. To record one: relais-intake resident add --first-name …",
                        fr: "Aucun habitant trouvé. Pour l’enregistrer : relais-intake resident add --first-name …"))
                    return
                }
                Terminal.write(output.render(IntakeListings.residents(found, lang)))
            }
        }
    }
}
