import Foundation
import RelaisCore

/// A value bound to a statement parameter or read from a column, the same on both backends.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)
    /// A calendar date without time, `yyyy-mm-dd` (SQL `DATE` on PostgreSQL, text on SQLite).
    case date(String)
    /// An instant, stored with microsecond precision (`timestamptz` on PostgreSQL, ISO 8601 UTC text on SQLite).
    case timestamp(Date)

    /// Wraps an optional, mapping `nil` to `.null`.
    public static func optional<T: SQLValueConvertible>(_ value: T?) -> SQLValue {
        value.map { $0.sqlValue } ?? .null
    }
}

/// Something that can be bound as a parameter.
public protocol SQLValueConvertible {
    /// The value to bind.
    var sqlValue: SQLValue { get }
}

extension Int: SQLValueConvertible { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLValueConvertible { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLValueConvertible { public var sqlValue: SQLValue { .double(self) } }
extension String: SQLValueConvertible { public var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLValueConvertible { public var sqlValue: SQLValue { .bool(self) } }
extension Date: SQLValueConvertible { public var sqlValue: SQLValue { .timestamp(self) } }
extension SQLValue: SQLValueConvertible { public var sqlValue: SQLValue { self } }

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Text forms of timestamps shared by both backends.
enum TimestampFormat {
    /// `2026-03-29T01:30:00.123456Z` — sorts lexicographically in time order.
    static func iso(_ date: Date) -> String {
        var micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        // Floor division so that instants before 1970 format correctly.
        var seconds = Int64((micros / 1_000_000).rounded(.down))
        micros -= Double(seconds) * 1_000_000
        var fraction = Int64(micros)
        if fraction >= 1_000_000 { seconds += 1; fraction -= 1_000_000 }
        let (day, second) = LocalDate.split(unixSeconds: seconds)
        let (y, m, d, secondOfDay) = (Int64(day.year), Int64(day.month), Int64(day.day), Int64(second))
        // Hand-formatted: this runs for every timestamp written, and String(format:) is slow.
        var bytes = [UInt8](repeating: 48, count: 27)
        func put(_ value: Int64, _ at: Int, _ width: Int) {
            var v = value
            for i in stride(from: at + width - 1, through: at, by: -1) {
                bytes[i] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(y, 0, 4); bytes[4] = 45; put(m, 5, 2); bytes[7] = 45; put(d, 8, 2); bytes[10] = 84
        put(secondOfDay / 3600, 11, 2); bytes[13] = 58; put((secondOfDay % 3600) / 60, 14, 2); bytes[16] = 58
        put(secondOfDay % 60, 17, 2); bytes[19] = 46; put(fraction, 20, 6); bytes[26] = 90
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `2026-03-29T01:30:00.123456Z`, `2026-03-29 01:30:00+00`, `…+02:00` and variants without fraction.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= bytes.count else { return nil }
            var v: Int64 = 0
            for b in bytes[from..<(from + count)] {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int64(b - 48)
            }
            return v
        }
        guard bytes.count >= 19, let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
            let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2)
        else { return nil }
        var i = 19
        var micros: Int64 = 0
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(bytes[i] - 48) }
                digits += 1
                i += 1
            }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset: Int64 = 0
        if i < bytes.count {
            let sign = bytes[i]
            if sign == UInt8(ascii: "Z") {
                offset = 0
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard let oh = num(i + 1, 2) else { return nil }
                var om: Int64 = 0
                if i + 3 < bytes.count {
                    let colon = bytes[i + 3] == UInt8(ascii: ":") ? 1 : 0
                    om = num(i + 3 + colon, 2) ?? 0
                }
                offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard let day = try? LocalDate(year: Int(y), month: Int(mo), day: Int(d)) else { return nil }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}
