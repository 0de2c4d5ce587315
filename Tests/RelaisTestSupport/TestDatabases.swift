import Foundation
import RelaisStore

/// The backends a store test runs on: SQLite always, PostgreSQL when `RELAIS_TEST_POSTGRES` names a server.
///
/// When it is unset the PostgreSQL cases are left out and a warning says so on stderr; `.ci/run`
/// always sets it, so CI never skips them.
public enum TestBackends {
    /// The libpq connection string of the test server, if any.
    public static let postgresConninfo: String? = {
        let value = ProcessInfo.processInfo.environment["RELAIS_TEST_POSTGRES"]
        if value == nil || value!.isEmpty {
            FileHandle.standardError.write(
                Data("\n*** RELAIS_TEST_POSTGRES is not set: the PostgreSQL cases of every store test are SKIPPED. ***\n\n".utf8))
            return nil
        }
        return value
    }()

    /// Every backend to test.
    public static var all: [Backend] { postgresConninfo == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// A throw-away database: a SQLite file in a temporary folder, or a fresh PostgreSQL schema.
///
/// `location` can be handed to a child process (the schema travels in libpq's `options`).
public final class TestDatabase {
    public let backend: Backend
    public let location: DatabaseLocation
    public let directory: URL
    private let schema: String?

    public init(_ backend: Backend) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.backend = backend
        switch backend {
        case .sqlite:
            schema = nil
            location = .sqlite(path: directory.appendingPathComponent("relais.sqlite").path)
        case .postgres:
            guard let base = TestBackends.postgresConninfo else {
                throw StoreError(.connection, "RELAIS_TEST_POSTGRES is not set")
            }
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            schema = String(name)
            let admin = try Database.open(.postgres(conninfo: base))
            try admin.execute("CREATE SCHEMA \(name)")
            location = .postgres(conninfo: Self.withSearchPath(base, schema: String(name)))
        }
    }

    /// Opens a new connection (not migrated).
    public func open() throws -> Database { try Database.open(location) }

    /// Opens a new connection with the schema brought up to date.
    public func openMigrated() throws -> Database { try Database.openMigrated(location) }

    /// The `--database` argument for a child process.
    public var argument: String {
        switch location {
        case .sqlite(let path): return "sqlite:" + path
        case .postgres(let conninfo): return conninfo
        }
    }

    deinit {
        if let schema, let base = TestBackends.postgresConninfo, let admin = try? Database.open(.postgres(conninfo: base)) {
            _ = try? admin.execute("DROP SCHEMA \(schema) CASCADE")
        }
        try? FileManager.default.removeItem(at: directory)
    }

    static func withSearchPath(_ base: String, schema: String) -> String {
        let lower = base.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            let separator = base.contains("?") ? "&" : "?"
            return base + separator + "options=-csearch_path%3D" + schema
        }
        return base + " options='-csearch_path=\(schema)'"
    }
}

/// Runs `body` with a fresh migrated database on `backend`, cleaned up afterwards.
public func withDatabase(_ backend: Backend, migrated: Bool = true, _ body: (Database, TestDatabase) throws -> Void) throws {
    let test = try TestDatabase(backend)
    let db = migrated ? try test.openMigrated() : try test.open()
    try body(db, test)
}
