import Foundation
import Testing
@testable import RelaisCore

/// The ASCII fast paths of TextRules and Taxonomy give exactly what the Foundation path gives.
@Suite struct TextFastPathTests {
    static let samples = [
        "mdh-surieux", " mdh-surieux ", "MDH-Surieux", "\tc-amina\n", "a", "-x", ".x", "x y", "é", "ÉCOLE", "\u{00A0}mdh\u{00A0}",
        "", "   ", "\r\n", "x\u{0B}", "\u{0C}x", String(repeating: "a", count: 64), String(repeating: "a", count: 65),
        " " + String(repeating: "b", count: 64) + " ", "a_b.c-9", "9lives", "mdh/surieux", "Mdh\u{301}",
    ]

    @Test(arguments: samples) func trimmingMatchesFoundation(_ text: String) {
        #expect(TextRules.trimmedBlanks(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: samples) func codeMatchesTheGeneralRule(_ text: String) {
        // The general rule, as written before the fast path.
        func reference() throws(ValidationError) -> String {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if value.isEmpty { throw .missing("site") }
            if value.count > 64 { throw .tooLong("site", limit: 64) }
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
            guard value.allSatisfy(allowed.contains), let first = value.first, first.isLetter || first.isASCIIDigit else {
                throw .invalidFormat("site", expected: "mdh-surieux")
            }
            return value
        }
        let expected = Result { () throws(ValidationError) in try reference() }
        let actual = Result { () throws(ValidationError) in try TextRules.code(text, field: "site") }
        #expect("\(expected)" == "\(actual)")
    }

    @Test(arguments: samples) func requiredAndOptionalMatchFoundation(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let required = Result { () throws(ValidationError) in try TextRules.required(text, field: "f", limit: 10) }
        switch required {
        case .success(let value): #expect(value == trimmed && !trimmed.isEmpty && trimmed.count <= 10)
        case .failure(let error): #expect(error == (trimmed.isEmpty ? .missing("f") : .tooLong("f", limit: 10)))
        }
        let optional = Result { () throws(ValidationError) in try TextRules.optional(text, field: "f", limit: 10) }
        switch optional {
        case .success(let value): #expect(value == (trimmed.isEmpty ? nil : trimmed))
        case .failure(let error): #expect(error == .tooLong("f", limit: 10) && trimmed.count > 10)
        }
    }

    @Test func taxonomyParsingStillTrimsAndFoldsCase() throws {
        #expect(try InclusionField.parse(" Connectivity\t") == .connectivity)
        #expect(try InclusionField.parse("connectivity") == .connectivity)
        #expect(try Theme.parseList(" email ,, \u{00A0},email") == [.email])
        #expect(throws: ValidationError.missing(InclusionField.fieldName)) { try InclusionField.parse(" \n") }
    }
}

/// Text coming in (arguments, prompt answers, CSV cells) carries no control character.
@Suite struct TextCharacterRulesTests {
    @Test func controlCharactersAndALoneCarriageReturnAreRefused() throws {
        for bad in ["a\u{0}b", "\u{7}", "A\u{1B}[2Jb", "x\u{7F}", "é\u{85}x", "abc\u{202E}cba", "\u{202D}x", "Innocent\rEVIL", "fin\r", "a\r\tb"] {
            #expect(TextRules.hasControlCharacter(bad), "\(bad.unicodeScalars.map(\.value))")
            #expect(throws: ValidationError.rule("summary", TextRules.noControlCharacters)) {
                try TextRules.checkCharacters(bad, field: "summary")
            }
        }
        // Tabs, line feeds (alone or after a carriage return), accents, emoji, right-to-left text
        // with its marks, and the embeddings and isolates phones wrap around copied names and numbers.
        for good in ["a\tb", "ligne 1\nligne 2\r\nfin\r\n", "Fatima Zahra É", "✅ 👍🏽", "مرحبا\u{200F} 2", "e\u{301}",
                     "\u{2068}Leïla\u{2069}", "\u{202A}+33 6 12\u{202C}", ""] {
            #expect(!TextRules.hasControlCharacter(good), "\(good.unicodeScalars.map(\.value))")
            try TextRules.checkCharacters(good, field: "summary")
        }
    }
}
