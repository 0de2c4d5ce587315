import Foundation

/// A closed vocabulary with stable string codes and French / English labels.
///
/// Every value the funder sees (ANCT codes) and every status Relais stores is a `Taxonomy`:
/// the code is what the database and exports hold; the labels are what people read.
public protocol Taxonomy: RawRepresentable<String>, CaseIterable, Codable, Sendable, Hashable {
    /// The French label (verbatim from DOMAIN.md for ANCT vocabularies).
    var labelFR: String { get }
    /// The English label.
    var labelEN: String { get }
    /// The field name used in messages, e.g. `theme`.
    static var fieldName: String { get }
    /// Parses a code typed by a person (trimmed, case-insensitive); see the default implementation.
    static func parse(_ text: String) throws(ValidationError) -> Self
}

extension Taxonomy {
    /// The stable code (the raw value).
    public var code: String { rawValue }

    /// The label in `lang`.
    public func label(_ lang: Language) -> String {
        switch lang {
        case .fr: labelFR
        case .en: labelEN
        }
    }

    /// Every code, in declaration order.
    public static var allCodes: [String] { allCases.map(\.rawValue) }

    /// Parses a code typed by a person: trimmed, case-insensitive, otherwise exact.
    ///
    /// - Throws: `ValidationError` of kind `.unknownCode` naming the field, the allowed codes
    ///   and the closest code as a suggestion.
    public static func parse(_ text: String) throws(ValidationError) -> Self {
        if let value = Self(rawValue: text) { return value }  // the usual case: the exact code
        let wanted = TextRules.trimmedBlanks(text).lowercased()
        if let value = Self(rawValue: wanted) { return value }
        if wanted.isEmpty { throw .missing(fieldName) }
        throw .unknownCode(
            fieldName, given: text, allowed: allCodes,
            suggestion: CodeSuggester.closest(to: text, among: allCodes))
    }

    /// Parses an optional code: `nil` or blank gives `nil`, anything else must be a code.
    public static func parseOptional(_ text: String?) throws(ValidationError) -> Self? {
        guard let text, !TextRules.trimmedBlanks(text).isEmpty else {
            return nil
        }
        return try parse(text)
    }

    /// Parses a comma-separated list of codes, dropping blanks and duplicates, keeping order.
    public static func parseList(_ text: String) throws(ValidationError) -> [Self] {
        var result: [Self] = []
        for part in text.split(separator: ",") {
            // Blank parts are skipped; only non-ASCII text needs Foundation to tell.
            let blank =
                part.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 })
                || (part.utf8.contains(where: { $0 >= 0x80 }) && part.trimmingCharacters(in: .whitespaces).isEmpty)
            if blank { continue }
            let value = try parse(String(part))
            if !result.contains(value) { result.append(value) }
        }
        return result
    }
}

/// Finds the code a person most likely meant, for "did you mean …?" messages.
public enum CodeSuggester {
    /// The closest code to `text`, or `nil` when nothing is reasonably close.
    ///
    /// Ranking: same code once accents, case and separators are folded; then a code that
    /// starts with the text; then a code containing every word of the text in order; then a
    /// code containing the text (or contained in it); then the smallest edit distance, within
    /// a third of the text's length (at least 2).
    public static func closest(to text: String, among codes: [String]) -> String? {
        // A text far longer than any code is no typo of one (and the edit distance would cost
        // its length times each code's).
        guard text.utf8.count <= 200 else { return nil }
        let wanted = fold(text)
        guard !wanted.isEmpty else { return nil }
        var best: (rank: Int, score: Int, code: String)?
        for code in codes {
            guard let candidate = rank(wanted, against: code) else { continue }
            if let current = best,
                (current.rank, current.score) <= (candidate.rank, candidate.score)
            {
                continue
            }
            best = (candidate.rank, candidate.score, code)
        }
        return best?.code
    }

    private static func rank(_ wanted: String, against code: String) -> (rank: Int, score: Int)? {
        let folded = fold(code)
        if folded == wanted { return (0, 0) }
        if wanted.count >= 2, folded.hasPrefix(wanted) { return (1, folded.count - wanted.count) }
        let words = wanted.split(separator: "_")
        if words.count > 1, containsWordsInOrder(words, in: folded.split(separator: "_")) {
            return (2, folded.count - wanted.count)
        }
        if wanted.count >= 3, folded.contains(wanted) { return (3, folded.count - wanted.count) }
        if folded.count >= 3, wanted.contains(folded) { return (3, wanted.count - folded.count) }
        let distance = editDistance(wanted, folded)
        if distance <= max(2, wanted.count / 3) { return (4, distance) }
        return nil
    }

    private static func containsWordsInOrder(
        _ words: [Substring], in codeWords: [Substring]
    ) -> Bool {
        var index = codeWords.startIndex
        for word in words {
            guard
                let found = codeWords[index...].firstIndex(where: {
                    $0.hasPrefix(word) || (word.count >= 4 && editDistance(String(word), String($0)) <= 1)
                })
            else { return false }
            index = codeWords.index(after: found)
        }
        return true
    }

    /// Lowercased, accents removed, runs of spaces / hyphens / dots / apostrophes turned into `_`
    /// (the way codes are compared, here and in the desk's prompts).
    public static func fold(_ text: String) -> String {
        let plain = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased()
        var result = ""
        var lastWasSeparator = false
        for character in plain {
            if character == " " || character == "-" || character == "." || character == "_"
                || character == "’" || character == "'"
            {
                if !lastWasSeparator && !result.isEmpty { result.append("_") }
                lastWasSeparator = true
            } else {
                result.append(character)
                lastWasSeparator = false
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
