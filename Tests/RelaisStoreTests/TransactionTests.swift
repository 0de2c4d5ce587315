import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct TransactionTests {
    @Test(arguments: TestBackends.all)
    func aFailingStatementRollsBackTheWholeTransaction(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            #expect(throws: StoreError.self) {
                try db.transaction { db in
                    try db.execute(
                        "INSERT INTO sites (code, name, kind) VALUES ($1, $2, $3)", ["mdh-a", "MDH A", "mdh"])
                    // Same code again: unique violation inside the transaction.
                    try db.execute(
                        "INSERT INTO sites (code, name, kind) VALUES ($1, $2, $3)", ["mdh-a", "MDH A bis", "mdh"])
                }
            }
            let count = try db.scalar("SELECT count(*) FROM sites").int
            #expect(count == 0)
            #expect(!db.inTransaction)
            // The connection is usable afterwards.
            try db.execute("INSERT INTO sites (code, name, kind) VALUES ($1, $2, $3)", ["mdh-b", "MDH B", "mdh"])
            let after = try db.scalar("SELECT count(*) FROM sites").int
            #expect(after == 1)
        }
    }

    @Test(arguments: TestBackends.all)
    func aSwiftErrorRollsBackToo(_ backend: Backend) throws {
        struct Boom: Error {}
        try withDatabase(backend) { db, _ in
            #expect(throws: Boom.self) {
                try db.transaction { db in
                    try db.execute("INSERT INTO sites (code, name, kind) VALUES ($1, $2, $3)", ["x", "X", "mdh"])
                    throw Boom()
                }
            }
            let count = try db.scalar("SELECT count(*) FROM sites").int
            #expect(count == 0)
        }
    }

    @Test(arguments: TestBackends.all)
    func nestedTransactionRollsBackOnlyItsOwnPart(_ backend: Backend) throws {
        struct Boom: Error {}
        try withDatabase(backend) { db, _ in
            try db.transaction { db in
                try db.execute("INSERT INTO sites (code, name, kind) VALUES ($1, $2, $3)", ["outer", "Outer", "mdh"])
                _ = try? db.transaction { db in
                    try db.execute("INSERT INTO sites (code, name, kind) VALUES ($1, $2, $3)", ["inner", "Inner", "mdh"])
                    throw Boom()
                }
            }
            let codes = try db.query("SELECT code FROM sites ORDER BY code").compactMap { $0.string("code") }
            #expect(codes == ["outer"])
        }
    }

    static let violations: [(String, String, StoreError.Code)] = [
        ("unique", "INSERT INTO sites (code, name, kind) VALUES ('s1', 'Again', 'mdh')", .uniqueViolation),
        ("foreign key", "INSERT INTO rooms (code, site_id, name, capacity) VALUES ('r9', 999999, 'R', 4)", .foreignKeyViolation),
        ("not null", "INSERT INTO sites (code, name, kind) VALUES ('s2', NULL, 'mdh')", .notNullViolation),
        ("check", "INSERT INTO rooms (code, site_id, name, capacity) VALUES ('r0', 1, 'R', 0)", .checkViolation),
        ("check on a code", "INSERT INTO sites (code, name, kind) VALUES ('s3', 'S', 'castle')", .checkViolation),
        ("syntax", "INSERT INTO sites VALUE (", .syntax),
    ]

    @Test(arguments: TestBackends.all)
    func everyConstraintViolationHasItsStableCode(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try db.execute("INSERT INTO sites (id, code, name, kind) VALUES (1, 's1', 'Site', 'mdh')")
            for (label, sql, code) in Self.violations {
                do {
                    try db.transaction { db in try db.execute(sql) }
                    Issue.record("\(label): no error on \(backend)")
                } catch let error as StoreError {
                    #expect(error.code == code, "\(label) on \(backend): got \(error.code): \(error.message)")
                }
            }
            #expect(try db.scalar("SELECT count(*) FROM rooms").int == 0)
        }
    }

    @Test(arguments: TestBackends.all)
    func errorsNeverQuoteBoundValues(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let secret = "Fatima-BENALI-0612345678"
            try db.execute("INSERT INTO sites (code, name, kind) VALUES ($1, $2, 'mdh')", [.text(secret), "S"])
            var messages: [String] = []
            for (sql, args) in [
                ("INSERT INTO sites (code, name, kind) VALUES ($1, $2, 'mdh')", [SQLValue.text(secret), "S"]),
                ("INSERT INTO sites (code, name, kind) VALUES ('k', 'n', $1)", [SQLValue.text(secret)]),
                ("SELECT count(*) FROM sites WHERE id = CAST($1 AS INTEGER) + 1", [SQLValue.text(secret)]),
            ] {
                do { try db.execute(sql, args) } catch { messages.append(error.localizedDescription) }
            }
            #expect(messages.count >= 2)
            for message in messages { #expect(!message.contains(secret), "leaked: \(message)") }
        }
    }

    /// A dry run sees its own writes (ids, counts, constraints), returns its result, keeps nothing.
    @Test(arguments: TestBackends.all)
    func aDryRunIsRolledBackAndReturnsItsResult(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let seen = try db.transaction(dryRun: true) { db -> Int64 in
                try db.execute("INSERT INTO sites (code, name, kind) VALUES ('mdh-a', 'MDH A', 'mdh')")
                return try db.scalar("SELECT count(*) FROM sites").int ?? -1
            }
            #expect(seen == 1)
            #expect(try db.scalar("SELECT count(*) FROM sites").int == 0)
            #expect(!db.inTransaction)
            // A refusal inside still reaches the caller.
            #expect(throws: StoreError.self) {
                try db.transaction(dryRun: true) { db in
                    try db.execute("INSERT INTO sites (code, name, kind) VALUES ('mdh-a', 'MDH A', 'nowhere')")
                }
            }
            // Not a dry run: kept.
            try db.transaction(dryRun: false) { db in
                try db.execute("INSERT INTO sites (code, name, kind) VALUES ('mdh-b', 'MDH B', 'mdh')")
            }
            #expect(try db.scalar("SELECT count(*) FROM sites").int == 1)
        }
    }
}
