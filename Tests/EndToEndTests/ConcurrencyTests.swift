import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct ConcurrencyTests {
    @Test(arguments: TestBackends.all)
    func fourProcessesWritingAtOnceLoseNothing(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        _ = try test.openMigrated()
        let writers = try (1...4).map { writer in
            try Programs.launch("relais-stress", [test.argument, String(writer), "250"])
        }
        let results = writers.map { $0.wait() }
        for (n, result) in results.enumerated() {
            #expect(result.status == 0, "writer \(n + 1) failed: \(result.stderr)")
        }
        let db = try test.open()
        let residents = try db.scalar("SELECT count(*) FROM residents").int
        let numbers = try db.scalar("SELECT count(DISTINCT commune) FROM residents").int
        let audit = try db.scalar("SELECT count(*) FROM audit_events WHERE action = 'stress'").int
        let perWriter = try db.query("SELECT created_by, count(*) AS n FROM residents GROUP BY created_by ORDER BY created_by")
        #expect(residents == 1000)
        #expect(numbers == 1000, "numbers allocated twice")
        #expect(audit == 1000)
        #expect(perWriter.map { $0.int("n") } == [250, 250, 250, 250])
        let last = try db.scalar("SELECT last_value FROM number_sequences WHERE scope = 'stress'").int
        #expect(last == 1000)
    }

    @Test(arguments: TestBackends.all)
    func twoProgramsMigratingAFreshDatabaseTogetherBothSucceed(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        let runs = try (0..<2).map { _ in try Programs.launch("relais-admin", ["init", "--database", test.argument]) }
        let results = runs.map { $0.wait() }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let db = try test.open()
        let status = try Migrator(for: backend).status(db)
        #expect(status.pending.isEmpty)
        let applied = try db.scalar("SELECT count(*) FROM schema_migrations").int
        #expect(applied == Int64(Migrator(for: backend).migrations.count))
    }
}
