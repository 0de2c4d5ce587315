import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

/// `relais-admin documents`: publishing the consent notice a fresh database needs before any
/// named resident, and the loan agreement.
@Suite struct DocumentsTests {
    /// Everything the commands may write: the texts and the audit trail.
    static func written(_ db: Database) throws -> [String] {
        try db.query("SELECT kind, version, body, published_on FROM document_versions ORDER BY kind, version").map {
            $0.values.map { $0.string ?? "-" }.joined(separator: "|")
        } + ["audit: \(try db.scalar("SELECT count(*) FROM audit_events").int ?? -1)"]
    }

    @Test(arguments: TestBackends.all)
    func aFreshDatabaseTakesNamedResidentsOnceANoticeIsPublished(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        #expect(try Programs.run("relais-admin", ["init", "--database", test.argument]).status == 0)
        let db = try test.open()
        let add = ["resident", "add", "--first-name", "Fatima", "--last-name", "Benali", "--database", test.argument]

        let refused = try Programs.run("relais-intake", add)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("a named resident needs consent to the notice, and no consent text is recorded"))
        #expect(refused.stderr.contains("relais-admin documents add --kind consent"))
        #expect(try db.scalar("SELECT count(*) FROM residents").int == 0)

        let notice = test.directory.appendingPathComponent("notice.txt").path
        try "Vos données servent à vous accompagner.\nVous pouvez les consulter ou les effacer.\n".write(
            toFile: notice, atomically: true, encoding: .utf8)
        let publish = ["documents", "add", "--kind", "consent", "--version", "2026-01", "--file", notice, "--database", test.argument]
        let dry = try Programs.run("relais-admin", publish + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("nothing was written"))
        #expect(try Self.written(db) == ["audit: 0"])

        let done = try Programs.run("relais-admin", publish + ["--agent", "coord-nadia"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("Published version 2026-01 of the consent notice"))
        let today = IntakeWorld.today.iso
        #expect(try Self.written(db) == [
            "consent|2026-01|Vos données servent à vous accompagner.\nVous pouvez les consulter ou les effacer.|\(today)", "audit: 1",
        ])
        let event = try #require(try db.queryOne("SELECT actor, entity, action, field, new_value FROM audit_events"))
        #expect(event.values.map { $0.string ?? "-" } == ["coord-nadia", "document", "publish", "consent", "2026-01"])

        let added = try Programs.run("relais-intake", add)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try db.scalar("SELECT consent_version FROM residents").string == "2026-01")

        let shown = try Programs.run("relais-admin", ["documents", "show", "--database", test.argument])
        #expect(shown.stdout == "Vos données servent à vous accompagner.\nVous pouvez les consulter ou les effacer.\n")
        let listed = try Programs.run("relais-admin", ["documents", "list", "--format", "csv", "--database", test.argument])
        #expect(listed.stdout.replacingOccurrences(of: "\r\n", with: "\n")
            == "kind,version,published_on,current,characters,consents\nconsent,2026-01,\(today),yes,81,1\n")

        // A newer version read from standard input becomes the current one; the older stays.
        let newer = try Programs.run(
            "relais-admin", ["documents", "add", "--kind", "consent", "--version", "2026-02", "--file", "-", "--database", test.argument],
            stdin: "Notice révisée.\n")
        #expect(newer.status == 0, "\(newer.stderr)")
        let second = try Programs.run("relais-intake", ["resident", "add", "--first-name", "Karim", "--database", test.argument])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try db.scalar("SELECT consent_version FROM residents WHERE first_name = 'Karim'").string == "2026-02")
        let old = try Programs.run("relais-admin", ["documents", "show", "--version", "2026-01", "--database", test.argument])
        #expect(old.stdout.hasPrefix("Vos données"))
    }

    @Test(arguments: TestBackends.all)
    func badInputIsRefusedAndWritesNothing(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        #expect(try Programs.run("relais-admin", ["init", "--database", test.argument]).status == 0)
        let db = try test.open()
        let dir = test.directory.path
        try "Notice.\n".write(toFile: dir + "/notice.txt", atomically: true, encoding: .utf8)
        try "  \n\n".write(toFile: dir + "/blank.txt", atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x41]).write(to: URL(fileURLWithPath: dir + "/latin.txt"))
        try "Notice\u{1B}[2J de consentement\r\n".write(toFile: dir + "/escape.txt", atomically: true, encoding: .utf8)
        let first = try Programs.run(
            "relais-admin", ["documents", "add", "--kind", "consent", "--version", "2026-01", "--file", dir + "/notice.txt",
                             "--published-on", "2026-01-05", "--database", test.argument])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.written(db)

        func add(_ extra: [String], file: String = "/notice.txt") -> [String] {
            ["documents", "add", "--file", dir + file, "--database", test.argument] + extra
        }
        let cases: [([String], Int32, String)] = [
            (add(["--kind", "consent", "--version", "2026-01"]), 1,
             "error: version '2026-01' of the consent notice already exists; a published text is never replaced: publish a new version"),
            (add(["--kind", "consent", "--version", "2025-12", "--published-on", "2025-12-01"]), 1,
             "error: the current consent notice ('2026-01') was published on 2026-01-05; a new version cannot be dated before it"),
            (add(["--kind", "consent", "--version", "2099", "--published-on", "2099-01-01"]), 1, "is after today"),
            (add(["--kind", "consent", "--version", "x", "--published-on", "31/02/2026"]), 1, "error: published_on has an invalid format"),
            (add(["--kind", "consent", "--version", "2026-02"], file: "/missing.txt"), 1, "error: cannot read '\(dir)/missing.txt'; check the path"),
            (add(["--kind", "consent", "--version", "2026-02"], file: "/blank.txt"), 1, "error: the text is empty; nothing to publish"),
            (add(["--kind", "consent", "--version", "2026-02"], file: "/latin.txt"), 1, "is not UTF-8 text; save it as UTF-8"),
            (add(["--kind", "consent", "--version", "2026-02"], file: "/escape.txt"), 1, "error: body: contains a control character"),
            (add(["--kind", "consent", "--version", "   "]), 1, "error: version is required"),
            (add(["--kind", "consent", "--version", String(repeating: "v", count: 41)]), 1, "error: version is too long: at most 40 characters"),
            (add(["--kind", "consnet", "--version", "2026-02"]), 64, "Please provide one of 'consent' and 'loan_agreement'"),
            (["documents", "show", "--version", "1999", "--database", test.argument], 1,
             "error: no version '1999' of the consent notice; published: 2026-01"),
            (["documents", "show", "--kind", "loan_agreement", "--database", test.argument], 1,
             "error: no loan agreement is published; publish one with: relais-admin documents add --kind loan_agreement"),
        ]
        for (arguments, status, message) in cases {
            let result = try Programs.run("relais-admin", arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(try Self.written(db) == before, "\(arguments) wrote something")
        }
        let unknown = try Programs.run(
            "relais-intake", ["resident", "add", "--first-name", "Zoé", "--consent-version", "1999", "--database", test.argument])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: no version '1999' of the consent notice; published: 2026-01"))
        #expect(try db.scalar("SELECT count(*) FROM residents").int == 0)
    }
}
