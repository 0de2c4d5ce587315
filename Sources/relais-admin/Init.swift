import ArgumentParser
import RelaisCLI
import RelaisStore

extension RelaisAdmin {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the database (and its folder) and its schema; safe to run again.",
            discussion: """
                Examples:
                  relais-admin init --database demo/relais.sqlite
                  relais-admin init --database "host=/run/postgresql dbname=relais"
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions

        func run() throws {
            try runCommand(language.language) {
                let location = try database.location()
                let (db, _) = try Database.openForSchema(location, create: true)
                let applied = try Migrator(for: db.backend).migrate(db)
                let lang = language.language
                if applied.isEmpty {
                    print(lang.pick(en: "Database \(location) is up to date.", fr: "La base \(location) est à jour."))
                } else {
                    print(lang.pick(
                        en: "Database \(location) ready: applied migrations \(applied.map(String.init).joined(separator: ", ")).",
                        fr: "Base \(location) prête : migrations appliquées \(applied.map(String.init).joined(separator: ", "))."))
                }
            }
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply pending migrations; refuses an edited migration or a newer schema.",
            discussion: """
                Every other Relais command that opens a database migrates on start as well, except relais-admin status, which only reports the pending migrations; this command shows what it applies.
                Examples:
                  relais-admin migrate
                  relais-admin migrate --dry-run
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Flag(help: "Only list the pending migrations.") var dryRun = false

        func run() throws {
            try runCommand(language.language) {
                let lang = language.language
                let (db, status) = try Database.openForSchema(try database.location(), create: false)
                let migrator = Migrator(for: db.backend)
                if dryRun {
                    let pending = status.pending.map(String.init).joined(separator: ", ")
                    print(status.pending.isEmpty
                        ? lang.pick(en: "Nothing to migrate (schema version \(status.currentVersion)).", fr: "Rien à migrer (schéma version \(status.currentVersion)).")
                        : lang.pick(en: "Pending migrations: \(pending)", fr: "Migrations en attente : \(pending)"))
                    return
                }
                let applied = try migrator.migrate(db)
                print(applied.isEmpty
                    ? lang.pick(en: "Nothing to migrate (schema version \(status.currentVersion)).", fr: "Rien à migrer (schéma version \(status.currentVersion)).")
                    : lang.pick(en: "Applied migrations: \(applied.map(String.init).joined(separator: ", "))", fr: "Migrations appliquées : \(applied.map(String.init).joined(separator: ", "))"))
            }
        }
    }
}
