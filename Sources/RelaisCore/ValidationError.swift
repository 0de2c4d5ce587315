import Foundation

/// Why a value was refused at construction: the field, a stable kind and bilingual messages.
///
/// Messages name the field and the allowed values or limit. They never echo personal data:
/// only an unknown code is repeated, and only when it cannot be a phone number or an e-mail.
public struct ValidationError: Error, LocalizedError, Sendable, Hashable {
    /// The stable category of a validation failure, for callers that match on it.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case missing
        case tooLong
        case unknownCode
        case outOfRange
        case invalidFormat
        case rule
    }

    /// The details of a failure; each case carries what its message needs.
    public enum Reason: Sendable, Hashable {
        /// A required value is absent or blank.
        case missing
        /// A text is longer than `limit` characters.
        case tooLong(limit: Int)
        /// A code is not one of `allowed`; `given` is nil when it was not safe to echo.
        case unknownCode(given: String?, allowed: [String], suggestion: String?)
        /// A number lies outside `min…max` (either bound may be open).
        case outOfRange(min: Int?, max: Int?)
        /// A text does not have the expected shape; `expected` shows an example.
        case invalidFormat(expected: String)
        /// A business rule between fields is broken.
        case rule(Rule)
    }

    /// A named business rule with its explanation in French and English.
    public struct Rule: Sendable, Hashable {
        /// A stable identifier, e.g. `sub_themes_need_administrative_theme`.
        public let id: String
        /// The English explanation.
        public let en: String
        /// The French explanation.
        public let fr: String

        /// Creates a rule; other modules may define their own rules this way.
        public init(id: String, en: String, fr: String) {
            self.id = id
            self.en = en
            self.fr = fr
        }
    }

    /// The field at fault, in `snake_case` (e.g. `first_name`, `theme`).
    public let field: String
    /// What was wrong.
    public let reason: Reason

    /// Creates an error for `field` with `reason`.
    public init(field: String, reason: Reason) {
        self.field = field
        self.reason = reason
    }

    /// The stable kind of this error.
    public var kind: Kind {
        switch reason {
        case .missing: .missing
        case .tooLong: .tooLong
        case .unknownCode: .unknownCode
        case .outOfRange: .outOfRange
        case .invalidFormat: .invalidFormat
        case .rule: .rule
        }
    }

    /// The suggested code for an unknown code, when one is close enough.
    public var suggestion: String? {
        if case .unknownCode(_, _, let suggestion) = reason { return suggestion }
        return nil
    }

    /// The identifier of the broken rule, for `.rule` errors.
    public var ruleID: String? {
        if case .rule(let rule) = reason { return rule.id }
        return nil
    }

    /// The English message (what ArgumentParser prints).
    public var errorDescription: String? { message(.en) }

    /// The message in `lang`, naming the field and what is allowed.
    public func message(_ lang: Language) -> String {
        switch (reason, lang) {
        case (.missing, .en):
            return "\(field) is required"
        case (.missing, .fr):
            return "le champ \(field) est obligatoire"
        case (.tooLong(let limit), .en):
            return "\(field) is too long: at most \(limit) characters"
        case (.tooLong(let limit), .fr):
            return "le champ \(field) est trop long : \(limit) caractères au plus"
        case (.unknownCode(let given, let allowed, let suggestion), .en):
            var text = given.map { "\(field): unknown code '\($0)'" } ?? "\(field): unknown code"
            text += suggestion.map { "; did you mean '\($0)'? Allowed: " } ?? ". Allowed: "
            return text + allowed.joined(separator: ", ")
        case (.unknownCode(let given, let allowed, let suggestion), .fr):
            var text = given.map { "\(field) : code inconnu « \($0) »" } ?? "\(field) : code inconnu"
            text +=
                suggestion.map { " ; vouliez-vous dire « \($0) » ? Valeurs possibles : " }
                ?? ". Valeurs possibles : "
            return text + allowed.joined(separator: ", ")
        case (.outOfRange(let min?, let max?), .en):
            return "\(field) must be between \(min) and \(max)"
        case (.outOfRange(let min?, let max?), .fr):
            return "le champ \(field) doit être compris entre \(min) et \(max)"
        case (.outOfRange(let min?, nil), .en):
            return "\(field) must be at least \(min)"
        case (.outOfRange(let min?, nil), .fr):
            return "le champ \(field) doit valoir au moins \(min)"
        case (.outOfRange(nil, let max?), .en):
            return "\(field) must be at most \(max)"
        case (.outOfRange(nil, let max?), .fr):
            return "le champ \(field) doit valoir au plus \(max)"
        case (.outOfRange(nil, nil), .en):
            return "\(field) is out of range"
        case (.outOfRange(nil, nil), .fr):
            return "le champ \(field) est hors limites"
        case (.invalidFormat(let expected), .en):
            return "\(field) has an invalid format; expected something like \(expected)"
        case (.invalidFormat(let expected), .fr):
            // Examples are joined with "or" in the one `expected` text both languages share.
            return "le champ \(field) a un format invalide ; attendu par exemple \(expected.replacingOccurrences(of: " or ", with: " ou "))"
        case (.rule(let rule), .en):
            return "\(field): \(rule.en)"
        case (.rule(let rule), .fr):
            return "\(field) : \(rule.fr)"
        }
    }
}

extension ValidationError {
    /// A required value is absent or blank.
    public static func missing(_ field: String) -> ValidationError {
        ValidationError(field: field, reason: .missing)
    }

    /// A text exceeds `limit` characters.
    public static func tooLong(_ field: String, limit: Int) -> ValidationError {
        ValidationError(field: field, reason: .tooLong(limit: limit))
    }

    /// A number lies outside `min…max`.
    public static func outOfRange(_ field: String, min: Int?, max: Int?) -> ValidationError {
        ValidationError(field: field, reason: .outOfRange(min: min, max: max))
    }

    /// A text does not match the expected shape shown by `expected`.
    public static func invalidFormat(_ field: String, expected: String) -> ValidationError {
        ValidationError(field: field, reason: .invalidFormat(expected: expected))
    }

    /// A business rule between fields is broken.
    public static func rule(_ field: String, _ rule: Rule) -> ValidationError {
        ValidationError(field: field, reason: .rule(rule))
    }

    /// An unknown code; `given` is echoed only when it cannot be personal data.
    public static func unknownCode(
        _ field: String, given: String, allowed: [String], suggestion: String?
    ) -> ValidationError {
        ValidationError(
            field: field,
            reason: .unknownCode(
                given: SafeEcho.codeOrNil(given), allowed: allowed, suggestion: suggestion))
    }
}

/// Decides whether a user-typed value may be repeated in a message.
package enum SafeEcho {
    /// Returns the trimmed text when it looks like a code: short, no `@`, few digits.
    package static func codeOrNil(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 40, !trimmed.contains("@") else { return nil }
        let digits = trimmed.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) }.count
        return digits < 5 ? trimmed : nil
    }
}
