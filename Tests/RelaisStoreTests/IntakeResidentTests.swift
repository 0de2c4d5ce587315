import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct IntakeResidentTests {
    @Test(arguments: TestBackends.all)
    func duplicatesIgnoreCaseAccentsWordOrderAndPhoneFormatting(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let first = try IntakeSeed.addResident(db, try IntakeSeed.followed("Fatima", "BENALI", phone: "06 12 34 56 78"))
            for candidate in [
                try IntakeSeed.followed("fatima", "benali"), try IntakeSeed.followed("Benali", "Fatima"),
                try IntakeSeed.followed("Fâtima", "Bénali"), try IntakeSeed.followed("Nadia", phone: "+33612345678"),
            ] {
                let outcome = try ResidentStore.add(db, candidate, actor: "test")
                guard case .possibleDuplicates(let found) = outcome else {
                    Issue.record("no duplicate warning for \(candidate)")
                    continue
                }
                #expect(found.map(\.id) == [first])
            }
            #expect(try db.scalar("SELECT count(*) FROM residents").int == 1, "a warning writes nothing")
            // The agent can go on anyway.
            let forced = try ResidentStore.add(db, try IntakeSeed.followed("fatima", "benali"), actor: "test", allowDuplicates: true)
            guard case .created(let second) = forced else { Issue.record("not created"); return }
            #expect(second.id != first)
            #expect(try db.scalar("SELECT count(*) FROM audit_events WHERE entity = 'resident' AND action = 'add'").int == 2)
        }
    }

    @Test(arguments: TestBackends.all)
    func findRanksByNamePhoneAndEmail(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let fatima = try IntakeSeed.addResident(db, try IntakeSeed.followed("Fatima", "BENALI", phone: "06 12 34 56 78", email: "f.benali@orange.fr"))
            let ahmed = try IntakeSeed.addResident(db, try IntakeSeed.followed("Ahmed", "Benali"))
            let fati = try IntakeSeed.addResident(db, try IntakeSeed.followed("Fatimata", "Diallo"))
            _ = try IntakeSeed.addResident(db, try Resident.anonymous(birthYear: 1950, referenceYear: 2026))
            #expect(try ResidentStore.find(db, "benali fatima").map(\.0.id) == [fatima])
            #expect(try ResidentStore.find(db, "BÉNALI").map(\.0.id).sorted() == [fatima, ahmed].sorted())
            let prefix = try ResidentStore.find(db, "fati")
            #expect(Set(prefix.map(\.0.id)) == [fatima, fati])
            #expect(try ResidentStore.find(db, "+33 6 12 34 56 78").map(\.0.id) == [fatima])
            #expect(try ResidentStore.find(db, "0612345678").first?.1 == .phone)
            #expect(try ResidentStore.find(db, "f.benali@ORANGE.fr").map(\.0.id) == [fatima])
            #expect(try ResidentStore.find(db, "nobody").isEmpty)
            let ranked = try ResidentStore.find(db, "fatima benali")
            #expect(ranked.first?.1 == .exact)
        }
    }

    @Test(arguments: TestBackends.all)
    func theFileListsRegistrationsAndLoans(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let id = try IntakeSeed.addResident(db, try IntakeSeed.followed("Nadia", "Haddad"))
            let other = try IntakeSeed.addResident(db, try IntakeSeed.followed("Karim"))
            let now = Date()
            try db.transaction { db in
                try db.execute("INSERT INTO workshops (id, code, title, theme, level, duration_minutes, capacity) VALUES (1, 'w-mail', 'Mes premiers e-mails', 'email', 'debutant', 120, 8)")
                try db.execute("INSERT INTO sessions (id, code, kind, workshop_id, week, site_id, conseiller_id, starts_at, duration_minutes, capacity) VALUES (1, 's-1', 'workshop', 1, '2026-W49', 1, 1, $1, 120, 8)", [.timestamp(try #require(ISO8601DateFormatter().date(from: "2026-12-01T13:00:00Z")))])
                try db.execute("INSERT INTO sessions (id, code, kind, week, site_id, duration_minutes) VALUES (2, 's-2', 'appointment', '2026-W50', 2, 45)")
                for (reg, session, resident, status, attendance) in [(1, 1, id, "registered", "present"), (2, 2, id, "waitlisted", nil), (3, 1, other, "registered", nil)] as [(Int64, Int64, Int64, String, String?)] {
                    try db.execute(
                        "INSERT INTO registrations (id, session_id, resident_id, status, attendance, registered_at, registered_by) VALUES ($1, $2, $3, $4, $5, $6, 't')",
                        [.integer(reg), .integer(session), .integer(resident), .text(status), .optional(attendance), .timestamp(now)])
                }
                try db.execute("INSERT INTO devices (id, asset_tag, kind, origin, condition, status, created_at) VALUES (1, 'PC-0042', 'laptop', 'donor', 'good', 'on_loan', $1)", [.timestamp(now)])
                try db.execute("INSERT INTO stock_items (id, code, kind, label, quantity) VALUES (1, 'sim-free', 'sim_card', 'Carte SIM prépayée', 10)")
                try db.execute(
                    "INSERT INTO loans (id, number, device_id, resident_id, lent_on, due_on, status, lent_by, created_at) VALUES (1, 'P-2026-000001', 1, $1, $2, $3, 'open', 't', $4)",
                    [.integer(id), .date("2026-11-02"), .date("2026-12-02"), .timestamp(now)])
                try db.execute(
                    "INSERT INTO loans (id, number, stock_item_id, quantity, resident_id, lent_on, returned_on, status, lent_by, created_at) VALUES (2, 'P-2026-000002', 1, 1, $1, $2, $3, 'returned', 't', $4)",
                    [.integer(id), .date("2026-10-01"), .date("2026-10-20"), .timestamp(now)])
                try db.execute(
                    "INSERT INTO loans (id, number, stock_item_id, quantity, resident_id, lent_on, status, lent_by, created_at) VALUES (3, 'P-2026-000003', 1, 1, $1, $2, 'open', 't', $3)",
                    [.integer(other), .date("2026-11-20"), .timestamp(now)])
            }
            let file = try ResidentStore.file(db, id: id)
            #expect(file.registrations.map(\.sessionCode) == ["s-2", "s-1"], "newest week first, only this resident's")
            #expect(file.registrations.last?.title == "Mes premiers e-mails")
            #expect(file.registrations.last?.siteCode == "mdh-surieux")
            #expect(file.registrations.last?.attendance == .present)
            #expect(file.registrations.first?.status == .waitlisted)
            #expect(file.registrations.first?.title == "appointment")
            #expect(file.loans.map(\.number) == ["P-2026-000001", "P-2026-000002"])
            #expect(file.loans.first?.item(.en) == "PC-0042 (\(DeviceKind.laptop.labelEN))")
            #expect(file.loans.first?.deviceKind == .laptop)
            #expect(file.loans.first?.dueOn == (try LocalDate(parsing: "2026-12-02")))
            #expect(file.loans.last?.item(.fr) == "Carte SIM prépayée")
            #expect(file.loans.last?.returnedOn == (try LocalDate(parsing: "2026-10-20")))
            #expect(file.loans.last?.status == .returned)
            let empty = try ResidentStore.file(db, id: try IntakeSeed.addResident(db, try IntakeSeed.followed("Lucas")))
            #expect(empty.registrations.isEmpty && empty.loans.isEmpty)
        }
    }

    /// The name search reads the small `residents_search` index, not the table.
    @Test func theNameSearchReadsItsIndex() throws {
        try withDatabase(.sqlite) { db, _ in
            let plan = try db.query("EXPLAIN QUERY PLAN " + ResidentStore.searchSQL(.sqlite), [.text("%benali%")])
                .compactMap { $0.string("detail") }.joined(separator: "\n")
            #expect(plan.contains("USING INDEX residents_search") || plan.contains("USING COVERING INDEX residents_search"), "\(plan)")
        }
    }

    @Test(arguments: TestBackends.all)
    func editValidatesAuditsAndKeepsPersonalValuesOutOfTheTrail(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let id = try IntakeSeed.addResident(db, try IntakeSeed.followed("Karim", phone: "06 12 34 56 78"))
            let (record, changed) = try ResidentStore.edit(
                db, id: id, changes: [.lastName: "Haddad", .birthYear: "1961", .phone: ""], consentVersion: "2025-01",
                actor: "a-sylvie", today: IntakeSeed.today)
            #expect(Set(changed) == [.lastName, .birthYear, .phone])
            #expect(record.resident.details?.lastName == "Haddad")
            #expect(record.resident.details?.phone == nil)
            #expect(record.resident.ageBracket(referenceYear: 2026) == .soixanteSoixanteNeuf)
            let events = try AuditTrail.events(db, entity: "resident", id: id).filter { $0.action == "edit" }
            #expect(events.count == 3)
            let birth = events.first { $0.field == "birth_year" }
            #expect(birth?.oldValue == nil && birth?.newValue == "1961")
            let last = events.first { $0.field == "last_name" }
            #expect(last?.newValue == nil, "personal data is not copied into the audit trail")
            #expect(try db.scalar("SELECT name_key FROM residents WHERE id = $1", [.integer(id)]).string == "haddad karim")
            #expect(throws: RelaisCore.ValidationError.self) {
                try ResidentStore.edit(db, id: id, changes: [.postcode: "3813"], consentVersion: nil, actor: "x", today: IntakeSeed.today)
            }
            #expect(throws: IntakeError.self) {
                try ResidentStore.edit(db, id: 999, changes: [.commune: "Eybens"], consentVersion: nil, actor: "x", today: IntakeSeed.today)
            }
        }
    }

    @Test(arguments: TestBackends.all)
    func mergeMovesEveryRecordAndIsAudited(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let a = try IntakeSeed.addResident(db, try IntakeSeed.followed("Fatima", "Benali"))
            let b = try IntakeSeed.addResident(db, try IntakeSeed.followed("Fatima", "Benali", phone: "06 12 34 56 78"))
            for resident in [a, b, b] {
                _ = try RequestStore.open(db, try IntakeSeed.request(resident: resident), actor: "t", now: IntakeSeed.now, today: IntakeSeed.today)
            }
            let request = try db.scalar("SELECT id FROM help_requests WHERE resident_id = $1 ORDER BY id LIMIT 1", [.integer(b)]).int
            let activity = try Accompaniment(
                type: .individuel, date: IntakeSeed.today, durationMinutes: 30, placeType: .lieuActivite, siteCode: "mdh-surieux",
                themes: [.email], requestId: request, residentIds: [b])
            _ = try AccompanimentStore.log(db, activity, actor: "t", today: IntakeSeed.today)

            let refusal = #expect(throws: IntakeError.self) { try ResidentStore.merge(db, keep: a, absorb: a, actor: "t") }
            #expect(refusal?.code == "merge_with_itself")
            let summary = try ResidentStore.merge(db, keep: a, absorb: b, actor: "t")
            #expect(summary.requests == 2)
            #expect(summary.accompaniments == 1)
            #expect(summary.filledFields == ["phone"])
            #expect(try db.scalar("SELECT count(*) FROM help_requests WHERE resident_id = $1", [.integer(a)]).int == 3)
            let gone = try ResidentStore.get(db, id: b)
            #expect(gone.mergedInto == a)
            #expect(gone.resident.isAnonymous, "the absorbed record keeps no personal data")
            #expect(try ResidentStore.get(db, id: a).resident.details?.phone == "+33612345678")
            #expect(try ResidentStore.find(db, "benali").map(\.0.id) == [a])
            #expect(try AuditTrail.events(db, entity: "resident", id: a).contains { $0.action == "merge" })
            #expect(try AuditTrail.events(db, entity: "resident", id: b).contains { $0.action == "merge" && $0.newValue == String(a) })
            let again = #expect(throws: IntakeError.self) { try ResidentStore.merge(db, keep: a, absorb: b, actor: "t") }
            #expect(again?.code == "merged_resident")
            // The absorbed record takes no new request nor accompaniment; nothing is written.
            let requests = try db.scalar("SELECT count(*) FROM help_requests").int
            let opened = #expect(throws: IntakeError.self) {
                try RequestStore.open(db, try IntakeSeed.request(resident: b), actor: "t", today: IntakeSeed.today)
            }
            #expect(opened?.code == "merged_resident")
            #expect(opened?.messageEN.contains("\(a)") == true, "the message names the record to use instead")
            let logged = #expect(throws: IntakeError.self) {
                try AccompanimentStore.log(db, activity, actor: "t", today: IntakeSeed.today)
            }
            #expect(logged?.code == "merged_resident")
            #expect(try db.scalar("SELECT count(*) FROM help_requests").int == requests)
            #expect(try db.scalar("SELECT count(*) FROM accompaniments").int == 1)
        }
    }

    /// Both records registered to one session: the registration that tells the most stays
    /// (present beats excused; a seat beats the waiting list), and the fold is counted.
    @Test(arguments: TestBackends.all)
    func mergeFoldsTwoRegistrationsToOneSessionKeepingTheMostInformative(_ backend: Backend) throws {
        try withDatabase(backend) { db, _ in
            try IntakeSeed.seed(db)
            let a = try IntakeSeed.addResident(db, try IntakeSeed.followed("Leila", "Amrani"))
            let b = try IntakeSeed.addResident(db, try IntakeSeed.followed("Leïla", "Amrani"))
            let now = Date()
            try db.transaction { db in
                try db.execute("INSERT INTO workshops (id, code, title, theme, level, duration_minutes, capacity) VALUES (1, 'w-mail', 'Mes premiers e-mails', 'email', 'debutant', 120, 8)")
                for session in 1...4 {
                    try db.execute(
                        "INSERT INTO sessions (id, code, kind, workshop_id, week, site_id, conseiller_id, duration_minutes, capacity) VALUES ($1, $2, 'workshop', 1, '2026-W49', 1, 1, 120, 8)",
                        [.integer(Int64(session)), .text("s-\(session)")])
                }
                // s-1: A excused, B present → B's stays. s-2: B alone. s-3: A registered, B waitlisted → A's stays.
                // s-4: neither marked, both seated → A's stays (the kept record wins a tie).
                let rows: [(Int64, Int64, String, Int64?, String?)] = [
                    (1, a, "registered", nil, "excused"), (1, b, "registered", nil, "present"), (2, b, "registered", nil, nil),
                    (3, a, "registered", nil, nil), (3, b, "waitlisted", 1, nil), (4, a, "registered", nil, nil), (4, b, "registered", nil, nil),
                ]
                for (session, resident, status, position, attendance) in rows {
                    try db.execute(
                        "INSERT INTO registrations (session_id, resident_id, status, waitlist_position, attendance, registered_at, registered_by) VALUES ($1, $2, $3, $4, $5, $6, 't')",
                        [.integer(session), .integer(resident), .text(status), .optional(position), .optional(attendance), .timestamp(now)])
                }
            }
            let summary = try ResidentStore.merge(db, keep: a, absorb: b, actor: "t")
            #expect(summary.foldedRegistrations == 3)
            #expect(summary.registrations == 2, "B's rows for s-1 (present) and s-2 moved")
            let kept = try db.query(
                "SELECT session_id, status, attendance FROM registrations WHERE resident_id = $1 ORDER BY session_id", [.integer(a)]
            ).map { "\($0.int("session_id") ?? 0) \($0.string("status") ?? "-") \($0.string("attendance") ?? "-")" }
            #expect(kept == ["1 registered present", "2 registered -", "3 registered -", "4 registered -"])
            #expect(try db.scalar("SELECT count(*) FROM registrations WHERE resident_id = $1", [.integer(b)]).int == 0)
            #expect(try db.scalar("SELECT count(*) FROM registrations").int == 4)
            let note = try AuditTrail.events(db, entity: "resident", id: a).first { $0.action == "merge" }?.note
            #expect(note?.contains("3 duplicate registrations folded") == true, "\(note ?? "no note")")
        }
    }
}
