import Foundation
import RelaisCore
import RelaisStore
import Testing

/// The ASCII name key is Foundation's folded one, without Foundation's folding.
@Suite struct IntakeImportFastPathTests {
    @Test(arguments: [
        ("Fatima", "BENALI"), ("fatima", "benali"), ("Jean-Pierre", "O'Neil"), ("Marie  Anne", nil), ("Karim", "NGUYEN42"),
        ("A.B", "c_d"), ("x", ""), ("Zoé", "Müller"), ("Aïcha", nil), ("  ", "  Lucas  "), ("ß", "İ"),
    ] as [(String, String?)])
    func asciiNameKeyIsNameKey(_ first: String, _ last: String?) {
        let fast = NameKey.asciiKey(first, last)
        let isASCII = (first + (last ?? "")).utf8.allSatisfy { $0 < 0x80 }
        #expect((fast == nil) == !isASCII)
        if let fast { #expect(fast == NameKey.foldedKey(firstName: first, lastName: last)) }
    }
}
