import Foundation
import RelaisCore
import Testing

/// Numbers, tags, dates and weeks travel in JSON as their text and come back through their parser.
@Suite struct TextCodableTests {
    func roundTrip<T: TextCodable & Equatable>(_ value: T, _ text: String) throws {
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([T].self, from: data) == [value])
    }

    func refusal<T: TextCodable>(_ type: T.Type, _ text: String) -> String? {
        do {
            _ = try JSONDecoder().decode([T].self, from: Data("[\"\(text)\"]".utf8))
            return nil
        } catch let DecodingError.dataCorrupted(context) {
            return context.debugDescription
        } catch {
            return "\(error)"
        }
    }

    @Test func eachTravelsAsItsText() throws {
        try roundTrip(try RequestNumber(parsing: "D-2026-000123"), "D-2026-000123")
        try roundTrip(try AssetTag(parsing: "PC-0042"), "PC-0042")
        try roundTrip(try LocalDate(parsing: "2026-11-29"), "2026-11-29")
        try roundTrip(try IsoWeek(parsing: "2026-W49"), "2026-W49")
    }

    @Test func aBadTextIsADecodingErrorWithTheParsersMessage() {
        #expect(refusal(RequestNumber.self, "D-2026-12")?.contains("request_number") == true)
        #expect(refusal(AssetTag.self, "XX-1")?.isEmpty == false)
        #expect(refusal(LocalDate.self, "2026-02-30")?.contains("date") == true)
        #expect(refusal(IsoWeek.self, "2026-W60")?.contains("week") == true)
    }
}
