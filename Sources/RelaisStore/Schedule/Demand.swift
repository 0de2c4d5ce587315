import Foundation
import RelaisCore

/// A session as stored: the week's demand, and its placement once planned.
public struct SessionRecord: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var kind: SessionKind
    public var workshopCode: String?
    public var title: String
    /// The skill needed: the session's own, else the workshop's theme; nil means anyone.
    public var skill: String?
    public var level: WorkshopLevel?
    public var equipment: Set<RoomEquipment>
    public var seriesID: Int64?
    public var seriesCode: String?
    public var seriesIndex: Int?
    public var week: String
    public var siteCode: String?
    public var siteRequired: Bool
    public var roomCode: String?
    public var conseillerCode: String?
    public var startsAt: Date?
    public var durationMinutes: Int
    public var capacity: Int
    /// `planned`, `held`, `closed` or `cancelled`.
    public var status: String
    public var locked: Bool
    public var priority: Int
    public var fixedWeekday: Int?
    public var fixedStartMinute: Int?
    public var icsSequence: Int

    /// Held, closed or locked: a re-plan must not move it.
    public var isFrozen: Bool { locked || status == "held" || status == "closed" }

    /// The local day and start minute, once placed.
    public var local: (day: LocalDate, minute: Int)? { startsAt.map(ParisTime.local) }
}

/// A drop-in desk duty a site needs covered every week.
public struct PermanenceRecord: Sendable, Hashable {
    public var id: Int64
    public var siteCode: String
    public var weekday: Weekday
    public var startMinute: Int
    public var durationMinutes: Int
    public var skill: Theme?
    public var active: Bool
}

extension ScheduleStore {
    static let sessionSelect = """
        SELECT se.id, se.code, se.kind, w.code AS workshop_code, w.title, w.theme, w.level, w.equipment AS w_equipment,
            se.series_id, ws.code AS series_code, ws.association, se.series_index, se.week, si.code AS site_code,
            se.site_required, r.code AS room_code, st.code AS conseiller_code, se.starts_at, se.duration_minutes,
            se.capacity, se.status, se.locked, se.skill, se.priority, se.fixed_weekday, se.fixed_start_minute, se.ics_sequence
        FROM sessions se
        LEFT JOIN workshops w ON w.id = se.workshop_id
        LEFT JOIN workshop_series ws ON ws.id = se.series_id
        LEFT JOIN sites si ON si.id = se.site_id
        LEFT JOIN rooms r ON r.id = se.room_id
        LEFT JOIN staff st ON st.id = se.conseiller_id
        """

    static func sessionRecord(_ row: Row) -> SessionRecord {
        let kind = SessionKind(rawValue: row.string("kind") ?? "") ?? .workshop
        let title: String
        if let workshop = row.string("title") {
            title = row.string("association").map { "\(workshop) — \($0)" } ?? workshop
        } else {
            title = kind == .permanence ? "Permanence numérique" : "Rendez-vous individuel"
        }
        return SessionRecord(
            id: row.int("id") ?? 0, code: row.string("code") ?? "", kind: kind, workshopCode: row.string("workshop_code"),
            title: title, skill: row.string("skill") ?? row.string("theme"),
            level: row.string("level").flatMap(WorkshopLevel.init(rawValue:)), equipment: parseEquipment(row.string("w_equipment")),
            seriesID: row.int("series_id"), seriesCode: row.string("series_code"), seriesIndex: row.int("series_index").map { Int($0) },
            week: row.string("week") ?? "", siteCode: row.string("site_code"), siteRequired: row.bool("site_required") ?? false,
            roomCode: row.string("room_code"), conseillerCode: row.string("conseiller_code"), startsAt: row.date("starts_at"),
            durationMinutes: Int(row.int("duration_minutes") ?? 60), capacity: Int(row.int("capacity") ?? 0),
            status: row.string("status") ?? "planned", locked: row.bool("locked") ?? false, priority: Int(row.int("priority") ?? 1),
            fixedWeekday: row.int("fixed_weekday").map { Int($0) }, fixedStartMinute: row.int("fixed_start_minute").map { Int($0) },
            icsSequence: Int(row.int("ics_sequence") ?? 0))
    }

    /// The sessions of a week (cancelled ones too when `includeCancelled`), by code.
    public static func sessions(_ db: Database, week: IsoWeek, includeCancelled: Bool = true) throws -> [SessionRecord] {
        try db.query(sessionSelect + " WHERE se.week = $1 ORDER BY se.code", [.text(week.description)])
            .map(sessionRecord).filter { includeCancelled || $0.status != "cancelled" }
    }

    /// The session with `code`.
    public static func session(_ db: Database, code: String) throws -> SessionRecord {
        let wanted = code.trimmingCharacters(in: .whitespaces)
        guard let row = try db.queryOne(sessionSelect + " WHERE se.code = $1", [.text(wanted)])
            ?? db.queryOne(sessionSelect + " WHERE upper(se.code) = upper($1)", [.text(wanted)])
        else {
            throw refuse(
                "unknown_session", en: "no session has the code '\(wanted)'; list a week with: relais-schedule demand list --week …",
                fr: "aucune séance n’a le code « \(wanted) » ; voir une semaine : relais-schedule demand list --week …")
        }
        return sessionRecord(row)
    }

    private static func newSessionCode(_ db: Database, week: IsoWeek) throws -> String {
        let n = try NumberSequence.next(db, scope: "session", year: 0)
        return "S-\(week)-N\(n)"
    }

    /// Adds a collective workshop session to a week's demand.
    @discardableResult
    public static func addWorkshopSession(
        _ db: Database, week: IsoWeek, workshopCode: String, siteCode: String?, siteRequired: Bool = false,
        capacity: Int? = nil, priority: Int = 1, fixed: (weekday: Int, minute: Int)? = nil,
        series: (id: Int64, index: Int)? = nil, actor: String
    ) throws -> String {
        try ScheduleGrid.checkPlanned(fixed: fixed)
        return try db.transaction { db in
            let entry = try workshop(db, code: workshopCode)
            let site = try siteCode.map { try self.site(db, code: $0) }
            let seats = try TextRules.inRange(capacity ?? entry.capacity, 1...200, field: "capacity")
            let candidates = try rooms(db, siteCode: site?.code)
            if candidates.allSatisfy({ !$0.fits(attendees: seats, needs: entry.equipment) }) {
                let place = site?.code ?? "any site"
                let largest = candidates.filter { entry.equipment.isSubset(of: $0.equipment) }.map(\.capacity).max() ?? 0
                throw refuse(
                    "room_too_small",
                    en: "no room at \(place) seats \(seats) with \(equipmentText(entry.equipment).isEmpty ? "no special equipment" : equipmentText(entry.equipment)) (largest: \(largest) seats); lower --capacity or choose another site",
                    fr: "aucune salle (\(place)) n’accueille \(seats) personnes avec l’équipement demandé (la plus grande : \(largest) places) ; réduisez --capacity ou choisissez un autre lieu")
            }
            let code = try newSessionCode(db, week: week)
            try db.execute(
                """
                INSERT INTO sessions (code, kind, workshop_id, series_id, series_index, week, site_id, duration_minutes, capacity,
                    status, locked, priority, fixed_weekday, fixed_start_minute, site_required)
                VALUES ($1, 'workshop', $2, $3, $4, $5, $6, $7, $8, 'planned', $9, $10, $11, $12, $13)
                """,
                [.text(code), .integer(entry.id), .optional(series?.id), .optional(series.map { Int64($0.index) }), .text(week.description),
                 .optional(site?.id), .integer(Int64(entry.durationMinutes)), .integer(Int64(seats)), .bool(false),
                 .integer(Int64(priority)), .optional(fixed.map { Int64($0.weekday) }), .optional(fixed.map { Int64($0.minute) }),
                 .bool(siteRequired)])
            return code
        }
    }

    /// Adds an individual appointment slot (or a one-off permanence) to a week's demand.
    @discardableResult
    public static func addSlot(
        _ db: Database, week: IsoWeek, kind: SessionKind, siteCode: String, skill: Theme?, durationMinutes: Int,
        fixed: (weekday: Int, minute: Int)? = nil, priority: Int = 1, permanenceID: Int64? = nil, actor: String
    ) throws -> String {
        try ScheduleGrid.checkPlanned(fixed: fixed)
        return try db.transaction { db in
            let site = try self.site(db, code: siteCode)
            _ = try TextRules.inRange(durationMinutes, 15...720, field: "duration_minutes")
            let code = try newSessionCode(db, week: week)
            try db.execute(
                """
                INSERT INTO sessions (code, kind, week, site_id, duration_minutes, capacity, status, locked, skill, priority,
                    fixed_weekday, fixed_start_minute, site_required, permanence_id)
                VALUES ($1, $2, $3, $4, $5, 1, 'planned', $6, $7, $8, $9, $10, $11, $12)
                """,
                [.text(code), .text(kind.code), .text(week.description), .integer(site.id), .integer(Int64(durationMinutes)),
                 .bool(false), .optional(skill?.code), .integer(Int64(priority)), .optional(fixed.map { Int64($0.weekday) }),
                 .optional(fixed.map { Int64($0.minute) }), .bool(kind == .permanence), .optional(permanenceID)])
            return code
        }
    }

    /// Cancels a session of the demand (kept, marked cancelled).
    public static func cancelSession(_ db: Database, code: String, actor: String) throws {
        try db.transaction { db in
            let current = try session(db, code: code)
            guard !current.isFrozen else {
                throw refuse(
                    "session_frozen", en: "session \(current.code) is held or locked; it cannot be cancelled",
                    fr: "la séance \(current.code) est tenue ou verrouillée ; elle ne peut pas être annulée")
            }
            try db.execute("UPDATE sessions SET status = 'cancelled', ics_sequence = ics_sequence + 1 WHERE id = $1", [.integer(current.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "session", entityID: current.id, action: "cancel"))
        }
    }

    /// Creates an association website series: one session a week for `count` weeks, same conseiller wanted.
    @discardableResult
    public static func addSeries(
        _ db: Database, code: String, association: String, workshopCode: String, startWeek: IsoWeek,
        conseillerCode: String?, siteCode: String?, count: Int = 6, actor: String
    ) throws -> [String] {
        let code = try TextRules.code(code, field: "series_code")
        let association = try TextRules.required(association, field: "association", limit: 200)
        _ = try TextRules.inRange(count, 1...20, field: "sessions")
        return try db.transaction { db in
            if try db.queryOne("SELECT id FROM workshop_series WHERE code = $1", [.text(code)]) != nil {
                throw refuse("duplicate_series", en: "a series with code '\(code)' already exists", fr: "une série avec le code « \(code) » existe déjà")
            }
            let entry = try workshop(db, code: workshopCode)
            let conseiller = try conseillerCode.map { try staffMember(db, code: $0) }
            let id = try db.queryOne(
                """
                INSERT INTO workshop_series (code, association, workshop_id, conseiller_id, sessions_planned, started_on)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """,
                [.text(code), .text(association), .integer(entry.id), .optional(conseiller?.id), .integer(Int64(count)),
                 .date(startWeek.monday.iso)])?.int("id") ?? 0
            var codes: [String] = []
            var week = startWeek
            for index in 1...count {
                codes.append(try addWorkshopSession(
                    db, week: week, workshopCode: entry.code, siteCode: siteCode, series: (id, index), actor: actor))
                week = week.next
            }
            return codes
        }
    }

    /// Adds a weekly permanence at a site; the time must lie on the planning grid.
    @discardableResult
    public static func addPermanence(
        _ db: Database, siteCode: String, weekday: Weekday, startMinute: Int, durationMinutes: Int, skill: Theme?, actor: String
    ) throws -> Int64 {
        try ScheduleGrid.checkPlanned(weekday)
        guard ScheduleGrid.isOnGrid(startMinute), ScheduleGrid.isOnGrid(startMinute + durationMinutes), durationMinutes > 0 else {
            throw refuse(
                "off_grid", en: "a permanence starts and ends on the half hour between 08:00 and 20:00",
                fr: "une permanence commence et finit à l’heure ou à la demie, entre 8 h et 20 h")
        }
        return try db.transaction { db in
            let site = try self.site(db, code: siteCode)
            return try db.queryOne(
                """
                INSERT INTO site_permanences (site_id, weekday, start_minute, duration_minutes, skill, active, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """,
                [.integer(site.id), .integer(Int64(weekday.rawValue)), .integer(Int64(startMinute)), .integer(Int64(durationMinutes)),
                 .optional(skill?.code), .bool(true), .timestamp(Date())])?.int("id") ?? 0
        }
    }

    /// The weekly permanences.
    public static func permanences(_ db: Database, includeRetired: Bool = false) throws -> [PermanenceRecord] {
        try db.query(
            """
            SELECT p.id, s.code, p.weekday, p.start_minute, p.duration_minutes, p.skill, p.active
            FROM site_permanences p JOIN sites s ON s.id = p.site_id ORDER BY s.code, p.weekday, p.start_minute
            """
        ).compactMap { row in
            let record = PermanenceRecord(
                id: row.int("id") ?? 0, siteCode: row.string("code") ?? "",
                weekday: Weekday(rawValue: Int(row.int("weekday") ?? 0)) ?? .monday, startMinute: Int(row.int("start_minute") ?? 0),
                durationMinutes: Int(row.int("duration_minutes") ?? 0), skill: row.string("skill").flatMap(Theme.init(rawValue:)),
                active: row.bool("active") ?? true)
            return includeRetired || record.active ? record : nil
        }
    }

    /// Creates the week's sessions for every active permanence that has none yet; returns how many.
    @discardableResult
    public static func materialisePermanences(_ db: Database, week: IsoWeek, actor: String) throws -> Int {
        try db.transaction { db in
            let existing = Set(try db.query(
                "SELECT permanence_id FROM sessions WHERE week = $1 AND permanence_id IS NOT NULL", [.text(week.description)]
            ).compactMap { $0.int("permanence_id") })
            var created = 0
            for permanence in try permanences(db) where !existing.contains(permanence.id) {
                guard (try? site(db, code: permanence.siteCode)) != nil else { continue }
                try addSlot(
                    db, week: week, kind: .permanence, siteCode: permanence.siteCode, skill: permanence.skill,
                    durationMinutes: permanence.durationMinutes, fixed: (permanence.weekday.rawValue, permanence.startMinute),
                    priority: 2, permanenceID: permanence.id, actor: actor)
                created += 1
            }
            return created
        }
    }
}

/// Where a series' session sat the week before: the anchor of this week's session.
public struct SeriesPlacement: Sendable, Hashable {
    public var seriesCode: String
    public var conseillerCode: String
    public var weekday: Int
    public var startMinute: Int
}

extension ScheduleStore {
    /// Room closures between two dates: (room code, day).
    public static func roomClosures(_ db: Database, from: LocalDate, to: LocalDate) throws -> [(roomCode: String, day: LocalDate)] {
        try db.query(
            "SELECT r.code, c.day FROM room_closures c JOIN rooms r ON r.id = c.room_id WHERE c.day >= $1 AND c.day <= $2 ORDER BY c.day",
            [.date(from.iso), .date(to.iso)]
        ).compactMap { row in date(row, "day").map { (row.string("code") ?? "", $0) } }
    }

    /// The placements of series sessions in `week` (the anchors of the following week).
    public static func seriesPlacements(_ db: Database, week: IsoWeek) throws -> [SeriesPlacement] {
        try sessions(db, week: week, includeCancelled: false).compactMap { session in
            guard let series = session.seriesCode, let conseiller = session.conseillerCode, let local = session.local else { return nil }
            return SeriesPlacement(seriesCode: series, conseillerCode: conseiller, weekday: local.day.weekday.rawValue, startMinute: local.minute)
        }
    }
}
