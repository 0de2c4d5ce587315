import Foundation
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// The session settings travel in the start-up packet, after the user's own `options`.
@Suite struct PostgresSessionTests {
    func settings(_ db: Database) throws -> [String] {
        try ["TimeZone", "DateStyle", "client_encoding", "client_min_messages", "application_name"].map {
            try db.scalar("SHOW \($0)").string ?? "?"
        }
    }

    @Test(.enabled(if: TestBackends.postgresConninfo != nil, "needs RELAIS_TEST_POSTGRES"))
    func everyConnectionHasRelaisSettings() throws {
        let base = try #require(TestBackends.postgresConninfo)
        let plain = try Database.open(.postgres(conninfo: base))
        #expect(try settings(plain) == ["UTC", "ISO, YMD", "UTF8", "warning", "relais"])
    }

    @Test(.enabled(if: TestBackends.postgresConninfo != nil, "needs RELAIS_TEST_POSTGRES"))
    func theUsersOptionsAndNameAreKept() throws {
        let base = try #require(TestBackends.postgresConninfo)
        let db = try Database.open(.postgres(
            conninfo: base + " application_name=desk-surieux options='-csearch_path=public -cwork_mem=8MB'"))
        #expect(try settings(db) == ["UTC", "ISO, YMD", "UTF8", "warning", "desk-surieux"])
        #expect(try db.scalar("SHOW search_path").string == "public")
        #expect(try db.scalar("SHOW work_mem").string == "8MB")
    }

    @Test(.enabled(if: TestBackends.postgresConninfo != nil, "needs RELAIS_TEST_POSTGRES"))
    func aURIWorksToo() throws {
        let base = try #require(TestBackends.postgresConninfo)
        // host=/tmp/x port=5 user=u dbname=d → postgresql://u@/d?host=/tmp/x&port=5
        var parts: [String: String] = [:]
        for pair in base.split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { parts[kv[0]] = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        }
        let host = try #require(parts["host"]), user = try #require(parts["user"]), name = try #require(parts["dbname"])
        let uri = "postgresql://\(user)@/\(name)?host=\(host)" + (parts["port"].map { "&port=\($0)" } ?? "")
            + "&options=-csearch_path%3Dpublic"
        let db = try Database.open(.postgres(conninfo: uri))
        #expect(try settings(db) == ["UTC", "ISO, YMD", "UTF8", "warning", "relais"])
        #expect(try db.scalar("SHOW search_path").string == "public")
    }

    // MARK: - Through a connection pooler

    /// PgBouncer poolers in front of the test server (`.ci/run` starts both): one with its
    /// defaults, which refuses the `options` start-up parameter, one told to ignore it.
    static let poolers: [String] = ["RELAIS_TEST_PGBOUNCER_REFUSING", "RELAIS_TEST_PGBOUNCER_IGNORING"]
        .compactMap { ProcessInfo.processInfo.environment[$0] }.filter { !$0.isEmpty }

    @Test(.enabled(if: !poolers.isEmpty, "needs RELAIS_TEST_PGBOUNCER_REFUSING / _IGNORING (bash .ci/run sets them)"),
          arguments: poolers)
    func throughAPoolerTheSettingsStillHold(pooler: String) throws {
        let db = try Database.open(.postgres(
            conninfo: pooler + " application_name=desk-ouest options='-csearch_path=public -c work_mem=8MB --lock-timeout=2s'"))
        #expect(try settings(db) == ["UTC", "ISO, YMD", "UTF8", "warning", "desk-ouest"])
        #expect(try db.scalar("SHOW search_path").string == "public")
        #expect(try db.scalar("SHOW work_mem").string == "8MB")
        #expect(try db.scalar("SHOW lock_timeout").string == "2s")
    }

    @Test(.enabled(if: !poolers.isEmpty && TestBackends.postgresConninfo != nil, "needs the poolers of bash .ci/run"),
          arguments: poolers)
    func throughAPoolerAStoreWorksInItsSchema(pooler: String) throws {
        let direct = try TestDatabase(.postgres)
        let schema = try #require(try direct.open().scalar("SELECT current_schema()").string)
        let db = try Database.openMigrated(.postgres(conninfo: pooler + " options='-csearch_path=\(schema)'"))
        #expect(try db.scalar("SELECT current_schema()").string == schema)
        let at = Date(timeIntervalSince1970: 1_795_000_000.25)
        try db.execute(
            "INSERT INTO audit_events (at, actor, entity, entity_id, action) VALUES ($1, 'test', 'site', 1, 'pooler')",
            [.timestamp(at)])
        // The same instant read through the pooler and directly, written out in UTC.
        for reader in [db, try direct.open()] {
            let back = try reader.queryOne("SELECT at, CAST(at AS TEXT) AS text FROM audit_events WHERE action = 'pooler'")
            #expect(back?.date("at") == at)
            #expect(back?.string("text") == "2026-11-18 11:06:40.25+00")
        }
    }

    @Test(.enabled(if: !poolers.isEmpty, "needs RELAIS_TEST_PGBOUNCER_REFUSING / _IGNORING (bash .ci/run sets them)"),
          arguments: poolers)
    func throughAPoolerAnOptionThatIsNotASettingIsRefused(pooler: String) throws {
        let error = try #require(throws: StoreError.self) {
            try Database.open(.postgres(conninfo: pooler + " options='-e'"))
        }
        #expect(error.code == .connection)
        #expect(error.message.contains("'-e' cannot be set afterwards"))
    }

    @Test func optionsReadAsSettings() throws {
        let parsed = try PostgresConnection.settings(
            in: "-c search_path=desk -cwork_mem=8MB  --lock-timeout=2s -c application_name=a\\ b\\\\c")
        #expect(parsed.map(\.0) == ["search_path", "work_mem", "lock_timeout", "application_name"])
        #expect(parsed.map(\.1) == ["desk", "8MB", "2s", "a b\\c"])
        #expect(try PostgresConnection.settings(in: "").isEmpty)
        #expect(throws: StoreError.self) { try PostgresConnection.settings(in: "-B 100") }
        #expect(throws: StoreError.self) { try PostgresConnection.settings(in: "-c work_mem") }
        #expect(throws: StoreError.self) { try PostgresConnection.settings(in: "-c =1") }
    }
}
