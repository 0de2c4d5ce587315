import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct AdminTests {
    @Test(arguments: TestBackends.all)
    func statusShowsBackendSchemaAndCounts(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        let demo = try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("300 residents"))
        let status = try Programs.run("relais-admin", ["status", "--database", test.argument])
        #expect(status.status == 0)
        #expect(status.stdout.contains(backend == .sqlite ? "backend:  sqlite" : "backend:  postgresql"))
        let latest = Migrator(for: backend).migrations.last!.version
        #expect(status.stdout.contains("schema:   \(latest)/\(latest)"))
        let residentsLine = status.stdout.split(separator: "\n").first { $0.hasPrefix("residents") }
        #expect(residentsLine.map { $0.hasSuffix(" 300") } == true)
        let json = try Programs.run("relais-admin", ["status", "--database", test.argument, "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first { $0["table"] as? String == "help_requests" }?["rows"] as? Int == 333)
    }

    @Test func statusNeverPrintsThePassword() throws {
        // The server is unreachable: the error must not show the password either.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nowhere-\(UUID().uuidString)").path
        let result = try Programs.run("relais-admin", ["status", "--database", "postgres://relais:Sup3rS3cret@localhost:1/relais?host=\(dir)"])
        #expect(result.status == 3)
        #expect(!result.stderr.contains("Sup3rS3cret"))
        #expect(!result.stdout.contains("Sup3rS3cret"))
        #expect(result.stderr.hasPrefix("error: cannot connect to PostgreSQL"))
        #expect(result.stderr.split(separator: "\n").count == 1, "one line, no stack trace: \(result.stderr)")
    }

    @Test(arguments: [
        ("mysql://root@localhost/relais", "unsupported database scheme 'mysql'", Int32(3)),
        ("sqlite:", "sqlite: needs a file path", Int32(3)),
        ("host=/nonexistent-relais port=1 dbname=x connect_timeout=1", "cannot connect to PostgreSQL", Int32(3)),
        ("host=/nonexistent-relais password=Sup3r S3cret dbname=x",
         "error: cannot read the PostgreSQL connection string (missing \"…\" after \"…\" in connection info string)", Int32(3)),
        ("postgresql://relais:Sup3rS3cret@/x?host=/nonexistent-relais&S3cret=1",
         "error: cannot read the PostgreSQL connection string (invalid URI query parameter: \"…\")", Int32(3)),
    ])
    func badDatabaseLocationsGiveOneClearLine(_ location: String, _ message: String, _ status: Int32) throws {
        let result = try Programs.run("relais-admin", ["status", "--database", location])
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("S3cret"), "no fragment of a password: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// Only init (and demo) create a database: a mistyped path, an empty database or another
    /// application's tables are refused with exit 3, and nothing is created or added; init,
    /// migrate and the demos refuse another application's tables too.
    @Test(arguments: TestBackends.all)
    func everydayCommandsNeedAnInitialisedDatabase(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        let commands: [(String, [String])] = [
            ("relais-intake", ["queue"]), ("relais-intake", ["resident", "find", "Benali"]),
            ("relais-schedule", ["sites", "list"]), ("relais-admin", ["privacy", "export", "1"]), ("relais-admin", ["status"]),
        ]
        func refusedEverywhere(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            for (program, arguments) in commands {
                let result = try Programs.run(program, arguments + ["--database", test.argument])
                #expect(result.status == 3, "\(program) \(arguments): \(result.status) \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stderr.contains(message), "\(program) \(arguments): \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
            }
        }
        if backend == .sqlite {
            let path = test.directory.appendingPathComponent("relais.sqlite").path
            try refusedEverywhere("error: no database at '\(path)'; create it with relais-admin init")
            let migrate = try Programs.run("relais-admin", ["migrate", "--dry-run", "--database", test.argument])
            #expect(migrate.status == 3 && migrate.stderr.contains("no database at"), "\(migrate.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path), "a mistyped path must not become a database")
        } else {
            try refusedEverywhere("has no Relais tables yet; create them with relais-admin init")
        }
        // Another application's database, a framework's own schema_migrations included: left
        // exactly as it was (on SQLite, in its rollback-journal mode, with no log file beside it).
        let db = try test.open()
        try db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        try db.execute("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)")
        if backend == .sqlite { try db.execute("PRAGMA journal_mode = DELETE") }
        try refusedEverywhere("holds other tables but no Relais schema; check --database / RELAIS_DATABASE")
        // Nor do the commands that write Relais's schema add it to another application's tables.
        for (program, arguments) in [
            ("relais-admin", ["init"]), ("relais-admin", ["migrate"]), ("relais-admin", ["migrate", "--dry-run"]),
            ("relais-admin", ["demo"]), ("relais-schedule", ["demo-week", "--week", "2026-W49"]),
        ] {
            let result = try Programs.run(program, arguments + ["--database", test.argument])
            #expect(result.status == 3, "\(program) \(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr == "error: the database \(test.location) holds other tables but no Relais schema; check --database / RELAIS_DATABASE\n",
                    "\(program) \(arguments)")
            #expect(result.stdout.isEmpty, "\(program) \(arguments): \(result.stdout)")
        }
        let tables = backend == .sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            : "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        #expect(try db.scalar(tables).int == 2, "no Relais table was added")
        if case .sqlite(let path) = test.location {
            #expect(try db.scalar("PRAGMA journal_mode").string == "delete", "the journal mode is the application's")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
        // init makes it usable.
        try db.execute("DROP TABLE invoices")
        try db.execute("DROP TABLE schema_migrations")
        #expect(try Programs.run("relais-admin", ["init", "--database", test.argument]).status == 0)
        #expect(try Programs.run("relais-intake", ["queue", "--database", test.argument]).status == 0)
    }

    @Test func aCorruptFileIsRefusedAndLeftAlone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relais-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("relais.sqlite").path
        let garbage = Data((0..<4096).map { UInt8($0 % 251) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let result = try Programs.run("relais-admin", ["init", "--database", path])
        #expect(result.status == 3)
        #expect(result.stderr == "error: the file is not a Relais database or is damaged (file is not a database); restore it from a backup\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func aReadOnlyDatabaseRefusesTheDemoAndStaysEmpty() throws {
        let test = try TestDatabase(.sqlite)
        guard case .sqlite(let path) = test.location else { return }
        #expect(try Programs.run("relais-admin", ["init", "--database", path]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        let result = try Programs.run("relais-admin", ["demo", "--database", path])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(result.status == 3)
        #expect(result.stderr.contains("read-only"))
        #expect(try test.open().scalar("SELECT count(*) FROM sites").int == 0)
    }

    @Test(arguments: TestBackends.all)
    func demoOnANonEmptyDatabaseIsRefusedAndWritesNothing(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        #expect(try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29"]).status == 0)
        let before = try test.open().rowCounts().map(\.rows)
        let again = try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds data"))
        #expect(try test.open().rowCounts().map(\.rows) == before)
    }

    @Test(arguments: [
        (["demo", "--scale", "0"], "--scale must be between 1 and 3003 (request numbers allow 999,999 a year)"),
        (["demo", "--scale", "3004"], "--scale must be between 1 and 3003"),
        (["demo", "--today", "29/13/2026"], "--today must be a date like 2026-11-29"),
        (["status", "--format", "xml"], "--format"),
        (["status", "--csv-separator", "|"], "--csv-separator must be"),
    ])
    func badOptionsAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let test = try TestDatabase(.sqlite)
        let result = try Programs.run("relais-admin", arguments + ["--database", test.argument])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: test.directory.appendingPathComponent("relais.sqlite").path))
    }

    @Test func backupIsAConsistentCopy() throws {
        let test = try TestDatabase(.sqlite)
        #expect(try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29"]).status == 0)
        let target = test.directory.appendingPathComponent("backup.sqlite").path
        let result = try Programs.run("relais-admin", ["backup", "--database", test.argument, "--to", target])
        #expect(result.status == 0, "\(result.stderr)")
        let original = try test.open().rowCounts().map(\.rows)
        #expect(try Database.open(.sqlite(path: target)).rowCounts().map(\.rows) == original)
        let perms = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(perms.map { $0 & 0o077 } == 0)
        let again = try Programs.run("relais-admin", ["backup", "--database", test.argument, "--to", target])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        // A device is not replaced by the copy, even with --force (as root it used to be).
        let device = try Programs.run("relais-admin", ["backup", "--database", test.argument, "--to", "/dev/null", "--force"])
        #expect(device.status == 1)
        #expect(device.stderr == "error: the backup goes to a plain file path; '/dev/null' is a device, a pipe or a link\n")
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    @Test func backupOfPostgresPointsToPgDump() throws {
        guard TestBackends.postgresConninfo != nil else { return }
        let test = try TestDatabase(.postgres)
        #expect(try Programs.run("relais-admin", ["init", "--database", test.argument]).status == 0)
        let target = test.directory.appendingPathComponent("backup.sqlite").path
        let result = try Programs.run("relais-admin", ["backup", "--database", test.argument, "--to", target])
        #expect(result.status == 1)
        #expect(result.stderr.contains("pg_dump"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
