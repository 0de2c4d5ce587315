import ArgumentParser
import RelaisCLI
import RelaisStore

extension RelaisAdmin {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the backend, the schema version and the row counts of the main tables (never a password).",
            discussion: """
                Examples:
                  relais-admin status --database demo/relais.sqlite
                  relais-admin status --format json
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var language: LanguageOptions

        func run() throws {
            try runCommand(language.language) {
                let lang = language.language
                let location = try database.location()
                let (db, schema) = try Database.openExisting(location)
                var listing = Listing(columns: ["table", "rows"])
                for (table, rows) in try db.rowCounts() { listing.append([.text(table), .number(rows)]) }
                if output.format == .table {
                    print(lang.pick(en: "backend:  ", fr: "moteur :  ") + location.backendName)
                    print(lang.pick(en: "database: ", fr: "base :    ") + location.description)
                    print(lang.pick(en: "schema:   ", fr: "schéma :  ") + "\(schema.currentVersion)/\(schema.latestVersion)"
                        + (schema.pending.isEmpty ? "" : lang.pick(en: " (pending: run relais-admin migrate)", fr: " (en attente : lancez relais-admin migrate)")))
                    print("")
                }
                Terminal.write(output.render(listing))
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy a SQLite database to a file, consistently, even while desks are writing.",
            discussion: """
                The copy is made with SQLite's online backup API and appears only when complete.
                For PostgreSQL use pg_dump (the command says how).
                Example:
                  relais-admin backup --to backups/relais-$(date +%F).sqlite
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "The backup file to write.") var to: String
        @Flag(help: "Replace the file if it exists.") var force = false

        func run() throws {
            try runCommand(language.language) {
                let lang = language.language
                if !force && FileManager.default.fileExists(atPath: to) {
                    throw CommandFailure(
                        en: "'\(to)' already exists; choose another name or add --force",
                        fr: "« \(to) » existe déjà ; choisissez un autre nom ou ajoutez --force")
                }
                let db = try database.open()
                try db.backup(to: to)
                print(lang.pick(en: "Backup written to \(to).", fr: "Sauvegarde écrite dans \(to)."))
            }
        }
    }
}

import Foundation
