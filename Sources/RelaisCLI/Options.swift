import ArgumentParser
import Foundation
import RelaisCore
import RelaisStore

/// `--database`, shared by every program: the option wins, then `RELAIS_DATABASE`, then the user's data folder.
public struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Database: a SQLite file path, sqlite:PATH, postgres://… or a libpq keyword string.",
            discussion: "Defaults to $RELAIS_DATABASE, else $XDG_DATA_HOME/relais/relais.sqlite.",
            valueName: "location"))
    public var database: String?

    public init() {}

    /// Where the database is, from the option, the environment or the default.
    public func location() throws -> DatabaseLocation {
        try DatabaseLocation.resolve(option: database)
    }

    /// Opens the Relais database (it must exist: `relais-admin init`) and brings its schema up to date.
    public func open() throws -> Database {
        try Self.open(option: database)
    }

    /// Opens the Relais database named by `option` (else the environment or the default); it must
    /// exist. Its schema is brought up to date.
    public static func open(option: String?) throws -> Database {
        try Database.openInitialised(try DatabaseLocation.resolve(option: option))
    }

    /// Opens the database, creating it (and its schema) when it does not exist yet.
    public func openCreating() throws -> Database {
        try Database.openMigrated(try location())
    }
}

/// `--agent`: who is acting, recorded in the audit trail.
public struct AgentOptions: ParsableArguments {
    @Option(name: .long, help: "Who is acting, for the audit trail, at most 64 characters (default: $RELAIS_AGENT, else your login name).")
    public var agent: String?

    public init() {}

    /// The acting agent's identity.
    public var identity: String { Self.identity(option: agent) }

    /// The longest identity the audit trail keeps.
    public static let identityLimit = 64

    /// An identity goes into every audit event and is printed in timelines: a name of at most 64
    /// characters, without control characters (an ESC sequence would drive the reader's terminal).
    public func validate() throws { try Self.check(identity) }

    /// Whether `identity` may be recorded; the refusal is a usage error (exit 64).
    public static func check(_ identity: String) throws {
        do {
            try TextRules.checkCharacters(identity, field: "agent")
            _ = try TextRules.required(identity, field: "agent", limit: identityLimit)
            if TextRules.hasLineBreak(identity) { throw RelaisCore.ValidationError.invalidFormat("agent", expected: "a-sylvie") }
        } catch let error as RelaisCore.ValidationError {
            throw ArgumentParser.ValidationError(
                error.message(.en) + " (--agent, else $RELAIS_AGENT, else the login name)")
        }
    }

    /// The acting agent's identity for `--agent option` (else the environment).
    public static func identity(option: String?) -> String {
        resolve(option: option, environment: ProcessEnvironment.subset(["RELAIS_AGENT", "USER", "LOGNAME"]))
    }

    /// `--agent`, else `RELAIS_AGENT`, else the login name.
    public static func resolve(option: String?, environment: [String: String]) -> String {
        if let option {
            let trimmed = TextRules.trimmedBlanks(option)
            if !trimmed.isEmpty { return trimmed }
        }
        if let env = environment["RELAIS_AGENT"].map(TextRules.trimmedBlanks), !env.isEmpty { return env }
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        return NSUserName()
    }
}

/// `--lang`: French or English messages; by default from `LC_ALL`, `LC_MESSAGES` or `LANG`.
public struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: "Message language: fr or en (default: from the first set of LC_ALL, LC_MESSAGES, LANG; French when it starts with fr).")
    public var lang: Language?

    public init() {}

    /// The language to speak.
    public var language: Language { Self.language(option: lang) }

    /// `--lang option`, else the locale's language.
    public static func language(option: Language?) -> Language {
        option ?? fromLocale(ProcessEnvironment.subset(["LC_ALL", "LC_MESSAGES", "LANG"]))
    }

    /// French when the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` starts with `fr`.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("fr") ? .fr : .en
            }
        }
        return .en
    }
}

extension Language: ExpressibleByArgument {}

/// How listings are printed.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, csv, json
}

/// `--format`, `--csv-separator`, `--bom`: shared by every listing.
public struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv or json.")
    public var format: OutputFormat = .table

    @Option(name: .long, help: "CSV field separator: ',' (default) or ';' for French spreadsheets.")
    public var csvSeparator: String = ","

    @Flag(name: .long, help: "Start CSV output with a UTF-8 byte-order mark (for spreadsheets).")
    public var bom = false

    public init() {}

    public func validate() throws { try Self.checkSeparator(csvSeparator) }

    /// Refuses a `--csv-separator` other than `,`, `;` or a tab.
    public static func checkSeparator(_ separator: String) throws {
        guard separator == "," || separator == ";" || separator == "\t" else {
            throw ArgumentParser.ValidationError("--csv-separator must be ',' or ';' (or a tab)")
        }
    }

    /// Renders a listing in the chosen format.
    public func render(_ listing: Listing) -> String {
        Self.render(listing, format: format, csvSeparator: csvSeparator, bom: bom)
    }

    /// Renders a listing as a table, CSV (with `csvSeparator`, after a byte-order mark when
    /// `bom`) or JSON: for commands with formats of their own besides these.
    public static func render(_ listing: Listing, format: OutputFormat, csvSeparator: String, bom: Bool) -> String {
        switch format {
        case .table: return TableRenderer.render(listing)
        case .csv: return CSVWriter(separator: Character(csvSeparator), byteOrderMark: bom).render(listing)
        case .json: return JSONRenderer.render(listing)
        }
    }
}
