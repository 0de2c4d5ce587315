import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisAdmin {
    struct PrivacyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "privacy",
            abstract: "Answer access and erasure requests; purge residents inactive past the retention period.",
            discussion: """
                Erasure and the purge keep the statistical fields (gender, birth year, social status,
                commune, postcode) so that funder figures survive; names, phone, e-mail, consent and the
                free-text summaries and notes of the person's requests are removed.
                """,
            subcommands: [Export.self, Erase.self, Purge.self])
    }
}

extension RelaisAdmin.PrivacyCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write everything held about one resident as JSON (right of access).",
            discussion: """
                Examples:
                  relais-admin privacy export 42 --out acces-42.json
                  relais-admin privacy export 42
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The resident's id.") var resident: Int64
        @Option(help: "Write to this file (owner-only) instead of standard output.") var out: String?

        func run() throws {
            try runCommand(language.language) {
                let db = try database.open()
                let export = try Privacy.export(db, residentID: resident)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let data = try encoder.encode(export) + Data("\n".utf8)
                if let out {
                    do {
                        try OutputFile.write(data, to: out, ownerOnly: true)
                    } catch {
                        throw CommandFailure(en: "cannot write '\(out)'; check the folder exists", fr: "impossible d’écrire « \(out) » ; vérifiez le dossier")
                    }
                    // On standard error: --out may be /dev/stdout, where the JSON goes.
                    Terminal.error(language.language.pick(en: "Access export written to \(out).\n", fr: "Export d’accès écrit dans \(out).\n"))
                } else {
                    Terminal.write(String(decoding: data, as: UTF8.self))
                }
            }
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Erase one resident's personal data (right to erasure), keeping the statistics.",
            discussion: """
                Irreversible: it asks for --confirm.
                Example:
                  relais-admin privacy erase 42 --reason "demande écrite du 28/11" --confirm
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The resident's id.") var resident: Int64
        @Option(help: "Why (kept in the audit trail; no personal data here).") var reason: String = "erasure request"
        @Flag(help: "Confirm the erasure: it cannot be undone.") var confirm = false

        func run() throws {
            try runCommand(language.language) {
                guard confirm else {
                    throw CommandFailure(
                        en: "erasing resident \(resident) cannot be undone; run again with --confirm",
                        fr: "l’effacement de la personne \(resident) est définitif ; relancez avec --confirm")
                }
                let db = try database.open()
                try Privacy.erase(db, residentID: resident, actor: agent.identity, reason: reason)
                print(language.language.pick(
                    en: "Resident \(resident): personal data erased; statistics kept.",
                    fr: "Personne \(resident) : données personnelles effacées ; statistiques conservées."))
            }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Anonymise followed residents with no activity for N months (default 24).",
            discussion: """
                Residents who still hold an open loan or an open request are kept and counted.
                Activity: a request opened or worked on, an accompaniment, a workshop
                registration or attendance, an edit of the record, an import (docs/privacy.md).
                Examples:
                  relais-admin privacy purge --dry-run
                  relais-admin privacy purge --inactive-months 24
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "Retention period in months since the last activity.") var inactiveMonths: Int = 24
        @Flag(help: "Only count who would be anonymised.") var dryRun = false

        func validate() throws {
            guard (1...240).contains(inactiveMonths) else {
                throw ArgumentParser.ValidationError("--inactive-months must be between 1 and 240")
            }
        }

        func run() throws {
            try runCommand(language.language) {
                let lang = language.language
                let db = try database.open()
                let cutoff = Calendar(identifier: .gregorian).date(byAdding: .month, value: -inactiveMonths, to: Date()) ?? Date()
                let result = try Privacy.purge(db, inactiveSince: cutoff, actor: agent.identity, dryRun: dryRun)
                let kept = result.keptOngoing
                if dryRun {
                    print(lang.pick(
                        en: "Would anonymise \(result.anonymised) resident(s) inactive for \(inactiveMonths) months; \(kept) kept for an open loan or request.",
                        fr: "Anonymiserait \(result.anonymised) personne(s) sans activité depuis \(inactiveMonths) mois ; \(kept) conservée(s) pour un prêt ou une demande en cours."))
                } else {
                    print(lang.pick(
                        en: "Anonymised \(result.anonymised) resident(s) inactive for \(inactiveMonths) months; \(kept) kept for an open loan or request.",
                        fr: "\(result.anonymised) personne(s) anonymisée(s), sans activité depuis \(inactiveMonths) mois ; \(kept) conservée(s) pour un prêt ou une demande en cours."))
                }
            }
        }
    }
}
