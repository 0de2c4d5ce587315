import Foundation

extension Database {
    /// Opens the database and brings its schema up to date: what every program does at start.
    ///
    /// The check costs one small query when nothing is pending.
    public static func openMigrated(_ location: DatabaseLocation) throws -> Database {
        let db = try Database.open(location, create: true)
        try Migrator(for: db.backend).ensureCurrent(db)
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
        let status = try Migrator(for: db.backend).status(db)
        guard status.initialised else {
            let tables: String
            switch db.backend {
            case .sqlite: tables = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            case .postgres:
                guard try !db.scalar("SELECT current_schema()").isNull else {
                    throw StoreError(
                        .connection,
                        "the search_path of \(location) names no existing schema; create the schema or fix the search_path")
                }
                tables = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
            }
            if try db.scalar(tables).int ?? 0 > 0 {
                throw StoreError(
                    .connection,
                    "the database \(location) holds other tables but no Relais schema; check --database / RELAIS_DATABASE")
            }
            throw StoreError(
                .connection,
                "the database \(location) has no Relais tables yet; create them with relais-admin init, or check --database / RELAIS_DATABASE")
        }
        try db.useWriteAheadLog()
        return (db, status)
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
