import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

@Suite struct DemoTests {
    static let today = try! LocalDate(parsing: "2026-11-29")

    static func dump(_ db: Database) throws -> [String: [[SQLValue]]] {
        var out: [String: [[SQLValue]]] = [:]
        for table in Database.domainTables + ["request_themes", "accompaniment_themes", "loans", "number_sequences"] {
            out[table] = try db.query("SELECT * FROM \(table) ORDER BY 1, 2").map(\.values)
        }
        return out
    }

    @Test(arguments: TestBackends.all)
    func theSameSeedGivesTheSameContent(_ backend: Backend) throws {
        let (ta, tb, tc) = (try TestDatabase(backend), try TestDatabase(backend), try TestDatabase(backend))
        let (a, b, c) = (try ta.openMigrated(), try tb.openMigrated(), try tc.openMigrated())
        _ = try DemoGenerator(seed: 7, scale: 2, today: Self.today).run(into: a)
        _ = try DemoGenerator(seed: 7, scale: 2, today: Self.today).run(into: b)
        _ = try DemoGenerator(seed: 8, scale: 2, today: Self.today).run(into: c)
        let dumpA = try Self.dump(a)
        #expect(dumpA == (try Self.dump(b)))
        #expect(dumpA["residents"] != (try Self.dump(c))["residents"])
        #expect(dumpA["help_requests"]?.count == 2 * DemoGenerator.requestsPerUnit)
    }

    @Test(arguments: TestBackends.all)
    func everyGeneratedRowSatisfiesTheDomainRules(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        let db = try test.openMigrated()
        _ = try DemoGenerator(seed: 42, scale: 1, today: Self.today).run(into: db)
        let year = Self.today.year

        let residents = try db.query("SELECT * FROM residents")
        #expect(residents.count == DemoGenerator.residentsPerUnit)
        var followed = 0
        for row in residents {
            let gender = try Gender.parse(row.string("gender") ?? "")
            let status = try SocialStatus.parse(row.string("social_status") ?? "")
            let birthYear = row.int("birth_year").map(Int.init)
            if row.string("kind") == "followed" {
                followed += 1
                let consentDay = LocalDate(try #require(row.date("consent_at")), timeZone: TimeZone(identifier: "UTC")!)
                let resident = try Resident.followed(
                    firstName: row.string("first_name") ?? "", lastName: row.string("last_name"), phone: row.string("phone"),
                    email: row.string("email"), consent: try Consent(date: consentDay, textVersion: row.string("consent_version") ?? ""),
                    gender: gender, birthYear: birthYear, socialStatus: status, commune: row.string("commune"),
                    postcode: row.string("postcode"), referenceYear: year)
                #expect(row.string("name_key") == NameKey.make(firstName: resident.details?.firstName, lastName: resident.details?.lastName))
            } else {
                _ = try Resident.anonymous(gender: gender, birthYear: birthYear, socialStatus: status, commune: row.string("commune"),
                                           postcode: row.string("postcode"), referenceYear: year)
            }
        }
        #expect(followed > 150 && followed < 270)

        let sites = Dictionary(uniqueKeysWithValues: try db.query("SELECT id, code FROM sites").map { ($0.int("id")!, $0.string("code")!) })
        var themes: [Int64: [Theme]] = [:]
        for row in try db.query("SELECT request_id, theme FROM request_themes") { themes[row.int("request_id")!, default: []].append(try Theme.parse(row.string("theme")!)) }
        var subThemes: [Int64: [AdministrativeSubTheme]] = [:]
        for row in try db.query("SELECT request_id, subtheme FROM request_subthemes") { subThemes[row.int("request_id")!, default: []].append(try AdministrativeSubTheme.parse(row.string("subtheme")!)) }
        for row in try db.query("SELECT * FROM help_requests") {
            let id = row.int("id")!
            let number = try RequestNumber(parsing: row.string("number")!)
            _ = try HelpRequest(
                id: id, number: number, siteCode: sites[row.int("site_id")!]!, channel: try RequestChannel.parse(row.string("channel")!),
                field: try InclusionField.parse(row.string("field")!), themes: themes[id] ?? [], subThemes: subThemes[id] ?? [],
                summary: row.string("summary")!, urgency: Urgency.allCases.first { $0.rank == Int(row.int("urgency")!) }!,
                deadline: try row.string("deadline").map { try LocalDate(parsing: $0) }, residentId: row.int("resident_id"))
            _ = try RequestStatus.parse(row.string("status")!)
            if let outcome = row.string("outcome") { _ = try RequestOutcome.parse(outcome) }
            if let referral = row.string("referral_structure") { _ = try ReferralStructure.parse(referral) }
        }

        var accThemes: [Int64: [Theme]] = [:]
        for row in try db.query("SELECT accompaniment_id, theme FROM accompaniment_themes") { accThemes[row.int("accompaniment_id")!, default: []].append(try Theme.parse(row.string("theme")!)) }
        var accSubs: [Int64: [AdministrativeSubTheme]] = [:]
        for row in try db.query("SELECT accompaniment_id, subtheme FROM accompaniment_subthemes") { accSubs[row.int("accompaniment_id")!, default: []].append(try AdministrativeSubTheme.parse(row.string("subtheme")!)) }
        var accEquipment: [Int64: [EquipmentUsed]] = [:]
        for row in try db.query("SELECT accompaniment_id, equipment FROM accompaniment_equipment") { accEquipment[row.int("accompaniment_id")!, default: []].append(try EquipmentUsed.parse(row.string("equipment")!)) }
        var participants: [Int64: [Int64]] = [:]
        for row in try db.query("SELECT accompaniment_id, resident_id FROM accompaniment_participants") { participants[row.int("accompaniment_id")!, default: []].append(row.int("resident_id")!) }
        var anonymousCount: [Int64: Int] = [:]
        for row in try db.query("SELECT accompaniment_id, count FROM accompaniment_anonymous") { anonymousCount[row.int("accompaniment_id")!, default: 0] += Int(row.int("count")!) }
        let accompaniments = try db.query("SELECT * FROM accompaniments")
        #expect(accompaniments.contains { $0.string("activity_type") == "collectif" })
        for row in accompaniments {
            let id = row.int("id")!
            let type = try ActivityType.parse(row.string("activity_type")!)
            let anonymous = try anonymousCount[id].map { count in
                try AnonymousParticipants(total: count, byGender: [.feminin: count], byAgeBracket: [.soixanteSoixanteNeuf: count], bySocialStatus: [.retraite: count])
            } ?? .none
            _ = try Accompaniment(
                id: id, type: type, date: try LocalDate(parsing: row.string("day")!), durationMinutes: Int(row.int("duration_minutes")!),
                placeType: try PlaceType.parse(row.string("place_type")!), siteCode: row.int("site_id").flatMap { sites[$0] },
                commune: row.string("commune"), equipment: accEquipment[id] ?? [], themes: accThemes[id] ?? [], subThemes: accSubs[id] ?? [],
                procedure: row.string("procedure_name"), autonomy: try row.string("autonomy").map { try Autonomy.parse($0) },
                referral: try row.string("referral_structure").map { try ReferralStructure.parse($0) },
                requestId: row.int("request_id"), title: row.string("title"), level: try row.string("level").map { try WorkshopLevel.parse($0) },
                sessionId: row.int("session_id"), residentIds: participants[id] ?? [], anonymous: anonymous)
        }

        for row in try db.query("SELECT asset_tag, kind, status, condition FROM devices") {
            let tag = try AssetTag(parsing: row.string("asset_tag")!)
            #expect(tag.kind == (try DeviceKind.parse(row.string("kind")!)))
            _ = try DeviceStatus.parse(row.string("status")!)
            _ = try DeviceCondition.parse(row.string("condition")!)
        }
        // Overdue loans exist, and every device on loan has exactly one open loan.
        let overdue = try db.scalar("SELECT count(*) FROM loans WHERE status = 'open' AND due_on < $1", [.date("2026-11-29")]).int ?? 0
        #expect(overdue > 0)
        let onLoan = try db.scalar("SELECT count(*) FROM devices WHERE status = 'on_loan'").int
        let openDeviceLoans = try db.scalar("SELECT count(*) FROM loans WHERE status = 'open' AND device_id IS NOT NULL").int
        #expect(onLoan == openDeviceLoans)
        // Registrations never exceed a session's capacity.
        let overfull = try db.scalar("""
            SELECT count(*) FROM sessions s WHERE capacity <
              (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'registered')
            """).int
        #expect(overfull == 0)
    }

    @Test(arguments: TestBackends.all)
    func numbersContinueAfterTheDemo(_ backend: Backend) throws {
        let test = try TestDatabase(backend)
        let db = try test.openMigrated()
        _ = try DemoGenerator(seed: 1, scale: 1, today: Self.today).run(into: db)
        let maxNumber = try db.scalar("SELECT max(number) FROM help_requests WHERE number LIKE 'D-2026-%'").string ?? ""
        let next = try db.transaction { db in try NumberSequence.next(db, scope: "request", year: 2026) }
        #expect(String(format: "D-2026-%06lld", next) > maxNumber)
        // Identity columns continue after explicit ids on PostgreSQL too.
        try db.execute("INSERT INTO sites (code, name, kind) VALUES ('new-site', 'New', 'other')")
        #expect(try db.scalar("SELECT count(*) FROM sites").int == 7)
    }
}
