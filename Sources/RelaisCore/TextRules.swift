import Foundation

/// Shared checks for free text and short codes; every message names the field, never the value.
public enum TextRules {
    /// Trims `text` and checks it is non-empty and at most `limit` characters.
    public static func required(
        _ text: String, field: String, limit: Int
    ) throws(ValidationError) -> String {
        let trimmed = trimmedBlanks(text)
        if trimmed.isEmpty { throw .missing(field) }
        if exceeds(trimmed, limit) { throw .tooLong(field, limit: limit) }
        return trimmed
    }

    /// Trims `text`; blank becomes `nil`; otherwise at most `limit` characters.
    public static func optional(
        _ text: String?, field: String, limit: Int
    ) throws(ValidationError) -> String? {
        guard let text else { return nil }
        let trimmed = trimmedBlanks(text)
        if trimmed.isEmpty { return nil }
        if exceeds(trimmed, limit) { throw .tooLong(field, limit: limit) }
        return trimmed
    }

    /// The rule against control characters in what people type or import.
    public static let noControlCharacters = ValidationError.Rule(
        id: "no_control_characters",
        en: "contains a control character (such as ESC from an arrow key, NUL, a carriage return alone, or a right-to-left override); retype it",
        fr: "contient un caractère de contrôle (ESC d’une touche fléchée, NUL, retour chariot seul ou forçage de sens d’écriture par exemple) ; retapez-le")

    /// Refuses what text coming in (command-line arguments, answers at a prompt, CSV cells) must
    /// not carry: control characters — C0 but tab and line feed, a carriage return not followed by
    /// a line feed, DEL, C1 — and the two bidirectional overrides (U+202D, U+202E). Stored text is
    /// printed on the desk's terminal (an ESC sequence would drive it, a lone CR overwrite a line),
    /// PostgreSQL cannot store NUL, and an override reorders what follows it. The embeddings and
    /// isolates phones wrap around copied names and numbers pass. Checked where text comes in,
    /// not where it is read back, so that what older versions stored still reads.
    public static func checkCharacters(_ text: String, field: String) throws(ValidationError) {
        if hasControlCharacter(text) { throw .rule(field, noControlCharacters) }
    }

    /// Whether `text` holds a line break (of any kind: a name, a code or a version is one line).
    public static func hasLineBreak(_ text: String) -> Bool {
        // Printable ASCII has none: only look at the characters when a byte could start one.
        if text.utf8.allSatisfy({ $0 < 0x80 && !(0x0A...0x0D).contains($0) }) { return false }
        return text.contains(where: \.isNewline)
    }

    /// Whether `text` holds a character `checkCharacters` refuses.
    public static func hasControlCharacter(_ text: String) -> Bool {
        // Most text is printable ASCII or has no byte that can start a refused character
        // (C2 starts the C1 controls, E2 the overrides).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != 0xC2 && $0 != 0xE2 }) { return false }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: if previous == "\r" && scalar != "\n" { return true }
            case 0x00..<0x20, 0x7F...0x9F, 0x202D, 0x202E: return true
            default: if previous == "\r" { return true }
            }
        }
        return previous == "\r"
    }

    /// Checks a short identifier such as `mdh-surieux` or `c-amina`: 1–64 characters among
    /// `a`–`z`, `0`–`9`, `-`, `_` and `.`, starting with a letter or digit. Lower-cases it.
    public static func code(_ text: String, field: String) throws(ValidationError) -> String {
        if let value = try asciiCode(text, field: field) { return value }
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

    /// `code` for ASCII text (the common case) without Foundation or a character set per call;
    /// `nil` when the text holds anything else (the general path decides).
    private static func asciiCode(_ text: String, field: String) throws(ValidationError) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        // Trim ASCII blanks (tab, line feed, vertical tab, form feed, carriage return, space).
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { throw .missing(field) }
        let value = bytes[first...last]
        if value.count > 64 { throw .tooLong(field, limit: 64) }
        let allowed: (UInt8) -> Bool = {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
        }
        let head = value[value.startIndex]
        guard value.allSatisfy(allowed), (head >= 0x61 && head <= 0x7A) || (head >= 0x30 && head <= 0x39) else {
            throw .invalidFormat(field, expected: "mdh-surieux")
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, returning `text` itself without
    /// Foundation when it starts and ends with a visible ASCII character (most input).
    package static func trimmedBlanks(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `text` has more than `limit` characters (counting them only when it might).
    static func exceeds(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count > limit && text.count > limit
    }

    /// Checks an optional identifier; blank becomes `nil`.
    public static func optionalCode(_ text: String?, field: String) throws(ValidationError) -> String? {
        guard let text, !trimmedBlanks(text).isEmpty else {
            return nil
        }
        return try code(text, field: field)
    }

    /// A birth year as typed or imported ("1961"); blank becomes `nil`. Its range is checked
    /// where the age bracket is derived (`Resident`).
    public static func birthYear(_ text: String?) throws(ValidationError) -> Int? {
        guard let text else { return nil }
        let trimmed = trimmedBlanks(text)
        if trimmed.isEmpty { return nil }
        guard let year = Int(trimmed) else { throw .invalidFormat("birth_year", expected: "1961") }
        return year
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
    /// characters; the address is lower-cased — the local part's ASCII letters, the whole domain —
    /// since no mail service tells `Zoe@` from `zoe@`, and duplicate checks and searches compare
    /// addresses as stored.
    public static func normalize(_ text: String, field: String = "email") throws(ValidationError) -> String {
        let trimmed = TextRules.trimmedBlanks(text)
        if trimmed.isEmpty { throw .missing(field) }
        if trimmed.count > maxLength { throw .tooLong(field, limit: maxLength) }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let expected = "prenom.nom@domaine.fr"
        guard parts.count == 2 else { throw .invalidFormat(field, expected: expected) }
        // The local part's ASCII letters only: what SQLite's lower() folds too (migration 0006).
        let local = String(String.UnicodeScalarView(parts[0].unicodeScalars.map {
            ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0
        }))
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
