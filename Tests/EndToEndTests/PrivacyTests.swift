import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct PrivacyTests {
    /// A demo database and one followed resident who has requests.
    static func setUp(_ backend: Backend) throws -> (TestDatabase, Int64) {
        let test = try TestDatabase(backend)
        let demo = try Programs.run("relais-admin", ["demo", "--database", test.argument])
        #expect(demo.status == 0, "\(demo.stderr)")
        let db = try test.open()
        let id = try #require(try db.scalar(
            """
            SELECT r.id FROM residents r WHERE r.kind = 'followed' AND r.last_name IS NOT NULL
              AND EXISTS (SELECT 1 FROM help_requests h WHERE h.resident_id = r.id) ORDER BY r.id LIMIT 1
            """).int)
        return (test, id)
    }

    @Test(arguments: TestBackends.all)
    func exportHoldsEverythingAboutTheResident(_ backend: Backend) throws {
        let (test, id) = try Self.setUp(backend)
        let db = try test.open()
        let firstName = try db.scalar("SELECT first_name FROM residents WHERE id = $1", [.integer(id)]).string
        let requests = try db.scalar("SELECT count(*) FROM help_requests WHERE resident_id = $1", [.integer(id)]).int
        let out = test.directory.appendingPathComponent("access.json").path
        let result = try Programs.run("relais-admin", ["privacy", "export", String(id), "--database", test.argument, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect((json?["resident"] as? [String: String])?["first_name"] == firstName)
        #expect((json?["requests"] as? [[String: Any]])?.count == Int(requests ?? -1))
        #expect(((json?["requests"] as? [[String: Any]])?.first?["events"] as? [Any])?.isEmpty == false)
        let perms = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(perms.map { $0 & 0o077 } == 0)
        #expect(result.stdout.isEmpty && result.stderr == "Access export written to \(out).\n")
        // To standard output through /dev/stdout: the JSON alone there, the note on standard error.
        let piped = try Programs.run("relais-admin", ["privacy", "export", String(id), "--database", test.argument, "--out", "/dev/stdout"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) is [String: Any])
        #expect(piped.stderr == "Access export written to /dev/stdout.\n")
    }

    @Test(arguments: TestBackends.all)
    func eraseKeepsStatisticsAndRemovesWhatNamesThePerson(_ backend: Backend) throws {
        let (test, id) = try Self.setUp(backend)
        let db = try test.open()
        let before = try #require(try db.queryOne("SELECT * FROM residents WHERE id = $1", [.integer(id)]))
        let counts = try db.rowCounts().map(\.rows)

        let refused = try Programs.run("relais-admin", ["privacy", "erase", String(id), "--database", test.argument])
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: erasing resident \(id) cannot be undone; run again with --confirm\n")
        #expect(try db.queryOne("SELECT * FROM residents WHERE id = $1", [.integer(id)])?.values == before.values)

        let erased = try Programs.run("relais-admin", ["privacy", "erase", String(id), "--confirm", "--agent", "coord-nadia", "--database", test.argument])
        #expect(erased.status == 0, "\(erased.stderr)")
        let after = try #require(try db.queryOne("SELECT * FROM residents WHERE id = $1", [.integer(id)]))
        #expect(after.string("kind") == "anonymous")
        for column in ["first_name", "last_name", "phone", "email", "name_key", "phone_key", "consent_at"] {
            #expect(after[column].isNull, "\(column) survived")
        }
        for column in ["gender", "birth_year", "social_status", "commune", "postcode"] {
            #expect(after[column] == before[column], "\(column) changed")
        }
        #expect(after.date("anonymised_at") != nil)
        let summaries = try db.query("SELECT DISTINCT summary FROM help_requests WHERE resident_id = $1", [.integer(id)]).compactMap { $0.string("summary") }
        #expect(summaries == [Privacy.erasedSummary])
        // Nothing was deleted: the statistics still count the person and their activity.
        var expected = counts
        let auditIndex = Database.domainTables.firstIndex(of: "audit_events")!
        expected[auditIndex] += 1
        #expect(try db.rowCounts().map(\.rows) == expected)
        let audit = try AuditTrail.events(db, entity: "resident", id: id).last
        #expect(audit?.action == "erase")
        #expect(audit?.actor == "coord-nadia")

        let again = try Programs.run("relais-admin", ["privacy", "erase", String(id), "--confirm", "--database", test.argument])
        #expect(again.status == 1)
        #expect(again.stderr.contains("holds no personal data"))
    }

    /// On SQLite, erased data does not linger in the files: not in the freed space of a page, not
    /// in an earlier copy of a page kept by the write-ahead log.
    @Test func erasedDataIsGoneFromTheDatabaseFiles() throws {
        let test = try TestDatabase(.sqlite)
        guard case .sqlite(let path) = test.location else { return }
        #expect(try Programs.run("relais-admin", ["demo", "--database", test.argument]).status == 0)
        let add = try Programs.run(
            "relais-intake",
            ["resident", "add", "--first-name", "Zéphyrine", "--last-name", "Quartermaine", "--phone", "06 71 82 93 04",
             "--email", "zq.relais@example.org", "--database", test.argument])
        #expect(add.status == 0, "\(add.stderr)")
        let id = try #require(try test.open().scalar("SELECT id FROM residents WHERE last_name = 'Quartermaine'").int)
        let open = try Programs.run(
            "relais-intake",
            ["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--resident", String(id),
             "--summary", "Dossier Quartermaine : relevé CAF", "--database", test.argument])
        #expect(open.status == 0, "\(open.stderr)")
        let traces = ["Quartermaine", "quartermaine", "Zéphyrine", "zephyrine", "671829304", "zq.relais@example.org"]
        func found() throws -> [String] {
            let bytes = try ["", "-wal", "-shm"].compactMap { FileManager.default.contents(atPath: path + $0) }
                .reduce(Data(), +)
            return traces.filter { bytes.range(of: Data($0.utf8)) != nil }
        }
        #expect(try found().count == traces.count, "the scan must see the data before the erasure")
        let erased = try Programs.run("relais-admin", ["privacy", "erase", String(id), "--confirm", "--database", test.argument])
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(try found() == [])
    }

    @Test(arguments: TestBackends.all)
    func unknownResidentsAreRefused(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        #expect(try Programs.run("relais-admin", ["init", "--database", test.argument]).status == 0)
        for command in [["export", "999999"], ["erase", "999999", "--confirm"]] {
            let result = try Programs.run("relais-admin", ["privacy"] + command + ["--database", test.argument])
            #expect(result.status == 1)
            #expect(result.stderr == "error: no resident with id 999999; find the id with relais-intake resident find\n")
        }
    }

    @Test(arguments: TestBackends.all)
    func purgeAnonymisesOnlyTheInactiveAndADryRunWritesNothing(_ backend: Backend) throws {
        let (test, _) = try Self.setUp(backend)
        let db = try test.open()
        let cutoff = Calendar(identifier: .gregorian).date(byAdding: .month, value: -12, to: Date())!
        let ongoing = """
            (EXISTS (SELECT 1 FROM loans l WHERE l.resident_id = r.id AND l.status = 'open')
              OR EXISTS (SELECT 1 FROM help_requests h WHERE h.resident_id = r.id AND h.status IN ('new', 'assigned', 'in_progress', 'waiting')))
            """
        let inactive = try db.scalar(
            "SELECT count(*) FROM residents r WHERE kind = 'followed' AND last_activity_at < $1 AND NOT \(ongoing)",
            [.timestamp(cutoff)]).int ?? 0
        let kept = try db.scalar(
            "SELECT count(*) FROM residents r WHERE kind = 'followed' AND last_activity_at < $1 AND \(ongoing)", [.timestamp(cutoff)]).int ?? 0
        #expect(inactive > 0)
        let followedBefore = try db.scalar("SELECT count(*) FROM residents WHERE kind = 'followed'").int ?? 0
        let byGender = try db.query("SELECT gender, count(*) AS n FROM residents GROUP BY gender ORDER BY gender").map(\.values)

        let dry = try Programs.run("relais-admin", ["privacy", "purge", "--inactive-months", "12", "--dry-run", "--database", test.argument])
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("Would anonymise \(inactive) resident(s)"))
        #expect(try db.scalar("SELECT count(*) FROM residents WHERE kind = 'followed'").int == followedBefore)

        let real = try Programs.run("relais-admin", ["privacy", "purge", "--inactive-months", "12", "--database", test.argument])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.hasPrefix("Anonymised \(inactive) resident(s)"))
        #expect(real.stdout.contains("; \(kept) kept for an open loan or request."), "\(real.stdout)")
        #expect(try db.scalar("SELECT count(*) FROM residents WHERE kind = 'followed'").int == followedBefore - inactive)
        #expect(try db.scalar("SELECT count(*) FROM residents WHERE kind = 'followed' AND last_activity_at < $1", [.timestamp(cutoff)]).int
            == kept)
        #expect(try db.query("SELECT gender, count(*) AS n FROM residents GROUP BY gender ORDER BY gender").map(\.values) == byGender)
    }

    /// A step on an old request and a workshop registration are activity: the purge spares the
    /// resident afterwards; a request still open spares them however old their last activity.
    @Test(arguments: TestBackends.all)
    func recordedContactRestartsTheRetentionClock(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        #expect(try Programs.run("relais-admin", ["demo", "--database", test.argument]).status == 0)
        let db = try test.open()
        // Three followed residents without open loans, made inactive for two years.
        func resident(_ requestStatus: String) throws -> (Int64, String) {
            let row = try #require(try db.queryOne(
                """
                SELECT r.id, h.number FROM residents r JOIN help_requests h ON h.resident_id = r.id AND h.status = $1
                WHERE r.kind = 'followed' AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.resident_id = r.id AND l.status = 'open')
                  AND NOT EXISTS (SELECT 1 FROM help_requests o WHERE o.resident_id = r.id AND o.id <> h.id)
                ORDER BY r.id LIMIT 1
                """, [.text(requestStatus)]))
            return (try #require(row.int("id")), try #require(row.string("number")))
        }
        let (stepped, resolvedNumber) = try resident("resolved")
        let (waiting, _) = try resident("waiting")
        let enrolled = try #require(try db.scalar(
            """
            SELECT r.id FROM residents r WHERE r.kind = 'followed' AND r.id NOT IN ($1, $2)
              AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.resident_id = r.id AND l.status = 'open')
              AND NOT EXISTS (SELECT 1 FROM help_requests h WHERE h.resident_id = r.id AND h.status IN ('new', 'assigned', 'in_progress', 'waiting'))
              AND NOT EXISTS (SELECT 1 FROM registrations g WHERE g.resident_id = r.id)
            ORDER BY r.id LIMIT 1
            """, [.integer(stepped), .integer(waiting)]).int)
        let session = try #require(try db.scalar(
            "SELECT code FROM sessions WHERE status = 'planned' AND kind = 'workshop' AND starts_at > $1 ORDER BY starts_at LIMIT 1",
            [.timestamp(Date())]).string)
        let longAgo = Calendar(identifier: .gregorian).date(byAdding: .month, value: -24, to: Date())!
        for id in [stepped, waiting, enrolled] {
            try db.execute("UPDATE residents SET last_activity_at = $2 WHERE id = $1", [.integer(id), .timestamp(longAgo)])
        }
        let close = try Programs.run("relais-intake", ["close", resolvedNumber, "--agent", "a-desk", "--database", test.argument])
        #expect(close.status == 0, "\(close.stderr)")
        let enrol = try Programs.run(
            "relais-schedule", ["enroll", String(enrolled), session, "--agent", "a-desk", "--database", test.argument])
        #expect(enrol.status == 0, "\(enrol.stderr)")
        let purge = try Programs.run("relais-admin", ["privacy", "purge", "--inactive-months", "12", "--database", test.argument])
        #expect(purge.status == 0, "\(purge.stderr)")
        for id in [stepped, waiting, enrolled] {
            #expect(try db.scalar("SELECT kind FROM residents WHERE id = $1", [.integer(id)]).string == "followed", "resident \(id) was anonymised")
        }
        // Without the contact, the same purge takes them.
        for id in [stepped, enrolled] {
            try db.execute("UPDATE residents SET last_activity_at = $2 WHERE id = $1", [.integer(id), .timestamp(longAgo)])
        }
        #expect(try Programs.run("relais-admin", ["privacy", "purge", "--inactive-months", "12", "--database", test.argument]).status == 0)
        for id in [stepped, enrolled] {
            #expect(try db.scalar("SELECT kind FROM residents WHERE id = $1", [.integer(id)]).string == "anonymous")
        }
        #expect(try db.scalar("SELECT kind FROM residents WHERE id = $1", [.integer(waiting)]).string == "followed")
    }

    /// Merging keeps the later activity of the two records: the purge does not take the kept one.
    @Test func aMergeKeepsTheLaterActivity() throws {
        let test = try TestDatabase(.sqlite)
        #expect(try Programs.run("relais-admin", ["demo", "--database", test.argument]).status == 0)
        let db = try test.open()
        let ids = try db.query(
            """
            SELECT r.id FROM residents r WHERE r.kind = 'followed'
              AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.resident_id = r.id AND l.status = 'open')
              AND NOT EXISTS (SELECT 1 FROM help_requests h WHERE h.resident_id = r.id AND h.status IN ('new', 'assigned', 'in_progress', 'waiting'))
            ORDER BY r.id LIMIT 2
            """).compactMap { $0.int("id") }
        try #require(ids.count == 2)
        let longAgo = Calendar(identifier: .gregorian).date(byAdding: .month, value: -24, to: Date())!
        try db.execute("UPDATE residents SET last_activity_at = $2 WHERE id = $1", [.integer(ids[0]), .timestamp(longAgo)])
        try db.execute("UPDATE residents SET last_activity_at = $2 WHERE id = $1", [.integer(ids[1]), .timestamp(Date())])
        let merge = try Programs.run("relais-intake", ["resident", "merge", String(ids[0]), String(ids[1]), "--yes", "--database", test.argument])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try Programs.run("relais-admin", ["privacy", "purge", "--inactive-months", "12", "--database", test.argument]).status == 0)
        #expect(try db.scalar("SELECT kind FROM residents WHERE id = $1", [.integer(ids[0])]).string == "followed")
    }

    @Test func badRetentionIsAUsageError() throws {
        let test = try TestDatabase(.sqlite)
        let result = try Programs.run("relais-admin", ["privacy", "purge", "--inactive-months", "0", "--database", test.argument])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--inactive-months must be between 1 and 240"))
    }
}
