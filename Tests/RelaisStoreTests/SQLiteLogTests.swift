import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

/// SQLite's write-ahead log: commits are seen at once by every program, and closing keeps the log
/// small (checkpointed and truncated past 1 MiB) without ever waiting on another program.
@Suite struct SQLiteLogTests {
    static func logSize(_ test: TestDatabase) throws -> Int {
        guard case .sqlite(let path) = test.location else { throw StoreError(.other, "not SQLite") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal")
        return (attributes?[.size] as? Int) ?? 0
    }

    /// About 2 MiB of audit events in one transaction.
    static func writeALot(_ db: Database, tag: String) throws {
        try db.transaction { db in
            try db.bulkInsert(
                table: "audit_events", columns: ["at", "actor", "entity", "entity_id", "action", "note"], count: 2000
            ) { n, values in
                values += [.timestamp(Date()), .text("t"), .text(tag), .integer(Int64(n)), .text("x"), .text(String(repeating: "n", count: 1000))]
            }
        }
    }

    @Test func aSmallChangeStaysInTheLogAndIsSeenByOthers() throws {
        let test = try TestDatabase(.sqlite)
        do {
            let db = try test.openMigrated()
            try db.execute("INSERT INTO sites (code, name, kind) VALUES ('mdh-a', 'MDH A', 'mdh')")
        }
        let size = try Self.logSize(test)
        #expect(size > 0 && size <= 1 << 20, "log of \(size) bytes")
        #expect(try test.open().scalar("SELECT count(*) FROM sites").int == 1)
    }

    @Test func closingTruncatesALargeLog() throws {
        let test = try TestDatabase(.sqlite)
        do {
            let db = try test.openMigrated()
            try Self.writeALot(db, tag: "big")
            #expect(try Self.logSize(test) > 1 << 20)
        }
        #expect(try Self.logSize(test) == 0)
        #expect(try test.open().scalar("SELECT count(*) FROM audit_events WHERE entity = 'big'").int == 2000)
    }

    @Test func closingDoesNotWaitForAReader() throws {
        let test = try TestDatabase(.sqlite)
        _ = try test.openMigrated()
        let reader = try test.open()
        try reader.executeScript("BEGIN")
        #expect(try reader.scalar("SELECT count(*) FROM audit_events").int == 0)
        let start = Date()
        do {
            let db = try test.open()
            try Self.writeALot(db, tag: "while-reading")
        }
        #expect(Date().timeIntervalSince(start) < 5, "the busy timeout is 15 s; closing must not wait for it")
        #expect(try Self.logSize(test) > 1 << 20, "the reader still needs the log")
        try reader.executeScript("COMMIT")
        #expect(try reader.scalar("SELECT count(*) FROM audit_events").int == 2000)
        do { _ = try test.open() }
        // The reader's connection is still open: the next close that finds the log large truncates it.
        #expect(try Self.logSize(test) == 0)
    }
}
