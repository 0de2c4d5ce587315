import Foundation

/// The number people quote for a help request: `D-2026-000123` (*D* for *demande*).
///
/// The store allocates `sequence` per year, unique under concurrent writers.
public struct RequestNumber: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    /// The year the request was opened.
    public let year: Int
    /// The rank of the request within its year, 1…999 999.
    public let sequence: Int

    /// The largest sequence the six-digit format can show.
    public static let maxSequence = 999_999

    /// Creates a number from its parts.
    public init(year: Int, sequence: Int) throws(ValidationError) {
        guard (2000...9999).contains(year) else {
            throw .outOfRange("request_number", min: 2000, max: 9999)
        }
        guard (1...Self.maxSequence).contains(sequence) else {
            throw .outOfRange("request_number", min: 1, max: Self.maxSequence)
        }
        self.year = year
        self.sequence = sequence
    }

    /// Parses `D-2026-000123` (the `D` may be lower case; blanks around are ignored).
    public init(parsing text: String) throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if trimmed.isEmpty { throw .missing("request_number") }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "D",
            parts[1].count == 4, parts[1].allSatisfy(\.isASCIIDigit),
            parts[2].count == 6, parts[2].allSatisfy(\.isASCIIDigit),
            let year = Int(parts[1]), let sequence = Int(parts[2])
        else {
            throw .invalidFormat("request_number", expected: "D-2026-000123")
        }
        try self.init(year: year, sequence: sequence)
    }

    /// `D-2026-000123`.
    public var description: String {
        "D-\(LocalDate.pad(year, 4))-\(LocalDate.pad(sequence, 6))"
    }

    /// Orders by year, then sequence.
    public static func < (lhs: RequestNumber, rhs: RequestNumber) -> Bool {
        (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence)
    }

    /// Written as its text (`TextCodable`).
    public var codableText: String { description }
}

/// The label stuck on a device: a prefix for its kind and four digits, e.g. `PC-0042`.
public struct AssetTag: Sendable, Hashable, Comparable, TextCodable, CustomStringConvertible {
    /// The kind of device, which fixes the prefix (`DeviceKind.tagPrefix`).
    public let kind: DeviceKind
    /// The number, 1…9999.
    public let number: Int

    /// The largest number the four-digit format can show.
    public static let maxNumber = 9999

    /// Creates a tag from its parts.
    public init(kind: DeviceKind, number: Int) throws(ValidationError) {
        guard (1...Self.maxNumber).contains(number) else {
            throw .outOfRange("asset_tag", min: 1, max: Self.maxNumber)
        }
        self.kind = kind
        self.number = number
    }

    /// Parses `PC-0042`, `UC-0007`, `TAB-0003`, `TEL-0010`, `RTR-0001` (case-insensitive).
    public init(parsing text: String) throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if trimmed.isEmpty { throw .missing("asset_tag") }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let prefixes = DeviceKind.allCases.map(\.tagPrefix)
        guard parts.count == 2, let kind = DeviceKind.allCases.first(where: { $0.tagPrefix == parts[0] })
        else {
            if parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isLetter),
                parts[1].count == 4, parts[1].allSatisfy(\.isASCIIDigit)
            {
                throw .unknownCode(
                    "asset_tag", given: String(parts[0]), allowed: prefixes,
                    suggestion: CodeSuggester.closest(to: String(parts[0]), among: prefixes))
            }
            throw .invalidFormat("asset_tag", expected: "PC-0042")
        }
        guard parts[1].count == 4, parts[1].allSatisfy(\.isASCIIDigit), let number = Int(parts[1])
        else {
            throw .invalidFormat("asset_tag", expected: "PC-0042")
        }
        try self.init(kind: kind, number: number)
    }

    /// `PC-0042`.
    public var description: String { "\(kind.tagPrefix)-\(LocalDate.pad(number, 4))" }

    /// Orders by prefix, then number.
    public static func < (lhs: AssetTag, rhs: AssetTag) -> Bool {
        (lhs.kind.tagPrefix, lhs.number) < (rhs.kind.tagPrefix, rhs.number)
    }

    /// Written as its text (`TextCodable`).
    public var codableText: String { description }
}
