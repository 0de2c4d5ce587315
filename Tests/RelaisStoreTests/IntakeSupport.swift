import Foundation
import RelaisCore
import RelaisStore

/// Reference data for intake tests: two sites with hours, three conseillers, a desk agent, a consent text.
enum IntakeSeed {
    static let today = try! LocalDate(parsing: "2026-11-29")
    /// Ten o'clock in the town on `today`: when a request logged on `today` is opened (an
    /// accompaniment may not predate its request, whatever day the tests run).
    static let now = ParisTime.instant(today, minute: 600)

    static func seed(_ db: Database) throws {
        let now = Date()
        try db.transaction { db in
            try db.execute("INSERT INTO sites (id, code, name, kind, address, commune) VALUES (1, 'mdh-surieux', 'Maison des habitants Surieux', 'mdh', '8 allée de Surieux', 'Échirolles')")
            try db.execute("INSERT INTO sites (id, code, name, kind, address, commune) VALUES (2, 'bib-neruda', 'Bibliothèque Pablo Neruda', 'library', '1 place Beaumarchais', 'Échirolles')")
            for site in [1, 2] {
                for day in 0..<5 { try db.execute("INSERT INTO site_hours VALUES ($1, $2, 510, 720)", [.integer(Int64(site)), .integer(Int64(day))]) }
            }
            let staff: [(Int64, String, String, [String], [Int64])] = [
                (1, "c-amina", "conseiller", ["aide_aux_demarches_administratives", "email"], [1]),
                (2, "c-julien", "conseiller", ["maintenance_de_materiel", "aide_aux_demarches_administratives"], [1, 2]),
                (3, "c-claire", "conseiller", ["email"], [2]),
                (4, "a-sylvie", "desk_agent", [], [1]),
            ]
            for (id, code, role, skills, sites) in staff {
                try db.execute(
                    "INSERT INTO staff (id, code, first_name, last_name, role, created_at) VALUES ($1, $2, $3, 'X', $4, $5)",
                    [.integer(id), .text(code), .text(code.capitalized), .text(role), .timestamp(now)])
                for skill in skills { try db.execute("INSERT INTO staff_skills VALUES ($1, $2)", [.integer(id), .text(skill)]) }
                for site in sites { try db.execute("INSERT INTO staff_sites VALUES ($1, $2)", [.integer(id), .integer(site)]) }
            }
            try db.execute("INSERT INTO document_versions VALUES ('consent', '2025-01', 'Texte', '2025-01-01')")
            if db.backend == .postgres {
                for table in ["sites", "staff"] {
                    try db.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), 10)")
                }
            }
        }
    }

    static func followed(_ first: String, _ last: String? = nil, phone: String? = nil, email: String? = nil) throws -> Resident {
        try Resident.followed(
            firstName: first, lastName: last, phone: phone, email: email,
            consent: try Consent(date: today, textVersion: "2025-01"), referenceYear: today.year)
    }

    static func request(
        site: String = "mdh-surieux", themes: [Theme] = [.aideAuxDemarchesAdministratives], summary: String = "Déclaration CAF",
        urgency: Urgency = .normal, deadline: LocalDate? = nil, resident: Int64? = nil, field: InclusionField = .usageAssistance
    ) throws -> HelpRequest {
        try HelpRequest(
            siteCode: site, channel: .walkIn, field: field, themes: themes, summary: summary, urgency: urgency,
            deadline: deadline, residentId: resident)
    }

    static func addResident(_ db: Database, _ resident: Resident) throws -> Int64 {
        guard case .created(let record) = try ResidentStore.add(db, resident, actor: "test", allowDuplicates: true) else {
            throw StoreError(.other, "not created")
        }
        return record.id
    }

    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EndToEndTests/Fixtures/\(name)")
    }
}
