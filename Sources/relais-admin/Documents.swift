import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

extension Documents.Kind: ExpressibleByArgument {}

extension RelaisAdmin {
    struct DocumentsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "documents",
            abstract: "Publish and read the texts shown to residents: the consent notice and the loan agreement.",
            discussion: """
                A named resident consents to the current consent notice (the one published last), and the
                version is recorded with the consent. Published texts are kept as they were: a change is a
                new version, never an edit, so every consent still points at the text the person saw.
                """,
            subcommands: [Add.self, List.self, Show.self])
    }
}

extension RelaisAdmin.DocumentsCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Publish a new version of a text, read from a UTF-8 file (- for standard input).",
            discussion: """
                Examples:
                  relais-admin documents add --kind consent --version 2026-01 --file notice-consentement.txt
                  relais-admin documents add --kind loan_agreement --version 2026-02 --file convention.txt --published-on 2026-11-02
                  relais-admin documents add --kind consent --version 2026-03 --file notice.txt --dry-run
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "consent or loan_agreement.") var kind: Documents.Kind
        @Option(help: "The version's name, e.g. 2026-01 (at most \(Documents.versionLimit) characters).") var version: String
        @Option(help: "The text, a UTF-8 file; - reads standard input.") var file: String
        @Option(help: "The day it is first shown, yyyy-mm-dd or dd/mm/yyyy (default: today; not in the future).")
        var publishedOn: String?
        @Flag(help: "Check everything, write nothing.") var dryRun = false

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let body = try TextFile.read(file, standardInput: true)
                let today = ParisTime.today()
                let day = try publishedOn.map { try LocalDate(parsing: $0, field: "published_on") } ?? today
                let db = try database.open()
                let published = try Documents.publish(
                    db, kind: kind, version: version, body: body, publishedOn: day, today: today, actor: agent.identity, dryRun: dryRun)
                let size = published.body.count
                if dryRun {
                    print(lang.pick(
                        en: "Dry run: version \(published.version) of the \(kind.label(.en)) (\(size) characters, published on \(day.iso)) can be published; nothing was written.",
                        fr: "Essai : la version \(published.version) de la \(kind.label(.fr)) (\(size) caractères, publiée le \(day.french)) peut être publiée ; rien n’a été écrit."))
                } else {
                    print(lang.pick(
                        en: "Published version \(published.version) of the \(kind.label(.en)) (\(size) characters, published on \(day.iso)); it is now the current one.",
                        fr: "Version \(published.version) de la \(kind.label(.fr)) publiée (\(size) caractères, le \(day.french)) ; c’est désormais la version en vigueur."))
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the published versions, newest first, with how many residents consented to each notice.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "Only this kind: consent or loan_agreement.") var kind: Documents.Kind?

        func run() throws {
            try runIntake(language.language) {
                let db = try database.open()
                var listing = Listing(columns: ["kind", "version", "published_on", "current", "characters", "consents"])
                var seen = Set<Documents.Kind>()
                for version in try Documents.list(db, kind: kind) {
                    let current = seen.insert(version.kind).inserted
                    listing.append([
                        .text(version.kind.rawValue), .text(version.version), .text(version.publishedOn.iso), .bool(current),
                        .number(Int64(version.body.count)), version.kind == .consent ? .number(Int64(version.consents)) : .empty,
                    ])
                }
                Terminal.write(output.render(listing))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a published text as it was published (default: the current consent notice).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "consent or loan_agreement.") var kind: Documents.Kind = .consent
        @Option(help: "The version (default: the current one).") var version: String?

        func run() throws {
            try runIntake(language.language) {
                let db = try database.open()
                let found = try Documents.get(db, kind: kind, version: version)
                Terminal.write(found.body.hasSuffix("\n") ? found.body : found.body + "\n")
            }
        }
    }
}
