import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport

/// A database with the reference data intake needs: two sites, conseillers, a desk agent, a consent text,
/// one resident (#1 Fatima BENALI) and one new request (D-<this year>-000001).
final class IntakeWorld {
    let test: TestDatabase
    let year = IntakeWorld.today.year
    static var today: LocalDate { LocalDate(Date(), timeZone: TimeZone(identifier: "Europe/Paris")!) }

    init(_ backend: Backend, withRequest: Bool = true) throws {
        test = try TestDatabase(backend)
        let db = try test.openMigrated()
        let now = Date()
        try db.transaction { db in
            try db.execute("INSERT INTO sites (id, code, name, kind, address, commune) VALUES (1, 'mdh-surieux', 'Maison des habitants Surieux', 'mdh', '8 allée de Surieux', 'Échirolles')")
            try db.execute("INSERT INTO sites (id, code, name, kind, address, commune) VALUES (2, 'bib-neruda', 'Bibliothèque Pablo Neruda', 'library', '1 place Beaumarchais', 'Échirolles')")
            for day in 0..<5 { try db.execute("INSERT INTO site_hours VALUES (1, $1, 510, 720)", [.integer(Int64(day))]) }
            try db.execute("INSERT INTO site_hours VALUES (1, 0, 810, 1050)")
            for (id, code, skill) in [(1, "c-amina", "aide_aux_demarches_administratives"), (2, "c-julien", "maintenance_de_materiel")] {
                try db.execute(
                    "INSERT INTO staff (id, code, first_name, last_name, role, created_at) VALUES ($1, $2, 'C', 'X', 'conseiller', $3)",
                    [.integer(Int64(id)), .text(code), .timestamp(now)])
                try db.execute("INSERT INTO staff_skills VALUES ($1, $2)", [.integer(Int64(id)), .text(skill)])
                try db.execute("INSERT INTO staff_sites VALUES ($1, 1)", [.integer(Int64(id))])
            }
            try db.execute("INSERT INTO document_versions VALUES ('consent', '2025-01', 'Texte', '2025-01-01')")
            if db.backend == .postgres {
                for table in ["sites", "staff"] { try db.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), 10)") }
            }
        }
        _ = try ResidentStore.add(
            db, try Resident.followed(
                firstName: "Fatima", lastName: "BENALI", phone: "06 12 34 56 78",
                consent: try Consent(date: Self.today, textVersion: "2025-01"), referenceYear: year),
            actor: "setup")
        if withRequest {
            _ = try RequestStore.open(
                db, try HelpRequest(siteCode: "mdh-surieux", channel: .walkIn, field: .usageAssistance,
                                    themes: [.aideAuxDemarchesAdministratives], summary: "Déclaration trimestrielle CAF", residentId: 1),
                actor: "setup", today: Self.today)
        }
    }

    var number: String { "D-\(year)-000001" }

    func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> ProgramResult {
        try Programs.run("relais-intake", arguments + ["--database", test.argument], environment: environment, stdin: stdin)
    }

    /// Row counts of every table intake writes.
    func counts() throws -> [Int64] {
        let db = try test.open()
        return try ["residents", "help_requests", "request_themes", "audit_events", "accompaniments", "number_sequences"].map {
            try db.scalar("SELECT count(*) FROM \($0)").int ?? -1
        }
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
}
