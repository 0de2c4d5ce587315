import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct IntakeImportTests {
    static func records(_ name: String) throws -> ([String], [(line: Int, fields: [String])]) {
        let text = try String(contentsOf: IntakeSeed.fixture(name), encoding: .utf8)
        // The same rules as the CLI's reader, kept minimal here: the store test drives the importer directly.
        let rows = try SimpleCSV.parse(text)
        return (rows[0].fields, Array(rows.dropFirst()))
    }

    @Test(arguments: TestBackends.all)
    func aGoodFileImportsEverythingWithResidents(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let existing = try IntakeSeed.addResident(db, try IntakeSeed.followed("Karim", "Hamdi"))
            let (header, rows) = try Self.records("requests-good.csv")
            let importer = RequestImporter(db, actor: "import", today: IntakeSeed.today)
            let dry = try importer.run(header: header, records: rows, dryRun: true)
            #expect(dry.requests == 5)
            #expect(try db.scalar("SELECT count(*) FROM help_requests").int == 0, "a dry run writes nothing")
            let summary = try importer.run(header: header, records: rows, dryRun: false)
            #expect(summary.requests == 5)
            #expect(summary.residentsCreated == 2, "Fatima once (two phone spellings), one anonymous")
            #expect(summary.anonymousResidents == 1)
            #expect(summary.residentsMatched == 1)
            #expect(summary.numbers[2025] == 1...3)
            #expect(summary.numbers[2026] == 1...2)
            #expect(try db.scalar("SELECT count(*) FROM help_requests WHERE resident_id = $1", [.integer(existing)]).int == 1)
            let first = try RequestStore.file(db, number: try RequestNumber(parsing: "D-2025-000001"))
            #expect(first.request.summary.contains("\n"), "quoted newline kept")
            #expect(first.request.status == .closed && first.request.outcome == .resolved)
            #expect(first.resident?.resident.details?.phone == "+33612345678")
            let referred = try RequestStore.file(db, number: try RequestNumber(parsing: "D-2025-000002"))
            #expect(referred.request.referral?.partnerName == "CAF de l'Isère")
            #expect(referred.resident?.id == first.resident?.id)
            #expect(try db.scalar("SELECT count(*) FROM audit_events WHERE action = 'import' AND entity = 'request'").int == 5)
            // Numbers go on after the import.
            let next = try RequestStore.open(db, try IntakeSeed.request(), actor: "d", today: IntakeSeed.today)
            #expect(next.number.description == "D-2026-000003")
        }
    }

    @Test(arguments: TestBackends.all)
    func aBadFileReportsEveryBadLineAndWritesNothing(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let (header, rows) = try Self.records("requests-bad.csv")
            let rejected = #expect(throws: ImportRejected.self) {
                try RequestImporter(db, actor: "import", today: IntakeSeed.today).run(header: header, records: rows, dryRun: false)
            }
            let issues = rejected?.issues ?? []
            #expect(issues.map(\.line) == [2, 3, 4, 5, 6, 7])
            #expect(issues[0].messageEN.contains("did you mean 'banque_et_achats_en_ligne'?"))
            #expect(issues[1].messageEN.hasPrefix("unknown site 'mdh-nowhere'"))
            #expect(issues[2].messageEN == "summary is required")
            #expect(issues[3].messageEN.hasPrefix("deadline has an invalid format"))
            #expect(issues[4].messageEN.hasPrefix("unknown conseiller 'c-nobody'"))
            #expect(try db.scalar("SELECT count(*) FROM help_requests").int == 0)
            #expect(try db.scalar("SELECT count(*) FROM residents").int == 0)

            let (badHeader, badRows) = try Self.records("requests-missing-column.csv")
            let missing = #expect(throws: ImportRejected.self) {
                try RequestImporter(db, actor: "import", today: IntakeSeed.today).run(header: badHeader, records: badRows, dryRun: false)
            }
            #expect(missing?.issues.first?.messageEN.hasPrefix("missing column(s): field") == true)
        }
    }
}

/// A tiny RFC 4180 reader for the fixtures (the CLI's CSVReader lives in RelaisCLI).
enum SimpleCSV {
    static func parse(_ text: String) throws -> [(line: Int, fields: [String])] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let separator: Character = (body.split(separator: "\n").first ?? "").contains(";") ? ";" : ","
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var start = 1
        var chars = Array(body)
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == separator {
                fields.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                fields.append(field)
                records.append((start, fields))
                fields = []
                field = ""
                line += 1
                start = line
            } else {
                field.append(c)
            }
            i += 1
        }
        return records
    }
}
