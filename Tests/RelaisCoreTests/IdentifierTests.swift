import Foundation
import Testing

@testable import RelaisCore

@Suite struct RequestNumberTests {
    @Test func formatsAndParsesBack() throws {
        let number = try RequestNumber(year: 2026, sequence: 123)
        #expect(number.description == "D-2026-000123")
        #expect(try RequestNumber(parsing: "D-2026-000123") == number)
        #expect(try RequestNumber(parsing: " d-2026-000123 ") == number)
        #expect(try RequestNumber(year: 2026, sequence: 999_999).description == "D-2026-999999")
    }

    @Test(arguments: [
        "D-2026-123", "D-26-000123", "X-2026-000123", "D-2026-0001234", "D2026000123",
        "D-2026-000123-1", "D-2026-00012a", "D--000123",
    ])
    func rejectsMalformed(text: String) {
        let error = validationError { () throws(ValidationError) in try RequestNumber(parsing: text) }
        #expect(error == .invalidFormat("request_number", expected: "D-2026-000123"))
    }

    @Test func rejectsOutOfRangeParts() {
        #expect(
            validationError { () throws(ValidationError) in try RequestNumber(parsing: "D-2026-000000") }?
                .kind == .outOfRange)
        #expect(
            validationError { () throws(ValidationError) in try RequestNumber(year: 2026, sequence: 1_000_000)
            }?.kind == .outOfRange)
        #expect(
            validationError { () throws(ValidationError) in try RequestNumber(year: 1999, sequence: 1) }?.kind
                == .outOfRange)
    }

    @Test func ordersAndCodes() throws {
        let a = try RequestNumber(year: 2025, sequence: 900)
        let b = try RequestNumber(year: 2026, sequence: 1)
        #expect(a < b)
        let data = try JSONEncoder().encode(b)
        #expect(String(decoding: data, as: UTF8.self) == #""D-2026-000001""#)
        #expect(try JSONDecoder().decode(RequestNumber.self, from: data) == b)
    }
}

@Suite struct AssetTagTests {
    @Test(arguments: [
        (DeviceKind.laptop, "PC-0042"), (.desktop, "UC-0042"), (.tablet, "TAB-0042"),
        (.smartphone, "TEL-0042"), (.router4G, "RTR-0042"),
    ])
    func roundTrips(kind: DeviceKind, text: String) throws {
        let tag = try AssetTag(kind: kind, number: 42)
        #expect(tag.description == text)
        #expect(try AssetTag(parsing: text) == tag)
        #expect(try AssetTag(parsing: text.lowercased()) == tag)
    }

    @Test(arguments: ["PC-42", "PC-00042", "PC0042", "PC-00a2", "-0042", "PC-0042-1"])
    func rejectsMalformed(text: String) {
        #expect(
            validationError { () throws(ValidationError) in try AssetTag(parsing: text) }
                == .invalidFormat("asset_tag", expected: "PC-0042"))
    }

    @Test func unknownPrefixSuggestsOne() {
        let error = validationError { () throws(ValidationError) in try AssetTag(parsing: "TABL-0001") }
        #expect(error?.kind == .unknownCode)
        #expect(error?.suggestion == "TAB")
    }

    @Test func rejectsNumberZeroAndTooLarge() {
        #expect(
            validationError { () throws(ValidationError) in try AssetTag(parsing: "PC-0000") }
                == .outOfRange("asset_tag", min: 1, max: 9999))
        #expect(
            validationError { () throws(ValidationError) in try AssetTag(kind: .laptop, number: 10_000) }?
                .kind == .outOfRange)
    }
}
