import Foundation
import RelaisCore

/// What `relais-admin demo` wrote.
public struct DemoSummary: Sendable {
    public var rows: [String: Int] = [:]
    /// Every row written, all tables together.
    public var totalRows: Int { rows.values.reduce(0, +) }
}

/// A realistic, deterministic Échirolles-like dataset: sites and rooms with opening hours,
/// conseillers and desk agents, residents, a year of help requests with their accompaniments and
/// audit trail, workshops with registrations and attendance, an association website series,
/// refurbished devices, SIM stock and loans (some overdue).
///
/// `scale` multiplies the residents, requests, accompaniments and audit events (one unit is about
/// 300 residents and 333 requests, so `--scale 3000` is about a million requests); the
/// reference data, the workshops and the device fleet stay the size of one town.
public struct DemoGenerator: Sendable {
    public let seed: UInt64
    public let scale: Int
    public let today: LocalDate
    /// Requests per scale unit.
    public static let requestsPerUnit = 333
    /// Residents per scale unit.
    public static let residentsPerUnit = 300
    /// The largest scale: request numbers allow 999,999 a year, and a unit's requests may all
    /// fall in one calendar year (3003 units, about a million requests).
    public static let maxScale = RequestNumber.maxSequence / requestsPerUnit
    /// Scale units written per transaction.
    static let unitsPerBatch = 10

    public init(seed: UInt64, scale: Int, today: LocalDate) {
        self.seed = seed
        self.scale = min(max(1, scale), Self.maxScale)
        self.today = today
    }

    /// Fills an empty database. Each scale unit is one transaction.
    /// - Throws: `StoreError.conflict` when the database already holds residents or requests.
    public func run(into db: Database, progress: (Int, Int) -> Void = { _, _ in }) throws -> DemoSummary {
        let existing = try db.scalar("SELECT (SELECT count(*) FROM residents) + (SELECT count(*) FROM help_requests) + (SELECT count(*) FROM sites)").int ?? 0
        guard existing == 0 else {
            throw StoreError(
                .conflict,
                "the database already holds data; the demo fills an empty database only: give another --database")
        }
        var writer = DemoWriter(db: db, today: today)
        var rng = DemoRandom(seed: seed, stream: 0)
        try db.transaction { _ in
            try writer.referenceData(&rng)
            try writer.flush()
        }
        // Units are written in batches: one transaction and one bulk load per table for several
        // units (fewer round trips and COPY starts on PostgreSQL), the same rows as unit by unit.
        var unit = 0
        while unit < scale {
            let end = min(scale, unit + Self.unitsPerBatch)
            try db.transaction { _ in
                for u in unit..<end {
                    var unitRNG = DemoRandom(seed: seed, stream: UInt64(u) + 1)
                    try writer.activityUnit(u, &unitRNG)
                    if u == 0 {
                        // Workshops refer to this unit's residents and add accompaniments that
                        // refer to sessions: write what precedes them first.
                        try writer.flush()
                        try writer.workshopsAndLoans(&rng)
                        try writer.flush()
                    }
                }
                try writer.flush()
            }
            progress(end, scale)
            unit = end
        }
        try db.transaction { _ in try writer.finish() }
        // Statistics for the query planner: without them SQLite reads the queue through the
        // wrong index (`queue --overdue` took 1.5 s on a million requests instead of milliseconds).
        try db.execute("ANALYZE")
        return writer.summary
    }
}

/// Builds and writes the rows; keeps the id counters and what later rows refer to.
struct DemoWriter {
    let db: Database
    let today: LocalDate
    var summary = DemoSummary()
    private var nextID: [String: Int64] = [:]
    private var requestCounters: [Int: Int64] = [:]
    private var loanCounter: Int64 = 0

    // Reference data kept for the activity units.
    private var sites: [(id: Int64, code: String, commune: String)] = []
    private var conseillers: [(id: Int64, code: String, sites: [Int64], skills: [Theme])] = []
    private var deskAgents: [(id: Int64, code: String, site: Int64)] = []
    private var roomsBySite: [Int64: [(id: Int64, capacity: Int)]] = [:]
    private var firstUnitResidents: [(id: Int64, gender: String, birthYear: Int?, status: String)] = []

    init(db: Database, today: LocalDate) {
        self.db = db
        self.today = today
    }

    private mutating func id(_ table: String) -> Int64 {
        let value = (nextID[table] ?? 0) + 1
        nextID[table] = value
        return value
    }

    /// Rows waiting for `flush()`, per table in the order tables were first written (parents first).
    private var pending: [(table: String, columns: [String], rows: [[SQLValue]])] = []

    private mutating func insert(_ table: String, _ columns: [String], _ rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        if let i = pending.firstIndex(where: { $0.table == table }) {
            pending[i].rows.append(contentsOf: rows)
        } else {
            pending.append((table, columns, rows))
        }
        summary.rows[table, default: 0] += rows.count
    }

    /// Writes the pending rows, one bulk load per table.
    mutating func flush() throws {
        for batch in pending { try db.bulkInsert(table: batch.table, columns: batch.columns, rows: batch.rows) }
        pending.removeAll()
    }

    // MARK: Reference data

    mutating func referenceData(_ rng: inout DemoRandom) throws {
        let createdAt = ParisTime.instant(today.adding(days: -400), minute: 9 * 60)
        let siteDefs: [(String, String, String, String, String)] = [
            ("mdh-village-sud", "Maison des habitants Village Sud", "mdh", "village-sud", "12 rue du Village"),
            ("mdh-essarts", "Maison des habitants Les Essarts", "mdh", "essarts-surieux", "3 place des Essarts"),
            ("mdh-surieux", "Maison des habitants Surieux", "mdh", "essarts-surieux", "8 allée de Surieux"),
            ("mdh-ouest", "Maison des habitants Ouest", "mdh", "ouest", "45 avenue de l’Europe"),
            ("bib-neruda", "Bibliothèque Pablo Neruda", "library", "centre", "1 place Beaumarchais"),
            ("maison-assos", "Maison des associations", "associations", "centre", "20 rue du 19 Mars 1962"),
        ]
        var siteRows: [[SQLValue]] = []
        var hourRows: [[SQLValue]] = []
        var roomRows: [[SQLValue]] = []
        var roomHourRows: [[SQLValue]] = []
        for (code, name, kind, neighbourhood, address) in siteDefs {
            let siteID = id("sites")
            sites.append((siteID, code, "Échirolles"))
            siteRows.append([.integer(siteID), .text(code), .text(name), .text(kind), .text(neighbourhood), .text(address), "Échirolles", .bool(true)])
            let days = kind == "library" ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4]
            for weekday in days {
                hourRows.append([.integer(siteID), .integer(Int64(weekday)), 510, 720])
                if !(kind == "mdh" && weekday == 2) { hourRows.append([.integer(siteID), .integer(Int64(weekday)), 810, 1050]) }
            }
            let roomDefs: [(String, String, Int, String)] =
                kind == "associations"
                ? [("salle-formation", "Salle de formation", 12, "laptops,projector"), ("salle-reunion", "Salle de réunion", 20, "projector")]
                : kind == "library"
                    ? [("espace-numerique", "Espace numérique", 10, "laptops,tablets"), ("auditorium", "Auditorium", 40, "projector")]
                    : [("salle-1", "Salle 1", rng.pick([8, 10, 12]), "laptops,projector"), ("bureau-accueil", "Bureau d’accueil", 2, "")]
            for (suffix, roomName, capacity, equipment) in roomDefs {
                let roomID = id("rooms")
                roomsBySite[siteID, default: []].append((roomID, capacity))
                roomRows.append([.integer(roomID), .text("\(code)-\(suffix)"), .integer(siteID), .text(roomName), .integer(Int64(capacity)), .text(equipment), .bool(true)])
                for weekday in days {
                    roomHourRows.append([.integer(roomID), .integer(Int64(weekday)), 510, 720])
                    roomHourRows.append([.integer(roomID), .integer(Int64(weekday)), 810, 1080])
                }
            }
        }
        try insert("sites", ["id", "code", "name", "kind", "neighbourhood", "address", "commune", "active"], siteRows)
        try insert("site_hours", ["site_id", "weekday", "start_minute", "end_minute"], hourRows)
        try insert("rooms", ["id", "code", "site_id", "name", "capacity", "equipment", "active"], roomRows)
        try insert("room_hours", ["room_id", "weekday", "start_minute", "end_minute"], roomHourRows)

        // Staff: five conseillers, a desk agent per maison des habitants, a coordinator.
        let conseillerDefs: [(String, String, String, [Theme], Int)] = [
            ("c-amina", "Amina", "Khelifi", [.bureautique, .aideAuxDemarchesAdministratives, .email, .sante], 35 * 60),
            ("c-julien", "Julien", "Roux", [.prendreEnMainDuMateriel, .maintenanceDeMateriel, .diagnosticNumerique, .securiteNumerique], 35 * 60),
            ("c-thi-lan", "Thi Lan", "Nguyen", [.aideAuxDemarchesAdministratives, .banqueEtAchatsEnLigne, .navigationSurInternet, .parentalite, .scolariteEtNumerique], 28 * 60),
            ("c-moussa", "Moussa", "Diallo", [.creerAvecLeNumerique, .reseauxSociaux, .entrepreneuriat, .cultureNumerique, .intelligenceArtificielle], 35 * 60),
            ("c-claire", "Claire", "Fontaine", [.insertionProfessionnelle, .bureautique, .email, .gereSesContenusNumeriques, .aideAuxDemarchesAdministratives], 24 * 60),
        ]
        var staffRows: [[SQLValue]] = []
        var skillRows: [[SQLValue]] = []
        var staffSiteRows: [[SQLValue]] = []
        var halfDayRows: [[SQLValue]] = []
        for (n, (code, first, last, skills, minutes)) in conseillerDefs.enumerated() {
            let staffID = id("staff")
            let worksAt = [sites[n % 4].id, sites[(n + 1) % 4].id] + (n % 2 == 0 ? [sites[4].id] : [sites[5].id])
            conseillers.append((staffID, code, worksAt, skills))
            staffRows.append([.integer(staffID), .text(code), .text(first), .text(last), "conseiller",
                              .text("\(first.lowercased().replacingOccurrences(of: " ", with: "-")).\(last.lowercased())@ville-echirolles.fr"),
                              .integer(Int64(minutes)), 480, .bool(true), .timestamp(createdAt)])
            for skill in skills { skillRows.append([.integer(staffID), .text(skill.code)]) }
            for site in worksAt { staffSiteRows.append([.integer(staffID), .integer(site)]) }
            let halfDays = minutes / (210)  // about 3.5 h per half-day
            var given = 0
            for weekday in 0..<5 {
                for half in ["am", "pm"] where given < halfDays {
                    if minutes < 35 * 60 && weekday == 2 { continue }  // part-time: free on Wednesday
                    halfDayRows.append([.integer(staffID), .integer(Int64(weekday)), .text(half), "available"])
                    given += 1
                }
            }
            halfDayRows.append([.integer(staffID), .integer(Int64((n + 2) % 5)), "pm", "undesired"])
        }
        let deskDefs: [(String, String, String)] = [
            ("a-sylvie", "Sylvie", "Martin"), ("a-karim", "Karim", "Haddad"), ("a-elodie", "Élodie", "Morel"),
            ("a-jose", "José", "Garcia"),
        ]
        for (n, (code, first, last)) in deskDefs.enumerated() {
            let staffID = id("staff")
            deskAgents.append((staffID, code, sites[n].id))
            staffRows.append([.integer(staffID), .text(code), .text(first), .text(last), "desk_agent", .null, .integer(35 * 60), 480, .bool(true), .timestamp(createdAt)])
            staffSiteRows.append([.integer(staffID), .integer(sites[n].id)])
        }
        let coordinatorID = id("staff")
        staffRows.append([.integer(coordinatorID), "coord-nadia", "Nadia", "Benhamou", "coordinator", "nadia.benhamou@ville-echirolles.fr", .integer(35 * 60), 480, .bool(true), .timestamp(createdAt)])
        try insert("staff", ["id", "code", "first_name", "last_name", "role", "email", "contracted_minutes_per_week", "max_minutes_per_day", "active", "created_at"], staffRows)
        try insert("staff_skills", ["staff_id", "theme"], skillRows)
        try insert("staff_sites", ["staff_id", "site_id"], staffSiteRows)
        try insert("staff_half_days", ["staff_id", "weekday", "half", "preference"], halfDayRows)

        try insert("document_versions", ["kind", "version", "body", "published_on"], [
            ["consent", "2025-01", .text(Self.consentText), .date(today.adding(days: -500).description)],
            ["loan_agreement", "2025-01", .text(Self.loanAgreementText), .date(today.adding(days: -500).description)],
        ])
        var holidays: [[SQLValue]] = []
        for year in [today.year - 1, today.year, today.year + 1] {
            for (month, day, name) in [(1, 1, "Jour de l’an"), (5, 1, "Fête du travail"), (5, 8, "Victoire 1945"), (7, 14, "Fête nationale"),
                                       (8, 15, "Assomption"), (11, 1, "Toussaint"), (11, 11, "Armistice 1918"), (12, 25, "Noël")] {
                holidays.append([.date(String(format: "%04d-%02d-%02d", year, month, day)), .text(name)])
            }
            let easter = Self.easterSunday(year)
            for (offset, name) in [(1, "Lundi de Pâques"), (39, "Ascension"), (50, "Lundi de Pentecôte")] {
                holidays.append([.date(easter.adding(days: offset).description), .text(name)])
            }
        }
        try insert("public_holidays", ["day", "name"], holidays)
    }

    // MARK: One unit of activity

    mutating func activityUnit(_ unit: Int, _ rng: inout DemoRandom) throws {
        let yearStart = today.adding(days: -365)
        // Residents.
        var residentRows: [[SQLValue]] = []
        var residentCreated: [(id: Int64, created: Int, followed: Bool)] = []
        for _ in 0..<DemoGenerator.residentsPerUnit {
            let residentID = id("residents")
            let createdDay = rng.int(-420...(-1))
            let createdDate = today.adding(days: createdDay)
            let created = ParisTime.instant(createdDate, minute: rng.int(9 * 60...17 * 60))
            let followed = rng.chance(0.75)
            let gender = rng.weighted([("feminin", 55), ("masculin", 40), ("non_communique", 5)])
            let birthYear: Int? = rng.chance(0.1) ? nil : today.year - rng.weighted([
                (rng.int(12...17), 5), (rng.int(18...24), 8), (rng.int(25...39), 22), (rng.int(40...59), 30),
                (rng.int(60...69), 20), (rng.int(70...92), 15),
            ])
            let age = birthYear.map { today.year - $0 } ?? 45
            let status: String =
                age < 18 ? "scolarise"
                : age >= 63 ? rng.weighted([("retraite", 85), ("non_communique", 15)])
                : rng.weighted([("sans_emploi", 40), ("en_emploi", 35), ("scolarise", age < 25 ? 20 : 2), ("non_communique", 10)])
            let commune = rng.weighted([("Échirolles", 82), ("Grenoble", 8), ("Le Pont-de-Claix", 5), ("Eybens", 3), ("Saint-Martin-d’Hères", 2)])
            let postcode = ["Échirolles": "38130", "Grenoble": "38100", "Le Pont-de-Claix": "38800", "Eybens": "38320"][commune] ?? "38400"
            if followed {
                let first = rng.pick(Self.firstNames(gender))
                let last = rng.chance(0.85) ? rng.pick(Self.lastNames) : nil
                let phone: String? = rng.chance(0.7) ? "+33" + rng.pick(["6", "7"]) + LocalDate.pad(rng.int(0...99_999_999), 8) : nil
                let email: String? = rng.chance(0.3)
                    ? "\(NameKey.fold(first).joined(separator: "."))\(last.map { "." + NameKey.fold($0).joined(separator: "-") } ?? "")\(rng.int(1...99))@\(rng.pick(["orange.fr", "gmail.com", "free.fr", "laposte.net", "sfr.fr"]))"
                    : nil
                residentRows.append([.integer(residentID), "followed", .text(first), .optional(last), .optional(phone), .optional(email),
                                     .optional(birthYear), .text(commune), .text(postcode), .text(gender), .text(status),
                                     .timestamp(created), "2025-01", .text(NameKey.make(firstName: first, lastName: last)), .optional(phone),
                                     .timestamp(created), .text(deskAgents[Int(residentID) % deskAgents.count].code), .timestamp(created), .null, .null])
            } else {
                residentRows.append([.integer(residentID), "anonymous", .null, .null, .null, .null, .optional(birthYear), .text(commune),
                                     .text(postcode), .text(gender), .text(status), .null, .null, .null, .null,
                                     .timestamp(created), .text(deskAgents[Int(residentID) % deskAgents.count].code), .timestamp(created), .null, .null])
            }
            residentCreated.append((residentID, createdDay, followed))
            if unit == 0 { firstUnitResidents.append((residentID, gender, birthYear, status)) }
        }

        // Help requests with their themes, audit trail and accompaniments.
        var requestRows: [[SQLValue]] = []
        var themeRows: [[SQLValue]] = []
        var subRows: [[SQLValue]] = []
        var auditRows: [[SQLValue]] = []
        var accRows: [[SQLValue]] = []
        var accThemeRows: [[SQLValue]] = []
        var accSubRows: [[SQLValue]] = []
        var accEquipmentRows: [[SQLValue]] = []
        var lastActivity: [Int64: Date] = [:]
        for _ in 0..<DemoGenerator.requestsPerUnit {
            let requestID = id("help_requests")
            let resident = rng.chance(0.8) ? rng.pick(residentCreated) : nil
            let earliest = max(-365, resident?.created ?? -365)
            let openedDay = rng.int(earliest...0)
            let openedDate = today.adding(days: openedDay)
            guard openedDate >= yearStart else { continue }
            let year = openedDate.year
            let sequence = (requestCounters[year] ?? 0) + 1
            requestCounters[year] = sequence
            let number = "D-" + LocalDate.pad(year, 4) + "-" + LocalDate.pad(Int(sequence), 6)
            let site = rng.weighted(sites.prefix(5).enumerated().map { ($0.element, $0.offset < 4 ? 22 : 12) })
            let desk = deskAgents.first { $0.site == site.id } ?? deskAgents[0]
            let field = rng.weighted(Self.fieldWeights)
            var themes = [rng.pick(Self.themesByField[field]!)]
            if rng.chance(0.3) { let extra = rng.pick(Self.themesByField[field]!); if extra != themes[0] { themes.append(extra) } }
            var subThemes: [AdministrativeSubTheme] = []
            var procedure: String? = nil
            if themes.contains(.aideAuxDemarchesAdministratives) {
                let (sub, proc) = rng.pick(Self.procedures)
                subThemes = [sub]
                procedure = proc
            }
            let summary = procedure.map { "Aide pour \($0)" } ?? rng.pick(Self.summaries[field]!)
            let urgency = rng.weighted([(0, 15), (1, 60), (2, 20), (3, 5)])
            let deadline: LocalDate? = (urgency >= 2 || procedure != nil) && rng.chance(0.6) ? openedDate.adding(days: rng.int(2...21)) : nil
            let channel = rng.weighted([("walk_in", 60), ("phone", 20), ("referral", 15), ("email", 5)])
            let openedAt = ParisTime.instant(openedDate, minute: rng.int(510...1020))
            let age = -openedDay
            // Older requests have moved further along their lifecycle.
            let status: String =
                age > 30 ? rng.weighted([("closed", 70), ("resolved", 12), ("referred", 12), ("waiting", 3), ("in_progress", 3)])
                : age > 7 ? rng.weighted([("closed", 25), ("resolved", 25), ("referred", 10), ("waiting", 15), ("in_progress", 15), ("assigned", 10)])
                : rng.weighted([("new", 30), ("assigned", 25), ("in_progress", 25), ("waiting", 10), ("resolved", 10)])
            let candidates = conseillers.filter { c in c.sites.contains(site.id) && themes.contains(where: c.skills.contains) }
            let conseiller = status == "new" ? nil : (candidates.isEmpty ? rng.pick(conseillers) : rng.pick(candidates))
            let referred = status == "referred" || (status == "closed" && rng.chance(0.15))
            let finished = ["resolved", "referred", "closed"].contains(status)
            let resolvedDay = finished ? min(0, openedDay + rng.int(0...min(40, age))) : nil
            let resolvedAt = resolvedDay.map { ParisTime.instant(today.adding(days: $0), minute: rng.int(540...1020)) }
            let closedAt = status == "closed" ? resolvedDay.map { ParisTime.instant(today.adding(days: min(0, $0 + rng.int(0...7))), minute: 1050) } : nil
            let outcome: String? = finished ? (referred ? "referred" : rng.weighted([("resolved", 75), ("oriented_workshop", 15), ("equipment_lent", 10)])) : nil
            let referral: (String, String)? = referred ? rng.pick(Self.referrals) : nil
            let updatedAt = closedAt ?? resolvedAt ?? openedAt
            requestRows.append([.integer(requestID), .text(number), .integer(site.id), .text(channel), .text(field.code), .text(summary),
                                .integer(Int64(urgency)), deadline.map { .date($0.description) } ?? .null,
                                resident.map { .integer($0.id) } ?? .null, .text(status), conseiller.map { .integer($0.id) } ?? .null,
                                .optional(outcome), .optional(referral?.0), .optional(referral?.1), .timestamp(openedAt), .text(desk.code),
                                .timestamp(updatedAt), resolvedAt.map { .timestamp($0) } ?? .null, closedAt.map { .timestamp($0) } ?? .null])
            for theme in themes { themeRows.append([.integer(requestID), .text(theme.code)]) }
            for sub in subThemes { subRows.append([.integer(requestID), .text(sub.code)]) }
            if let resident { lastActivity[resident.id] = max(lastActivity[resident.id] ?? .distantPast, updatedAt) }

            // Audit trail.
            auditRows.append([.integer(id("audit_events")), .timestamp(openedAt), .text(desk.code), "request", .integer(requestID), "open", "status", .null, "new", .null])
            if let conseiller {
                let assignedAt = openedAt.addingTimeInterval(Double(rng.int(5...240)) * 60)
                auditRows.append([.integer(id("audit_events")), .timestamp(assignedAt), .text(desk.code), "request", .integer(requestID), "assign", "assignee", .null, .text(conseiller.code), .null])
                auditRows.append([.integer(id("audit_events")), .timestamp(assignedAt), .text(desk.code), "request", .integer(requestID), "assign", "status", "new", "assigned", .null])
            }
            if let resolvedAt, let conseiller {
                let to = referred ? "referred" : "resolved"
                auditRows.append([.integer(id("audit_events")), .timestamp(resolvedAt), .text(conseiller.code), "request", .integer(requestID), referred ? "refer" : "resolve", "status", "in_progress", .text(to), .null])
                if let closedAt {
                    auditRows.append([.integer(id("audit_events")), .timestamp(closedAt), .text(conseiller.code), "request", .integer(requestID), "close", "status", .text(to), "closed", .null])
                }
            } else if status == "waiting" || status == "in_progress", let conseiller {
                auditRows.append([.integer(id("audit_events")), .timestamp(openedAt.addingTimeInterval(86_400)), .text(conseiller.code), "request", .integer(requestID), "start", "status", "assigned", .text(status), .null])
            }

            // Accompaniments: the work done, logged once, counted for the funder.
            if let conseiller, status != "assigned" {
                let count = rng.chance(0.3) && finished ? 2 : 1
                for k in 0..<count {
                    let accID = id("accompaniments")
                    let lastDay = resolvedDay ?? 0
                    let day = today.adding(days: k == count - 1 ? lastDay : rng.int(openedDay...lastDay))
                    let place = rng.weighted([("lieu_activite", 85), ("a_distance", 10), ("domicile", 5)])
                    let equipment: [EquipmentUsed] = field == .equipmentAccess || field == .hardwareSupport
                        ? [rng.pick([.ordinateur, .tablette, .telephone])]
                        : rng.weighted([([.ordinateur], 50), ([.telephone], 30), ([.ordinateur, .telephone], 10), ([.aucun], 10)])
                    let autonomy = rng.weighted([("entierement_accompagne", 45), ("partiellement_autonome", 40), ("autonome", 15)])
                    accRows.append([.integer(accID), "individuel", .date(day.description), .integer(Int64(rng.pick([15, 20, 30, 30, 45, 45, 60, 60, 90, 120]))),
                                    .text(place), place == "lieu_activite" ? .integer(site.id) : .null, place == "domicile" ? .text("Échirolles") : .null,
                                    .optional(procedure), .text(autonomy), k == count - 1 ? .optional(referral?.0) : .null,
                                    k == count - 1 ? .optional(referral?.1) : .null, .null, .null, .integer(requestID),
                                    resident.map { .integer($0.id) } ?? .null, .null, .integer(conseiller.id),
                                    .timestamp(ParisTime.instant(day, minute: 1080)), .text(conseiller.code)])
                    for theme in themes { accThemeRows.append([.integer(accID), .text(theme.code)]) }
                    for sub in subThemes { accSubRows.append([.integer(accID), .text(sub.code)]) }
                    for e in equipment { accEquipmentRows.append([.integer(accID), .text(e.code)]) }
                }
            }
        }
        // A resident's last activity is their latest request, else their creation.
        for i in residentRows.indices {
            if case .integer(let rid) = residentRows[i][0], let last = lastActivity[rid], let created = residentRows[i][15].timestamp, last > created {
                residentRows[i][17] = .timestamp(last)
            }
        }
        try insert("residents", ["id", "kind", "first_name", "last_name", "phone", "email", "birth_year", "commune", "postcode", "gender",
                                 "social_status", "consent_at", "consent_version", "name_key", "phone_key", "created_at", "created_by",
                                 "last_activity_at", "anonymised_at", "merged_into"], residentRows)
        try insert("help_requests", ["id", "number", "site_id", "channel", "field", "summary", "urgency", "deadline", "resident_id", "status",
                                     "assignee_id", "outcome", "referral_structure", "referral_name", "opened_at", "opened_by", "updated_at",
                                     "resolved_at", "closed_at"], requestRows)
        try insert("request_themes", ["request_id", "theme"], themeRows)
        try insert("request_subthemes", ["request_id", "subtheme"], subRows)
        try insert("audit_events", ["id", "at", "actor", "entity", "entity_id", "action", "field", "old_value", "new_value", "note"], auditRows)
        try insert("accompaniments", Self.accompanimentColumns, accRows)
        try insert("accompaniment_themes", ["accompaniment_id", "theme"], accThemeRows)
        try insert("accompaniment_subthemes", ["accompaniment_id", "subtheme"], accSubRows)
        try insert("accompaniment_equipment", ["accompaniment_id", "equipment"], accEquipmentRows)
    }

    static let accompanimentColumns = [
        "id", "activity_type", "day", "duration_minutes", "place_type", "site_id", "commune", "procedure_name", "autonomy",
        "referral_structure", "referral_name", "title", "level", "request_id", "resident_id", "session_id", "conseiller_id",
        "created_at", "created_by",
    ]

    // MARK: Workshops, sessions, registrations, devices, loans

    mutating func workshopsAndLoans(_ rng: inout DemoRandom) throws {
        let catalogue: [(String, String, Theme, String, Int, Int, String)] = [
            ("premiers-pas-ordinateur", "Premiers pas sur l’ordinateur", .prendreEnMainDuMateriel, "debutant", 120, 8, "laptops"),
            ("smartphone-debutant", "Bien utiliser son smartphone", .prendreEnMainDuMateriel, "debutant", 120, 10, ""),
            ("messagerie", "Créer et utiliser sa messagerie", .email, "debutant", 120, 8, "laptops"),
            ("demarches-caf-ameli", "Mes démarches en ligne : CAF, ameli, impots.gouv", .aideAuxDemarchesAdministratives, "intermediaire", 150, 8, "laptops"),
            ("securite-arnaques", "Se protéger des arnaques en ligne", .securiteNumerique, "debutant", 90, 12, "projector"),
            ("traitement-texte", "Écrire un CV avec un traitement de texte", .bureautique, "intermediaire", 180, 8, "laptops"),
            ("ia-au-quotidien", "L’intelligence artificielle au quotidien", .intelligenceArtificielle, "debutant", 90, 15, "projector"),
            ("parents-ent", "Suivre la scolarité de son enfant (ENT, Pronote)", .scolariteEtNumerique, "debutant", 120, 10, "laptops"),
            ("site-association", "Créer et faire vivre le site de son association", .creerAvecLeNumerique, "intermediaire", 180, 8, "laptops,projector"),
        ]
        var workshopRows: [[SQLValue]] = []
        var workshopIDs: [String: (id: Int64, title: String, theme: Theme, level: String, minutes: Int, capacity: Int)] = [:]
        for (code, title, theme, level, minutes, capacity, equipment) in catalogue {
            let workshopID = id("workshops")
            workshopIDs[code] = (workshopID, title, theme, level, minutes, capacity)
            workshopRows.append([.integer(workshopID), .text(code), .text(title), .text(theme.code), .text(level), .integer(Int64(minutes)), .integer(Int64(capacity)), .text(equipment), .bool(true)])
        }
        try insert("workshops", ["id", "code", "title", "theme", "level", "duration_minutes", "capacity", "equipment", "active"], workshopRows)

        let seriesConseiller = conseillers[3]
        let seriesWorkshop = workshopIDs["site-association"]!
        let seriesID = id("workshop_series")
        let thisMonday = today.adding(days: -today.weekday.rawValue)
        let seriesStart = thisMonday.adding(days: -28 + 1)  // a Tuesday, four weeks ago
        try insert("workshop_series", ["id", "code", "association", "workshop_id", "conseiller_id", "sessions_planned", "started_on"], [
            [.integer(seriesID), "asso-site-web-1", "Association des locataires de Surieux", .integer(seriesWorkshop.id), .integer(seriesConseiller.id), 6, .date(seriesStart.description)],
        ])

        var sessionRows: [[SQLValue]] = []
        var registrationRows: [[SQLValue]] = []
        var walkinRows: [[SQLValue]] = []
        var accRows: [[SQLValue]] = []
        var accThemeRows: [[SQLValue]] = []
        var participantRows: [[SQLValue]] = []
        var anonymousRows: [[SQLValue]] = []
        var sessionNumber = 0
        func addSession(_ w: (id: Int64, title: String, theme: Theme, level: String, minutes: Int, capacity: Int), day: LocalDate, minute: Int,
                        site: Int64, conseiller: (id: Int64, code: String, sites: [Int64], skills: [Theme]), series: (Int64, Int)?,
                        rng: inout DemoRandom) throws {
            sessionNumber += 1
            let sessionID = id("sessions")
            let room = (roomsBySite[site] ?? []).max { $0.capacity < $1.capacity }!
            let capacity = min(w.capacity, room.capacity)
            let held = day < today
            let week = Self.isoWeekString(day)
            sessionRows.append([.integer(sessionID), .text(String(format: "S-%@-%03d", week, sessionNumber)), "workshop", .integer(w.id),
                                series.map { .integer($0.0) } ?? .null, series.map { .integer(Int64($0.1)) } ?? .null, .text(week),
                                .integer(site), .integer(room.id), .integer(conseiller.id), .timestamp(ParisTime.instant(day, minute: minute)),
                                .integer(Int64(w.minutes)), .integer(Int64(capacity)), .text(held ? "closed" : "planned"), .bool(held)])
            // Registrations: some sessions fill up and keep a waiting list.
            let wanted = rng.int(max(1, capacity / 2)...(capacity + 3))
            var chosen = Set<Int64>()
            var registered: [Int64] = []
            var position = 0
            while chosen.count < wanted {
                let resident = rng.pick(firstUnitResidents)
                guard chosen.insert(resident.id).inserted else { continue }
                let seated = registered.count < capacity
                if seated { registered.append(resident.id) } else { position += 1 }
                let attendance: SQLValue = held && seated ? .text(rng.weighted([("present", 80), ("excused", 10), ("no_show", 10)])) : .null
                registrationRows.append([.integer(id("registrations")), .integer(sessionID), .integer(resident.id), .text(seated ? "registered" : "waitlisted"),
                                         seated ? .null : .integer(Int64(position)), attendance,
                                         .timestamp(ParisTime.instant(day.adding(days: -rng.int(2...14)), minute: 600)), .text(deskAgents[0].code)])
            }
            guard held else { return }
            // The held session became a collective activity for the funder.
            let present = registrationRows.suffix(chosen.count).filter { $0[5] == .text("present") }.compactMap { $0[2].int }
            let walkins = rng.int(0...2)
            if walkins > 0 { walkinRows.append([.integer(sessionID), "feminin", "soixante_soixante_neuf", "retraite", .integer(Int64(walkins))]) }
            guard !present.isEmpty || walkins > 0 else { return }
            let accID = id("accompaniments")
            accRows.append([.integer(accID), "collectif", .date(day.description), .integer(Int64(w.minutes)), "lieu_activite", .integer(site), .null, .null, .null,
                            .null, .null, .text(w.title), .text(w.level), .null, .null, .integer(sessionID), .integer(conseiller.id),
                            .timestamp(ParisTime.instant(day, minute: minute + w.minutes)), .text(conseiller.code)])
            accThemeRows.append([.integer(accID), .text(w.theme.code)])
            for resident in present { participantRows.append([.integer(accID), .integer(resident)]) }
            if walkins > 0 { anonymousRows.append([.integer(accID), "feminin", "soixante_soixante_neuf", "retraite", .integer(Int64(walkins))]) }
        }
        // Twenty-six past weeks and two to come: three workshops a week across the sites.
        for weekOffset in -26...1 {
            let monday = thisMonday.adding(days: weekOffset * 7)
            for slot in 0..<3 {
                let code = catalogue[(weekOffset + 26 + slot * 4) % (catalogue.count - 1)].0
                let w = workshopIDs[code]!
                let conseiller = conseillers.first { $0.skills.contains(w.theme) } ?? conseillers[slot]
                let site = conseiller.sites[slot % conseiller.sites.count]
                let day = monday.adding(days: [0, 1, 3][slot])
                try addSession(w, day: day, minute: slot == 1 ? 600 : 840, site: site, conseiller: conseiller, series: nil, rng: &rng)
            }
        }
        for index in 1...6 {
            let day = seriesStart.adding(days: (index - 1) * 7)
            try addSession(seriesWorkshop, day: day, minute: 840, site: sites[5].id, conseiller: seriesConseiller, series: (seriesID, index), rng: &rng)
        }
        try insert("sessions", ["id", "code", "kind", "workshop_id", "series_id", "series_index", "week", "site_id", "room_id", "conseiller_id",
                                "starts_at", "duration_minutes", "capacity", "status", "locked"], sessionRows)
        try insert("registrations", ["id", "session_id", "resident_id", "status", "waitlist_position", "attendance", "registered_at", "registered_by"], registrationRows)
        try insert("session_walkins", ["session_id", "gender", "age_bracket", "social_status", "count"], walkinRows)
        try insert("accompaniments", Self.accompanimentColumns, accRows)
        try insert("accompaniment_themes", ["accompaniment_id", "theme"], accThemeRows)
        try insert("accompaniment_participants", ["accompaniment_id", "resident_id"], participantRows)
        try insert("accompaniment_anonymous", ["accompaniment_id", "gender", "age_bracket", "social_status", "count"], anonymousRows)

        // Devices: refurbished laptops from the town's fleet, donated tablets, 4G routers.
        var deviceRows: [[SQLValue]] = []
        var devices: [(id: Int64, kind: DeviceKind)] = []
        let fleet: [(DeviceKind, Int, [String], String, String)] = [
            (.laptop, 30, ["Lenovo ThinkPad T470", "Dell Latitude 5490", "HP EliteBook 840 G5"], "Zorin OS 17", "town_it"),
            (.desktop, 6, ["Dell OptiPlex 7060"], "Zorin OS 17", "town_it"),
            (.tablet, 10, ["Samsung Galaxy Tab A8", "Lenovo Tab M10"], "Android 13", "donor"),
            (.smartphone, 6, ["Samsung Galaxy A32", "Fairphone 3"], "Android 13", "refurbisher"),
            (.router4G, 5, ["Huawei B311"], "", "refurbisher"),
        ]
        for (kind, count, models, os, origin) in fleet {
            for n in 1...count {
                let deviceID = id("devices")
                let tag = try AssetTag(kind: kind, number: n).description
                devices.append((deviceID, kind))
                let condition = rng.weighted([("good", 60), ("fair", 30), ("new", 5), ("poor", 5)])
                deviceRows.append([.integer(deviceID), .text(tag), .text(kind.code), .text("SN\(rng.int(10_000_000...99_999_999))"), .text(rng.pick(models)), .text(os),
                                   .text(origin), .text(condition), "available", .date(today.adding(days: -rng.int(60...700)).description),
                                   .timestamp(ParisTime.instant(today.adding(days: -rng.int(30...60)), minute: 600))])
            }
        }
        // Loans: returned, open, overdue, handed over for good.
        var loanRows: [[SQLValue]] = []
        var auditRows: [[SQLValue]] = []
        for (n, device) in devices.enumerated() where n % 3 != 2 {
            let resident = firstUnitResidents[(n * 7) % firstUnitResidents.count]
            let lentDay = -rng.int(5...200)
            let lentOn = today.adding(days: lentDay)
            let dueOn = lentOn.adding(days: device.kind == .router4G ? 180 : 60)
            let kind = rng.weighted([("returned", 45), ("open", 40), ("handed_over", 15)])
            let returnedOn: LocalDate? = kind == "returned" ? min(today, lentOn.adding(days: rng.int(10...70))) : nil
            let status = kind
            let loanID = id("loans")
            loanCounter += 1
            let number = String(format: "P-%04d-%06lld", lentOn.year, loanCounter)
            let agent = deskAgents[n % deskAgents.count].code
            let lentAt = SQLValue.timestamp(ParisTime.instant(lentOn, minute: 600))
            loanRows.append([.integer(loanID), .text(number), .integer(device.id), .null, 1, .integer(resident.id), .date(lentOn.description),
                             kind == "handed_over" ? .null : .date(dueOn.description), returnedOn.map { .date($0.description) } ?? .null,
                             "good", returnedOn != nil ? .text(rng.weighted([("good", 80), ("fair", 15), ("poor", 5)])) : .null, "2025-01",
                             .text(status), .integer(kind == "open" && rng.chance(0.2) ? 1 : 0), kind == "handed_over" ? .integer(3000) : .null,
                             rng.chance(0.3) ? "CCAS d’Échirolles" : .null, .text(agent), lentAt])
            auditRows.append([.integer(id("audit_events")), lentAt, .text(agent), "loan", .integer(loanID), kind == "handed_over" ? "hand_over" : "lend", "status", .null, .text(kind == "returned" ? "open" : status), .null])
            if let returnedOn {
                auditRows.append([.integer(id("audit_events")), .timestamp(ParisTime.instant(returnedOn, minute: 960)), .text(agent), "loan", .integer(loanID), "return", "status", "open", "returned", .null])
            }
            if kind == "open" {
                deviceRows[n][8] = "on_loan"
            } else if kind == "handed_over" {
                deviceRows[n][8] = "handed_over"
            }
        }
        try insert("devices", ["id", "asset_tag", "kind", "serial", "model", "operating_system", "origin", "condition", "status", "acquired_on", "created_at"], deviceRows)
        let simID = id("stock_items")
        let topupID = id("stock_items")
        try insert("stock_items", ["id", "code", "kind", "label", "quantity"], [
            [.integer(simID), "sim-20go", "sim_card", "Carte SIM prépayée 20 Go", 40],
            [.integer(topupID), "recharge-10go", "data_topup", "Recharge data 10 Go", 120],
        ])
        for n in 0..<30 {
            let resident = firstUnitResidents[(n * 11 + 3) % firstUnitResidents.count]
            let lentOn = today.adding(days: -rng.int(1...250))
            let loanID = id("loans")
            loanCounter += 1
            loanRows.append([.integer(loanID), .text(String(format: "P-%04d-%06lld", lentOn.year, loanCounter)), .null, .integer(n % 3 == 0 ? simID : topupID), 1,
                             .integer(resident.id), .date(lentOn.description), .date(lentOn.adding(months: 6).description), .null, .null, .null, "2025-01",
                             "handed_over", 0, .null, "Assistante sociale, CCAS", .text(deskAgents[n % deskAgents.count].code), .timestamp(ParisTime.instant(lentOn, minute: 630))])
        }
        try insert("loans", ["id", "number", "device_id", "stock_item_id", "quantity", "resident_id", "lent_on", "due_on", "returned_on", "condition_out",
                             "condition_back", "agreement_version", "status", "renewals", "price_cents", "referred_by", "lent_by", "created_at"], loanRows)
        try insert("audit_events", ["id", "at", "actor", "entity", "entity_id", "action", "field", "old_value", "new_value", "note"], auditRows)
    }

    /// Moves counters past the generated rows so later inserts get fresh ids and numbers.
    mutating func finish() throws {
        for (year, last) in requestCounters.sorted(by: { $0.key < $1.key }) { try NumberSequence.advance(db, scope: "request", year: year, atLeast: last) }
        try NumberSequence.advance(db, scope: "loan", year: 0, atLeast: loanCounter)
        try NumberSequence.advance(db, scope: "device", year: 0, atLeast: 100)
        if db.backend == .postgres {
            for (table, last) in nextID {
                try db.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), $1)", [.integer(last)])
            }
        }
        // Workshops and accompaniments are written after their residents: their latest contact
        // up to today moves last_activity_at forward, as the tools do when they record one.
        try db.execute(
            """
            UPDATE residents SET last_activity_at = latest.at
            FROM (SELECT x.resident_id, max(x.at) AS at FROM (
                    SELECT g.resident_id, g.registered_at AS at FROM registrations g
                    UNION ALL SELECT g.resident_id, se.starts_at FROM registrations g JOIN sessions se ON se.id = g.session_id
                        WHERE g.attendance = 'present'
                    UNION ALL SELECT p.resident_id, a.created_at FROM accompaniment_participants p
                        JOIN accompaniments a ON a.id = p.accompaniment_id
                    UNION ALL SELECT a.resident_id, a.created_at FROM accompaniments a WHERE a.resident_id IS NOT NULL
                  ) x WHERE x.at <= $1 GROUP BY x.resident_id) latest
            WHERE residents.id = latest.resident_id AND latest.at > residents.last_activity_at
            """, [.timestamp(ParisTime.instant(today, minute: 24 * 60 - 1))])
    }

    // MARK: Vocabulary of the demo

    static func isoWeekString(_ day: LocalDate) -> String {
        day.isoWeek.description
    }

    static func easterSunday(_ year: Int) -> LocalDate {
        // Anonymous Gregorian algorithm.
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return (try? LocalDate(year: year, month: month, day: day)) ?? LocalDate(daysSinceEpoch: 0)
    }

    static func firstNames(_ gender: String) -> [String] {
        switch gender {
        case "feminin": return ["Fatima", "Marie", "Nadia", "Aïcha", "Sylvie", "Thi Lan", "Yasmine", "Monique", "Élodie", "Ana", "Khadija", "Josiane", "Leïla", "Françoise", "Mariam", "Chloé", "Nour", "Ginette"]
        case "masculin": return ["Mohamed", "Jean", "Karim", "Mamadou", "José", "Giuseppe", "Ibrahim", "Pierre", "Rachid", "Bernard", "Lucas", "Youssef", "Michel", "Ahmed", "Dimitri", "Thomas"]
        default: return ["Camille", "Dominique", "Sacha", "Claude", "Alex"]
        }
    }

    static let lastNames = [
        "BENALI", "MARTIN", "NGUYEN", "DIALLO", "ROSSI", "GARCIA", "DUPONT", "HADDAD", "TRAORÉ", "LEFEBVRE", "MOREL", "BOUZID",
        "FERNANDES", "PETIT", "KONATÉ", "MERCIER", "CHÉRIF", "BONNET", "YILMAZ", "SANTOS", "GIRAUD", "MESSAOUDI", "FAURE", "NDIAYE",
    ]

    static let fieldWeights: [(InclusionField, Int)] = [
        (.usageAssistance, 45), (.technicalTraining, 15), (.equipmentAccess, 12), (.digitalLiteracy, 10), (.hardwareSupport, 10), (.connectivity, 8),
    ]

    static let themesByField: [InclusionField: [Theme]] = [
        .usageAssistance: [.aideAuxDemarchesAdministratives, .aideAuxDemarchesAdministratives, .aideAuxDemarchesAdministratives, .email, .sante, .banqueEtAchatsEnLigne, .navigationSurInternet],
        .technicalTraining: [.bureautique, .email, .gereSesContenusNumeriques, .prendreEnMainDuMateriel],
        .equipmentAccess: [.prendreEnMainDuMateriel, .diagnosticNumerique],
        .digitalLiteracy: [.securiteNumerique, .cultureNumerique, .intelligenceArtificielle, .reseauxSociaux, .parentalite, .scolariteEtNumerique],
        .hardwareSupport: [.maintenanceDeMateriel, .diagnosticNumerique],
        .connectivity: [.navigationSurInternet, .prendreEnMainDuMateriel],
    ]

    static let procedures: [(AdministrativeSubTheme, String)] = [
        (.socialSante, "renouvellement CSS"), (.socialSante, "déclaration trimestrielle RSA"), (.socialSante, "compte ameli"),
        (.argentImpots, "déclaration de revenus"), (.familleScolarite, "dossier bourse collège"), (.logement, "demande de logement social"),
        (.logement, "aide au logement CAF"), (.travailFormation, "inscription France Travail"), (.papiersElectionsCitoyennete, "pré-demande de passeport"),
        (.etrangersEurope, "renouvellement titre de séjour ANEF"), (.transportsMobilite, "abonnement TAG tarif solidaire"), (.justice, "demande d’aide juridictionnelle"),
    ]

    static let summaries: [InclusionField: [String]] = [
        .usageAssistance: ["Ne sait pas se connecter à son espace en ligne", "Mot de passe perdu, compte bloqué", "Prendre un rendez-vous médical en ligne", "Payer une facture en ligne"],
        .technicalTraining: ["Apprendre à envoyer une pièce jointe", "Écrire un CV", "Ranger ses photos et documents", "Utiliser un tableur pour son budget"],
        .equipmentAccess: ["Pas d’ordinateur à la maison pour les démarches", "Besoin d’imprimer et scanner des justificatifs", "Demande de prêt d’ordinateur reconditionné"],
        .digitalLiteracy: ["Reçu un SMS suspect, peur de l’arnaque", "Comprendre ce qu’est ChatGPT", "Protéger ses enfants sur les réseaux sociaux"],
        .hardwareSupport: ["Ordinateur très lent", "Smartphone qui ne s’allume plus", "Imprimante qui ne fonctionne pas"],
        .connectivity: ["Pas de connexion internet au domicile", "Forfait mobile épuisé, besoin de données", "Box internet à installer"],
    ]

    static let referrals: [(String, String)] = [
        ("aide_aux_demarches_administratives", "France Services Échirolles"), ("aide_sociale", "CCAS d’Échirolles"),
        ("operateur_ou_organisme_en_charge", "CAF de l’Isère"), ("operateur_ou_organisme_en_charge", "CPAM de l’Isère"),
        ("insertion_professionnelle", "Mission locale Sud Isère"), ("mediation_numerique", "Emmaüs Connect Grenoble"),
    ]

    static let consentText = """
        Vos données (prénom, et si vous le souhaitez nom, téléphone, e-mail, année de naissance, commune) servent \
        uniquement à suivre votre demande d’aide numérique. Elles sont conservées 24 mois après votre dernier passage, \
        puis anonymisées. Vous pouvez les consulter, les corriger ou les faire effacer à l’accueil.
        """

    static let loanAgreementText = """
        Le matériel prêté reste la propriété de la Ville d’Échirolles. Je m’engage à le rendre à la date prévue, \
        dans l’état où je l’ai reçu, et à signaler toute panne ou perte à l’accueil de la maison des habitants.
        """
}
