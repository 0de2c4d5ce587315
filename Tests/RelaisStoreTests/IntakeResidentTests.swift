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
                _ = try RequestStore.open(db, try IntakeSeed.request(resident: resident), actor: "t", today: IntakeSeed.today)
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
        }
    }
}
