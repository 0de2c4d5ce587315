import Foundation

extension Database {
    /// Opens the database, creating a missing SQLite file, and brings its schema up to date: what
    /// `relais-admin demo` and `relais-schedule demo-week` do. Another application's database is
    /// refused, unchanged (see `openForSchema`).
    public static func openMigrated(_ location: DatabaseLocation) throws -> Database {
        let (db, status) = try openForSchema(location, create: true)
        try Migrator(for: db.backend).ensureCurrent(db, status: status)
        return db
    }

    /// Opens a Relais database that exists (`relais-admin init` made it) and brings its schema up
    /// to date. A missing SQLite file, an empty database, or one holding another application's
    /// tables is refused, unchanged: a mistyped `--database` must not become a new, empty
    /// database, nor Relais's tables land in someone else's.
    public static func openInitialised(_ location: DatabaseLocation) throws -> Database {
        let (db, status) = try openExisting(location)
        try Migrator(for: db.backend).ensureCurrent(db, status: status)
        return db
    }

    /// Opens a Relais database that exists, without changing it; returns where its schema stands.
    public static func openExisting(_ location: DatabaseLocation) throws -> (Database, SchemaStatus) {
        let db = try Database.open(location, create: false)
        let status = try db.schemaStatus()
        guard status.initialised else {
            throw StoreError(
                .connection,
                "the database \(location) has no Relais tables yet; create them with relais-admin init, or check --database / RELAIS_DATABASE")
        }
        try db.useWriteAheadLog()
        return (db, status)
    }

    /// Opens a database that `init`, `migrate` or a demo may write Relais's schema into: Relais's
    /// own or one without tables (with `create`, a missing SQLite file is made). One holding
    /// another application's tables is refused and left exactly as it was (an existing SQLite file
    /// keeps its log mode until it is known to be Relais's or empty).
    public static func openForSchema(_ location: DatabaseLocation, create: Bool) throws -> (Database, SchemaStatus) {
        var creating = create
        if case .sqlite(let path) = location, FileManager.default.fileExists(atPath: path) { creating = false }
        let db = try Database.open(location, create: creating)
        let status = try db.schemaStatus()
        try db.useWriteAheadLog()
        return (db, status)
    }

    /// Where the schema stands; throws when the database holds tables but no Relais migration
    /// record (another application's), or when a PostgreSQL search_path names no schema.
    private func schemaStatus() throws -> SchemaStatus {
        let migrator = Migrator(for: backend)
        let status = try migrator.status(self)
        guard !status.initialised, try holdsTables() else { return status }
        // Another program may have initialised it between the two reads (its first migration
        // creates the tables and the record together): look again before calling it foreign.
        let again = try migrator.status(self)
        guard again.initialised else {
            throw StoreError(
                .connection,
                "the database \(location) holds other tables but no Relais schema; check --database / RELAIS_DATABASE")
        }
        return again
    }

    /// Whether the database (the PostgreSQL search_path's first schema) holds any table.
    private func holdsTables() throws -> Bool {
        let tables: String
        switch backend {
        case .sqlite: tables = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        case .postgres:
            guard try !scalar("SELECT current_schema()").isNull else {
                throw StoreError(
                    .connection,
                    "the search_path of \(location) names no existing schema; create the schema or fix the search_path")
            }
            tables = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        }
        return try scalar(tables).int ?? 0 > 0
    }

    /// The tables whose row counts `relais-admin status` shows, in schema order.
    public static let domainTables = [
        "sites", "rooms", "staff", "residents", "help_requests", "audit_events", "accompaniments",
        "workshops", "workshop_series", "sessions", "registrations", "devices", "stock_items", "loans", "plans",
    ]

    /// Row counts of the domain tables.
    public func rowCounts() throws -> [(table: String, rows: Int64)] {
        try Database.domainTables.map { table in
            (table, try scalar("SELECT count(*) FROM \(table)").int ?? 0)
        }
    }
}
