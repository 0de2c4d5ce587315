import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestBackends.all)
    func aSecondRunDoesNothing(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            let migrator = Migrator(for: backend)
            let first = try migrator.migrate(db)
            #expect(first == migrator.migrations.map(\.version))
            #expect(!first.isEmpty)
            let second = try migrator.migrate(db)
            #expect(second.isEmpty)
            let status = try migrator.status(db)
            #expect(status.pending.isEmpty)
            #expect(status.currentVersion == status.latestVersion)
            #expect(try db.scalar("SELECT count(*) FROM schema_migrations").int == Int64(first.count))
        }
    }

    /// 0006 lower-cases the e-mail addresses recorded before Email.normalize did.
    @Test(arguments: TestBackends.all)
    func recordedAddressesAreLowerCased(_ backend: Backend) throws {
        try withDatabase(backend, migrated: false) { db, _ in
            let all = Migrator(for: backend).migrations
            try Migrator(migrations: all.filter { $0.version < 6 }).migrate(db)
            try db.execute(
                """
                INSERT INTO residents (kind, first_name, email, created_at, created_by, last_activity_at)
                VALUES ('followed', 'Zoe', 'Zoe.Dup@Example.fr', $1, 't', $1), ('followed', 'Ali', NULL, $1, 't', $1),
                       ('followed', 'Élodie', 'Élodie@x.fr', $1, 't', $1)
                """, [.timestamp(Date())])
            try Migrator(migrations: all).migrate(db)
            #expect(try db.query("SELECT email FROM residents ORDER BY id").map { $0.string("email") }
                == ["zoe.dup@example.fr", nil, try Email.normalize("Élodie@x.fr")], "as Email.normalize stores them")
        }
    }

    /// An in-memory database answers "memory" to the write-ahead log: kept, not asked for again
    /// and again (it used to spin).
    @Test func anInMemoryDatabaseOpensForItsSchema() throws {
        let (db, status) = try Database.openForSchema(.sqlite(path: ":memory:"), create: true)
        #expect(!status.initialised)
        try Migrator(for: .sqlite).migrate(db)
        #expect(try db.scalar("PRAGMA journal_mode").string == "memory")
    }

    @Test(arguments: TestBackends.all)
    func anEditedMigrationIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let shipped = Migrator(for: backend).migrations
            var edited = shipped
            let first = edited[0]
            edited[0] = Migration(version: first.version, name: first.name, sql: first.sql + "\n-- edited by hand\n")
            do {
                try Migrator(migrations: edited).migrate(db)
                Issue.record("an edited migration was accepted")
            } catch let error as StoreError {
                #expect(error.code == .migrationEdited)
                #expect(error.message.contains("0001_initial"))
                #expect(error.message.contains("never be edited"))
            }
        }
    }

    @Test(arguments: TestBackends.all)
    func aNewerSchemaIsRefused(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let shipped = Migrator(for: backend).migrations
            let future = Migration(version: 9999, name: "from_the_future", sql: "CREATE TABLE future_table (x INTEGER)")
            try Migrator(migrations: shipped + [future]).migrate(db)
            do {
                _ = try Migrator(for: backend).status(db)
                Issue.record("a newer schema was accepted")
            } catch let error as StoreError {
                #expect(error.code == .schemaTooNew)
                #expect(error.message.contains("9999"))
                #expect(error.message.contains("newer Relais"))
            }
            // And nothing was applied by the refused run.
            #expect(throws: StoreError.self) { try Migrator(for: backend).migrate(db) }
            let recorded = try db.scalar("SELECT count(*) FROM schema_migrations").int
            #expect(recorded == Int64(shipped.count + 1))
        }
    }

    @Test(arguments: TestBackends.all)
    func aFailingMigrationLeavesNothingBehind(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            let shipped = Migrator(for: backend).migrations
            let broken = Migration(version: 9000, name: "broken", sql: "CREATE TABLE half_done (x INTEGER); INSERT INTO nowhere VALUES (1);")
            #expect(throws: StoreError.self) { try Migrator(migrations: shipped + [broken]).migrate(db) }
            let recorded = try db.scalar("SELECT count(*) FROM schema_migrations WHERE version = 9000").int
            #expect(recorded == 0)
            #expect(throws: StoreError.self) { try db.scalar("SELECT count(*) FROM half_done") }
        }
    }

    @Test func embeddedMigrationsMatchTheFilesInSql() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for backend in Backend.allCases {
            let folder = root.appendingPathComponent("sql/\(backend.rawValue)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
            let embedded = Migration.embedded(for: backend)
            #expect(files.count == embedded.count, "run 'make sql': sql/\(backend.rawValue) and the binary differ")
            for (file, migration) in zip(files, embedded) {
                #expect(file == String(format: "%04d_%@.sql", migration.version, migration.name))
                var text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                if text.hasSuffix("\n") { text.removeLast() }
                #expect(text == migration.sql, "\(file) was changed without 'make sql'")
                #expect(migration.checksum == Migration(version: 0, name: "", sql: text).checksum, "\(file): stale checksum")
            }
        }
    }

    @Test func bothBackendsHaveTheSameTablesAndColumns() throws {
        // The schemas must mean the same: same tables, same columns, in the same order.
        func columns(_ sql: String) -> [String] {
            sql.split(separator: "\n").compactMap { line -> String? in
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("CREATE TABLE") || t.hasPrefix("CREATE INDEX") || t.hasPrefix("CREATE UNIQUE INDEX") {
                    return String(t.split(separator: " ").prefix(4).joined(separator: " "))
                }
                guard let first = t.split(separator: " ").first, t.first?.isLowercase == true else { return nil }
                return String(first)
            }
        }
        let s = Migration.embedded(for: .sqlite)
        let p = Migration.embedded(for: .postgres)
        #expect(s.map(\.version) == p.map(\.version))
        for (a, b) in zip(s, p) { #expect(columns(a.sql) == columns(b.sql), "\(a.name) differs in shape") }
    }
}
