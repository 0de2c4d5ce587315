import Foundation

/// The form of a person's name used to spot duplicates and to search:
/// "Fatima BENALI", "fatima benali" and "Benali Fatima" all give `benali fatima`.
public enum NameKey {
    /// Lower case, accents removed, punctuation as spaces, words sorted.
    public static func make(firstName: String?, lastName: String?) -> String {
        asciiKey(firstName ?? "", lastName) ?? foldedKey(firstName: firstName, lastName: lastName)
    }

    /// `make` by Foundation's folding, for any script.
    package static func foldedKey(firstName: String?, lastName: String?) -> String {
        fold([firstName, lastName].compactMap { $0 }.joined(separator: " ")).sorted().joined(separator: " ")
    }

    /// `make` for names written in ASCII (lower case, words of letters and digits, sorted),
    /// without Foundation's folding; `nil` for anything else (Foundation decides).
    package static func asciiKey(_ first: String, _ last: String?) -> String? {
        var words: [String] = []
        var word: [UInt8] = []
        word.reserveCapacity(32)
        for text in [first, last ?? ""] {
            for byte in text.utf8 {
                guard byte < 0x80 else { return nil }
                switch byte {
                case 0x41...0x5A: word.append(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39: word.append(byte)
                default:
                    if !word.isEmpty {
                        words.append(String(decoding: word, as: UTF8.self))
                        word.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
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
