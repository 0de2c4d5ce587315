import Foundation

/// One result row: column names and values, read by name or by position.
public struct Row: Sendable {
    /// Column names in result order (shared by every row of a result).
    public let columns: [String]
    /// Values in column order.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of a column, or `.null` when there is no such column.
    public subscript(_ name: String) -> SQLValue {
        guard let i = columns.firstIndex(of: name) else { return .null }
        return values[i]
    }

    /// The value at a position.
    public subscript(_ index: Int) -> SQLValue { values[index] }

    /// An integer column (accepts integers, booleans and numeric text).
    public func int(_ name: String) -> Int64? { self[name].int }
    /// A text column (integers and doubles are rendered as text).
    public func string(_ name: String) -> String? { self[name].string }
    /// A floating-point column.
    public func double(_ name: String) -> Double? { self[name].double }
    /// A boolean column (`0`/`1` on SQLite, `boolean` on PostgreSQL).
    public func bool(_ name: String) -> Bool? { self[name].bool }
    /// A timestamp column.
    public func date(_ name: String) -> Date? { self[name].timestamp }
    /// A blob column.
    public func blob(_ name: String) -> [UInt8]? { self[name].blob }
}

extension SQLValue {
    /// Whether this is SQL NULL.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value as an integer, when it is one or converts losslessly.
    public var int: Int64? {
        switch self {
        case .integer(let v): return v
        case .bool(let b): return b ? 1 : 0
        case .double(let d): return d == d.rounded() && abs(d) < 9.2e18 ? Int64(d) : nil
        case .text(let s): return Int64(s)
        default: return nil
        }
    }

    /// The value as text.
    public var string: String? {
        switch self {
        case .text(let s), .date(let s): return s
        case .integer(let v): return String(v)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        case .timestamp(let t): return TimestampFormat.iso(t)
        case .blob, .null: return nil
        }
    }

    /// The value as a double.
    public var double: Double? {
        switch self {
        case .double(let d): return d
        case .integer(let v): return Double(v)
        case .text(let s): return Double(s)
        default: return nil
        }
    }

    /// The value as a boolean.
    public var bool: Bool? {
        switch self {
        case .bool(let b): return b
        case .integer(let v): return v != 0
        case .text(let s): return ["t", "true", "1"].contains(s) ? true : (["f", "false", "0"].contains(s) ? false : nil)
        default: return nil
        }
    }

    /// The value as an instant (timestamps, and ISO text as SQLite stores them).
    public var timestamp: Date? {
        switch self {
        case .timestamp(let t): return t
        case .text(let s): return TimestampFormat.parse(s)
        default: return nil
        }
    }

    /// The value as bytes.
    public var blob: [UInt8]? {
        switch self {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return nil
        }
    }
}
