import Foundation
import RelaisCore

/// The versioned texts shown to residents — the consent notice and the loan agreement — kept as
/// they were published: a version is added, never edited nor removed, so that every consent
/// (and every loan) still points at the text the person was shown. The current version of a kind
/// is the one published last.
public enum Documents {
    /// What a text is for.
    public enum Kind: String, CaseIterable, Sendable {
        case consent
        case loanAgreement = "loan_agreement"

        /// The kind's name in `lang`.
        public func label(_ lang: Language) -> String {
            switch self {
            case .consent: lang == .fr ? "notice de consentement" : "consent notice"
            case .loanAgreement: lang == .fr ? "convention de prêt" : "loan agreement"
            }
        }
    }

    /// One published version.
    public struct Version: Sendable, Equatable {
        public let kind: Kind
        public let version: String
        public let body: String
        public let publishedOn: LocalDate
        /// Residents whose consent refers to this version (consent notices only).
        public let consents: Int
    }

    /// The longest version name.
    public static let versionLimit = 40
    /// The longest text, in characters.
    public static let bodyLimit = 100_000

    /// Publishes version `version` of a `kind` text, dated `publishedOn` (not after `today`, not
    /// before the current version's date); audited. With `dryRun`, checks and writes nothing.
    ///
    /// - Throws: `ValidationError` for an empty or too long version or text; `IntakeError`
    ///   `document_version_exists`, `publication_in_future`, `publication_before_current`.
    @discardableResult
    public static func publish(
        _ db: Database, kind: Kind, version: String, body: String, publishedOn: LocalDate, today: LocalDate,
        actor: String, dryRun: Bool = false
    ) throws -> Version {
        let name = try TextRules.required(version, field: "version", limit: versionLimit)
        if TextRules.hasLineBreak(name) { throw ValidationError.invalidFormat("version", expected: "2026-01") }
        let text = TextRules.trimmedBlanks(body)
        if text.isEmpty {
            throw IntakeError("empty_document", en: "the text is empty; nothing to publish", fr: "le texte est vide ; rien à publier")
        }
        if text.count > bodyLimit { throw ValidationError.tooLong("body", limit: bodyLimit) }
        // Text coming in from a file or standard input: line breaks are text, ESC or NUL are not.
        try TextRules.checkCharacters(text, field: "body")
        if publishedOn > today {
            throw IntakeError(
                "publication_in_future",
                en: "the publication date \(publishedOn.iso) is after today (\(today.iso)); publish the text on the day it is shown",
                fr: "la date de publication \(publishedOn.french) est après aujourd’hui (\(today.french)) ; publiez le texte le jour où il est présenté")
        }
        return try db.transaction(dryRun: dryRun) { db in
            if try db.queryOne(
                "SELECT 1 AS one FROM document_versions WHERE kind = $1 AND version = $2", [.text(kind.rawValue), .text(name)]) != nil
            {
                throw IntakeError(
                    "document_version_exists",
                    en: "version '\(name)' of the \(kind.label(.en)) already exists; a published text is never replaced: publish a new version",
                    fr: "la version « \(name) » de la \(kind.label(.fr)) existe déjà ; un texte publié n’est jamais remplacé : publiez une nouvelle version")
            }
            if let current = try current(db, kind: kind), let day = current.publishedOn, publishedOn < day {
                throw IntakeError(
                    "publication_before_current",
                    en: "the current \(kind.label(.en)) ('\(current.version)') was published on \(day.iso); a new version cannot be dated before it",
                    fr: "la \(kind.label(.fr)) en vigueur (« \(current.version) ») a été publiée le \(day.french) ; une nouvelle version ne peut pas être datée d’avant")
            }
            try db.execute(
                "INSERT INTO document_versions (kind, version, body, published_on) VALUES ($1, $2, $3, $4)",
                [.text(kind.rawValue), .text(name), .text(text), .date(publishedOn.iso)])
            try AuditTrail.record(
                db, AuditEvent(actor: actor, entity: "document", entityID: 0, action: "publish", field: kind.rawValue,
                               newValue: name, note: "published on \(publishedOn.iso)"))
            return Version(kind: kind, version: name, body: text, publishedOn: publishedOn, consents: 0)
        }
    }

    /// Every published version (of `kind` when given), newest first, with the number of residents
    /// who consented to each consent notice.
    public static func list(_ db: Database, kind: Kind? = nil) throws -> [Version] {
        var consents: [String: Int] = [:]
        for row in try kind == .loanAgreement ? [] : db.query(
            "SELECT consent_version, count(*) AS n FROM residents WHERE consent_version IS NOT NULL GROUP BY consent_version")
        {
            consents[row.string("consent_version") ?? ""] = Int(row.int("n") ?? 0)
        }
        return try db.query(
            "SELECT kind, version, body, published_on FROM document_versions"
                + (kind == nil ? "" : " WHERE kind = $1") + " ORDER BY kind, published_on DESC, version DESC",
            kind.map { [.text($0.rawValue)] } ?? []
        ).compactMap { row in
            guard let kind = Kind(rawValue: row.string("kind") ?? ""), let version = row.string("version") else { return nil }
            return try Self.version(row, kind: kind, consents: kind == .consent ? consents[version] ?? 0 : 0)
        }
    }

    /// A `document_versions` row (version, body, published_on) as a `Version`.
    private static func version(_ row: Row, kind: Kind, consents: Int) throws -> Version {
        Version(
            kind: kind, version: row.string("version") ?? "", body: row.string("body") ?? "",
            publishedOn: try LocalDate(parsing: String((row.string("published_on") ?? "").prefix(10))), consents: consents)
    }

    /// Version `version` of a `kind` text, or the current one when `version` is `nil`.
    /// - Throws: `IntakeError` `unknown_document_version` naming the versions there are, or
    ///   `no_document` when none of that kind is published.
    /// (The consent counts of `list` are not read: one row by its key.)
    public static func get(_ db: Database, kind: Kind, version: String? = nil) throws -> Version {
        let wanted = version.map { TextRules.trimmedBlanks($0) }
        // The named version, or the current one: one row either way.
        let row = try wanted.map {
            try db.queryOne(
                "SELECT version, body, published_on FROM document_versions WHERE kind = $1 AND version = $2",
                [.text(kind.rawValue), .text($0)])
        } ?? db.queryOne(
            "SELECT version, body, published_on FROM document_versions WHERE kind = $1 ORDER BY published_on DESC, version DESC LIMIT 1",
            [.text(kind.rawValue)])
        if let row { return try Self.version(row, kind: kind, consents: 0) }
        let known = try db.query(
            "SELECT version FROM document_versions WHERE kind = $1 ORDER BY published_on DESC, version DESC", [.text(kind.rawValue)]
        ).compactMap { $0.string("version") }
        guard let wanted, !known.isEmpty else {
            throw IntakeError(
                "no_document",
                en: "no \(kind.label(.en)) is published; publish one with: relais-admin documents add --kind \(kind.rawValue)",
                fr: "aucune \(kind.label(.fr)) n’est publiée ; publiez-en une : relais-admin documents add --kind \(kind.rawValue)")
        }
        throw IntakeError(
            "unknown_document_version",
            en: "no version '\(wanted)' of the \(kind.label(.en)); published: \(known.joined(separator: ", "))",
            fr: "pas de version « \(wanted) » de la \(kind.label(.fr)) ; versions publiées : \(known.joined(separator: ", "))")
    }

    /// The current (last published) version of a `kind` text and its publication day, if any.
    public static func current(_ db: Database, kind: Kind) throws -> (version: String, publishedOn: LocalDate?)? {
        guard let row = try db.queryOne(
            "SELECT version, published_on FROM document_versions WHERE kind = $1 ORDER BY published_on DESC, version DESC LIMIT 1",
            [.text(kind.rawValue)])
        else { return nil }
        return (row.string("version") ?? "", try? LocalDate(parsing: String((row.string("published_on") ?? "").prefix(10))))
    }
}
