import Foundation

/// A value written as one string in JSON — `D-2026-000123`, `PC-0042`, `2026-11-29`, `2026-W49` —
/// and read back through its own parser: a string that does not parse is a decoding error
/// carrying the parser's message.
public protocol TextCodable: Codable {
    /// The text the value is written as.
    var codableText: String { get }
    /// Parses that text.
    init(parsing text: String) throws(ValidationError)
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message(.en))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codableText)
    }
}
