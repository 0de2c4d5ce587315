import Foundation
import RelaisStore
import RelaisTestSupport
import Testing

/// Every bad input a coordinator or a desk can meet: one line, exit 1, nothing written.
@Suite struct ScheduleBadInputTests {
    static let tables = [
        "sites", "rooms", "staff", "staff_absences", "workshops", "sessions", "registrations", "plans", "plan_assignments",
        "session_walkins", "accompaniments", "site_permanences", "room_closures", "audit_events",
    ]

    /// Row counts of every table the schedule writes.
    static func fingerprint(_ test: TestDatabase) throws -> [Int64] {
        let db = try test.open()
        return try tables.map { try db.scalar("SELECT count(*) FROM \($0)").int ?? -1 }
    }

    /// Runs a command that must be refused: exit `status`, one line on stderr containing `message`, nothing written.
    static func refused(
        _ test: TestDatabase, _ arguments: [String], _ message: String, status: Int32 = 1, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try fingerprint(test)
        let result = try Programs.run("relais-schedule", arguments + ["--database", test.argument])
        #expect(result.status == status, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)", sourceLocation: sourceLocation)
        if status == 1 {
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(try fingerprint(test) == before, "something was written", sourceLocation: sourceLocation)
    }

    static func demo(_ backend: Backend) throws -> TestDatabase {
        let test = try TestDatabase(backend)
        let demo = try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29", "--seed", "42"])
        #expect(demo.status == 0, "\(demo.stderr)")
        return test
    }

    static func ok(_ test: TestDatabase, _ arguments: [String]) throws -> String {
        let result = try Programs.run("relais-schedule", arguments + ["--database", test.argument])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    @Test(arguments: TestBackends.all)
    func malformedWeeks(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        try Self.refused(test, ["plan", "--week", "2026-W54"], "error: week must be between 1 and 53")
        try Self.refused(test, ["plan", "--week", "2027-W53"], "error: week must be between 1 and 52")
        try Self.refused(test, ["show", "--week", "49"], "expected")
        try Self.refused(test, ["publish", "--week", "2026-W54", "--lang", "fr"], "erreur : ")
    }

    @Test(arguments: TestBackends.all)
    func unknownOrRetiredStaffAndOverlappingAbsences(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        try Self.refused(test, ["absences", "add", "c-zed", "--from", "2026-12-01"], "no staff member has the code 'c-zed'")
        _ = try Self.ok(test, ["staff", "retire", "c-julien"])
        try Self.refused(test, ["absences", "add", "c-julien", "--from", "2026-12-01"], "staff member 'c-julien' is retired")
        try Self.refused(test, ["replan", "--week", "2026-W49", "--absent", "c-zed", "--from", "2026-12-01"], "no published plan")
        _ = try Self.ok(test, ["absences", "add", "c-amina", "--from", "2026-12-01", "--to", "2026-12-03", "--reason", "formation"])
        try Self.refused(
            test, ["absences", "add", "c-amina", "--from", "2026-12-03", "--to", "2026-12-04"],
            "c-amina already has an absence from 2026-12-01 to 2026-12-03 that overlaps 2026-12-03…2026-12-04")
        try Self.refused(
            test, ["absences", "add", "c-amina", "--from", "2026-12-02", "--lang", "fr"], "erreur : c-amina a déjà une absence du 2026-12-01 au 2026-12-03")
        try Self.refused(test, ["absences", "add", "c-amina", "--from", "2026-12-10", "--to", "2026-12-08"], "ends (2026-12-08) before it starts")
        try Self.refused(test, ["staff", "add", "c-new", "--first-name", "A", "--last-name", "B", "--skills", "bureautik"], "bureautique")
    }

    @Test(arguments: TestBackends.all)
    func aRoomTooSmallForTheWorkshop(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        try Self.refused(
            test, ["demand", "workshop", "--week", "2026-W49", "--workshop", "ia-au-quotidien", "--site", "mdh-surieux"],
            "no room at mdh-surieux seats 15 with projector")
        try Self.refused(
            test, ["demand", "workshop", "--week", "2026-W49", "--workshop", "messagerie", "--capacity", "60"], "no room at any site seats 60")
        try Self.refused(test, ["rooms", "edit", "mdh-surieux-salle-1", "--capacity", "0"], "capacity")
        try Self.refused(test, ["demand", "workshop", "--week", "2026-W49", "--workshop", "inconnu"], "no workshop has the code 'inconnu'")
    }

    /// The planning covers Monday to Saturday: a Sunday (or any day outside mon…sat) is refused at input,
    /// never stored as a fixed time the planner would silently drop.
    @Test(arguments: TestBackends.all)
    func aFixedDayOutsideMondayToSaturday(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        let sunday = "error: day: the planning covers Monday to Saturday (mon…sat); Sunday cannot be planned"
        try Self.refused(
            test, ["demand", "workshop", "--week", "2026-W49", "--workshop", "messagerie", "--site", "mdh-surieux", "--day", "sun", "--at", "14:00"],
            sunday)
        try Self.refused(test, ["demand", "appointment", "--week", "2026-W49", "--site", "mdh-essarts", "--day", "sunday", "--at", "10:00"], sunday)
        try Self.refused(test, ["demand", "appointment", "--week", "2026-W49", "--site", "mdh-essarts", "--day", "6"], sunday)
        try Self.refused(test, ["demand", "permanence", "--site", "mdh-surieux", "--day", "sun", "--time", "09:00-12:00"], sunday)
        try Self.refused(
            test, ["demand", "permanence", "--site", "mdh-surieux", "--day", "dim", "--time", "09:00-12:00", "--lang", "fr"],
            "erreur : day : le planning couvre du lundi au samedi (mon…sat) ; dimanche ne peut pas être planifié")
        try Self.refused(test, ["demand", "permanence", "--site", "mdh-surieux", "--day", "7", "--time", "09:00-12:00"], "weekday: unknown code '7'")
        // Saturday is the last planned day and stays accepted.
        #expect(try Self.ok(test, ["demand", "permanence", "--site", "mdh-surieux", "--day", "sat", "--time", "09:00-12:00"]).contains("permanence"))
    }

    @Test(arguments: TestBackends.all)
    func registrationsAndAttendanceRefusals(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        let added = try Self.ok(test, ["demand", "workshop", "--week", "2026-W49", "--workshop", "messagerie", "--site", "mdh-surieux", "--capacity", "2"])
        let session = try #require(added.split(separator: " ").dropFirst().first.map(String.init))
        _ = try Self.ok(test, ["enroll", "7", session])
        try Self.refused(test, ["enroll", "7", session], "this resident is already registered for session \(session)")
        try Self.refused(test, ["enroll", "#7", session, "--lang", "fr"], "erreur : cette personne est déjà inscrite")
        try Self.refused(test, ["enroll", "99999", session], "no active resident has the number 99999")
        try Self.refused(test, ["enroll", "abc", session], "resident")
        try Self.refused(test, ["unenroll", "8", session], "not registered")
        // Planned but not placed, then placed in the future: not held yet.
        try Self.refused(test, ["attendance", session, "--present", "7"], "has not taken place yet")
        let future = try #require(Self.json(try Self.ok(test, ["demand", "list", "--week", "2026-W49", "--format", "json"]))
            .first { $0["starts"] is String && $0["status"] as? String == "planned" }?["session"] as? String)
        try Self.refused(test, ["attendance", future, "--present", "1", "--today", "2026-11-29"], "has not taken place yet (it starts 2026-1")
        try Self.refused(test, ["close-session", future], "has no attendance yet")
        try Self.refused(test, ["attendance", future, "--walkin", "feminin=x", "--today", "2026-12-06"], "walkins")
    }

    @Test(arguments: TestBackends.all)
    func publishingAWeekWithNoDraft(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        try Self.refused(test, ["publish", "--week", "2026-W49"], "week 2026-W49 has no draft to publish; run: relais-schedule plan --week 2026-W49")
        try Self.refused(test, ["show", "--week", "2026-W49"], "week 2026-W49 has no plan yet")
        try Self.refused(test, ["export", "ics"], "exactly one of", status: 64)
        try Self.refused(test, ["show", "--week", "2026-W49", "--format", "html"], "--site", status: 64)
        try Self.refused(test, ["show", "--week", "2026-W49", "--format", "csv", "--csv-separator", "|"], "--csv-separator must be ',' or ';'", status: 64)
    }

    @Test(arguments: TestBackends.all)
    func aBadCatalogueLineImportsNothing(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        let csv = test.directory.appendingPathComponent("catalogue.csv")
        try Data("""
            code;title;theme;level;duration_minutes;capacity;equipment
            tablette;Débuter avec une tablette;prendre_en_main_du_materiel;debutant;120;8;tablets
            budget;Faire son budget;bureautique;expert;120;8;laptops

            """.utf8).write(to: csv)
        try Self.refused(test, ["catalogue", "import", csv.path], "line 3: ")
        try Self.refused(test, ["catalogue", "import", csv.path, "--dry-run"], "line 3: ")
        try Self.refused(test, ["catalogue", "import", csv.path + ".missing"], "error: cannot read '\(csv.path).missing'; check the path")
        try Data("""
            code,title,theme,level,duration_minutes,capacity,equipment
            tablette,Débuter avec une tablette,prendre_en_main_du_materiel,debutant,120,8,tablets
            messagerie,Déjà là,email,debutant,120,8,

            """.utf8).write(to: csv)
        try Self.refused(test, ["catalogue", "import", csv.path], "line 3: a workshop with code 'messagerie' already exists")
        let dry = try Programs.run("relais-schedule", ["catalogue", "import", csv.path, "--dry-run", "--database", test.argument])
        #expect(dry.status == 1)
        try Data("code,title,theme,level,duration_minutes,capacity,equipment\ntablette,Tablette,prendre_en_main_du_materiel,debutant,120,8,tablets\n".utf8).write(to: csv)
        let trial = try Self.ok(test, ["catalogue", "import", csv.path, "--dry-run"])
        #expect(trial.contains("dry run: 1 workshops would be imported; nothing written"))
        #expect(try Self.ok(test, ["catalogue", "list", "--format", "csv"]).contains("tablette") == false)
        #expect(try Self.ok(test, ["catalogue", "import", csv.path]).contains("1 workshops imported"))
        #expect(try Self.ok(test, ["catalogue", "list", "--format", "csv"]).contains("tablette,Tablette,prendre_en_main_du_materiel"))
    }

    @Test(arguments: TestBackends.all)
    func staffImportIsAllOrNothingWithADryRun(_ backend: Backend) throws {
        let test = try Self.demo(backend)
        let csv = test.directory.appendingPathComponent("equipe.csv")
        let header = "code,first_name,last_name,role,email,contracted_hours,max_hours_per_day,skills,sites,available,undesired\n"
        let nadege = "c-nadege,Nadège,Roux,conseiller,,28,7,email|aide_aux_demarches_administratives,mdh-ouest,mon-am|mon-pm|thu-am,thu-am\n"
        // A second line that already exists: nothing of the file is imported, dry run or not.
        try Data((header + nadege + "c-amina,Amina,Khelifi,conseiller,,35,8,email,mdh-essarts,mon-am,\n").utf8).write(to: csv)
        try Self.refused(test, ["staff", "import", csv.path], "c-amina")
        try Self.refused(test, ["staff", "import", csv.path, "--dry-run"], "c-amina")
        // A bad cell: its line number.
        try Data((header + nadege + "c-zoe,Zoé,Petit,conseiller,,35,8,email,mdh-nowhere,mon-am,\n").utf8).write(to: csv)
        try Self.refused(test, ["staff", "import", csv.path], "line 3: ")
        // A file that is not there, or not UTF-8.
        try Self.refused(test, ["staff", "import", csv.path + ".missing"], "error: cannot read '\(csv.path).missing'; check the path")
        try Data(Array(header.utf8) + Array("c-zoe,Zo".utf8) + [0xE9] + Array(",Petit,conseiller,,35,8,email,mdh-ouest,mon-am,\n".utf8)).write(to: csv)
        try Self.refused(test, ["staff", "import", csv.path], "is not UTF-8 text; save it as CSV UTF-8 and try again")

        try Data((header + nadege).utf8).write(to: csv)
        let before = try Self.fingerprint(test)
        #expect(try Self.ok(test, ["staff", "import", csv.path, "--dry-run"]).contains("dry run: 1 staff members would be imported; nothing written"))
        #expect(try Self.fingerprint(test) == before)
        #expect(try Self.ok(test, ["staff", "import", csv.path]).contains("1 staff members imported"))
        let listed = try Self.ok(test, ["staff", "list", "--format", "csv"])
        #expect(listed.contains(
            "c-nadege,Nadège,Roux,conseiller,,28,7,aide_aux_demarches_administratives|email,mdh-ouest,mon-am|mon-pm|thu-am,thu-am,yes"),
            "\(listed)")
    }

    static func json(_ text: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
    }
}
