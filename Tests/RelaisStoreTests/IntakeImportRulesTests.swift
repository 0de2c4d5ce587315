import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

/// The import's rules for residents, dates, states and odd cells, on both backends.
@Suite struct IntakeImportRulesTests {
    static let header = ["opened_on", "site", "channel", "field", "summary", "status", "outcome", "referral", "referral_name",
                         "assignee", "closed_on", "first_name", "last_name", "phone", "email", "anonymous"]

    /// Rows given as `column: value` (the others blank), numbered from line 2.
    static func rows(_ rows: [[String: String]]) -> [(line: Int, fields: [String])] {
        rows.enumerated().map { n, row in
            let base = ["opened_on": "2025-03-10", "site": "mdh-surieux", "channel": "walk_in", "field": "usage_assistance",
                        "summary": "Demande \(n)", "status": "closed"]
            let merged = base.merging(row) { _, new in new }
            return (n + 2, header.map { merged[$0] ?? "" })
        }
    }

    static func importing(_ db: Database, _ rows: [[String: String]], dryRun: Bool = false) throws -> ImportSummary {
        try RequestImporter(db, actor: "import", today: IntakeSeed.today).run(header: header, records: Self.rows(rows), dryRun: dryRun)
    }

    static func counts(_ db: Database) throws -> [Int64] {
        try ["help_requests", "residents", "audit_events", "request_themes"].map { try db.scalar("SELECT count(*) FROM \($0)").int ?? -1 }
    }

    @Test(arguments: TestBackends.all)
    func aNameFittingSeveralResidentsIsABadRowAndWritesNothing(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let first = try IntakeSeed.addResident(db, try IntakeSeed.followed("Karim", phone: "06 11 11 11 11"))
            let second = try IntakeSeed.addResident(db, try IntakeSeed.followed("Karim", phone: "06 22 22 22 22"))
            let before = try Self.counts(db)
            let rejected = #expect(throws: ImportRejected.self) {
                try Self.importing(db, [
                    ["first_name": "Karim", "email": "karim@example.fr"],   // fits both recorded Karims
                    ["first_name": "Zoé", "last_name": "Dup", "phone": "0611223344"],
                    ["first_name": "zoe", "last_name": "DUP", "phone": "0699999999"],
                    ["first_name": "Zoe", "last_name": "Dup"],               // fits both Zoés of the file
                    ["opened_on": "2025-02-30"],                             // a bad row of another kind, reported with them
                ])
            }
            #expect(rejected?.issues.map(\.line) == [2, 5, 6])
            #expect(rejected?.issues.first?.messageEN
                == "the name fits 2 residents (#\(first), #\(second)); give a phone or an e-mail that tells them apart")
            #expect(rejected?.issues.dropFirst().first?.messageEN
                == "the name fits 2 residents (line 3, line 4); give a phone or an e-mail that tells them apart")
            #expect(rejected?.issues.dropFirst().first?.messageFR.contains("(ligne 3, ligne 4)") == true)
            #expect(try Self.counts(db) == before, "nothing written")
        }
    }

    @Test(arguments: TestBackends.all)
    func residentsAreMatchedTheSameWayInTheFileAndInTheDatabase(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let karim = try IntakeSeed.addResident(db, try IntakeSeed.followed("Karim", phone: "06 11 11 11 11"))
            let benali = try IntakeSeed.addResident(db, try IntakeSeed.followed("Ahmed", "Benali", phone: "06 55 55 55 55"))
            let summary = try Self.importing(db, [
                ["first_name": "Zoe", "last_name": "Dup", "phone": "06 11 22 33 44"],
                ["first_name": "zoé", "last_name": "dup", "email": "zoe@example.fr"],       // the same Zoé: she gains the e-mail
                ["first_name": "Zoe", "last_name": "Dup", "email": "ZOE@example.fr"],       // the same again (e-mail case)
                ["first_name": "Zoe", "last_name": "Dup", "phone": "07 00 00 00 00"],       // another phone: another Zoé
                ["first_name": "Karim", "email": "k@example.fr"],                           // the one recorded Karim
                ["first_name": "Ahmed", "last_name": "BENALI", "phone": "06 99 88 77 66"],  // a namesake, not him
            ])
            #expect(summary.residentsCreated == 3)
            #expect(summary.residentsMatched == 1)
            #expect(summary.namesakes == 1)
            let zoes = try db.query("SELECT phone, email FROM residents WHERE first_name IN ('Zoe', 'zoé') ORDER BY id")
            #expect(zoes.map { $0.string("phone") } == ["+33611223344", "+33700000000"])
            #expect(zoes.map { $0.string("email") } == ["zoe@example.fr", nil])
            #expect(try db.scalar("SELECT count(*) FROM help_requests WHERE resident_id = $1", [.integer(karim)]).int == 1)
            #expect(try db.scalar("SELECT count(*) FROM help_requests WHERE resident_id = $1", [.integer(benali)]).int == 0)
        }
    }

    /// A bare name is weighed against every person the file describes, wherever its row stands;
    /// a recorded resident matched by a phone no longer fits another phone further down.
    @Test(arguments: TestBackends.all)
    func matchingDoesNotDependOnTheOrderOfTheRows(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let before = try Self.counts(db)
            for rows in [
                [["first_name": "Marie", "last_name": "Dur"], ["first_name": "Marie", "last_name": "Dur", "phone": "06 01 01 01 01"],
                 ["first_name": "Marie", "last_name": "Dur", "phone": "06 02 02 02 02"]],
                [["first_name": "Marie", "last_name": "Dur", "phone": "06 01 01 01 01"],
                 ["first_name": "Marie", "last_name": "Dur", "phone": "06 02 02 02 02"], ["first_name": "Marie", "last_name": "Dur"]],
            ] {
                let rejected = #expect(throws: ImportRejected.self) { try Self.importing(db, rows) }
                let bareLine = rows.firstIndex { $0["phone"] == nil }! + 2
                #expect(rejected?.issues.map(\.line) == [bareLine])
                #expect(rejected?.issues.first?.messageEN.hasPrefix("the name fits 2 residents (line ") == true)
            }
            #expect(try Self.counts(db) == before)
            // A recorded Marie without a phone takes the first phone; the second is someone else.
            let marie = try IntakeSeed.addResident(db, try IntakeSeed.followed("Marie", "Dur"))
            let summary = try Self.importing(db, [
                ["first_name": "Marie", "last_name": "Dur", "phone": "06 01 01 01 01"],
                ["first_name": "Marie", "last_name": "Dur", "phone": "06 02 02 02 02"],
            ])
            #expect(summary.residentsMatched == 1 && summary.residentsCreated == 1)
            #expect(try db.scalar("SELECT count(*) FROM help_requests WHERE resident_id = $1", [.integer(marie)]).int == 1)
            #expect(try db.scalar("SELECT phone FROM residents WHERE id = $1", [.integer(marie)]).isNull, "a recorded resident is not changed")
        }
    }

    @Test(arguments: TestBackends.all)
    func lastActivityIsTheLatestRowAndConsentTheDayOfTheImport(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let known = try IntakeSeed.addResident(db, try IntakeSeed.followed("Karim", phone: "06 11 11 11 11"))
            try db.execute("UPDATE residents SET last_activity_at = $1", [.timestamp(Date(timeIntervalSince1970: 1_600_000_000))])
            _ = try Self.importing(db, [
                ["opened_on": "2023-06-01", "closed_on": "2023-06-02", "first_name": "Zoe", "last_name": "Purge"],
                ["opened_on": "2026-10-01", "closed_on": "2026-10-05", "first_name": "Zoe", "last_name": "Purge"],
                ["opened_on": "2024-01-15", "first_name": "Zoe", "last_name": "Purge"],
                ["opened_on": "2025-05-05", "closed_on": "2025-05-06", "first_name": "Karim"],
            ])
            func day(_ sql: String) throws -> String {
                let text = try db.scalar(sql).string ?? ""
                return String(text.prefix(10))
            }
            #expect(try day("SELECT created_at FROM residents WHERE last_name = 'Purge'") == "2023-06-01")
            #expect(try day("SELECT last_activity_at FROM residents WHERE last_name = 'Purge'") == "2026-10-05")
            #expect(try day("SELECT consent_at FROM residents WHERE last_name = 'Purge'") == IntakeSeed.today.iso,
                    "consent is recorded the day Relais records it, under the current notice")
            #expect(try day("SELECT last_activity_at FROM residents WHERE id = \(known)") == "2025-05-06")
        }
    }

    @Test(arguments: TestBackends.all)
    func badCellsAreReportedInTheFilesTerms(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let before = try Self.counts(db)
            let cases: [([String: String], String)] = [
                (["closed_on": "2099-05-01"], "closed_on 2099-05-01 is in the future"),
                (["status": "new", "closed_on": "2025-03-11"], "closed_on is given but status new is still open"),
                (["anonymous": "maybe"], "anonymous has an invalid format; expected something like yes or no"),
                (["anonymous": "yes", "first_name": "Bob"], "a row marked anonymous has no first name, last name, phone or e-mail"),
                (["referral": "operateur_ou_organisme_en_charge", "referral_name": String(repeating: "x", count: 101)], "referral_name is too long: at most 100 characters"),
                (["referral_name": "CAF"], "referral_name needs a referral (the ANCT code of the structure)"),
                (["status": "in_progress"], "status in_progress needs an assignee (a conseiller’s code)"),
                (["status": "referred"], "status referred needs a referral (the ANCT code of the structure)"),
                (["status": "new", "assignee": "c-amina"], "a request with an assignee has status assigned, in_progress or waiting, not new"),
                (["status": "new", "outcome": "resolved"], "outcome and referral are for resolved, referred or closed requests; status is new"),
                (["site": "Fatima BENALI 06 12 34 56 78 fatima@example.fr"], "unknown site."),
                (["first_name": "Jean\nPierre"], "first_name holds a line break; write it on one line"),
            ]
            for (row, message) in cases {
                let rejected = #expect(throws: ImportRejected.self, "\(row)") { try Self.importing(db, [row]) }
                #expect(rejected?.issues.map(\.line) == [2], "\(row)")
                #expect(rejected?.issues.first?.messageEN.hasPrefix(message) == true, "\(row): \(rejected?.issues.first?.messageEN ?? "")")
                #expect(rejected?.issues.first?.messageEN.contains("fatima@") == false)
            }
            #expect(try Self.counts(db) == before, "nothing written")
        }
    }

    @Test(arguments: TestBackends.all)
    func aHeaderNamingAColumnTwiceIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let rejected = #expect(throws: ImportRejected.self) {
                try RequestImporter(db, actor: "import", today: IntakeSeed.today).run(
                    header: Self.header + ["Summary "], records: Self.rows([[:]]).map { ($0.line, $0.fields + ["Second"]) }, dryRun: false)
            }
            #expect(rejected?.issues.map(\.line) == [1])
            #expect(rejected?.issues.first?.messageEN == "column 'summary' appears twice; keep one")
            #expect(try db.scalar("SELECT count(*) FROM help_requests").int == 0)
            // A file without its header line: its first row's cells are not printed back.
            let headless = #expect(throws: ImportRejected.self) {
                try RequestImporter(db, actor: "import", today: IntakeSeed.today).run(
                    header: Self.header + ["fatima.benali@example.fr"], records: Self.rows([[:]]).map { ($0.line, $0.fields + ["x"]) },
                    dryRun: false)
            }
            #expect(headless?.issues.map(\.messageEN) == ["column 17 is not a known column"])
        }
    }

    @Test(arguments: TestBackends.all)
    func historyOfASiteOrConseillerNoLongerActiveCanBeImported(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            try db.execute("UPDATE sites SET active = FALSE WHERE code = 'bib-neruda'")
            try db.execute("UPDATE staff SET active = FALSE WHERE code = 'c-claire'")
            let before = try Self.counts(db)
            let open = #expect(throws: ImportRejected.self) {
                try Self.importing(db, [["site": "bib-neruda", "status": "new"], ["status": "assigned", "assignee": "c-claire"]])
            }
            #expect(open?.issues.map(\.messageEN) == [
                "site 'bib-neruda' is no longer active: only finished requests (resolved, referred, closed) can be imported for it",
                "conseiller 'c-claire' is no longer active: an open request needs an active one",
            ])
            #expect(try Self.counts(db) == before)
            let summary = try Self.importing(db, [["site": "bib-neruda", "assignee": "c-claire"]])
            #expect(summary.requests == 1)
        }
    }

    @Test(arguments: TestBackends.all)
    func rowsOfSeparatorsOnlyAreBlankLines(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            var records = Self.rows([[:], [:]])
            records.insert((3, Array(repeating: " ", count: Self.header.count)), at: 1)
            records.append((5, ["", ""]))
            let summary = try RequestImporter(db, actor: "import", today: IntakeSeed.today).run(
                header: Self.header, records: records, dryRun: false)
            #expect(summary.requests == 2)
        }
    }

    @Test(arguments: TestBackends.all)
    func aFileImportedBeforeIsRefusedUnlessAskedAgain(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let importer = RequestImporter(db, actor: "amina", today: IntakeSeed.today)
            let records = Self.rows([["first_name": "Zoe"], [:]])
            let source = ImportSource(path: "/home/desk/historique 2025.csv", text: "the file's text")
            #expect(source.name == "historique 2025.csv")
            let first = try importer.run(header: Self.header, records: records, dryRun: false, source: source)
            #expect(first.batch != nil)
            #expect(try db.query("SELECT file_name, rows, imported_by FROM import_batches").map {
                [$0.string("file_name"), $0.int("rows").map(String.init), $0.string("imported_by")]
            } == [["historique 2025.csv", "2", "amina"]])
            #expect(try db.scalar("SELECT note FROM audit_events WHERE entity = 'request' AND action = 'import' ORDER BY id LIMIT 1").string
                == "import #\(first.batch ?? 0), line 2")
            #expect(try db.scalar("SELECT note FROM audit_events WHERE entity = 'import_batch'").string == "historique 2025.csv: 2 request(s)")
            let before = try Self.counts(db)
            for dryRun in [true, false] {
                do {
                    _ = try importer.run(header: Self.header, records: records, dryRun: dryRun, source: source)
                    Issue.record("the same file was imported twice")
                } catch let error as IntakeError {
                    #expect(error.messageEN == "this file was imported already, on \(ParisTime.today().iso) by amina (2 request(s)); nothing was imported. To import its rows a second time, add --again")
                }
            }
            #expect(try Self.counts(db) == before, "nothing written")
            // Another file (another text) is not the same file; --again imports the same one again.
            _ = try importer.run(header: Self.header, records: records, dryRun: false, source: ImportSource(path: "b.csv", text: "other"))
            let again = try importer.run(header: Self.header, records: records, dryRun: false, source: source, again: true)
            #expect(again.requests == 2)
            #expect(try db.scalar("SELECT count(*) FROM import_batches").int == 3)
        }
    }

    @Test(arguments: TestBackends.all)
    func aDryRunUsesUpNoNumbers(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let first = try IntakeSeed.addResident(db, try IntakeSeed.followed("Avant"))
            _ = try Self.importing(db, (0..<50).map { ["first_name": "Personne\($0)"] }, dryRun: true)
            let next = try IntakeSeed.addResident(db, try IntakeSeed.followed("Après"))
            #expect(next == first + 1, "a dry run is rolled back; it must not move the id sequence either")
        }
    }
}
