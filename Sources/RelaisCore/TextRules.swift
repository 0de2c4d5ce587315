import Foundation

/// Shared checks for free text and short codes; every message names the field, never the value.
public enum TextRules {
    /// Trims `text` and checks it is non-empty and at most `limit` characters.
    public static func required(
        _ text: String, field: String, limit: Int
    ) throws(ValidationError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .missing(field) }
        if trimmed.count > limit { throw .tooLong(field, limit: limit) }
        return trimmed
    }

    /// Trims `text`; blank becomes `nil`; otherwise at most `limit` characters.
    public static func optional(
        _ text: String?, field: String, limit: Int
    ) throws(ValidationError) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed.count > limit { throw .tooLong(field, limit: limit) }
        return trimmed
    }

    /// Checks a short identifier such as `mdh-surieux` or `c-amina`: 1–64 characters among
    /// `a`–`z`, `0`–`9`, `-`, `_` and `.`, starting with a letter or digit. Lower-cases it.
    public static func code(_ text: String, field: String) throws(ValidationError) -> String {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if value.isEmpty { throw .missing(field) }
        if value.count > 64 { throw .tooLong(field, limit: 64) }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard value.allSatisfy(allowed.contains), let first = value.first,
            first.isLetter || first.isASCIIDigit
        else {
            throw .invalidFormat(field, expected: "mdh-surieux")
        }
        return value
    }

    /// Checks an optional identifier; blank becomes `nil`.
    public static func optionalCode(_ text: String?, field: String) throws(ValidationError) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return nil
        }
        return try code(text, field: field)
    }

    /// Checks that `value` lies in `range`.
    public static func inRange(
        _ value: Int, _ range: ClosedRange<Int>, field: String
    ) throws(ValidationError) -> Int {
        guard range.contains(value) else {
            throw .outOfRange(field, min: range.lowerBound, max: range.upperBound)
        }
        return value
    }
}

/// E-mail address checks.
public enum Email {
    /// The longest address accepted (RFC 5321 path limit).
    public static let maxLength = 254

    /// Trims `text` and checks its basic shape: `local@domain.tld`, no blanks, at most 254
    /// characters; the domain is lower-cased.
    public static func normalize(_ text: String, field: String = "email") throws(ValidationError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .missing(field) }
        if trimmed.count > maxLength { throw .tooLong(field, limit: maxLength) }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let expected = "prenom.nom@domaine.fr"
        guard parts.count == 2 else { throw .invalidFormat(field, expected: expected) }
        let local = parts[0]
        let domain = parts[1].lowercased()
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !local.isEmpty, local.count <= 64,
            !trimmed.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }),
            labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
            let topLevel = labels.last, topLevel.count >= 2, topLevel.allSatisfy(\.isLetter),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else {
            throw .invalidFormat(field, expected: expected)
        }
        return local + "@" + domain
    }
}
