import Foundation

/// The form of a person's name used to spot duplicates and to search:
/// "Fatima BENALI", "fatima benali" and "Benali Fatima" all give `benali fatima`.
public enum NameKey {
    /// Lower case, accents removed, punctuation as spaces, words sorted.
    public static func make(firstName: String?, lastName: String?) -> String {
        let words = fold([firstName, lastName].compactMap { $0 }.joined(separator: " "))
        return words.sorted().joined(separator: " ")
    }

    /// The folded words of a text, in their order (for search terms).
    public static func fold(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
