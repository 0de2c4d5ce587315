/// Phone numbers, stored in E.164 form (`+33612345678`).
public enum Phone {
    /// An example shown when a number is refused (never the number typed).
    static let expected = "06 39 98 00 00, +33 6 39 98 00 00"

    /// Normalises a typed number to E.164.
    ///
    /// Spaces, dots, dashes, slashes and brackets are ignored; `0033` and `+33` are the same;
    /// a French trunk zero after `+33` (`+33 (0)6…`) is dropped; a French 10-digit number
    /// starting with 0 becomes `+33` and its last nine digits; other international numbers
    /// (`+` or `00` then 8–15 digits) are kept with `+`.
    ///
    /// - Throws: `.missing` when blank, `.invalidFormat` otherwise; the number is not echoed.
    public static func normalize(_ text: String, field: String = "phone") throws(ValidationError) -> String {
        var compact = ""
        for character in text where !" .-/()\t\u{00A0}".contains(character) {
            compact.append(character)
        }
        if compact.isEmpty { throw .missing(field) }
        var international: Bool
        if compact.hasPrefix("+") {
            compact.removeFirst()
            international = true
        } else if compact.hasPrefix("00") {
            compact.removeFirst(2)
            international = true
        } else {
            international = false
        }
        guard !compact.isEmpty, compact.allSatisfy(\.isASCIIDigit) else {
            throw .invalidFormat(field, expected: expected)
        }
        if !international {
            guard compact.count == 10, compact.hasPrefix("0"), compact.dropFirst().first != "0" else {
                throw .invalidFormat(field, expected: expected)
            }
            return "+33" + compact.dropFirst()
        }
        if compact.hasPrefix("33") {
            var national = compact.dropFirst(2)
            if national.count == 10, national.hasPrefix("0") { national = national.dropFirst() }
            guard national.count == 9, national.first != "0" else {
                throw .invalidFormat(field, expected: expected)
            }
            return "+33" + national
        }
        guard (8...15).contains(compact.count), compact.first != "0" else {
            throw .invalidFormat(field, expected: expected)
        }
        return "+" + compact
    }

    /// Shows a stored number the way French readers expect: `06 12 34 56 78` for French
    /// numbers, the E.164 form otherwise.
    public static func display(_ e164: String) -> String {
        guard e164.hasPrefix("+33"), e164.count == 12 else { return e164 }
        let national = Array("0" + e164.dropFirst(3))
        return stride(from: 0, to: 10, by: 2).map { String(national[$0..<$0 + 2]) }
            .joined(separator: " ")
    }
}
