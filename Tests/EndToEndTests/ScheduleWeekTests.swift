import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

/// The coordinator's week on the demo database, through the built `relais-schedule`, on both backends.
@Suite struct ScheduleWeekTests {
    static let week = "2026-W49"

    /// Runs `relais-schedule` with `--database` appended, expecting success.
    @discardableResult
    static func schedule(_ test: TestDatabase, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> ProgramResult {
        let result = try Programs.run("relais-schedule", arguments + ["--database", test.argument])
        #expect(result.status == 0, "relais-schedule \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// A demo database (`relais-admin demo --today 2026-11-29`) with two weekly permanences.
    static func demo(_ backend: Backend) throws -> TestDatabase {
        let test = try TestDatabase(backend)
        let demo = try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29", "--seed", "42"])
        #expect(demo.status == 0, "\(demo.stderr)")
        try schedule(test, ["demand", "permanence", "--site", "mdh-surieux", "--day", "tue", "--time", "09:00-12:00", "--skill", "aide_aux_demarches_administratives"])
        try schedule(test, ["demand", "permanence", "--site", "mdh-essarts", "--day", "thu", "--time", "13:30-17:00"])
        return test
    }

    /// Validates an iCalendar file with Python's `icalendar` and returns its events.
    static func checkICS(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/check_ics.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 2, "the Python library 'icalendar' is missing (pip install icalendar): \(stderr)", sourceLocation: sourceLocation)
        #expect(process.terminationStatus == 0, "check_ics.py rejected \(path): \(stderr)", sourceLocation: sourceLocation)
        return String(decoding: stdout, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func json(_ text: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
    }

    @Test(arguments: TestBackends.all)
    func aCoordinatorRunsAWeekFromTheDemoDatabase(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        let w = Self.week
        let plan = try Self.schedule(test, ["plan", "--week", w, "--iterations", "20000", "--seed", "1"])
        #expect(plan.stdout.contains("draft version 1 stored — 6 of 6 sessions placed"))
        #expect(plan.stdout.contains("score: hard 0"))
        #expect(plan.stdout.contains("disruption"))

        let grid = try Self.schedule(test, ["show", "--week", w, "--format", "json"])
        let rows = Self.json(grid.stdout)
        #expect(rows.count == 6)
        #expect(rows.filter { $0["kind"] as? String == "permanence" }.count == 2)
        let csvPath = test.directory.appendingPathComponent("semaine.csv")
        _ = try Self.schedule(test, ["show", "--week", w, "--format", "csv", "--csv-separator", ";", "--bom", "--out", csvPath.path])
        let csv = try Data(contentsOf: csvPath)
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF] + Array("day;date;start;end;site;room;conseiller;kind;session;title;registered;capacity;unplaced_reason\r\n".utf8)))
        #expect(String(decoding: csv, as: UTF8.self).split(separator: "\r\n").count == 7, "a header and six lines")
        let table = try Self.schedule(test, ["show", "--week", w, "--conseiller", "c-moussa"])
        #expect(table.stdout.contains("version 1 (draft)"))
        let htmlPath = test.directory.appendingPathComponent("surieux.html").path
        try Self.schedule(test, ["show", "--week", w, "--site", "mdh-surieux", "--format", "html", "--out", htmlPath, "--lang", "fr"])
        let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(html.contains("<h1>Maison des habitants Surieux</h1>"))
        #expect(html.contains("Permanence numérique"))
        #expect(html.contains("09:00–12:00"))

        let publish = try Self.schedule(test, ["publish", "--week", w])
        #expect(publish.stdout.contains("version 1 published"))

        // Calendars before the re-plan.
        let ill = try #require(rows.first { $0["kind"] as? String == "workshop" && $0["date"] as? String == "2026-12-01" }?["conseiller"] as? String
            ?? rows.first { $0["kind"] as? String == "workshop" }?["conseiller"] as? String)
        let icsPath = test.directory.appendingPathComponent("\(ill).ics").path
        try Self.schedule(test, ["export", "ics", "--conseiller", ill, "--out", icsPath])
        let before = try Self.checkICS(icsPath)
        #expect(!before.isEmpty)
        #expect(before.allSatisfy { $0["status"] as? String == "CONFIRMED" && $0["sequence"] as? Int == 0 })

        // The conseiller falls ill for the whole week: re-plan, print the difference, publish.
        let replan = try Self.schedule(test, ["replan", "--week", w, "--absent", ill, "--from", "2026-11-30", "--to", "2026-12-05", "--reason", "maladie", "--iterations", "20000"])
        #expect(replan.stdout.contains("changes against the published plan"))
        #expect(replan.stdout.contains("draft version 2 stored"))
        let republish = try Self.schedule(test, ["publish", "--week", w])
        #expect(republish.stdout.contains("version 2 published (version 1 superseded)"))
        #expect(republish.stdout.contains("calendar events updated") || republish.stdout.contains("cancelled"))

        try Self.schedule(test, ["export", "ics", "--conseiller", ill, "--out", icsPath])
        let after = try Self.checkICS(icsPath)
        #expect(Set(after.compactMap { $0["uid"] as? String }) == Set(before.compactMap { $0["uid"] as? String }), "same UIDs across re-plans")
        #expect(after.allSatisfy { $0["status"] as? String == "CANCELLED" && ($0["sequence"] as? Int ?? 0) >= 1 })
        // The sessions moved to someone else are in their calendars, confirmed, same UID.
        let versions = Self.json(try Self.schedule(test, ["versions", "--week", w, "--format", "json"]).stdout)
        #expect(versions.map { $0["status"] as? String } == ["published", "superseded"])
        let newGrid = Self.json(try Self.schedule(test, ["show", "--week", w, "--format", "json"]).stdout)
        #expect(!newGrid.contains { $0["conseiller"] as? String == ill })
        for other in Set(newGrid.compactMap { $0["conseiller"] as? String }) {
            let path = test.directory.appendingPathComponent("\(other).ics").path
            try Self.schedule(test, ["export", "ics", "--conseiller", other, "--out", path])
            let events = try Self.checkICS(path)
            #expect(events.contains { $0["status"] as? String == "CONFIRMED" })
        }
        let sitePath = test.directory.appendingPathComponent("site.ics").path
        try Self.schedule(test, ["export", "ics", "--site", "mdh-surieux", "--out", sitePath])
        #expect(try Self.checkICS(sitePath).contains { ($0["summary"] as? String)?.contains("Permanence") == true })

        // Enrol, take attendance, close.
        let workshop = try #require(newGrid.first { $0["kind"] as? String == "workshop" && $0["date"] != nil })
        let session = try #require(workshop["session"] as? String)
        let registrations = Self.json(try Self.schedule(test, ["registrations", session, "--format", "json"]).stdout)
        let seated = registrations.filter { $0["status"] as? String == "registered" }.compactMap { $0["resident"] as? Int }
        let newcomer = try #require((1...300).first { r in !registrations.contains { $0["resident"] as? Int == r } })
        let enrol = try Self.schedule(test, ["enroll", String(newcomer), session])
        #expect(enrol.stdout.contains(seated.count >= (workshop["capacity"] as? Int ?? 0) ? "waitlisted" : "registered"))
        let present = seated.prefix(2).map(String.init).joined(separator: ",")
        try Self.schedule(test, ["attendance", session, "--present", present, "--walkin", "feminin:soixante_soixante_neuf:retraite=2", "--today", "2026-12-05"])
        let close = try Self.schedule(test, ["close-session", session])
        #expect(close.stdout.contains("collective activity"))
        let db = try test.open()
        let activity = try #require(try db.queryOne("SELECT id, activity_type FROM accompaniments WHERE session_id = (SELECT id FROM sessions WHERE code = $1)", [.text(session)]))
        #expect(activity.string("activity_type") == "collectif")
        #expect(try db.scalar("SELECT count(*) FROM accompaniment_participants WHERE accompaniment_id = $1", [.integer(activity.int("id") ?? 0)]).int == 2)
    }

    @Test(arguments: TestBackends.all)
    func twoDesksTakingTheLastSeatAtOnceOneGetsItTheOtherIsWaitlisted(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        let demo = try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29", "--seed", "42"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let add = try Self.schedule(test, ["demand", "workshop", "--week", Self.week, "--workshop", "messagerie", "--site", "mdh-surieux", "--capacity", "2"])
        let session = try #require(add.stdout.split(separator: " ").dropFirst().first.map(String.init))
        try Self.schedule(test, ["enroll", "1", session])
        for round in 0..<3 {
            let a = Int64(10 + round * 2), b = a + 1
            let desks = try [a, b].map { try Programs.launch("relais-schedule", ["enroll", String($0), session, "--database", test.argument, "--agent", "desk-\($0)"]) }
            let results = desks.map { $0.wait() }
            for r in results { #expect(r.status == 0, "\(r.stderr)") }
            let outputs = results.map(\.stdout)
            if round == 0 {
                #expect(outputs.filter { $0.hasPrefix("registered") }.count == 1, "\(outputs)")
                #expect(outputs.filter { $0.contains("number 1 on the waiting list") }.count == 1, "\(outputs)")
            } else {
                #expect(outputs.allSatisfy { $0.hasPrefix("waitlisted") }, "\(outputs)")
            }
        }
        let db = try test.open()
        let sessionID = try db.scalar("SELECT id FROM sessions WHERE code = $1", [.text(session)])
        #expect(try db.scalar("SELECT count(*) FROM registrations WHERE session_id = $1 AND status = 'registered'", [sessionID]).int == 2)
        let positions = try db.query("SELECT waitlist_position FROM registrations WHERE session_id = $1 AND status = 'waitlisted' ORDER BY waitlist_position", [sessionID])
        #expect(positions.compactMap { $0.int("waitlist_position") } == [1, 2, 3, 4, 5])
    }
}
