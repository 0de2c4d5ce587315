import ArgumentParser
import RelaisCLI

/// `relais-admin`: database setup, demo data, backups.
@main
struct RelaisAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relais-admin",
        abstract: "Set up and look after the Relais database: create, migrate, status, demo data, backups, privacy, published texts.",
        discussion: """
            The database is chosen by --database, else $RELAIS_DATABASE, else $XDG_DATA_HOME/relais/relais.sqlite.
            Accepted forms: a file path, sqlite:PATH, postgres://user@host/db, or a libpq keyword string such as "host=/run/postgresql dbname=relais".
            PostgreSQL passwords come from PGPASSWORD, ~/.pgpass or a service file and are never printed.

            Exit codes: 0 done, 1 refused or bad input (nothing written), 3 database missing or not initialised, unreachable, damaged, read-only or from a newer Relais, 64 wrong usage.
            """,
        version: RelaisVersion.string,
        subcommands: [Init.self, Migrate.self, Status.self, Demo.self, Backup.self, PrivacyCommand.self, DocumentsCommand.self])

    /// Arguments are checked for control characters before the parser reads them.
    static func main() {
        InputCheck.arguments()
        main(nil)
    }
}
