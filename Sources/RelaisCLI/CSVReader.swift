import Foundation
import RelaisCore

/// One CSV record with the line it starts on (1-based, counting the header line).
public struct CSVRecord: Sendable, Hashable {
    public let line: Int
    public let fields: [String]
}

/// Why a CSV file could not be read (equal when the line and the English reason are).
public struct CSVError: Error, LocalizedError, Sendable, Equatable {
    public let line: Int
    public let reason: String
    public let reasonFR: String
    public init(line: Int, reason: String, fr: String? = nil) {
        self.line = line
        self.reason = reason
        self.reasonFR = fr ?? reason
    }
    public var errorDescription: String? { "line \(line): \(reason)" }

    /// The message in `lang`.
    public func message(_ lang: Language) -> String {
        lang == .fr ? "ligne \(line) : \(reasonFR)" : "line \(line): \(reason)"
    }

    public static func == (a: CSVError, b: CSVError) -> Bool { a.line == b.line && a.reason == b.reason }

    static func quoteInside(line: Int) -> CSVError {
        CSVError(
            line: line, reason: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")",
            fr: "un guillemet dans un champ sans guillemets ; entourez tout le champ de guillemets et doublez le guillemet (\"\")")
    }
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
        var text = text
        // Works on the UTF-8 bytes: iterating Characters (grapheme clusters) costs several times more.
        let (sep, all) = try text.withUTF8 { bytes throws -> (Character, [CSVRecord]) in
            var start = 0
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
            let body = UnsafeBufferPointer(rebasing: bytes[start...])
            let sep: Character
            if let separator {
                sep = separator
            } else {
                var semicolons = 0
                var commas = 0
                for byte in body {
                    if byte == 0x0A { break }
                    if byte == 0x3B { semicolons += 1 } else if byte == 0x2C { commas += 1 }
                }
                sep = semicolons > commas ? ";" : ","
            }
            guard let ascii = sep.asciiValue, sep != "\r\n", sep != "\"", sep != "\n", sep != "\r" else {
                throw CSVError(
                    line: 1, reason: "the separator must be one ASCII character other than a quote or a line end",
                    fr: "le séparateur doit être un caractère ASCII autre qu’un guillemet ou une fin de ligne")
            }
            return (sep, try Self.parse(bytes: body, separator: ascii))
        }
        self.separator = sep
        var records = all
        guard !records.isEmpty else {
            throw CSVError(line: 1, reason: "the file is empty: a header line is needed", fr: "le fichier est vide : il faut une ligne d’en-tête")
        }
        // Cells are text coming in: the same characters are refused as in arguments, the header's
        // included (the parser has already turned a quoted cell's line breaks into LF).
        for record in records {
            if let n = record.fields.firstIndex(where: TextRules.hasControlCharacter) {
                throw CSVError(
                    line: record.line,
                    reason: "field \(n + 1) contains a control character (such as NUL or ESC, or a right-to-left override)",
                    fr: "le champ \(n + 1) contient un caractère de contrôle (NUL, ESC ou forçage de sens d’écriture par exemple)")
            }
        }
        header = records.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces) }
        self.records = records
    }

    /// The RFC 4180 reader on UTF-8 bytes: `\n`, `\r\n` or a lone `\r` ends a record; quoted
    /// fields keep separators, doubled quotes and line breaks (as LF).
    static func parse(bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) throws -> [CSVRecord] {
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var records: [CSVRecord] = []
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var i = 0
        let n = bytes.count
        var scratch: [UInt8] = []
        var fieldDone = false  // the current field was quoted and is complete
        var quotedValue = ""
        var sawAnything = false
        var fieldStart = 0
        func endRecord(_ value: String) {
            fields.append(value)
            // Skip blank lines.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
            fields.reserveCapacity(16)
            sawAnything = false
        }
        fieldStart = 0
        while i < n {
            let byte = bytes[i]
            if fieldDone {
                // Right after a closing quote: only a separator or a line end may follow.
                if byte == separator {
                    fields.append(quotedValue)
                    sawAnything = true
                } else if byte == lf || byte == cr {
                    endRecord(quotedValue)
                    if byte == cr && i + 1 < n && bytes[i + 1] == lf { i += 1 }
                    line += 1
                    recordLine = line
                } else if byte == quote {
                    throw CSVError.quoteInside(line: line)
                } else {
                    let shown = Character(UnicodeScalar(separator))
                    throw CSVError(
                        line: line, reason: "text after a closing quote; the separator is '\(shown)'",
                        fr: "du texte après un guillemet fermant ; le séparateur est « \(shown) »")
                }
                fieldDone = false
                i += 1
                fieldStart = i
                continue
            }
            if byte == quote {
                guard i == fieldStart else {
                    throw CSVError.quoteInside(line: line)
                }
                // A quoted field: up to the closing quote, "" standing for one quote.
                sawAnything = true
                scratch.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                var chunk = i
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunk..<i]))
                        if i + 1 < n && bytes[i + 1] == quote {
                            scratch.append(quote)
                            i += 2
                            chunk = i
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    // A line break (LF, CRLF or a lone CR: old Mac spreadsheets) counts as a line and is
                    // kept as LF: a CR left in a cell would, printed, send the cursor back over the line.
                    if b == cr {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[chunk..<i]))
                        scratch.append(lf)
                        line += 1
                        i += i + 1 < n && bytes[i + 1] == lf ? 2 : 1
                        chunk = i
                        continue
                    }
                    if b == lf { line += 1 }
                    i += 1
                }
                if !closed {
                    throw CSVError(line: recordLine, reason: "a quoted field is never closed", fr: "un champ entre guillemets n’est jamais fermé")
                }
                quotedValue = String(decoding: scratch, as: UTF8.self)
                fieldDone = true
                if i == n { break }
                continue
            }
            if byte == separator {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                sawAnything = true
                i += 1
                fieldStart = i
                continue
            }
            if byte == lf || byte == cr {
                endRecord(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                if byte == cr && i + 1 < n && bytes[i + 1] == lf { i += 1 }
                line += 1
                recordLine = line
                i += 1
                fieldStart = i
                continue
            }
            sawAnything = true
            i += 1
        }
        if fieldDone {
            endRecord(quotedValue)
        } else if sawAnything || fieldStart < n || !fields.isEmpty {
            endRecord(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<n]), as: UTF8.self))
        }
        return records
    }

    /// The records as dictionaries keyed by header name; a row with the wrong number of fields is an error.
    public func rows() throws -> [(line: Int, values: [String: String])] {
        try records.map { record in
            guard record.fields.count == header.count else {
                throw CSVError(
                    line: record.line, reason: "\(record.fields.count) fields where the header has \(header.count)",
                    fr: "\(record.fields.count) champs alors que l’en-tête en a \(header.count)")
            }
            return (record.line, Dictionary(zip(header, record.fields), uniquingKeysWith: { a, _ in a }))
        }
    }
}
