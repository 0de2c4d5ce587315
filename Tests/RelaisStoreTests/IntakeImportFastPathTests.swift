import Foundation
import RelaisCore
import RelaisStore
import Testing

/// The import's ASCII name key is `NameKey.make`, without Foundation's folding.
@Suite struct IntakeImportFastPathTests {
    @Test(arguments: [
        ("Fatima", "BENALI"), ("fatima", "benali"), ("Jean-Pierre", "O'Neil"), ("Marie  Anne", nil), ("Karim", "NGUYEN42"),
        ("A.B", "c_d"), ("x", ""), ("Zoé", "Müller"), ("Aïcha", nil), ("  ", "  Lucas  "), ("ß", "İ"),
    ] as [(String, String?)])
    func asciiNameKeyIsNameKey(_ first: String, _ last: String?) {
        let fast = RequestImporter.asciiNameKey(first, last)
        let isASCII = (first + (last ?? "")).utf8.allSatisfy { $0 < 0x80 }
        #expect((fast == nil) == !isASCII)
        if let fast { #expect(fast == NameKey.make(firstName: first, lastName: last)) }
    }
}
