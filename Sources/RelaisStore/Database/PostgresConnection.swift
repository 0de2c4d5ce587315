import CLibPQ
import Foundation

/// A PostgreSQL connection on the libpq C API: one per process, UTC, text results, SQLSTATE-mapped errors.
final class PostgresConnection: Connection {
    let backend = Backend.postgres
    private var conn: OpaquePointer?
    /// The password given in the connection string, kept only to scrub it from error messages.
    private let secret: String?

    init(conninfo: String) throws {
        let parameters = try Self.parameters(of: conninfo)
        secret = parameters.first { $0.0 == "password" }?.1
        let (connection, refused) = Self.connect(parameters)
        guard let conn = connection else {
            throw StoreError(.connection, "cannot connect to PostgreSQL: out of memory")
        }
        self.conn = conn
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = scrub(Self.firstLine(String(cString: PQerrorMessage(conn))))
            PQfinish(conn)
            self.conn = nil
            throw StoreError(.connection, "cannot connect to PostgreSQL: \(message)")
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        do {
            try applyOptions(userOptions: Self.userOptions(parameters), refused: refused)
        } catch {
            close()
            throw error
        }
    }

    /// The session settings Relais relies on, sent with the start-up packet rather than as two
    /// more round trips (`SET …` and libpq's `set client_encoding`) at every program start.
    static let sessionSettings = [("client_min_messages", "warning"), ("TimeZone", "UTC"), ("DateStyle", "ISO,YMD")]
    static let sessionOptions = sessionSettings.map { "-c \($0.0)=\($0.1)" }.joined(separator: " ")

    /// The user's own `options` in a connection's parameters ("" when none).
    private static func userOptions(_ parameters: [(String, String)]) -> String {
        parameters.first { $0.0 == "options" }?.1 ?? ""
    }

    /// The `options` sent: the user's own, then the session settings (which therefore win).
    private static func options(_ parameters: [(String, String)]) -> String {
        let user = userOptions(parameters)
        return user.isEmpty ? sessionOptions : user + " " + sessionOptions
    }

    /// The keyword/value pairs of a connection string (`key=value` pairs or a URI), as libpq parses it.
    /// - Throws: `StoreError.invalidLocation` when libpq cannot read it; its message keeps no
    ///   quoted fragment of the string (it could be part of a password).
    private static func parameters(of conninfo: String) throws -> [(String, String)] {
        var message: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(conninfo, &message) else {
            let reason = message.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(message)
            throw StoreError(
                .invalidLocation,
                "cannot read the PostgreSQL connection string (\(firstLine(redactingQuotes(reason)))); "
                    + "write key=value pairs (host=… dbname=…) or a postgresql:// URI")
        }
        defer { PQconninfoFree(parsed) }
        var pairs: [(String, String)] = []
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { pairs.append((String(cString: keyword), String(cString: value))) }
            option += 1
        }
        return pairs
    }

    /// Connects with the user's parameters, adding UTF-8, the session settings after any `options`
    /// of the user's own, and `relais` as the application name unless the user names one.
    ///
    /// A connection pooler may refuse the `options` start-up parameter (PgBouncer does, unless
    /// told to ignore it): then the connection is made again without it, and the settings are
    /// applied afterwards (`applyOptions`). Returns the connection and whether `options` was refused.
    private static func connect(_ parameters: [(String, String)]) -> (OpaquePointer?, Bool) {
        let given = parameters.filter { $0.0 != "options" && $0.0 != "client_encoding" }
        let ours = [("client_encoding", "UTF8"), ("fallback_application_name", "relais")]
        let first = start(given + ours + [("options", options(parameters))])
        guard let first, PQstatus(first) != CONNECTION_OK,
              String(cString: PQerrorMessage(first)).contains("unsupported startup parameter")
        else { return (first, false) }
        PQfinish(first)
        return (start(given + ours), true)
    }

    private static func start(_ settings: [(String, String)]) -> OpaquePointer? {
        let keywords = settings.map { strdup($0.0) }
        let values = settings.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordList = keywords.map { UnsafePointer($0) } + [nil]
        let valueList = values.map { UnsafePointer($0) } + [nil]
        return PQconnectdbParams(keywordList, valueList, 0)
    }

    /// When the `options` did not reach the server — a pooler refused them, or ignored them (the
    /// server then reports a time zone or date style other than the ones asked for) —, every
    /// `-c name=value` of them, the user's own (such as a `search_path`) and the session
    /// settings, is set in one round trip.
    private func applyOptions(userOptions: String, refused: Bool) throws {
        guard let conn else { return }
        func reported(_ name: String) -> String? { PQparameterStatus(conn, name).map { String(cString: $0) } }
        if !refused && reported("TimeZone") == "UTC" && reported("DateStyle") == "ISO, YMD" { return }
        let settings = try Self.settings(in: userOptions) + Self.sessionSettings
        let calls = settings.indices.map { "set_config($\($0 * 2 + 1), $\($0 * 2 + 2), false)" }
        _ = try run("SELECT " + calls.joined(separator: ", "), settings.flatMap { [SQLValue.text($0.0), .text($0.1)] }) { _ in }
    }

    /// The `name=value` settings of a libpq `options` string (`-c name=value`, `-cname=value`,
    /// `--name=value`; spaces escaped with a backslash). Anything else cannot be replayed as a
    /// setting and is refused by name.
    static func settings(in options: String) throws -> [(String, String)] {
        var tokens: [String] = []
        var current = ""
        var escaped = false
        var inToken = false
        for c in options {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
                inToken = true
            } else if c == " " || c == "\t" || c == "\n" {
                if inToken { tokens.append(current) }
                current = ""
                inToken = false
            } else {
                current.append(c)
                inToken = true
            }
        }
        if inToken { tokens.append(current) }
        var settings: [(String, String)] = []
        var i = 0
        while i < tokens.count {
            var pair: Substring
            if tokens[i] == "-c", i + 1 < tokens.count {
                pair = Substring(tokens[i + 1])
                i += 2
            } else if tokens[i].hasPrefix("--") {
                pair = tokens[i].dropFirst(2)
                i += 1
            } else if tokens[i].hasPrefix("-c") {
                pair = tokens[i].dropFirst(2)
                i += 1
            } else {
                let flag = tokens[i].prefix(2)
                throw StoreError(
                    .connection,
                    "the PostgreSQL server (or a pooler in front of it) did not take the connection's options, and '\(flag)' cannot be set afterwards; remove it from the connection string")
            }
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw StoreError(.connection, "the connection's options hold a setting without '=': write -c name=value")
            }
            let name = pair[..<equals].replacingOccurrences(of: "-", with: "_")
            settings.append((name, String(pair[pair.index(after: equals)...])))
        }
        return settings
    }

    func close() {
        if let conn { PQfinish(conn) }
        conn = nil
    }

    deinit { close() }

    func run(_ sql: String, _ arguments: [SQLValue], _ row: (Row) throws -> Void) throws -> Int {
        guard let conn else { throw StoreError(.connection, "the PostgreSQL connection is closed") }
        var types: [Oid] = []
        var formats: [Int32] = []
        var lengths: [Int32] = []
        var buffers: [[UInt8]?] = []
        types.reserveCapacity(arguments.count)
        for value in arguments {
            switch value {
            case .null: types.append(0); buffers.append(nil); formats.append(0)
            case .integer(let v): types.append(20); buffers.append(Array(String(v).utf8) + [0]); formats.append(0)
            case .double(let d): types.append(701); buffers.append(Array(Self.doubleText(d).utf8) + [0]); formats.append(0)
            case .text(let s): types.append(25); buffers.append(Array(s.utf8) + [0]); formats.append(0)
            case .bool(let b): types.append(16); buffers.append(Array((b ? "t" : "f").utf8) + [0]); formats.append(0)
            case .date(let s): types.append(1082); buffers.append(Array(s.utf8) + [0]); formats.append(0)
            case .timestamp(let t): types.append(1184); buffers.append(Array(TimestampFormat.iso(t).utf8) + [0]); formats.append(0)
            case .blob(let b): types.append(17); buffers.append(b); formats.append(1)
            }
            lengths.append(Int32(buffers.last!.map { formats.last! == 1 ? $0.count : $0.count - 1 } ?? 0))
        }
        let result = try withPointers(buffers) { pointers in
            PQexecParams(conn, sql, Int32(arguments.count), types, pointers, lengths, formats, 0)
        }
        guard let result else { throw connectionError() }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK:
            return Int(String(cString: PQcmdTuples(result))) ?? 0
        case PGRES_TUPLES_OK:
            let fieldCount = PQnfields(result)
            var columns: [String] = []
            var kinds: [Oid] = []
            for f in 0..<fieldCount {
                columns.append(String(cString: PQfname(result, f)))
                kinds.append(PQftype(result, f))
            }
            let rowCount = PQntuples(result)
            for r in 0..<rowCount {
                var values: [SQLValue] = []
                values.reserveCapacity(Int(fieldCount))
                for f in 0..<fieldCount {
                    if PQgetisnull(result, r, f) == 1 {
                        values.append(.null)
                        continue
                    }
                    let length = Int(PQgetlength(result, r, f))
                    let raw = PQgetvalue(result, r, f)!
                    let text = raw.withMemoryRebound(to: UInt8.self, capacity: length) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                    }
                    values.append(Self.decode(text, type: kinds[Int(f)]))
                }
                try row(Row(columns: columns, values: values))
            }
            return Int(rowCount)
        default:
            throw error(from: result)
        }
    }

    func executeScript(_ sql: String) throws {
        guard let conn else { throw StoreError(.connection, "the PostgreSQL connection is closed") }
        guard let result = PQexec(conn, sql) else { throw connectionError() }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw error(from: result)
        }
    }

    /// `COPY … FROM STDIN` in text format, streamed in chunks.
    func bulkInsert(table: String, columns: [String], count: Int, row: (Int, inout [SQLValue]) throws -> Void) throws {
        guard let conn else { throw StoreError(.connection, "the PostgreSQL connection is closed") }
        guard let start = PQexec(conn, "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") else {
            throw connectionError()
        }
        let startStatus = PQresultStatus(start)
        if startStatus != PGRES_COPY_IN {
            defer { PQclear(start) }
            throw error(from: start)
        }
        PQclear(start)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let rc = buffer.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { PQputCopyData(conn, $0, Int32(p.count)) }
            }
            buffer.removeAll(keepingCapacity: true)
            if rc != 1 { throw connectionError() }
        }
        var values: [SQLValue] = []
        values.reserveCapacity(columns.count)
        for n in 0..<count {
            values.removeAll(keepingCapacity: true)
            do {
                try row(n, &values)
            } catch {
                // Abandon the COPY so that the connection stays usable, then report the error.
                _ = PQputCopyEnd(conn, "abandoned")
                while let result = PQgetResult(conn) { PQclear(result) }
                throw error
            }
            for (i, value) in values.enumerated() {
                if i > 0 { buffer.append(9) }
                Self.appendCopyField(value, to: &buffer)
            }
            buffer.append(10)
            if buffer.count > 1 << 16 { try flush() }
        }
        try flush()
        guard PQputCopyEnd(conn, nil) == 1 else { throw connectionError() }
        var failure: StoreError?
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) != PGRES_COMMAND_OK && failure == nil { failure = error(from: result) }
            PQclear(result)
        }
        if let failure { throw failure }
    }

    private static func appendCopyField(_ value: SQLValue, to buffer: inout [UInt8]) {
        func escaped(_ s: String) {
            for b in s.utf8 {
                switch b {
                case 92: buffer.append(92); buffer.append(92)
                case 9: buffer.append(92); buffer.append(116)
                case 10: buffer.append(92); buffer.append(110)
                case 13: buffer.append(92); buffer.append(114)
                default: buffer.append(b)
                }
            }
        }
        switch value {
        case .null: buffer.append(contentsOf: Array("\\N".utf8))
        case .integer(let v): buffer.append(contentsOf: Array(String(v).utf8))
        case .double(let d): buffer.append(contentsOf: Array(doubleText(d).utf8))
        case .bool(let b): buffer.append(b ? 116 : 102)
        case .text(let s), .date(let s): escaped(s)
        case .timestamp(let t): buffer.append(contentsOf: Array(TimestampFormat.iso(t).utf8))
        case .blob(let bytes):
            escaped("\\x" + hex(bytes))
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func doubleText(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        return "\(d)"
    }

    /// Turns a text-format result field into a value by its type OID.
    private static func decode(_ text: String, type: Oid) -> SQLValue {
        switch type {
        case 16: return .bool(text == "t")
        case 20, 21, 23, 26: return Int64(text).map { .integer($0) } ?? .text(text)
        case 700, 701, 1700: return Double(text).map { .double($0) } ?? .text(text)
        case 17: return .blob(unhex(text))
        case 1082: return .date(text)
        case 1114, 1184: return TimestampFormat.parse(text).map { .timestamp($0) } ?? .text(text)
        default: return .text(text)
        }
    }

    private static func unhex(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == 92, bytes[1] == 120 else { return bytes }
        bytes.removeFirst(2)
        func nibble(_ c: UInt8) -> UInt8 { c >= 97 ? c - 87 : (c >= 65 ? c - 55 : c - 48) }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            out.append(nibble(bytes[i]) << 4 | nibble(bytes[i + 1]))
            i += 2
        }
        return out
    }

    private func withPointers<R>(_ buffers: [[UInt8]?], _ body: ([UnsafePointer<CChar>?]) -> R) throws -> R {
        // Keep every buffer alive and pinned while libpq reads it.
        var pinned: [UnsafeMutablePointer<UInt8>?] = []
        pinned.reserveCapacity(buffers.count)
        defer { for p in pinned { p?.deallocate() } }
        for buffer in buffers {
            guard let buffer else { pinned.append(nil); continue }
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(buffer.count, 1))
            buffer.withUnsafeBufferPointer { src in
                if let base = src.baseAddress { p.initialize(from: base, count: buffer.count) }
            }
            pinned.append(p)
        }
        return body(pinned.map { $0.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } })
    }

    private func connectionError() -> StoreError {
        let message = conn.map { scrub(Self.firstLine(String(cString: PQerrorMessage($0)))) } ?? "no connection"
        return StoreError(.connection, "lost the connection to PostgreSQL: \(message)")
    }

    /// Maps SQLSTATE to a stable code. Only the primary message is kept: DETAIL quotes values.
    private func error(from result: OpaquePointer) -> StoreError {
        let state = PQresultErrorField(result, RELAIS_PG_DIAG_SQLSTATE).map { String(cString: $0) } ?? ""
        var primary = PQresultErrorField(result, RELAIS_PG_DIAG_MESSAGE_PRIMARY).map { String(cString: $0) }
            ?? Self.firstLine(String(cString: PQresultErrorMessage(result)))
        primary = scrub(primary)
        let constraint = PQresultErrorField(result, RELAIS_PG_DIAG_CONSTRAINT_NAME).map { String(cString: $0) }
        return Self.mapError(sqlstate: state, primary: primary, constraint: constraint)
    }

    static func mapError(sqlstate state: String, primary: String, constraint: String?) -> StoreError {
        switch state {
        case "23505": return StoreError(.uniqueViolation, "a record with the same key already exists (\(primary))", constraint: constraint)
        case "23503": return StoreError(.foreignKeyViolation, "the record refers to something that does not exist, or is still referred to (\(primary))", constraint: constraint)
        case "23502": return StoreError(.notNullViolation, "a required value is missing (\(primary))", constraint: constraint)
        case "23514": return StoreError(.checkViolation, "a value breaks a rule of the database (\(primary))", constraint: constraint)
        case "40001", "40P01", "55P03":
            return StoreError(.busy, "the database is busy with another writer; try again in a moment (SQLSTATE \(state))")
        case "25006": return StoreError(.readOnly, "the database is read-only for this connection")
        case "42601": return StoreError(.syntax, "SQL syntax error: \(primary)")
        default: break
        }
        if state.hasPrefix("22") {
            // Data exceptions quote the offending value: say what kind of error, never the value.
            return StoreError(.invalidValue, "a value does not fit its column (SQLSTATE \(state))")
        }
        if state.hasPrefix("08") || state.hasPrefix("57P") {
            return StoreError(.connection, "lost the connection to PostgreSQL: \(primary)")
        }
        if state.hasPrefix("23") {
            return StoreError(.checkViolation, "a value breaks a rule of the database (\(primary))", constraint: constraint)
        }
        return StoreError(.other, "database error: \(primary) (SQLSTATE \(state))")
    }

    private func scrub(_ message: String) -> String {
        guard let secret, !secret.isEmpty else { return message }
        return message.replacingOccurrences(of: secret, with: "***")
    }

    /// `text` with every "quoted" part replaced by "…".
    static func redactingQuotes(_ text: String) -> String {
        var out = ""
        var inside = false
        for c in text {
            if c == "\"" {
                out.append(c)
                if !inside { out.append("…") }
                inside.toggle()
            } else if !inside {
                out.append(c)
            }
        }
        return out
    }

    private static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.trimmingCharacters(in: .whitespaces)
    }
}
