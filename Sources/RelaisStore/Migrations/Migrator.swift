import Foundation

/// One numbered schema change, as shipped in `sql/<backend>/NNNN_name.sql`.
public struct Migration: Sendable, Hashable {
    /// The number `NNNN`.
    public let version: Int
    /// The name after the number, e.g. `initial`.
    public let name: String
    /// The SQL script.
    public let sql: String
    /// SHA-256 of the script, recorded when it runs so that a later edit is detected.
    public let checksum: String

    /// A migration; the checksum is computed unless given (embedded migrations carry theirs).
    public init(version: Int, name: String, sql: String, checksum: String? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = checksum ?? SHA256.hex(sql)
    }

    /// The migrations built into this binary for a backend, in order.
    public static func embedded(for backend: Backend) -> [Migration] {
        let files = backend == .sqlite ? EmbeddedMigrations.sqlite : EmbeddedMigrations.postgres
        return files.compactMap { file in
            let stem = file.name.hasSuffix(".sql") ? String(file.name.dropLast(4)) : file.name
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else { return nil }
            return Migration(
                version: version, name: String(stem[stem.index(after: underscore)...]), sql: file.sql, checksum: file.checksum)
        }.sorted { $0.version < $1.version }
    }
}

/// Where a database stands against the migrations this binary knows.
public struct SchemaStatus: Sendable, Equatable {
    /// Whether the database holds Relais's migration record (`init` or a migration ran).
    public let initialised: Bool
    /// Highest applied version, 0 for an empty database.
    public let currentVersion: Int
    /// Highest version this binary knows.
    public let latestVersion: Int
    /// Versions known but not yet applied.
    public let pending: [Int]
}

/// Applies the numbered migrations, one transaction each, recording their checksums.
///
/// Refuses a database whose recorded migrations were edited or that comes from a newer Relais.
/// On PostgreSQL an advisory lock serialises programs that start at the same moment; on SQLite
/// `BEGIN IMMEDIATE` does.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// Advisory lock key for PostgreSQL ("RELAIS" on a phone keypad).
    static let advisoryLockKey: Int64 = 735_247

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The migrations embedded for the database's backend.
    public init(for backend: Backend) {
        self.init(migrations: Migration.embedded(for: backend))
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// Applies every pending migration. Returns the versions applied (empty when up to date).
    /// - Throws: `StoreError` `.migrationEdited`, `.schemaTooNew`, or the failing statement's error.
    @discardableResult
    public func migrate(_ db: Database) throws -> [Int] {
        if db.backend == .postgres {
            try db.execute("SELECT pg_advisory_lock($1)", [.integer(Self.advisoryLockKey)])
            defer { _ = try? db.execute("SELECT pg_advisory_unlock($1)", [.integer(Self.advisoryLockKey)]) }
            try db.execute(Self.createTable)
            return try applyPending(db)
        }
        return try applyPending(db)
    }

    private func applyPending(_ db: Database) throws -> [Int] {
        var applied: [Int] = []
        while true {
            let next: Int? = try db.transaction { db in
                if db.backend == .sqlite { try db.execute(Self.createTable) }
                let recorded = try self.recorded(db)
                try self.verify(recorded)
                guard let migration = migrations.first(where: { recorded[$0.version] == nil }) else { return nil }
                try db.executeScript(migration.sql)
                try db.execute(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
                    [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum),
                     .text(TimestampFormat.iso(Date()))])
                return migration.version
            }
            guard let next else { return applied }
            applied.append(next)
        }
    }

    /// Where the database stands, without changing it.
    public func status(_ db: Database) throws -> SchemaStatus {
        let initialised = try tableExists(db)
        let recorded = initialised ? try self.recorded(db) : [:]
        try verify(recorded)
        return SchemaStatus(
            initialised: initialised, currentVersion: recorded.keys.max() ?? 0,
            latestVersion: migrations.last?.version ?? 0,
            pending: migrations.map(\.version).filter { recorded[$0] == nil })
    }

    /// Migrates only when something is pending: the cheap check every program makes at start
    /// (`status`, when the caller has read it already).
    public func ensureCurrent(_ db: Database, status known: SchemaStatus? = nil) throws {
        let status = try known ?? status(db)
        if !status.pending.isEmpty { try migrate(db) }
    }

    /// Whether Relais's `schema_migrations` is there — the one with a `checksum` column: other
    /// frameworks (Rails, golang-migrate) keep a table of the same name.
    private func tableExists(_ db: Database) throws -> Bool {
        switch db.backend {
        case .sqlite:
            return try db.scalar("SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'").int == 1
        case .postgres:
            return try db.scalar(
                """
                SELECT count(*) FROM pg_attribute
                WHERE attrelid = to_regclass('schema_migrations') AND attname = 'checksum' AND NOT attisdropped
                """).int == 1
        }
    }

    private func recorded(_ db: Database) throws -> [Int: String] {
        var result: [Int: String] = [:]
        for row in try db.query("SELECT version, checksum FROM schema_migrations") {
            if let v = row.int("version"), let c = row.string("checksum") { result[Int(v)] = c }
        }
        return result
    }

    private func verify(_ recorded: [Int: String]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let latest = migrations.last?.version ?? 0
        for (version, checksum) in recorded.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else {
                throw StoreError(
                    .schemaTooNew,
                    "the database schema is at version \(recorded.keys.max() ?? version) but this program knows versions up to \(latest); install the newer Relais that created it")
            }
            if migration.checksum != checksum {
                throw StoreError(
                    .migrationEdited,
                    "migration \(String(format: "%04d", version))_\(migration.name) differs from the one applied to this database (checksum mismatch); shipped migrations must never be edited: restore the original file and add a new numbered migration instead")
            }
        }
    }
}
