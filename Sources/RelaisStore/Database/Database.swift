import Foundation

/// Which engine is behind a `Database`.
public enum Backend: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}

/// What a backend connection provides; `Database` adds transactions and conveniences on top.
protocol Connection: AnyObject {
    var backend: Backend { get }
    /// Runs one statement written with `$1, $2 …` placeholders, calling `row` for each result row.
    /// Returns the number of rows changed.
    func run(_ sql: String, _ arguments: [SQLValue], _ row: (Row) throws -> Void) throws -> Int
    /// Runs several statements with no parameters (migrations).
    func executeScript(_ sql: String) throws
    /// Inserts `count` rows fast (`COPY` on PostgreSQL, a reused prepared statement on SQLite),
    /// asking `row` to fill one reused buffer with the values of row `i`.
    func bulkInsert(table: String, columns: [String], count: Int, row: (Int, inout [SQLValue]) throws -> Void) throws
    func close()
}

/// One open database: SQLite or PostgreSQL, with the same behaviour.
///
/// A `Database` is one connection, owned by one thread at a time: it is deliberately not
/// `Sendable`. Statements use PostgreSQL-style placeholders (`$1`, `$2` …) on both backends and
/// every value is bound, never spliced into SQL.
public final class Database {
    let connection: any Connection
    private var transactionDepth = 0
    /// Where this database was opened from (password redacted when printed).
    public let location: DatabaseLocation

    /// The engine behind this database.
    public var backend: Backend { connection.backend }

    init(connection: any Connection, location: DatabaseLocation) {
        self.connection = connection
        self.location = location
    }

    /// Opens the database at `location`; with `create`, a missing SQLite file is created
    /// (owner-only). Without it, a SQLite file keeps its log mode until `useWriteAheadLog`.
    /// - Throws: `StoreError` with code `.connection`, `.invalidLocation`, `.corrupt` or `.readOnly`.
    public static func open(_ location: DatabaseLocation, create: Bool = true) throws(StoreError) -> Database {
        do {
            switch location {
            case .sqlite(let path):
                return Database(connection: try SQLiteConnection(path: path, create: create), location: location)
            case .postgres(let conninfo):
                return Database(connection: try PostgresConnection(conninfo: conninfo), location: location)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.other, "cannot open the database: \(error)")
        }
    }

    deinit { connection.close() }

    /// Puts a SQLite database opened without `create` in Relais's log mode (write-ahead log,
    /// synced commits), once it is known to be Relais's; nothing on PostgreSQL.
    public func useWriteAheadLog() throws {
        if let sqlite = connection as? SQLiteConnection { try wrap { try sqlite.useWriteAheadLog() } }
    }

    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        try wrap { try connection.run(sql, arguments) { _ in } }
    }

    /// Runs a statement and returns every row.
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> [Row] {
        var rows: [Row] = []
        _ = try wrap { try connection.run(sql, arguments) { rows.append($0) } }
        return rows
    }

    /// Runs a statement, streaming rows to `body` without keeping them all in memory.
    public func forEach(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        _ = try connection.run(sql, arguments, body)
    }

    /// The first row, if any.
    public func queryOne(_ sql: String, _ arguments: [SQLValue] = []) throws -> Row? {
        try query(sql, arguments).first
    }

    /// The first column of the first row.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue {
        try queryOne(sql, arguments)?.values.first ?? .null
    }

    /// Runs several parameterless statements.
    public func executeScript(_ sql: String) throws {
        try wrap { try connection.executeScript(sql) }
    }

    /// Inserts many rows in one go; call inside a transaction.
    public func bulkInsert(table: String, columns: [String], rows: [[SQLValue]]) throws {
        try bulkInsert(table: table, columns: columns, count: rows.count) { i, values in values += rows[i] }
    }

    /// Inserts `count` rows in one go without holding them all: `row(i, &values)` appends row
    /// `i`'s values, in `columns` order, to a reused buffer (which may hold earlier rows: append,
    /// never assign). Call inside a transaction.
    public func bulkInsert(
        table: String, columns: [String], count: Int, row: (Int, inout [SQLValue]) throws -> Void
    ) throws {
        guard count > 0 else { return }
        // An error of `row` itself reaches the caller as it is; only the database's are wrapped.
        var rowError: (any Error)?
        do {
            try wrap {
                try connection.bulkInsert(table: table, columns: columns, count: count) { i, values in
                    do {
                        try row(i, &values)
                    } catch {
                        rowError = error
                        throw error
                    }
                }
            }
        } catch {
            throw rowError ?? error
        }
    }

    /// Whether a transaction is open.
    public var inTransaction: Bool { transactionDepth > 0 }

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    ///
    /// SQLite takes the write lock up front (`BEGIN IMMEDIATE`) so that two writers queue on the
    /// busy timeout instead of failing at commit. Nested calls use savepoints.
    @discardableResult
    public func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        let depth = transactionDepth
        if depth == 0 {
            try execute(backend == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")
        } else {
            try execute("SAVEPOINT relais_sp\(depth)")
        }
        transactionDepth += 1
        do {
            let result = try body(self)
            transactionDepth -= 1
            if depth == 0 {
                try execute("COMMIT")
            } else {
                try execute("RELEASE SAVEPOINT relais_sp\(depth)")
            }
            return result
        } catch {
            transactionDepth = depth
            if depth == 0 {
                _ = try? connection.run("ROLLBACK", []) { _ in }
            } else {
                _ = try? connection.run("ROLLBACK TO SAVEPOINT relais_sp\(depth)", []) { _ in }
                _ = try? connection.run("RELEASE SAVEPOINT relais_sp\(depth)", []) { _ in }
            }
            throw error
        }
    }

    /// Runs `body` in a transaction that is always rolled back, and returns its result: what a
    /// write would do, every check and constraint included, without writing it (`--dry-run`).
    /// When `dryRun` is false it is an ordinary `transaction`.
    public func transaction<T>(dryRun: Bool, _ body: (Database) throws -> T) throws -> T {
        guard dryRun else { return try transaction(body) }
        var result: T?
        do {
            try transaction { db in
                result = try body(db)
                throw RolledBack()
            }
        } catch is RolledBack {}
        return result!
    }

    private struct RolledBack: Error {}

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.other, "database error: \(error)")
        }
    }
}

@available(*, unavailable, message: "A Database is one connection owned by one thread; open one per task.")
extension Database: Sendable {}
