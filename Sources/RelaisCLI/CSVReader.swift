import Foundation

/// One CSV record with the line it starts on (1-based, counting the header line).
public struct CSVRecord: Sendable, Hashable {
    public let line: Int
    public let fields: [String]
}

/// Why a CSV file could not be read.
public struct CSVError: Error, LocalizedError, Sendable, Equatable {
    public let line: Int
    public let reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
    public var errorDescription: String? { "line \(line): \(reason)" }
}

/// RFC 4180 reader: `,` or `;` (detected from the header), optional UTF-8 BOM, quoted fields with
/// separators, doubled quotes and newlines, CRLF or LF line ends.
public struct CSVReader: Sendable {
    public let separator: Character
    public let header: [String]
    public let records: [CSVRecord]

    /// Parses `text`; the first record is the header.
    /// - Throws: `CSVError` for an unterminated quote or stray characters after a closing quote.
    public init(text: String, separator: Character? = nil) throws {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let firstLine = body.prefix(while: { $0 != "\n" && $0 != "\r\n" })
        let sep = separator ?? (firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ",")
        self.separator = sep
        var all = try Self.parse(body, separator: sep)
        guard !all.isEmpty else { throw CSVError(line: 1, reason: "the file is empty: a header line is needed") }
        header = all.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        records = all
    }

    static func parse(_ text: Substring, separator: Character) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var sawAnything = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endRecord() {
            fields.append(field)
            field = ""
            // Skip blank lines.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
            afterQuote = false
            sawAnything = false
        }
        while let ch = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1 }
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case separator:
                fields.append(field)
                field = ""
                afterQuote = false
                sawAnything = true
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                if field.isEmpty && !afterQuote {
                    inQuotes = true
                    sawAnything = true
                } else {
                    throw CSVError(line: line, reason: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
            default:
                if afterQuote {
                    throw CSVError(line: line, reason: "text after a closing quote; the separator is '\(separator)'")
                }
                field.append(ch)
                sawAnything = true
            }
        }
        if inQuotes { throw CSVError(line: recordLine, reason: "a quoted field is never closed") }
        if sawAnything || !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// The records as dictionaries keyed by header name; a row with the wrong number of fields is an error.
    public func rows() throws -> [(line: Int, values: [String: String])] {
        try records.map { record in
            guard record.fields.count == header.count else {
                throw CSVError(line: record.line, reason: "\(record.fields.count) fields where the header has \(header.count)")
            }
            return (record.line, Dictionary(zip(header, record.fields), uniquingKeysWith: { a, _ in a }))
        }
    }
}
