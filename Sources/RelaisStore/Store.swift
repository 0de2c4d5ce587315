import Foundation

extension Database {
    /// Opens the database and brings its schema up to date: what every program does at start.
    ///
    /// The check costs one small query when nothing is pending.
    public static func openMigrated(_ location: DatabaseLocation) throws -> Database {
        let db = try Database.open(location)
        try Migrator(for: db.backend).ensureCurrent(db)
        return db
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
