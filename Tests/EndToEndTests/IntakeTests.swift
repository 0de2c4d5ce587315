import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct IntakeTests {
    @Test(arguments: TestBackends.all)
    func eightDesksOpeningRequestsAtOnceGetDistinctNumbers(_ backend: Backend) throws {
        let world = try IntakeWorld(backend, withRequest: false)
        let desks = try (1...8).map { desk in
            try Programs.launch("relais-intake", [
                "request", "open", "--database", world.test.argument, "--agent", "desk-\(desk)", "--site", "mdh-surieux",
                "--field", "usage_assistance", "--themes", "email", "--summary", "Créer une adresse e-mail", "--repeat", "200",
            ])
        }
        let results = desks.map { $0.wait() }
        for (n, result) in results.enumerated() {
            #expect(result.status == 0, "desk \(n + 1): \(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == 200)
        }
        let db = try world.test.open()
        #expect(try db.scalar("SELECT count(*) FROM help_requests").int == 1600)
        #expect(try db.scalar("SELECT count(DISTINCT number) FROM help_requests").int == 1600)
        #expect(try db.scalar("SELECT max(number) FROM help_requests").string == "D-\(world.year)-001600")
        #expect(try db.scalar("SELECT count(*) FROM audit_events WHERE entity = 'request' AND action = 'open'").int == 1600)
        let printed = Set(results.flatMap { $0.stdout.split(separator: "\n").map { $0.split(separator: " ")[1] } })
        #expect(printed.count == 1600)
    }

    /// Every bad input a desk can meet: one clear line, exit code 1, nothing written.
    @Test(arguments: TestBackends.all)
    func badInputGivesOneLineExitOneAndWritesNothing(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        let open = ["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--summary", "Aide CAF"]
        let quick = ["log", "--site", "mdh-surieux", "--duration", "15", "--themes", "email"]
        let yesterday = IntakeWorld.today.adding(days: -1).iso
        // A spreadsheet saved as Latin-1: "Déclaration" with é as the single byte 0xE9.
        let latin1 = world.test.directory.appendingPathComponent("latin1.csv")
        try Data("opened_on,site,channel,field,summary\n2025-01-06,mdh-surieux,walk_in,usage_assistance,D".utf8 + [0xE9] + "claration\n".utf8)
            .write(to: latin1)
        let cases: [([String], String)] = [
            (["request", "open", "--site", "mdh-nowhere", "--field", "usage_assistance", "--summary", "x"], "error: unknown site 'mdh-nowhere'"),
            (["request", "open", "--site", "mdh-surieu", "--field", "usage_assistance", "--summary", "x"], "did you mean 'mdh-surieux'?"),
            (open + ["--resident", "999"], "error: no resident #999"),
            (open + ["--themes", "banque_achats"], "theme: unknown code 'banque_achats'; did you mean 'banque_et_achats_en_ligne'?"),
            (open + ["--field", "usage"], "field: unknown code 'usage'; did you mean 'usage_assistance'?"),
            (open + ["--deadline", yesterday], "is in the past"),
            (open + ["--deadline", "31/02/2026"], "error: deadline has an invalid format; expected something like 2026-12-04 or 04/12/2026"),
            (open + ["--deadline", "vendredi"], "error: deadline has an invalid format"),
            (["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--summary", "   "], "error: summary is required"),
            (["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--summary", String(repeating: "a", count: 501)],
             "error: summary is too long: at most 500 characters"),
            (["resident", "add", "--first-name", String(repeating: "b", count: 101)], "error: first_name is too long: at most 100 characters"),
            (["resident", "add", "--first-name", "Nadia", "--phone", "12"], "error: phone has an invalid format"),
            (["resident", "add", "--first-name", "fatima", "--last-name", "Bénali"], "possible duplicate(s): #1 Fatima BENALI"),
            (["resident", "add", "--first-name", "Benali", "--last-name", "FATIMA"], "add --force to create a new one anyway"),
            (["resident", "add", "--first-name", "Zoé", "--phone", "+33612345678"], "possible duplicate(s): #1"),
            (["assign", world.number, "c-nobody"], "error: unknown conseiller 'c-nobody'"),
            (["close", world.number], "error: request \(world.number) is new; resolve or refer it before closing it"),
            (["start", world.number], "error: request \(world.number) is new; assign it first"),
            (["resolve", world.number, "--outcome", "referred"], "to refer it, use refer with a partner structure"),
            (["refer", world.number, "--to", "caf"], "referral: unknown code 'caf'"),
            (["request", "show", "D-\(world.year)-999999"], "error: no request D-\(world.year)-999999"),
            (["request", "show", "2026-12"], "error: request_number has an invalid format"),
            (["resident", "merge", "1", "1", "--yes"], "error: cannot merge resident #1 with itself"),
            (["resident", "merge", "1", "77", "--yes"], "error: no resident #77"),
            (["resident", "show", "42"], "error: no resident #42"),
            (["log", world.number, "--duration", "0"], "error: duration_minutes must be between 1 and 1440"),
            (["log", world.number, "--duration", "30", "--place", "domicile"], "commune is required when the place type is domicile"),
            (["log", "--site", "mdh-surieux", "--duration", "30"], "error: themes is required"),
            (["log", world.number, "--duration", "30", "--date", IntakeWorld.today.adding(days: 1).iso], "is in the future"),
            (["log", world.number, "--duration", "30", "--date", "1900-01-01"],
             "error: the accompaniment date 1900-01-01 is before request \(world.number) was opened (\(IntakeWorld.today.iso))\n"),
            (["log", world.number, "--duration", "30", "--date", IntakeWorld.today.adding(days: -1).iso], "is before request \(world.number) was opened"),
            (["log", world.number, "--duration", "30", "--referral-name", "CAF"],
             "error: a partner's name (referral_name) needs the referral structure it belongs to: give --referral CODE too, or drop the name\n"),
            (["log", "--site", "mdh-surieux", "--duration", "15", "--themes", "email", "--referral-name", "CAF"], "needs the referral structure"),
            (["log", "--site", "mdh-surieux", "--duration", "15", "--themes", "email", "--resident", "1", "--gender", "feminin"],
             "error: --gender, --birth-year and --social-status describe an anonymous person; this accompaniment counts resident #1, whose record holds them"),
            (quick + ["--birth-year", "1700"], "error: birth_year must be between 1900 and \(world.year)\n"),
            (quick + ["--birth-year", String(world.year + 4)], "error: birth_year must be between 1900 and \(world.year)\n"),
            (quick + ["--birth-year", "9223372036854775807"], "error: birth_year must be between 1900 and \(world.year)\n"),
            (quick + ["--birth-year", "99999999999999999999"], "error: birth_year has an invalid format"),
            (["resolve", world.number, "--outcome", "foo"], "error: outcome: unknown code 'foo'. Allowed: resolved, oriented_workshop, equipment_lent\n"),
            (["resolve", world.number, "--outcome", "resolve"], "did you mean 'resolved'? Allowed: resolved, oriented_workshop, equipment_lent\n"),
            (["start", world.number, "--comment", String(repeating: "c", count: 2001)], "error: comment is too long: at most 2000 characters\n"),
            (["note", world.number, String(repeating: "n", count: 2001)], "error: note is too long: at most 2000 characters\n"),
            (["queue", "--site", "nowhere"], "error: unknown site 'nowhere'"),
            (["queue", "--assignee", "c-nobody"], "error: unknown conseiller 'c-nobody'"),
            (["import", "requests", IntakeWorld.fixture("requests-missing-column.csv")], "missing column(s): field"),
            (["import", "requests", IntakeWorld.fixture("requests-bad.csv")], "error: 6 bad line(s) out of 7 row(s); nothing was imported"),
            (["import", "requests", "/nonexistent/file.csv"], "error: cannot read '/nonexistent/file.csv'; check the path"),
            (["import", "requests", latin1.path], "error: '\(latin1.path)' is not UTF-8 text; save it as CSV UTF-8 and try again"),
            (["new"], "new is interactive and needs a terminal; in a script use: relais-intake request open"),
        ]
        let before = try world.counts()
        for (arguments, message) in cases {
            let result = try world.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            if !arguments.starts(with: ["import", "requests"]) {
                #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
            }
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
            #expect(try world.counts() == before, "\(arguments) wrote something")
        }
    }

    @Test func messagesSpeakFrenchOnRequest() throws {
        let world = try IntakeWorld(.sqlite)
        let closed = try world.run(["close", world.number, "--lang", "fr"])
        #expect(closed.status == 1)
        #expect(closed.stderr == "erreur : la demande \(world.number) est nouvelle ; résolvez-la ou réorientez-la avant de la clôturer\n")
        let site = try world.run(["queue", "--site", "mdh-nulle-part"], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(site.stderr.hasPrefix("erreur : lieu inconnu « mdh-nulle-part »"))
        let bad = try world.run(["import", "requests", IntakeWorld.fixture("requests-bad.csv"), "--lang", "fr"])
        #expect(bad.stderr.contains("ligne 3 : lieu inconnu « mdh-nowhere »"))
        let early = try world.run(["log", world.number, "--duration", "30", "--date", "1900-01-01", "--lang", "fr"])
        #expect(early.stderr == "erreur : la date de l’accompagnement (01/01/1900) précède l’ouverture de la demande \(world.number) (\(IntakeWorld.today.french))\n")
        let named = try world.run(["log", world.number, "--duration", "30", "--referral-name", "CAF", "--lang", "fr"])
        #expect(named.stderr == "erreur : le nom du partenaire (referral_name) va avec sa structure de réorientation : donnez aussi --referral CODE, ou retirez le nom\n")
    }

    @Test(arguments: TestBackends.all)
    func aRequestGoesFromDeskToFunderRecord(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        let deadline = IntakeWorld.today.adding(days: 5)
        let opened = try world.run([
            "request", "open", "--site", "mdh-surieux", "--channel", "phone", "--field", "usage_assistance", "--themes",
            "aide_aux_demarches_administratives", "--sub-themes", "social_sante", "--summary", "Renouvellement CSS",
            "--urgency", "high", "--deadline", deadline.french, "--resident", "1", "--agent", "a-sylvie",
        ])
        #expect(opened.status == 0, "\(opened.stderr)")
        let number = "D-\(world.year)-000002"
        #expect(opened.stdout == "Request \(number) opened at mdh-surieux.\n")
        for step in [["assign", number, "--auto"], ["start", number], ["note", number, "Apporter l’attestation"],
                     ["wait", number], ["resume", number]] {
            let result = try world.run(step + ["--agent", "c-amina"])
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        let logged = try world.run([
            "log", number, "--duration", "45", "--equipment", "ordinateur", "--autonomy", "partiellement_autonome",
            "--procedure", "renouvellement CSS", "--agent", "c-amina",
        ])
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(try world.run(["refer", number, "--to", "operateur_ou_organisme_en_charge", "--name", "CPAM de l’Isère"]).status == 0)
        #expect(try world.run(["close", number]).status == 0)

        let show = try world.run(["request", "show", number])
        #expect(show.status == 0)
        for expected in ["Status:       Closed (closed)", "Assignee:     c-amina", "a-sylvie  open  status: – → new",
                         "c-amina  assign  assignee: – → c-amina", "c-amina  note  « Apporter l’attestation »",
                         "refer  referral_name: – → CPAM de l’Isère", "45 min  lieu_activite"] {
            #expect(show.stdout.contains(expected), "missing \(expected) in\n\(show.stdout)")
        }
        let db = try world.test.open()
        let accompaniment = try db.queryOne(
            "SELECT a.duration_minutes, a.procedure_name, a.autonomy, s.code AS site, st.code AS staff, a.resident_id FROM accompaniments a JOIN sites s ON s.id = a.site_id JOIN staff st ON st.id = a.conseiller_id")
        #expect(accompaniment?.int("duration_minutes") == 45)
        #expect(accompaniment?.string("site") == "mdh-surieux")
        #expect(accompaniment?.string("staff") == "c-amina")
        #expect(accompaniment?.int("resident_id") == 1)

        let list = try world.run(["request", "list", "--status", "closed", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.map { $0["number"] as? String } == [number])
        let queue = try world.run(["queue", "--format", "csv"])
        #expect(queue.stdout.hasPrefix("number,opened,site,status"))
        #expect(queue.stdout.contains(world.number))
        #expect(!queue.stdout.contains(number), "closed requests leave the queue")
    }

    /// `request open` in its plainest spelling skips swift-argument-parser; the same request
    /// spelled otherwise (here with `--repeat 1`, which only the full parser reads) is stored alike.
    @Test(arguments: TestBackends.all)
    func bothArgumentReadersStoreTheSameRequest(_ backend: Backend) throws {
        let world = try IntakeWorld(backend, withRequest: false)
        let deadline = IntakeWorld.today.adding(days: 3)
        let common = [
            "request", "open", "--site", "mdh-surieux", "--channel=phone", "--field", "usage_assistance", "--themes",
            "aide_aux_demarches_administratives", "--sub-themes", "social_sante", "--summary", "Dossier « CAF », urgent",
            "--urgency", "high", "--deadline", deadline.iso, "--resident", "1", "--agent", "a-sylvie", "--lang", "fr",
        ]
        // The first spelling (as run, with --database) is the one request open reads without the
        // full parser; with --repeat it is not.
        #expect(FastArguments.requestOpen(common + ["--database", world.test.argument]) != nil)
        #expect(FastArguments.requestOpen(common + ["--repeat", "1", "--database", world.test.argument]) == nil)
        let fast = try world.run(common)
        let full = try world.run(common + ["--repeat", "1"])
        #expect(fast.status == 0 && full.status == 0, "\(fast.stderr) \(full.stderr)")
        #expect(fast.stdout == "Demande D-\(world.year)-000001 ouverte à mdh-surieux.\n")
        #expect(full.stdout == "Demande D-\(world.year)-000002 ouverte à mdh-surieux.\n")
        let db = try world.test.open()
        let concat = backend == .sqlite ? "group_concat" : "string_agg"
        let columns = ["site_id", "channel", "field", "summary", "urgency", "deadline", "resident_id", "status", "opened_by"]
        let rows = try db.query(
            "SELECT " + columns.map { "CAST(r.\($0) AS TEXT) AS \($0)" }.joined(separator: ", ") + """
            , (SELECT \(concat)(theme, ',') FROM request_themes t WHERE t.request_id = r.id) AS themes,
              (SELECT \(concat)(subtheme, ',') FROM request_subthemes s WHERE s.request_id = r.id) AS subthemes
            FROM help_requests r ORDER BY r.id
            """)
        #expect(rows.count == 2)
        let described = rows.map { row in (columns + ["themes", "subthemes"]).map { row.string($0) ?? "NULL" } }
        #expect(described.first == described.last)
        #expect(described.first?.contains("Dossier « CAF », urgent") == true)
        #expect(described.first?.contains("a-sylvie") == true)
        #expect(described.first?.contains("phone") == true)
        #expect(described.first?.contains(deadline.iso) == true)
        #expect(described.first?.contains("social_sante") == true)
    }

    /// On the demo town, a resident with loans and registrations sees them in `resident show`.
    @Test func residentShowListsRegistrationsAndLoans() throws {
        let test = try TestDatabase(.sqlite)
        #expect(try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", "2026-11-29"]).status == 0)
        let db = try test.open()
        let id = try #require(try db.scalar(
            """
            SELECT r.id FROM residents r
            WHERE EXISTS (SELECT 1 FROM loans l WHERE l.resident_id = r.id)
              AND EXISTS (SELECT 1 FROM registrations g WHERE g.resident_id = r.id)
            ORDER BY r.id LIMIT 1
            """).int)
        let loans = try #require(try db.scalar("SELECT count(*) FROM loans WHERE resident_id = $1", [.integer(id)]).int)
        let registrations = try #require(try db.scalar("SELECT count(*) FROM registrations WHERE resident_id = $1", [.integer(id)]).int)
        let loanNumber = try #require(try db.scalar("SELECT number FROM loans WHERE resident_id = $1 ORDER BY id LIMIT 1", [.integer(id)]).string)
        let show = try Programs.run("relais-intake", ["resident", "show", String(id), "--database", test.argument])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Workshop registrations (\(registrations))"), "\(show.stdout)")
        #expect(show.stdout.contains("Loans (\(loans))"))
        #expect(show.stdout.contains(loanNumber))
        let french = try Programs.run("relais-intake", ["resident", "show", String(id), "--lang", "fr", "--database", test.argument])
        #expect(french.stdout.contains("Inscriptions aux ateliers (\(registrations))") && french.stdout.contains("Prêts (\(loans))"))
        // Every label keeps a space before its value, the longest French one included.
        let labelled = french.stdout.split(separator: "\n").filter { $0.hasPrefix("Année de naissance") || $0.hasPrefix("Dernière activité") }
        #expect(labelled.contains { $0.hasPrefix("Dernière activité: ") } && labelled.allSatisfy { $0.contains(": ") }, "\(french.stdout)")
    }

    @Test func theReceiptShowsNoPersonalDataBeyondTheFirstName() throws {
        let world = try IntakeWorld(.sqlite)
        let receipt = try world.run(["receipt", world.number])
        #expect(receipt.status == 0, "\(receipt.stderr)")
        for expected in ["Maison des habitants Surieux", "Demande n° \(world.number)", "Bonjour Fatima,", "Horaires d’ouverture",
                         "lundi     08:30-12:00, 13:30-17:30", "Un conseiller numérique va reprendre votre demande"] {
            #expect(receipt.stdout.contains(expected), "missing \(expected) in\n\(receipt.stdout)")
        }
        for secret in ["BENALI", "06 12", "+336", "Déclaration trimestrielle"] {
            #expect(!receipt.stdout.contains(secret), "\(secret) leaked")
        }
        let english = try world.run(["receipt", world.number, "--lang", "en"])
        #expect(english.stdout.contains("Request number: \(world.number)"))
    }

    /// On the demo town, a resident registered for a coming session finds it on the receipt,
    /// with the day and the Paris time spelled out; the receipt also says when it was recorded.
    @Test func theReceiptGivesTheNextAppointment() throws {
        let test = try TestDatabase(.sqlite)
        #expect(try Programs.run("relais-admin", ["demo", "--database", test.argument, "--today", IntakeWorld.today.iso]).status == 0)
        let db = try test.open()
        let row = try #require(try db.queryOne(
            """
            SELECT hr.number, hr.opened_at, se.starts_at, w.title, si.name FROM help_requests hr
            JOIN registrations g ON g.resident_id = hr.resident_id AND g.status = 'registered'
            JOIN sessions se ON se.id = g.session_id AND se.status = 'planned' AND se.starts_at > $2
            JOIN workshops w ON w.id = se.workshop_id JOIN sites si ON si.id = se.site_id
            WHERE NOT EXISTS (
                SELECT 1 FROM registrations g2 JOIN sessions s2 ON s2.id = g2.session_id
                WHERE g2.resident_id = hr.resident_id AND g2.status = 'registered' AND s2.status = 'planned'
                  AND s2.starts_at > $1 AND s2.starts_at < se.starts_at)
            ORDER BY hr.id LIMIT 1
            """, [.timestamp(Date()), .timestamp(Date().addingTimeInterval(3600))]))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        calendar.locale = Locale(identifier: "fr_FR")
        func spelled(_ date: Date) -> String {
            let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
            let weekday = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"][p.weekday! - 1]
            return String(format: "%@ %02d/%02d/%04d à %02d:%02d", weekday, p.day!, p.month!, p.year!, p.hour!, p.minute!)
        }
        let number = try #require(row.string("number"))
        let receipt = try Programs.run("relais-intake", ["receipt", number, "--lang", "fr", "--database", test.argument])
        #expect(receipt.status == 0, "\(receipt.stderr)")
        let startsAt = try #require(row.date("starts_at")), openedAt = try #require(row.date("opened_at"))
        let appointment = "Prochain rendez-vous : \(spelled(startsAt)) — \(row.string("title") ?? "") (\(row.string("name") ?? ""))"
        #expect(receipt.stdout.contains(appointment + "\n"), "missing \(appointment) in\n\(receipt.stdout)")
        #expect(receipt.stdout.contains("Enregistrée le \(spelled(openedAt))\n"), "\(receipt.stdout)")
    }

    @Test func duplicateWarningThenForce() throws {
        let world = try IntakeWorld(.sqlite)
        let warned = try world.run(["resident", "add", "--first-name", "FATIMA", "--last-name", "benali"])
        #expect(warned.status == 1)
        let forced = try world.run(["resident", "add", "--first-name", "FATIMA", "--last-name", "benali", "--force", "--birth-year", "1990"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("Resident added: #2 FATIMA benali"))
        #expect(forced.stdout.contains("age bracket: "))
        let found = try world.run(["resident", "find", "Bénali Fatima", "--format", "csv"])
        #expect(found.stdout.split(whereSeparator: \.isNewline).count == 3, "\(found.stdout)")
        let anonymous = try world.run(["resident", "add", "--anonymous", "--birth-year", "1948", "--gender", "feminin"])
        #expect(anonymous.status == 0, "\(anonymous.stderr)")
        #expect(anonymous.stdout.contains("(anonymous)"))
        let bad = try world.run(["resident", "add", "--anonymous", "--first-name", "X"])
        #expect(bad.status == 64)
    }

    @Test(arguments: TestBackends.all)
    func theQuickEntryDialogueRecordsAWalkIn(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        let config = world.test.directory.appendingPathComponent("config")
        let environment = ["RELAIS_FORCE_INTERACTIVE": "1", "XDG_CONFIG_HOME": config.path, "RELAIS_AGENT": "a-sylvie"]
        let deadline = IntakeWorld.today.adding(days: 3)
        // site by prefix, resident found inline, channel default, field by prefix, themes by prefix,
        // sub-theme by prefix, summary, urgency by label, deadline, confirm.
        let script = ["mdh-s", "benali", "1", "", "usage", "aide", "social", "Renouvellement CSS", "hig", deadline.french, ""]
        let first = try world.run(["new"], environment: environment, stdin: script.joined(separator: "\n") + "\n")
        #expect(first.status == 0, "\(first.stderr)\n\(first.stdout)")
        let number = "D-\(world.year)-000002"
        #expect(first.stdout.contains("Request \(number) recorded."), "\(first.stdout)")
        let db = try world.test.open()
        let row = try db.queryOne(
            "SELECT h.resident_id, h.urgency, h.deadline, h.channel, h.field, h.opened_by, s.code FROM help_requests h JOIN sites s ON s.id = h.site_id WHERE number = $1",
            [.text(number)])
        #expect(row?.int("resident_id") == 1)
        #expect(row?.int("urgency") == 2)
        #expect(row?.string("deadline").map { String($0.prefix(10)) } == deadline.iso)
        #expect(row?.string("channel") == "walk_in")
        #expect(row?.string("opened_by") == "a-sylvie")
        #expect(try db.scalar("SELECT subtheme FROM request_subthemes WHERE request_id = 2").string == "social_sante")
        let saved = try String(contentsOf: config.appendingPathComponent("relais/intake.conf"), encoding: .utf8)
        #expect(saved.contains("site = mdh-surieux"))

        // The second entry takes the remembered site with Enter; a bad answer is asked again;
        // a new resident is added inline.
        // An arrow key's ESC sequence at the last name is asked again; "-" clears the proposed
        // e-mail... here there is none: Enter leaves it empty.
        let second = ["", "Nadia Haddad", "new", "", "Had\u{1B}[Ddad", "", "07 11 22 33 44", "", "", "2", "zzz", "1", "maint",
                      "Ordinateur lent", "", "", ""]
        let again = try world.run(["new"], environment: environment, stdin: second.joined(separator: "\n") + "\n")
        #expect(again.status == 0, "\(again.stderr)\n\(again.stdout)")
        #expect(again.stdout.contains("Site [mdh-surieux]: "))
        #expect(again.stdout.contains("'zzz' matches no choice"))
        #expect(again.stdout.contains("Last name (optional, - for none) [Haddad]:   ! the answer holds a control character (an arrow key?); type it again\n"))
        #expect(try db.scalar("SELECT count(*) FROM residents WHERE name_key = 'haddad nadia' AND phone_key = '+33711223344'").int == 1)
        #expect(try db.scalar("SELECT s.code FROM help_requests h JOIN sites s ON s.id = h.site_id WHERE number = $1", [.text("D-\(world.year)-000003")]).string == "mdh-surieux")

        // End of input mid-dialogue: nothing recorded.
        let before = try world.counts()
        let cut = try world.run(["new"], environment: environment, stdin: "\nbenali\n")
        #expect(cut.status == 1)
        #expect(cut.stderr.contains("cancelled; nothing was recorded"))
        #expect(try world.counts() == before)
    }

    @Test(arguments: TestBackends.all)
    func importFromTheCommandLine(_ backend: Backend) throws {
        let world = try IntakeWorld(backend, withRequest: false)
        let dry = try world.run(["import", "requests", IntakeWorld.fixture("requests-good.csv"), "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("Dry run: 5 request(s) would be imported"))
        #expect(try world.test.open().scalar("SELECT count(*) FROM help_requests").int == 0)
        let done = try world.run(["import", "requests", IntakeWorld.fixture("requests-good.csv")])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.hasPrefix("Imported 5 request(s) (D-2025-000001 … D-2025-000003, D-2026-000001 … D-2026-000002)"))
        #expect(done.stdout.contains("1 existing resident(s) matched"))
        let bad = try world.run(["import", "requests", IntakeWorld.fixture("requests-bad.csv")])
        let lines = bad.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines.first?.hasPrefix("line 2: theme: unknown code 'banque_achats'") == true)
        #expect(lines.contains { $0.hasPrefix("line 7: first_name is required") })
        // The same file again: refused, nothing written, unless --again.
        let before = try world.counts()
        let twice = try world.run(["import", "requests", IntakeWorld.fixture("requests-good.csv")])
        #expect(twice.status == 1)
        #expect(twice.stderr.hasPrefix("error: this file was imported already, on "))
        #expect(twice.stderr.hasSuffix("(5 request(s)); nothing was imported. To import its rows a second time, add --again\n"))
        #expect(try world.counts() == before)
        // The same rows saved again with Windows line ends are the same file.
        let crlf = world.test.directory.appendingPathComponent("requests-good-crlf.csv")
        let text = try String(contentsOfFile: IntakeWorld.fixture("requests-good.csv"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: crlf)
        let resaved = try world.run(["import", "requests", crlf.path])
        #expect(resaved.status == 1 && resaved.stderr.hasPrefix("error: this file was imported already"), "\(resaved.stderr)")
        #expect(try world.counts() == before)
        let again = try world.run(["import", "requests", IntakeWorld.fixture("requests-good.csv"), "--again"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("Imported 5 request(s) (D-2025-000004 … D-2025-000006, D-2026-000003 … D-2026-000004)"))
    }

    /// An erased person's record takes no name, phone or e-mail again and is merged with nobody,
    /// on either side: one line in both languages, exit 1, nothing written. Its statistics may
    /// still be corrected.
    @Test(arguments: TestBackends.all)
    func anErasedResidentIsNeitherRenamedNorMerged(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        let added = try world.run(["resident", "add", "--first-name", "Leila", "--phone", "07 11 22 33 44"])
        #expect(added.status == 0, "\(added.stderr)")
        let erase = try Programs.run("relais-admin", ["privacy", "erase", "1", "--confirm", "--database", world.test.argument])
        #expect(erase.status == 0, "\(erase.stderr)")
        let db = try world.test.open()
        func rows() throws -> [[SQLValue]] {
            try db.query("SELECT * FROM residents ORDER BY id").map(\.values)
        }
        let before = try world.counts()
        let residents = try rows()
        let renamed = "error: resident #1's personal data was erased; a name, phone or e-mail cannot be given back to it"
        let unmerged = "error: resident #1's personal data was erased; an erased record cannot be merged\n"
        let cases: [([String], String)] = [
            (["resident", "edit", "1", "--first-name", "Leila"], renamed),
            (["resident", "edit", "1", "--phone", "06 12 34 56 78", "--gender", "feminin"], renamed),
            (["resident", "edit", "1", "--email", ""], renamed),
            (["resident", "merge", "1", "2", "--yes"], unmerged),
            (["resident", "merge", "2", "1", "--yes"], unmerged),
            (["resident", "merge", "2", "1"], unmerged),
            (["resident", "edit", "1", "--last-name", "Amrani", "--lang", "fr"],
             "erreur : les données personnelles de l’habitant n° 1 ont été effacées ; on ne peut plus lui redonner nom, téléphone ou e-mail"),
            (["resident", "merge", "2", "1", "--yes", "--lang", "fr"],
             "erreur : les données personnelles de l’habitant n° 1 ont été effacées ; un dossier effacé ne peut pas être fusionné\n"),
        ]
        for (arguments, message) in cases {
            let result = try world.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix(message) || result.stderr == message, "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
            #expect(try world.counts() == before, "\(arguments) wrote something")
            #expect(try rows() == residents, "\(arguments) changed a resident")
        }
        // The statistics of the erased record may still be corrected; it stays anonymous and erased.
        let stats = try world.run(["resident", "edit", "1", "--gender", "feminin"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let row = try #require(try db.queryOne("SELECT kind, first_name, gender, anonymised_at FROM residents WHERE id = 1"))
        #expect(row.string("kind") == "anonymous" && row["first_name"].isNull && row.string("gender") == "feminin")
        #expect(row.date("anonymised_at") != nil)
        let show = try world.run(["resident", "show", "1"])
        #expect(show.stdout.contains("Personal data erased on \(IntakeWorld.today.iso)."), "\(show.stdout)")
    }

    /// Two records of one person registered to the same session: the merge keeps one registration,
    /// the present one, and says so.
    @Test func aMergeFoldsDuplicateRegistrationsAndSaysSo() throws {
        let world = try IntakeWorld(.sqlite)
        #expect(try world.run(["resident", "add", "--first-name", "Fatima", "--last-name", "Benali", "--force"]).status == 0)
        let db = try world.test.open()
        let now = Date()
        try db.transaction { db in
            try db.execute("INSERT INTO workshops (id, code, title, theme, level, duration_minutes, capacity) VALUES (1, 'w-mail', 'Mes premiers e-mails', 'email', 'debutant', 120, 8)")
            for session in [1, 2] {
                try db.execute(
                    "INSERT INTO sessions (id, code, kind, workshop_id, week, site_id, conseiller_id, duration_minutes, capacity) VALUES ($1, $2, 'workshop', 1, '2026-W49', 1, 1, 120, 8)",
                    [.integer(Int64(session)), .text("s-\(session)")])
            }
            for (session, resident, attendance) in [(1, 1, "excused"), (1, 2, "present"), (2, 2, "present")] as [(Int64, Int64, String)] {
                try db.execute(
                    "INSERT INTO registrations (session_id, resident_id, status, attendance, registered_at, registered_by) VALUES ($1, $2, 'registered', $3, $4, 't')",
                    [.integer(session), .integer(resident), .text(attendance), .timestamp(now)])
            }
        }
        let merged = try world.run(["resident", "merge", "1", "2", "--yes"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == """
            Resident #2 merged into #1: 0 request(s), 0 accompaniment(s), 2 registration(s), 0 loan(s) moved. \
            1 duplicate registration(s) to the same session folded into one (the most informative attendance kept).

            """)
        let attendance = try db.query("SELECT session_id, attendance FROM registrations WHERE resident_id = 1 ORDER BY session_id")
            .map { "\($0.int("session_id") ?? 0) \($0.string("attendance") ?? "-")" }
        #expect(attendance == ["1 present", "2 present"])
        let note = try db.scalar("SELECT note FROM audit_events WHERE entity = 'resident' AND entity_id = 1 AND action = 'merge'").string
        #expect(note?.hasSuffix("; 1 duplicate registrations folded (the most informative attendance kept)") == true, "\(note ?? "")")
    }

    /// A seat freed by folding two registrations of one person goes to the first person waiting.
    @Test func aSeatFreedByAMergeGoesToThePersonWaiting() throws {
        let world = try IntakeWorld(.sqlite)
        for name in ["Fatima", "Karim"] {
            #expect(try world.run(["resident", "add", "--first-name", name, "--last-name", "Benali", "--force"]).status == 0)
        }
        let db = try world.test.open()
        try db.transaction { db in
            try db.execute("INSERT INTO workshops (id, code, title, theme, level, duration_minutes, capacity) VALUES (1, 'w-mail', 'Mes premiers e-mails', 'email', 'debutant', 120, 2)")
            try db.execute(
                "INSERT INTO sessions (id, code, kind, workshop_id, week, site_id, duration_minutes, capacity, status) VALUES (1, 's-1', 'workshop', 1, '2099-W01', 1, 120, 2, 'planned')")
            for (resident, status, position) in [(1, "registered", nil), (2, "registered", nil), (3, "waitlisted", 1)] as [(Int64, String, Int64?)] {
                try db.execute(
                    "INSERT INTO registrations (session_id, resident_id, status, waitlist_position, registered_at, registered_by) VALUES (1, $1, $2, $3, $4, 't')",
                    [.integer(resident), .text(status), .optional(position), .timestamp(Date())])
            }
        }
        let merged = try world.run(["resident", "merge", "1", "2", "--yes"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let rows = try db.query("SELECT resident_id, status, waitlist_position FROM registrations ORDER BY resident_id")
            .map { "\($0.int("resident_id") ?? 0) \($0.string("status") ?? "") \($0.int("waitlist_position").map(String.init) ?? "-")" }
        #expect(rows == ["1 registered -", "3 registered -"], "the person waiting takes the freed seat")
    }

    /// A mistyped command is the argument parser's to refuse: exit 64, a message fitting the
    /// mistake, nothing written.
    @Test func usageMistakesExitSixtyFourWithAFittingMessage() throws {
        let world = try IntakeWorld(.sqlite)
        let cases: [([String], String)] = [
            (["assign", world.number], "Error: say who takes the request: a conseiller's code (e.g. c-amina), or --auto"),
            (["assign", world.number, "c-amina", "--auto"], "Error: give a conseiller's code (e.g. c-amina) or --auto, not both"),
            (["queue", "--due-within", "9223372036854775807"], "Error: --due-within must be between 0 and 3660 days"),
            (["queue", "--due-within", "3661"], "Error: --due-within must be between 0 and 3660 days"),
            (["queue", "--due-within=-1"], "Error: --due-within must be between 0 and 3660 days"),
            (["request", "list", "--due-within", "9223372036854775807"], "Error: --due-within must be between 0 and 3660 days"),
            // The agent goes into every audit event and timeline: a name, not a terminal sequence or a page.
            (["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--summary", "Aide", "--agent", "a\u{1B}[2Jb"],
             "Error: argument 10 contains a control character"),
            (["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--summary", "Aide", "--agent", String(repeating: "a", count: 65)],
             "Error: agent is too long: at most 64 characters (--agent, else $RELAIS_AGENT, else the login name)"),
            (["note", world.number, "Rappeler lundi", "--agent", "a\u{7}"], "Error: argument 5 contains a control character"),
            (["note", world.number, "Rappeler lundi", "--agent", "a\nb"], "Error: agent has an invalid format"),
            (["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--summary", "Innocent\rEVIL"],
             "Error: argument 8 contains a control character (such as ESC from an arrow key, NUL, a carriage return alone, or a right-to-left override); retype it"),
            (["resident", "add", "--first-name", "\u{202E}Karim", "--force"], "Error: argument 4 contains a control character"),
        ]
        let before = try world.counts()
        for (arguments, message) in cases {
            let result = try world.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
            #expect(try world.counts() == before, "\(arguments) wrote something")
        }
        let far = try world.run(["queue", "--due-within", "3660"])
        #expect(far.status == 0, "\(far.stderr)")
    }

    /// A quick anonymous help logged for an earlier day counts the person's age on that day.
    @Test func aBackDatedQuickHelpCountsTheAgeOfThatDay() throws {
        let world = try IntakeWorld(.sqlite)
        let born = String(world.year - 18)
        let result = try world.run([
            "log", "--site", "mdh-surieux", "--duration", "15", "--themes", "email", "--birth-year", born,
            "--date", "\(world.year - 1)-12-15",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let today = try world.run(["log", "--site", "mdh-surieux", "--duration", "15", "--themes", "email", "--birth-year", born])
        #expect(today.status == 0, "\(today.stderr)")
        let brackets = try world.test.open().query("SELECT age_bracket FROM accompaniment_anonymous ORDER BY accompaniment_id")
        #expect(brackets.map { $0.string("age_bracket") } == ["douze_dix_huit", "dix_huit_vingt_quatre"])
    }

    /// A finished request is never overdue, whatever --status asks for.
    @Test(arguments: TestBackends.all)
    func onlyOpenRequestsAreOverdue(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        let db = try world.test.open()
        let yesterday = IntakeWorld.today.adding(days: -1)
        // D-…-000001 stays open; a second request is resolved then closed; both are past their deadline.
        let opened = try world.run(["request", "open", "--site", "mdh-surieux", "--field", "usage_assistance", "--summary", "Aide CAF"])
        #expect(opened.status == 0, "\(opened.stderr)")
        let second = "D-\(world.year)-000002"
        #expect(try world.run(["resolve", second]).status == 0)
        #expect(try world.run(["close", second]).status == 0)
        try db.execute("UPDATE help_requests SET deadline = $1", [.date(yesterday.iso)])
        func overdue(_ extra: [String]) throws -> [String] {
            let result = try world.run(["request", "list", "--overdue", "--format", "csv"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) }
        }
        #expect(try overdue([]) == [world.number])
        #expect(try overdue(["--status", "closed"]) == [])
        #expect(try overdue(["--status", "new,closed,resolved"]) == [world.number])
        let queue = try world.run(["queue", "--status", "closed", "--overdue"])
        #expect(queue.stdout == "No request matches.\n", "\(queue.stdout)")
        let closed = try world.run(["request", "list", "--status", "closed", "--format", "csv"])
        #expect(closed.stdout.contains(second), "the closed request is there, just not overdue")
    }
}
