import CSQLite
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A SQLite connection on the libsqlite3 C API: WAL, foreign keys, busy timeout, cached statements.
///
/// Durability and start-up cost: a commit syncs the write-ahead log (`synchronous = FULL`), so it
/// is on disk when the command says so. Closing does not copy the log back into the database
/// every time (SQLite's default, which costs a rewrite of every changed page and three more
/// syncs per command): the log is checkpointed and truncated at close once it exceeds
/// `walCheckpointBytes`, and SQLite's own automatic checkpoint still runs inside long writes.
/// Between two checkpoints the latest changes live in the `-wal` file beside the database: the
/// two files together are the database (`relais-admin backup` copies them consistently).
final class SQLiteConnection: Connection {
    let backend = Backend.sqlite
    private var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]
    let path: String
    /// Opened read-only (the file has no owner write permission).
    private var readOnly = false

    /// How long a writer waits for another one before giving up.
    static let busyTimeoutMilliseconds: Int32 = 15_000

    /// From this size of the write-ahead log on, closing checkpoints and truncates it. Every
    /// program start reads the log (recovery), so it is kept small; one `request open` adds about
    /// 100 KB to it. 1 MiB measured best (`Benchmarks/intake/run.sh`; 256 KiB and 4 MiB were slower).
    static let walCheckpointBytes = 1 << 20

    /// Opens (with `create`, creating) the database file at `path`.
    init(path: String, create: Bool = true) throws {
        self.path = path
        let fm = FileManager.default
        var readOnly = false
        defer { self.readOnly = readOnly }
        if path != ":memory:" {
            // stat(2) rather than FileManager's attribute dictionary: this runs at every start.
            var info = stat()
            if stat(path, &info) == 0 {
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    throw StoreError(.connection, "'\(path)' is a folder, not a database file")
                }
                // Respect the file's mode even for root: a file without owner write is opened read-only.
                if info.st_mode & 0o200 == 0 {
                    readOnly = true
                }
            } else if !create {
                throw StoreError(
                    .connection,
                    "no database at '\(path)'; create it with relais-admin init, or check --database / RELAIS_DATABASE")
            } else {
                let dir = (path as NSString).deletingLastPathComponent
                if !dir.isEmpty && !fm.fileExists(atPath: dir) {
                    do {
                        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                    } catch {
                        throw StoreError(.connection, "cannot create the folder '\(dir)' for the database; check the path and its permissions")
                    }
                }
                // Create the file owner-only before SQLite touches it (it copies this mode to -wal/-shm).
                let fd = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
                if fd < 0 && errno != EEXIST {
                    throw StoreError(.connection, "cannot create the database file '\(path)': \(String(cString: strerror(errno)))")
                }
                if fd >= 0 { Glibc.close(fd) }
            }
        }
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StoreError(.connection, "cannot open the SQLite database '\(path)': \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        do {
            // The first read tells a damaged or foreign file apart from a database.
            try executeScript("PRAGMA foreign_keys = ON")
            _ = try run("SELECT count(*) FROM sqlite_master", []) { _ in }
            // A database opened to use, not to create, gets its log mode (which persists in the
            // file) from the caller once it is known to be Relais's: another application's must be
            // left exactly as it was.
            if create { try useWriteAheadLog(readOnly: readOnly) }
        } catch {
            close()
            throw error
        }
    }

    /// Write-ahead log, commits synced, no checkpoint at every close (see the type's comment);
    /// nothing on a read-only file.
    func useWriteAheadLog() throws { try useWriteAheadLog(readOnly: readOnly) }

    private func useWriteAheadLog(readOnly: Bool) throws {
        guard !readOnly, !checkpointsAtClose, let handle else { return }
        // The mode lives in the file: usually set already. Switching needs the database to
        // itself, and SQLite does not wait for that (no busy handler): two programs creating one
        // database at once would see "busy". So look first, and wait a little when switching.
        var mode = ""
        _ = try run("PRAGMA journal_mode", []) { mode = $0.string("journal_mode") ?? "" }
        if mode != "wal" {
            // Whatever mode SQLite answers is kept (an in-memory database stays "memory").
            let deadline = Date().addingTimeInterval(Double(Self.busyTimeoutMilliseconds) / 1000)
            while true {
                do {
                    _ = try run("PRAGMA journal_mode = WAL", []) { _ in }
                    break
                } catch let error as StoreError where error.code == .busy && Date() < deadline {
                    usleep(10_000)
                }
            }
        }
        try executeScript("PRAGMA synchronous = FULL")
        relais_sqlite_no_checkpoint_on_close(handle, 1)
        checkpointsAtClose = true
    }

    /// Whether `close` looks at the log's size (read-write connections).
    private var checkpointsAtClose = false

    func close() {
        if checkpointsAtClose, let handle {
            var info = stat()
            if stat(path + "-wal", &info) == 0 && info.st_size > Self.walCheckpointBytes {
                // Never keep a desk waiting at exit: if another program is reading or writing,
                // leave the checkpoint to a later close.
                sqlite3_busy_timeout(handle, 50)
                _ = try? executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        for (_, statement) in statements { statement.finalize() }
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    deinit { close() }

    func run(_ sql: String, _ arguments: [SQLValue], _ row: (Row) throws -> Void) throws -> Int {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(arguments, db: self)
        let columns = statement.columnNames
        while true {
            let rc = sqlite3_step(statement.pointer)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc) }
            try row(Row(columns: columns, values: statement.currentValues()))
        }
        return Int(sqlite3_changes(handle))
    }

    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        sqlite3_free(message)
        if rc != SQLITE_OK { throw error(rc) }
    }

    /// Rows are inserted many at a time (`INSERT … VALUES (…), (…), …`): one statement opens the
    /// table's and every index's cursor once for all its rows, where one statement per row opens
    /// them for each row (twice the time on a table with a dozen indexes).
    func bulkInsert(table: String, columns: [String], count: Int, row: (Int, inout [SQLValue]) throws -> Void) throws {
        guard count > 0, !columns.isEmpty else { return }
        // SQLite allows 32,766 bound values per statement.
        let perStatement = max(1, min(Self.bulkRowsPerStatement, 32_766 / columns.count))
        func sql(rows: Int) -> String {
            let one = "(" + (0..<columns.count).map { _ in "?" }.joined(separator: ", ") + ")"
            return "INSERT OR FAIL INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: one, count: rows).joined(separator: ", ")
        }
        // The full-size statement is cached (every bulk load of the table reuses it); the one for
        // the last, shorter batch is prepared for this call only, so that odd sizes do not fill the cache.
        let full = count >= perStatement ? try prepare(sql(rows: perStatement)) : nil
        var values: [SQLValue] = []
        values.reserveCapacity(columns.count * perStatement)
        var start = 0
        while start < count {
            let rows = min(perStatement, count - start)
            values.removeAll(keepingCapacity: true)
            for i in start..<(start + rows) {
                let before = values.count
                try row(i, &values)
                guard values.count - before == columns.count else {
                    throw StoreError(.other, "a row for \(table) has \(values.count - before) values for \(columns.count) columns")
                }
            }
            let last = rows == perStatement ? nil : try prepareOnce(sql(rows: rows))
            defer { last?.finalize() }
            let target = last ?? full!  // a short batch has its own statement, a full one the cached one
            try target.bind(values, db: self)
            let rc = sqlite3_step(target.pointer)
            target.reset()
            guard rc == SQLITE_DONE else { throw error(rc) }
            start += rows
        }
    }

    /// A statement for one use (not cached; the caller finalizes it).
    private func prepareOnce(_ sql: String) throws -> Statement {
        var pointer: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, 0, &pointer, nil)
        guard rc == SQLITE_OK, let pointer else { throw error(rc) }
        return Statement(pointer)
    }

    /// Rows per `INSERT` statement in `bulkInsert`.
    static let bulkRowsPerStatement = 200

    /// A cached prepared statement; `$N` placeholders become SQLite's positional `?N`.
    private func prepare(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        var pointer: OpaquePointer?
        let translated = Self.translatePlaceholders(sql)
        let rc = sqlite3_prepare_v3(handle, translated, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard rc == SQLITE_OK, let pointer else { throw error(rc) }
        let statement = Statement(pointer)
        if statements.count > 200 {
            for (_, s) in statements { s.finalize() }
            statements.removeAll()
        }
        statements[sql] = statement
        return statement
    }

    /// Turns `$12` into `?12` outside string literals and quoted identifiers.
    static func translatePlaceholders(_ sql: String) -> String {
        guard sql.contains("$") else { return sql }
        var out = ""
        out.reserveCapacity(sql.utf8.count)
        var quote: Character?
        var previous: Character?
        for ch in sql {
            if let q = quote {
                if ch == q { quote = nil }
                out.append(ch)
            } else if ch == "'" || ch == "\"" {
                quote = ch
                out.append(ch)
            } else if ch == "$" {
                out.append("?")
            } else {
                out.append(ch)
            }
            previous = ch
        }
        _ = previous
        return out
    }

    /// Builds the error from SQLite's extended code and message (which never quotes bound values).
    func error(_ rc: Int32) -> StoreError {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? rc
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "unknown error"
        return Self.mapError(extended: extended, message: message)
    }

    static func mapError(extended: Int32, message: String) -> StoreError {
        switch extended {
        case 2067, 1555:  // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
            return StoreError(.uniqueViolation, "a record with the same key already exists (\(message))", constraint: constraintName(message))
        case 787:  // SQLITE_CONSTRAINT_FOREIGNKEY
            return StoreError(.foreignKeyViolation, "the record refers to something that does not exist, or is still referred to (\(message))")
        case 1299:  // SQLITE_CONSTRAINT_NOTNULL
            return StoreError(.notNullViolation, "a required value is missing (\(message))", constraint: constraintName(message))
        case 275:  // SQLITE_CONSTRAINT_CHECK
            return StoreError(.checkViolation, "a value breaks a rule of the database (\(message))", constraint: constraintName(message))
        default: break
        }
        switch extended & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return StoreError(.busy, "the database is busy with another writer; try again in a moment")
        case SQLITE_READONLY:
            return StoreError(.readOnly, "the database file is read-only; check its permissions or open a writable copy")
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return StoreError(.corrupt, "the file is not a Relais database or is damaged (\(message)); restore it from a backup")
        case SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_FULL, SQLITE_PERM:
            return StoreError(.connection, "cannot read or write the database file (\(message))")
        case SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_RANGE:
            return StoreError(.invalidValue, "a value does not fit its column (\(message))")
        case SQLITE_CONSTRAINT:
            return StoreError(.checkViolation, "a value breaks a rule of the database (\(message))")
        case SQLITE_ERROR where message.contains("syntax error") || message.contains("incomplete input"):
            return StoreError(.syntax, "SQL syntax error: \(message)")
        default:
            return StoreError(.other, "database error: \(message)")
        }
    }

    private static func constraintName(_ message: String) -> String? {
        guard let colon = message.lastIndex(of: ":") else { return nil }
        return message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    var rawHandle: OpaquePointer? { handle }
}

/// A prepared statement: finalized when the connection closes, reset after every use.
private final class Statement {
    let pointer: OpaquePointer
    let columnNames: [String]
    private let declaredKinds: [DeclaredKind]
    private var finalized = false

    enum DeclaredKind { case plain, timestamp, date, boolean }

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        let count = Int(sqlite3_column_count(pointer))
        var names: [String] = []
        var kinds: [DeclaredKind] = []
        for i in 0..<Int32(count) {
            names.append(String(cString: sqlite3_column_name(pointer, i)))
            let decl = sqlite3_column_decltype(pointer, i).map { String(cString: $0).uppercased() } ?? ""
            if decl.hasPrefix("TIMESTAMP") {
                kinds.append(.timestamp)
            } else if decl == "DATE" {
                kinds.append(.date)
            } else if decl == "BOOLEAN" {
                kinds.append(.boolean)
            } else {
                kinds.append(.plain)
            }
        }
        columnNames = names
        declaredKinds = kinds
    }

    func finalize() {
        guard !finalized else { return }
        finalized = true
        sqlite3_finalize(pointer)
    }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    func bind(_ values: [SQLValue], db: SQLiteConnection) throws {
        let expected = Int(sqlite3_bind_parameter_count(pointer))
        guard values.count >= expected else {
            throw StoreError(.other, "statement expects \(expected) values but got \(values.count)")
        }
        for (offset, value) in values.enumerated() where offset < expected {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(pointer, i)
            case .integer(let v): rc = sqlite3_bind_int64(pointer, i, v)
            case .bool(let b): rc = sqlite3_bind_int64(pointer, i, b ? 1 : 0)
            case .double(let d): rc = sqlite3_bind_double(pointer, i, d)
            case .text(let s), .date(let s): rc = bindText(s, i)
            case .timestamp(let t): rc = bindText(TimestampFormat.iso(t), i)
            case .blob(let bytes):
                if bytes.isEmpty {
                    rc = sqlite3_bind_zeroblob(pointer, i, 0)
                } else {
                    rc = bytes.withUnsafeBytes {
                        sqlite3_bind_blob64(pointer, i, $0.baseAddress, sqlite3_uint64($0.count), relais_sqlite_transient())
                    }
                }
            }
            guard rc == SQLITE_OK else { throw db.error(rc) }
        }
    }

    private func bindText(_ s: String, _ i: Int32) -> Int32 {
        var s = s
        return s.withUTF8 { buffer in
            // A non-null pointer even for "" keeps the empty string distinct from NULL.
            let base = buffer.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(("" as StaticString).utf8Start)
            return sqlite3_bind_text64(
                pointer, i, base.assumingMemoryBound(to: CChar.self), sqlite3_uint64(buffer.count),
                relais_sqlite_transient(), UInt8(SQLITE_UTF8))
        }
    }

    func currentValues() -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(columnNames.count)
        for i in 0..<Int32(columnNames.count) {
            switch sqlite3_column_type(pointer, i) {
            case SQLITE_NULL:
                values.append(.null)
            case SQLITE_INTEGER:
                let v = sqlite3_column_int64(pointer, i)
                values.append(declaredKinds[Int(i)] == .boolean ? .bool(v != 0) : .integer(v))
            case SQLITE_FLOAT:
                values.append(.double(sqlite3_column_double(pointer, i)))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(pointer, i))
                if count == 0 {
                    values.append(.blob([]))
                } else {
                    let raw = sqlite3_column_blob(pointer, i)!
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: raw, count: count))))
                }
            default:
                let count = Int(sqlite3_column_bytes(pointer, i))
                let text: String
                if let raw = sqlite3_column_text(pointer, i) {
                    text = String(decoding: UnsafeBufferPointer(start: raw, count: count), as: UTF8.self)
                } else {
                    text = ""
                }
                switch declaredKinds[Int(i)] {
                case .timestamp: values.append(TimestampFormat.parse(text).map { .timestamp($0) } ?? .text(text))
                case .date: values.append(.date(text))
                default: values.append(.text(text))
                }
            }
        }
        return values
    }
}
