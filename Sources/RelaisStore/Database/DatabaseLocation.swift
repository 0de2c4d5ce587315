import Foundation
import RelaisCore

/// Where the database lives, parsed from `--database`, `RELAIS_DATABASE` or the default.
///
/// Accepted forms: `sqlite:PATH`, a plain path, `postgres://…` / `postgresql://…`, or a libpq
/// keyword string (`host=… dbname=…`). Passwords are never shown by `description`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(conninfo: String)

    /// The environment variable naming the database.
    public static let environmentVariable = "RELAIS_DATABASE"

    /// Parses one of the accepted forms.
    /// - Throws: `StoreError.invalidLocation` for an empty string or an unknown URL scheme.
    public init(parsing raw: String) throws(StoreError) {
        let text = TextRules.trimmedBlanks(raw)
        guard !text.isEmpty else {
            throw StoreError(.invalidLocation, "the database location is empty; give a file path, sqlite:PATH or postgres://…")
        }
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(conninfo: text)
        } else if lower.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else {
                throw StoreError(.invalidLocation, "sqlite: needs a file path, for example sqlite:demo/relais.sqlite")
            }
            self = .sqlite(path: path)
        } else if let schemeEnd = Self.schemeSeparator(text) {
            let scheme = text[..<schemeEnd]
            throw StoreError(
                .invalidLocation,
                "unsupported database scheme '\(scheme.prefix(20))'; use a file path, sqlite:PATH, postgres://… or a libpq keyword string")
        } else if Self.looksLikeKeywordString(text) {
            self = .postgres(conninfo: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// `--database` wins, then `RELAIS_DATABASE`, then the SQLite file under the user's data directory.
    public static func resolve(
        option: String?,
        environment: [String: String] = ProcessEnvironment.subset([environmentVariable, "XDG_DATA_HOME", "HOME"])
    ) throws(StoreError) -> DatabaseLocation {
        if let option { return try DatabaseLocation(parsing: option) }
        if let env = environment[environmentVariable], !env.isEmpty { return try DatabaseLocation(parsing: env) }
        return .sqlite(path: defaultSQLitePath(environment: environment))
    }

    /// `$XDG_DATA_HOME/relais/relais.sqlite`, else `~/.local/share/relais/relais.sqlite`.
    public static func defaultSQLitePath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return xdg + "/relais/relais.sqlite"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/relais/relais.sqlite"
    }

    /// Where `://` starts in `text` (the standard library only: Foundation's `range(of:)` costs
    /// a noticeable part of a program's start).
    static func schemeSeparator(_ text: String) -> String.Index? {
        let bytes = text.utf8
        var i = bytes.startIndex
        while i != bytes.endIndex {
            if bytes[i] == UInt8(ascii: ":") {
                let j = bytes.index(after: i)
                if j != bytes.endIndex && bytes[j] == UInt8(ascii: "/") {
                    let k = bytes.index(after: j)
                    if k != bytes.endIndex && bytes[k] == UInt8(ascii: "/") { return i }
                }
            }
            i = bytes.index(after: i)
        }
        return nil
    }

    /// A libpq keyword string has `key=value` pairs with known keywords.
    static func looksLikeKeywordString(_ text: String) -> Bool {
        let keywords = [
            "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service",
            "sslmode", "application_name", "connect_timeout", "options",
        ]
        return keywords.contains { key in
            text.hasPrefix(key + "=") || text.contains(" " + key + "=") || text.hasPrefix(key + " =")
        }
    }

    /// The backend's name, as `status` prints it.
    public var backendName: String {
        switch self {
        case .sqlite: return "sqlite"
        case .postgres: return "postgresql"
        }
    }

    /// A printable form with any password replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:" + path
        case .postgres(let conninfo): return Self.redact(conninfo)
        }
    }

    /// Hides the password of a URL (`postgres://user:secret@host`) or keyword string (`password=secret`).
    public static func redact(_ conninfo: String) -> String {
        var text = conninfo
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            if let at = rest.firstIndex(of: "@") {
                let userinfo = rest[..<at]
                if let colon = userinfo.firstIndex(of: ":") {
                    text.replaceSubrange(text.index(after: colon)..<at, with: "***")
                }
            }
            // Query parameter password=…
            if let range = text.range(of: "password=", options: .caseInsensitive) {
                let end = text[range.upperBound...].firstIndex(where: { $0 == "&" }) ?? text.endIndex
                text.replaceSubrange(range.upperBound..<end, with: "***")
            }
            return text
        }
        // Keyword string: password=value or password='quoted value'
        var result = ""
        var scanner = Substring(text)
        while let range = scanner.range(of: "password") {
            result += scanner[..<range.upperBound]
            var rest = scanner[range.upperBound...]
            let spaces = rest.prefix(while: { $0 == " " })
            rest = rest.dropFirst(spaces.count)
            guard rest.first == "=" else { scanner = rest; result += spaces; continue }
            result += spaces + "="
            rest = rest.dropFirst()
            rest = rest.drop(while: { $0 == " " })
            if rest.first == "'" {
                var i = rest.index(after: rest.startIndex)
                while i < rest.endIndex {
                    if rest[i] == "\\" { i = rest.index(i, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex; continue }
                    if rest[i] == "'" { i = rest.index(after: i); break }
                    i = rest.index(after: i)
                }
                rest = rest[i...]
            } else {
                rest = rest.drop(while: { $0 != " " })
            }
            result += "***"
            scanner = rest
        }
        return result + scanner
    }
}
