import Foundation

/// A cell of a listing: text, a number, or nothing. JSON keeps numbers as numbers.
public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Int64)
    case decimal(Double)
    case bool(Bool)
    case empty

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .number(value) }

    /// Text or empty for nil.
    public static func optional(_ text: String?) -> Cell { text.map { .text($0) } ?? .empty }

    /// How the cell reads in a table or CSV.
    public var display: String {
        switch self {
        case .text(let s): return s
        case .number(let n): return String(n)
        case .decimal(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(format: "%.2f", d)
        case .bool(let b): return b ? "yes" : "no"
        case .empty: return ""
        }
    }
}

/// Rows under named columns: what every `list`, `status` or report prints.
public struct Listing: Sendable {
    /// Column keys (used as JSON keys and CSV headers).
    public var columns: [String]
    /// Rows, each with one cell per column.
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Adds a row; missing cells are empty.
    public mutating func append(_ row: [Cell]) {
        rows.append(row + Array(repeating: .empty, count: max(0, columns.count - row.count)))
    }
}

/// An aligned text table for terminals.
public enum TableRenderer {
    public static func render(_ listing: Listing) -> String {
        let header = listing.columns
        let body = listing.rows.map { $0.map { sanitize($0.display) } }
        var widths = header.map(width)
        for row in body {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(cell)) }
        }
        func line(_ cells: [String], _ numeric: [Bool]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - width(cell))
                parts.append(numeric[i] ? pad + cell : (i == cells.count - 1 ? cell : cell + pad))
            }
            return parts.joined(separator: "  ")
        }
        let numeric = listing.columns.indices.map { i in
            !listing.rows.isEmpty && listing.rows.allSatisfy { row in
                if case .number = row[i] { return true }
                if case .decimal = row[i] { return true }
                if case .empty = row[i] { return true }
                return false
            }
        }
        var out = line(header, header.map { _ in false }) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in body { out += line(row, numeric) + "\n" }
        return out
    }

    /// Display width: one per character (enough for Latin text and most symbols).
    static func width(_ s: String) -> Int { s.count }

    /// Keeps a cell on one line.
    static func sanitize(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
            .replacingOccurrences(of: "\r", with: " ⏎ ").replacingOccurrences(of: "\t", with: " ")
    }
}

/// RFC 4180 CSV with a chosen separator, optional UTF-8 BOM, and cells that a spreadsheet would
/// run as formulas neutralised with a leading apostrophe.
public struct CSVWriter: Sendable {
    public var separator: Character
    public var byteOrderMark: Bool

    public init(separator: Character = ",", byteOrderMark: Bool = false) {
        self.separator = separator
        self.byteOrderMark = byteOrderMark
    }

    public func render(_ listing: Listing) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += line(listing.columns)
        for row in listing.rows {
            out += line(row.map { cell in
                // Numbers are data, not formulas: -3 stays -3.
                if case .number = cell { return cell.display }
                if case .decimal = cell { return cell.display }
                return neutralise(cell.display)
            })
        }
        return out
    }

    /// One record, ended by CRLF as RFC 4180 asks.
    public func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: String(separator)) + "\r\n"
    }

    func quote(_ field: String) -> String {
        let needs = field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r")
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        return needs ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// A leading `=`, `+`, `-`, `@`, tab or carriage return makes spreadsheets evaluate the cell.
    public func neutralise(_ field: String) -> String {
        guard let first = field.unicodeScalars.first else { return field }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + field : field
    }
}

/// A JSON array of objects, keys in column order, numbers as numbers.
public enum JSONRenderer {
    public static func render(_ listing: Listing) -> String {
        var out = "[\n"
        for (n, row) in listing.rows.enumerated() {
            out += "  {"
            out += zip(listing.columns, row).map { key, cell in "\(string(key)): \(value(cell))" }.joined(separator: ", ")
            out += n == listing.rows.count - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return string(s)
        case .number(let n): return String(n)
        case .decimal(let d): return d.isFinite ? String(d) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .empty: return "null"
        }
    }

    /// A JSON string literal.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
