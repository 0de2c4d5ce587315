import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct ParameterRoundTripTests {
    static let createProbe = """
        CREATE TABLE probe (
            id INTEGER PRIMARY KEY,
            t TEXT, i BIGINT, d DOUBLE PRECISION, b BOOLEAN, day DATE, ts TIMESTAMP_KIND, bytes BLOB_KIND
        )
        """

    static func makeProbe(_ db: Database) throws {
        let sql = createProbe
            .replacingOccurrences(of: "TIMESTAMP_KIND", with: db.backend == .postgres ? "TIMESTAMPTZ" : "TIMESTAMP")
            .replacingOccurrences(of: "BLOB_KIND", with: db.backend == .postgres ? "BYTEA" : "BLOB")
        try db.execute(sql)
    }

    static let texts: [String] = [
        "", "é", "L’accueil", "Fatima BENALI 👩🏽‍💻", "a\nb\tc\\d'e\"f", String(repeating: "x", count: 1_000_000),
    ]

    @Test(arguments: TestBackends.all)
    func textRoundTripKeepsEveryCharacter(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            try Self.makeProbe(db)
            for (i, text) in Self.texts.enumerated() {
                try db.execute("INSERT INTO probe (id, t) VALUES ($1, $2)", [.integer(Int64(i)), .text(text)])
                let back = try db.scalar("SELECT t FROM probe WHERE id = $1", [.integer(Int64(i))])
                #expect(back == .text(text), "text #\(i) of length \(text.count) came back different")
            }
        }
    }

    @Test(arguments: TestBackends.all)
    func emptyStringAndNullStayDistinct(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            try Self.makeProbe(db)
            try db.execute("INSERT INTO probe (id, t) VALUES (1, $1), (2, $2)", [.text(""), .null])
            #expect(try db.scalar("SELECT t FROM probe WHERE id = 1") == .text(""))
            #expect(try db.scalar("SELECT t FROM probe WHERE id = 2") == .null)
            #expect(try db.scalar("SELECT count(*) FROM probe WHERE t IS NULL").int == 1)
        }
    }

    @Test(arguments: TestBackends.all)
    func integersDoublesAndBooleans(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            try Self.makeProbe(db)
            let ints: [Int64] = [0, -1, 1, Int64.max, Int64.min, 2_147_483_648]
            for (n, v) in ints.enumerated() {
                try db.execute("INSERT INTO probe (id, i) VALUES ($1, $2)", [.integer(Int64(n)), .integer(v)])
                #expect(try db.scalar("SELECT i FROM probe WHERE id = $1", [.integer(Int64(n))]).int == v)
            }
            let doubles: [Double] = [0.1, -2.5e300, 1.0 / 3.0, Double.leastNonzeroMagnitude]
            for (n, v) in doubles.enumerated() {
                try db.execute("UPDATE probe SET d = $1 WHERE id = $2", [.double(v), .integer(Int64(n))])
                #expect(try db.scalar("SELECT d FROM probe WHERE id = $1", [.integer(Int64(n))]).double == v)
            }
            try db.execute("UPDATE probe SET b = $1 WHERE id = 0", [.bool(true)])
            try db.execute("UPDATE probe SET b = $1 WHERE id = 1", [.bool(false)])
            #expect(try db.queryOne("SELECT b FROM probe WHERE id = 0")?.bool("b") == true)
            #expect(try db.queryOne("SELECT b FROM probe WHERE id = 1")?.bool("b") == false)
            #expect(try db.scalar("SELECT count(*) FROM probe WHERE b = $1", [.bool(true)]).int == 1)
        }
    }

    @Test(arguments: TestBackends.all)
    func datesAndTimestampsAcrossTheParisDSTChange(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            try Self.makeProbe(db)
            // 2026-03-29: clocks in Europe/Paris jump from 02:00 to 03:00 (01:00 UTC).
            // 2026-10-25: clocks go back from 03:00 to 02:00 (01:00 UTC), so 02:30 happens twice.
            let instants: [Double] = [
                1_774_745_999.5,  // 2026-03-29T00:59:59.5Z, just before the spring jump
                1_774_746_000,  // 2026-03-29T01:00:00Z, the jump itself
                1_792_884_600.123456,  // 2026-10-25T00:30:00.123456Z: 02:30 CEST, first time
                1_792_888_200,  // 2026-10-25T01:30:00Z: 02:30 CET, second time
                -86_400.25,  // before 1970
            ]
            for (n, seconds) in instants.enumerated() {
                let date = Date(timeIntervalSince1970: seconds)
                try db.execute("INSERT INTO probe (id, ts, day) VALUES ($1, $2, $3)",
                    [.integer(Int64(n)), .timestamp(date), .date("2026-03-29")])
                let row = try #require(try db.queryOne("SELECT ts, day FROM probe WHERE id = $1", [.integer(Int64(n))]))
                let back = try #require(row.date("ts"))
                #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000_001, "instant #\(n)")
                #expect(row["day"] == .date("2026-03-29"))
            }
            // Ordering by the column follows time on both backends (text order on SQLite).
            let order = try db.query("SELECT id FROM probe ORDER BY ts").compactMap { $0.int("id") }
            #expect(order == [4, 0, 1, 2, 3])
            // The two 02:30 local times are one hour apart.
            let twice = try db.query("SELECT ts FROM probe WHERE id IN (2, 3) ORDER BY ts").compactMap { $0.date("ts") }
            #expect(abs(twice[1].timeIntervalSince(twice[0]) - (3600 - 0.123456)) < 0.000_01)
        }
    }

    @Test(arguments: TestBackends.all)
    func blobsIncludingEmptyAndBinary(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            try Self.makeProbe(db)
            let blobs: [[UInt8]] = [[], [0, 1, 2, 255, 92, 120], Array(repeating: 0xAB, count: 100_000)]
            for (n, blob) in blobs.enumerated() {
                try db.execute("INSERT INTO probe (id, bytes) VALUES ($1, $2)", [.integer(Int64(n)), .blob(blob)])
                #expect(try db.scalar("SELECT bytes FROM probe WHERE id = $1", [.integer(Int64(n))]).blob == blob)
            }
            try db.execute("INSERT INTO probe (id, bytes) VALUES (9, $1)", [.null])
            #expect(try db.scalar("SELECT bytes FROM probe WHERE id = 9").isNull)
        }
    }

    @Test(arguments: TestBackends.all)
    func bulkInsertKeepsEveryValue(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            try Self.makeProbe(db)
            let when = Date(timeIntervalSince1970: 1_774_746_000.25)
            let rows: [[SQLValue]] = (0..<500).map { (i: Int) -> [SQLValue] in
                let text: SQLValue = i % 7 == 0 ? .null : .text("ligne \(i)\tavec\\tab\net ’")
                let flag = SQLValue.bool(i % 2 == 0)
                let bytes = SQLValue.blob([UInt8(i % 256), 0])
                return [.integer(Int64(i)), text, .integer(Int64(i) * 3), flag, .date("2026-11-29"), .timestamp(when), bytes]
            }
            try db.transaction { db in
                try db.bulkInsert(table: "probe", columns: ["id", "t", "i", "b", "day", "ts", "bytes"], rows: rows)
            }
            #expect(try db.scalar("SELECT count(*) FROM probe").int == 500)
            let row = try #require(try db.queryOne("SELECT * FROM probe WHERE id = 8"))
            #expect(row.string("t") == "ligne 8\tavec\\tab\net ’")
            #expect(row.bool("b") == true)
            #expect(row.blob("bytes") == [8, 0])
            #expect(row.date("ts").map { abs($0.timeIntervalSince(when)) < 0.000_001 } == true)
            #expect(try db.scalar("SELECT count(*) FROM probe WHERE t IS NULL").int == 72)
        }
    }

    /// A row that cannot be produced stops the bulk load: the error reaches the caller, the
    /// transaction rolls back, and the connection goes on working (on PostgreSQL the COPY is abandoned).
    @Test(arguments: TestBackends.all)
    func aFailingRowAbandonsTheBulkLoad(_ backend: Backend) throws {
        struct Broken: Error {}
        try withDatabase(backend, migrated: false) { db, _ in
            try Self.makeProbe(db)
            #expect(throws: Broken.self) {
                try db.transaction { db in
                    try db.bulkInsert(table: "probe", columns: ["id", "i"], count: 10_000) { n, values in
                        if n == 5_000 { throw Broken() }
                        values += [.integer(Int64(n)), .integer(Int64(n * 2))]
                    }
                }
            }
            #expect(try db.scalar("SELECT count(*) FROM probe").int == 0)
            try db.transaction { db in
                try db.bulkInsert(table: "probe", columns: ["id", "i"], count: 3) { n, values in
                    values += [.integer(Int64(n)), .integer(Int64(n * 2))]
                }
            }
            #expect(try db.scalar("SELECT sum(i) FROM probe").int == 6)
        }
    }

    /// A row that breaks a rule of the database, wherever it falls among the rows loaded together,
    /// fails the load with the rule's error; in a transaction nothing stays.
    @Test(arguments: TestBackends.all)
    func aRowBreakingAConstraintFailsTheLoad(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try db.execute("INSERT INTO sites (code, name, kind) VALUES ('s', 'Site', 'mdh')")
            let site = try #require(try db.scalar("SELECT id FROM sites").int)
            let columns = ["code", "site_id", "name", "capacity"]
            for (bad, code) in [(450, StoreError.Code.uniqueViolation), (3, .foreignKeyViolation), (499, .checkViolation)] {
                let error = #expect(throws: StoreError.self) {
                    try db.transaction { db in
                        try db.bulkInsert(table: "rooms", columns: columns, count: 500) { n, values in
                            let name: SQLValue = .text("Salle \(n)")
                            switch (n == bad, code) {
                            case (true, .uniqueViolation): values += [.text("r-0"), .integer(site), name, .integer(10)]
                            case (true, .foreignKeyViolation): values += [.text("r-\(n)"), .integer(site + 99), name, .integer(10)]
                            case (true, _): values += [.text("r-\(n)"), .integer(site), name, .integer(-1)]
                            default: values += [.text("r-\(n)"), .integer(site), name, .integer(10)]
                            }
                        }
                    }
                }
                #expect(error?.code == code, "row \(bad)")
                #expect(try db.scalar("SELECT count(*) FROM rooms").int == 0)
            }
            try db.transaction { db in
                try db.bulkInsert(table: "rooms", columns: columns, count: 401) { n, values in
                    values += [.text("r-\(n)"), .integer(site), .text("Salle"), .integer(Int64(n % 30 + 1))]
                }
            }
            #expect(try db.scalar("SELECT count(*) FROM rooms").int == 401)
            #expect(try db.scalar("SELECT code FROM rooms ORDER BY id DESC LIMIT 1").string == "r-400")
        }
    }
}
