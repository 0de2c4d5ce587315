import Foundation
import RelaisStore
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
}
