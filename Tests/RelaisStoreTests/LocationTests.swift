import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct LocationTests {
    @Test func everyAcceptedFormParses() throws {
        #expect(try DatabaseLocation(parsing: "sqlite:demo/relais.sqlite") == .sqlite(path: "demo/relais.sqlite"))
        #expect(try DatabaseLocation(parsing: "/var/lib/relais.sqlite") == .sqlite(path: "/var/lib/relais.sqlite"))
        #expect(try DatabaseLocation(parsing: "relais.db") == .sqlite(path: "relais.db"))
        #expect(try DatabaseLocation(parsing: "postgres://u@h/db") == .postgres(conninfo: "postgres://u@h/db"))
        #expect(try DatabaseLocation(parsing: "postgresql://u@h:5432/db") == .postgres(conninfo: "postgresql://u@h:5432/db"))
        #expect(try DatabaseLocation(parsing: "host=/tmp dbname=relais") == .postgres(conninfo: "host=/tmp dbname=relais"))
    }

    @Test func badLocationsAreRefusedWithAClearMessage() {
        for (text, hint) in [("", "empty"), ("mysql://u@h/db", "unsupported database scheme 'mysql'"), ("sqlite:", "needs a file path")] {
            do {
                _ = try DatabaseLocation(parsing: text)
                Issue.record("\(text) accepted")
            } catch {
                #expect(error.code == .invalidLocation)
                #expect(error.message.contains(hint), "\(error.message)")
            }
        }
    }

    @Test func optionWinsOverEnvironmentWhichWinsOverTheDefault() throws {
        let env = ["RELAIS_DATABASE": "sqlite:/env.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/agent"]
        #expect(try DatabaseLocation.resolve(option: "/opt.sqlite", environment: env) == .sqlite(path: "/opt.sqlite"))
        #expect(try DatabaseLocation.resolve(option: nil, environment: env) == .sqlite(path: "/env.sqlite"))
        #expect(try DatabaseLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/xdg"]) == .sqlite(path: "/xdg/relais/relais.sqlite"))
        #expect(
            try DatabaseLocation.resolve(option: nil, environment: ["HOME": "/home/agent"])
                == .sqlite(path: "/home/agent/.local/share/relais/relais.sqlite"))
    }

    @Test func passwordsAreNeverPrinted() throws {
        let cases = [
            "postgres://relais:s3cr3t@db.example/relais",
            "postgresql://relais:s3cr3t@db.example:5432/relais?sslmode=require",
            "postgres://relais@db.example/relais?password=s3cr3t",
            "host=db.example password=s3cr3t dbname=relais",
            "host=db.example password = 's3cr3t with space' dbname=relais",
        ]
        for text in cases {
            let location = try DatabaseLocation(parsing: text)
            #expect(!location.description.contains("s3cr3t"), "\(location.description)")
            #expect(location.description.contains("***"))
        }
    }

    @Test func aNewSQLiteFileIsOwnerOnlyInANewFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relais-perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nested/relais.sqlite").path
        _ = try Database.openMigrated(.sqlite(path: path))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
        let wal = try? FileManager.default.attributesOfItem(atPath: path + "-wal")
        if let wal { #expect((wal[.posixPermissions] as? Int).map { $0 & 0o077 } == 0) }
    }

    @Test func aCorruptFileIsReportedAsSuch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relais-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("relais.sqlite").path
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Database.open(.sqlite(path: path))
            Issue.record("a corrupt file opened")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains("not a Relais database or is damaged"))
        }
    }

    @Test func aReadOnlyFileRefusesWritesClearly() throws {
        let test = try TestDatabase(.sqlite)
        guard case .sqlite(let path) = test.location else { return }
        do { _ = try test.openMigrated() }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        let db = try test.open()
        #expect(try db.scalar("SELECT count(*) FROM sites").int == 0)
        do {
            try db.execute("INSERT INTO sites (code, name, kind) VALUES ('a', 'A', 'mdh')")
            Issue.record("wrote into a read-only file")
        } catch {
            #expect((error as? StoreError)?.code == .readOnly)
            #expect(error.localizedDescription.contains("read-only"))
        }
    }

    @Test func anUnreachableServerIsAConnectionError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relais-nopg-\(UUID().uuidString)")
        do {
            _ = try Database.open(.postgres(conninfo: "host=\(dir.path) port=1 dbname=x user=x password=hunter2 connect_timeout=2"))
            Issue.record("connected to nothing")
        } catch {
            #expect(error.code == .connection)
            #expect(error.message.hasPrefix("cannot connect to PostgreSQL"))
            #expect(!error.message.contains("hunter2"))
            #expect(!error.message.contains("\n"))
        }
    }
}
