import Foundation
import RelaisCore

/// A site as stored, with its weekly opening hours.
public struct SiteRecord: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: SiteKind
    public var neighbourhood: String
    public var address: String
    public var active: Bool
    public var hours: [OpeningInterval]
}

/// A room as stored.
public struct RoomRecord: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var siteID: Int64
    public var siteCode: String
    public var name: String
    public var capacity: Int
    public var equipment: Set<RoomEquipment>
    public var active: Bool
    public var hours: [OpeningInterval]
}

/// A staff member as stored, with skills, sites and usual half-days.
public struct StaffRecord: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var firstName: String
    public var lastName: String
    public var role: StaffRole
    public var email: String?
    public var contractedMinutesPerWeek: Int
    public var maxMinutesPerDay: Int
    public var active: Bool
    public var skills: [Theme]
    public var siteCodes: [String]
    public var available: [WeeklyHalfDay]
    public var undesired: [WeeklyHalfDay]

    public var displayName: String { lastName.isEmpty ? firstName : "\(firstName) \(lastName)" }
}

/// A catalogue entry as stored.
public struct WorkshopRecord: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var title: String
    public var theme: Theme
    public var level: WorkshopLevel
    public var durationMinutes: Int
    public var capacity: Int
    public var equipment: Set<RoomEquipment>
    public var active: Bool
}

/// A dated absence of a staff member.
public struct AbsenceRecord: Sendable, Hashable {
    public var id: Int64
    public var staffCode: String
    public var start: LocalDate
    public var end: LocalDate
    public var reason: String
}

/// What a staff edit or creation sets; `nil` leaves a field as it is.
public struct StaffChanges: Sendable {
    public var firstName: String?
    public var lastName: String?
    public var role: StaffRole?
    public var email: String?
    public var contractedMinutesPerWeek: Int?
    public var maxMinutesPerDay: Int?
    public var skills: [Theme]?
    public var siteCodes: [String]?
    public var available: [WeeklyHalfDay]?
    public var undesired: [WeeklyHalfDay]?

    public init(
        firstName: String? = nil, lastName: String? = nil, role: StaffRole? = nil, email: String? = nil,
        contractedMinutesPerWeek: Int? = nil, maxMinutesPerDay: Int? = nil, skills: [Theme]? = nil,
        siteCodes: [String]? = nil, available: [WeeklyHalfDay]? = nil, undesired: [WeeklyHalfDay]? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.role = role
        self.email = email
        self.contractedMinutesPerWeek = contractedMinutesPerWeek
        self.maxMinutesPerDay = maxMinutesPerDay
        self.skills = skills
        self.siteCodes = siteCodes
        self.available = available
        self.undesired = undesired
    }
}

// MARK: - Sites

extension ScheduleStore {
    /// `" AND column = $1"` and its argument when a `code` is given (a lookup reads one row, not
    /// the whole table); nothing otherwise.
    static func codeFilter(_ code: String?, column: String) -> (String, [SQLValue]) {
        guard let code else { return ("", []) }
        return (" AND \(column) = $1", [.text(code)])
    }

    /// For the child rows of a lookup by code: `" WHERE column = $1"` with the id of the one row
    /// found (codes are unique); nothing when every row was read.
    static func ownerFilter(_ rows: [Row], code: String?, column: String) -> (String, [SQLValue]) {
        guard code != nil else { return ("", []) }
        return (" WHERE \(column) = $1", [.integer(rows.first?.int("id") ?? -1)])
    }

    /// Every site (retired ones too when `includeRetired`), by code; only the one with `code` when given.
    public static func sites(_ db: Database, includeRetired: Bool = false, code: String? = nil) throws -> [SiteRecord] {
        let (only, arguments) = codeFilter(code, column: "code")
        let rows = try db.query(
            "SELECT id, code, name, kind, neighbourhood, address, active FROM sites WHERE "
                + (includeRetired ? "1 = 1" : "active") + only + " ORDER BY code", arguments)
        var hours: [Int64: [Row]] = [:]
        let (owner, ownerID) = ownerFilter(rows, code: code, column: "site_id")
        for row in try db.query("SELECT site_id, weekday, start_minute, end_minute FROM site_hours" + owner, ownerID) {
            hours[row.int("site_id") ?? 0, default: []].append(row)
        }
        return rows.map { row in
            let id = row.int("id") ?? 0
            return SiteRecord(
                id: id, code: row.string("code") ?? "", name: row.string("name") ?? "",
                kind: SiteKind(rawValue: row.string("kind") ?? "") ?? .other,
                neighbourhood: row.string("neighbourhood") ?? "", address: row.string("address") ?? "",
                active: row.bool("active") ?? true, hours: intervals(hours[id] ?? []))
        }
    }

    /// The site with `code`; retired sites are refused unless `allowRetired`.
    public static func site(_ db: Database, code: String, allowRetired: Bool = false) throws -> SiteRecord {
        let wanted = code.trimmingCharacters(in: .whitespaces).lowercased()
        guard let site = try sites(db, includeRetired: true, code: wanted).first else {
            throw refuse(
                "unknown_site", en: "no site has the code '\(wanted)'; list them with: relais-schedule sites list",
                fr: "aucun lieu n’a le code « \(wanted) » ; voir la liste : relais-schedule sites list")
        }
        if !site.active && !allowRetired {
            throw refuse(
                "retired_site", en: "site '\(wanted)' is retired; choose an active site",
                fr: "le lieu « \(wanted) » est retiré ; choisissez un lieu actif")
        }
        return site
    }

    /// Adds a site (validated by `RelaisCore.Site`) with its opening hours.
    @discardableResult
    public static func addSite(_ db: Database, _ site: Site, commune: String = "", actor: String) throws -> Int64 {
        try db.transaction { db in
            if try db.queryOne("SELECT id FROM sites WHERE code = $1", [.text(site.code)]) != nil {
                throw refuse(
                    "duplicate_site", en: "a site with code '\(site.code)' already exists",
                    fr: "un lieu avec le code « \(site.code) » existe déjà")
            }
            let id = try db.queryOne(
                """
                INSERT INTO sites (code, name, kind, neighbourhood, address, commune, active)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """,
                [.text(site.code), .text(site.name), .text(site.kind.code), .text(site.neighbourhood),
                 .text(site.address ?? ""), .text(commune), .bool(true)])?.int("id") ?? 0
            try replaceHours(db, table: "site_hours", key: "site_id", id: id, site.openingHours)
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "site", entityID: id, action: "create", newValue: site.code))
            return id
        }
    }

    /// Changes a site's name, neighbourhood, address or hours.
    public static func editSite(
        _ db: Database, code: String, name: String?, neighbourhood: String?, address: String?,
        hours: [OpeningInterval]?, actor: String
    ) throws {
        try db.transaction { db in
            let current = try site(db, code: code, allowRetired: true)
            let updated = try Site(
                code: current.code, name: name ?? current.name, kind: current.kind,
                neighbourhood: neighbourhood ?? current.neighbourhood, address: address ?? current.address,
                openingHours: hours ?? current.hours)
            try db.execute(
                "UPDATE sites SET name = $1, neighbourhood = $2, address = $3 WHERE id = $4",
                [.text(updated.name), .text(updated.neighbourhood), .text(updated.address ?? ""), .integer(current.id)])
            if hours != nil {
                try replaceHours(db, table: "site_hours", key: "site_id", id: current.id, updated.openingHours)
            }
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "site", entityID: current.id, action: "edit"))
        }
    }

    /// Retires a site and its rooms (history is kept).
    public static func retireSite(_ db: Database, code: String, actor: String) throws {
        try db.transaction { db in
            let current = try site(db, code: code)
            try db.execute("UPDATE sites SET active = $1 WHERE id = $2", [.bool(false), .integer(current.id)])
            try db.execute("UPDATE rooms SET active = $1 WHERE site_id = $2", [.bool(false), .integer(current.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "site", entityID: current.id, action: "retire"))
        }
    }

    static func replaceHours(_ db: Database, table: String, key: String, id: Int64, _ hours: [OpeningInterval]) throws {
        try db.execute("DELETE FROM \(table) WHERE \(key) = $1", [.integer(id)])
        for interval in hours {
            try db.execute(
                "INSERT INTO \(table) (\(key), weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)",
                [.integer(id), .integer(Int64(interval.weekday.rawValue)), .integer(Int64(interval.startMinute)),
                 .integer(Int64(interval.endMinute))])
        }
    }
}

// MARK: - Rooms

extension ScheduleStore {
    /// Every room, by code; only the one with `code` when given.
    public static func rooms(
        _ db: Database, includeRetired: Bool = false, siteCode: String? = nil, code: String? = nil
    ) throws -> [RoomRecord] {
        let (only, arguments) = codeFilter(code, column: "r.code")
        let rows = try db.query(
            """
            SELECT r.id, r.code, r.site_id, s.code AS site_code, r.name, r.capacity, r.equipment, r.active
            FROM rooms r JOIN sites s ON s.id = r.site_id WHERE 1 = 1\(only) ORDER BY r.code
            """, arguments)
        var hours: [Int64: [Row]] = [:]
        let (owner, ownerID) = ownerFilter(rows, code: code, column: "room_id")
        for row in try db.query("SELECT room_id, weekday, start_minute, end_minute FROM room_hours" + owner, ownerID) {
            hours[row.int("room_id") ?? 0, default: []].append(row)
        }
        return rows.map { row in
            let id = row.int("id") ?? 0
            return RoomRecord(
                id: id, code: row.string("code") ?? "", siteID: row.int("site_id") ?? 0,
                siteCode: row.string("site_code") ?? "", name: row.string("name") ?? "",
                capacity: Int(row.int("capacity") ?? 1), equipment: parseEquipment(row.string("equipment")),
                active: row.bool("active") ?? true, hours: intervals(hours[id] ?? []))
        }.filter { (includeRetired || $0.active) && (siteCode == nil || $0.siteCode == siteCode) }
    }

    /// The room with `code`; retired rooms are refused unless `allowRetired`.
    public static func room(_ db: Database, code: String, allowRetired: Bool = false) throws -> RoomRecord {
        let wanted = code.trimmingCharacters(in: .whitespaces).lowercased()
        guard let room = try rooms(db, includeRetired: true, code: wanted).first else {
            throw refuse(
                "unknown_room", en: "no room has the code '\(wanted)'; list them with: relais-schedule rooms list",
                fr: "aucune salle n’a le code « \(wanted) » ; voir la liste : relais-schedule rooms list")
        }
        if !room.active && !allowRetired {
            throw refuse(
                "retired_room", en: "room '\(wanted)' is retired", fr: "la salle « \(wanted) » est retirée")
        }
        return room
    }

    /// Adds a room to an active site.
    @discardableResult
    public static func addRoom(_ db: Database, _ room: Room, actor: String) throws -> Int64 {
        try db.transaction { db in
            let owner = try site(db, code: room.siteCode)
            if try db.queryOne("SELECT id FROM rooms WHERE code = $1", [.text(room.code)]) != nil {
                throw refuse(
                    "duplicate_room", en: "a room with code '\(room.code)' already exists",
                    fr: "une salle avec le code « \(room.code) » existe déjà")
            }
            let id = try db.queryOne(
                "INSERT INTO rooms (code, site_id, name, capacity, equipment, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                [.text(room.code), .integer(owner.id), .text(room.name), .integer(Int64(room.capacity)),
                 .text(equipmentText(room.equipment)), .bool(true)])?.int("id") ?? 0
            try replaceHours(db, table: "room_hours", key: "room_id", id: id, room.openingHours.isEmpty ? owner.hours : room.openingHours)
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "room", entityID: id, action: "create", newValue: room.code))
            return id
        }
    }

    /// Changes a room's name, capacity, equipment or hours.
    public static func editRoom(
        _ db: Database, code: String, name: String?, capacity: Int?, equipment: Set<RoomEquipment>?,
        hours: [OpeningInterval]?, actor: String
    ) throws {
        try db.transaction { db in
            let current = try room(db, code: code, allowRetired: true)
            let updated = try Room(
                code: current.code, siteCode: current.siteCode, name: name ?? current.name,
                capacity: capacity ?? current.capacity, equipment: equipment ?? current.equipment,
                openingHours: hours ?? current.hours)
            try db.execute(
                "UPDATE rooms SET name = $1, capacity = $2, equipment = $3 WHERE id = $4",
                [.text(updated.name), .integer(Int64(updated.capacity)), .text(equipmentText(updated.equipment)), .integer(current.id)])
            if hours != nil { try replaceHours(db, table: "room_hours", key: "room_id", id: current.id, updated.openingHours) }
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "room", entityID: current.id, action: "edit"))
        }
    }

    /// Retires a room.
    public static func retireRoom(_ db: Database, code: String, actor: String) throws {
        try db.transaction { db in
            let current = try room(db, code: code)
            try db.execute("UPDATE rooms SET active = $1 WHERE id = $2", [.bool(false), .integer(current.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "room", entityID: current.id, action: "retire"))
        }
    }

    /// Closes a room for one day (a re-plan moves what was there).
    public static func closeRoom(_ db: Database, code: String, on day: LocalDate, reason: String, actor: String) throws {
        try db.transaction { db in
            let current = try room(db, code: code)
            try db.execute(
                """
                INSERT INTO room_closures (room_id, day, reason, created_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (room_id, day) DO UPDATE SET reason = excluded.reason
                """, [.integer(current.id), .date(day.iso), .text(reason), .timestamp(Date())])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "room", entityID: current.id, action: "close", newValue: day.iso, note: reason))
        }
    }
}

// MARK: - Staff

extension ScheduleStore {
    /// Every staff member, by code; only the one with `code` when given.
    public static func staff(
        _ db: Database, includeRetired: Bool = false, role: StaffRole? = nil, code: String? = nil
    ) throws -> [StaffRecord] {
        let (only, arguments) = codeFilter(code, column: "code")
        let rows = try db.query(
            """
            SELECT id, code, first_name, last_name, role, email, contracted_minutes_per_week, max_minutes_per_day, active
            FROM staff WHERE 1 = 1\(only) ORDER BY code
            """, arguments)
        let (owner, ownerID) = ownerFilter(rows, code: code, column: "staff_id")
        var skills: [Int64: [Theme]] = [:]
        for row in try db.query("SELECT staff_id, theme FROM staff_skills" + owner + " ORDER BY theme", ownerID) {
            if let theme = Theme(rawValue: row.string("theme") ?? "") { skills[row.int("staff_id") ?? 0, default: []].append(theme) }
        }
        var sites: [Int64: [String]] = [:]
        let (siteOwner, _) = ownerFilter(rows, code: code, column: "ss.staff_id")
        for row in try db.query(
            "SELECT ss.staff_id, s.code FROM staff_sites ss JOIN sites s ON s.id = ss.site_id" + siteOwner + " ORDER BY s.code", ownerID)
        {
            sites[row.int("staff_id") ?? 0, default: []].append(row.string("code") ?? "")
        }
        var available: [Int64: [WeeklyHalfDay]] = [:]
        var undesired: [Int64: [WeeklyHalfDay]] = [:]
        for row in try db.query(
            "SELECT staff_id, weekday, half, preference FROM staff_half_days" + owner, ownerID)
        {
            guard let day = row.int("weekday").flatMap({ Weekday(rawValue: Int($0)) }),
                let half = RelaisCore.HalfDay(rawValue: row.string("half") ?? "")
            else { continue }
            let slot = WeeklyHalfDay(weekday: day, half: half)
            if row.string("preference") == "undesired" {
                undesired[row.int("staff_id") ?? 0, default: []].append(slot)
            } else {
                available[row.int("staff_id") ?? 0, default: []].append(slot)
            }
        }
        return rows.compactMap { row in
            let id = row.int("id") ?? 0
            let record = StaffRecord(
                id: id, code: row.string("code") ?? "", firstName: row.string("first_name") ?? "",
                lastName: row.string("last_name") ?? "", role: StaffRole(rawValue: row.string("role") ?? "") ?? .conseiller,
                email: row.string("email"), contractedMinutesPerWeek: Int(row.int("contracted_minutes_per_week") ?? 0),
                maxMinutesPerDay: Int(row.int("max_minutes_per_day") ?? 420), active: row.bool("active") ?? true,
                skills: skills[id] ?? [], siteCodes: sites[id] ?? [], available: (available[id] ?? []).sorted(),
                undesired: (undesired[id] ?? []).sorted())
            guard includeRetired || record.active, role == nil || record.role == role else { return nil }
            return record
        }
    }

    /// The staff member with `code`; retired staff are refused unless `allowRetired`.
    public static func staffMember(_ db: Database, code: String, allowRetired: Bool = false) throws -> StaffRecord {
        let wanted = code.trimmingCharacters(in: .whitespaces).lowercased()
        guard let member = try staff(db, includeRetired: true, code: wanted).first else {
            throw refuse(
                "unknown_staff", en: "no staff member has the code '\(wanted)'; list them with: relais-schedule staff list",
                fr: "aucun membre de l’équipe n’a le code « \(wanted) » ; voir la liste : relais-schedule staff list")
        }
        if !member.active && !allowRetired {
            throw refuse(
                "retired_staff", en: "staff member '\(wanted)' is retired; reactivate them or choose someone else",
                fr: "« \(wanted) » ne fait plus partie de l’équipe (retiré) ; réactivez-le ou choisissez quelqu’un d’autre")
        }
        return member
    }

    /// Adds a staff member; `member` carries the checked identity, `changes` the planning details.
    @discardableResult
    public static func addStaff(_ db: Database, _ member: StaffMember, details: StaffChanges, actor: String) throws -> Int64 {
        try db.transaction { db in
            if try db.queryOne("SELECT id FROM staff WHERE code = $1", [.text(member.code)]) != nil {
                throw refuse(
                    "duplicate_staff", en: "a staff member with code '\(member.code)' already exists",
                    fr: "un membre de l’équipe avec le code « \(member.code) » existe déjà")
            }
            let email = try TextRules.optional(details.email, field: "email", limit: 200)
            let id = try db.queryOne(
                """
                INSERT INTO staff (code, first_name, last_name, role, email, contracted_minutes_per_week, max_minutes_per_day, active, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
                """,
                [.text(member.code), .text(member.firstName), .text(member.lastName), .text(member.role.code), .optional(email),
                 .integer(Int64(member.contractedMinutesPerWeek)), .integer(Int64(details.maxMinutesPerDay ?? 420)),
                 .bool(true), .timestamp(Date())])?.int("id") ?? 0
            try writeStaffDetails(db, id: id, role: member.role, skills: Array(member.skills), siteCodes: Array(member.siteCodes), details: details)
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "staff", entityID: id, action: "create", newValue: member.code))
            return id
        }
    }

    /// Edits a staff member: only the fields set in `changes`.
    public static func editStaff(_ db: Database, code: String, changes: StaffChanges, actor: String) throws {
        try db.transaction { db in
            let current = try staffMember(db, code: code, allowRetired: true)
            let role = changes.role ?? current.role
            let checked = try StaffMember(
                code: current.code, firstName: changes.firstName ?? current.firstName,
                lastName: changes.lastName ?? (current.lastName.isEmpty ? "-" : current.lastName), role: role,
                skills: Set(changes.skills ?? (role == .conseiller ? current.skills : [])),
                siteCodes: Set(changes.siteCodes ?? current.siteCodes),
                contractedMinutesPerWeek: changes.contractedMinutesPerWeek ?? current.contractedMinutesPerWeek)
            let maxPerDay = try TextRules.inRange(changes.maxMinutesPerDay ?? current.maxMinutesPerDay, 0...1440, field: "max_minutes_per_day")
            try db.execute(
                """
                UPDATE staff SET first_name = $1, last_name = $2, role = $3, email = $4, contracted_minutes_per_week = $5,
                    max_minutes_per_day = $6 WHERE id = $7
                """,
                [.text(checked.firstName), .text(changes.lastName ?? current.lastName), .text(role.code),
                 .optional(try TextRules.optional(changes.email ?? current.email, field: "email", limit: 200)),
                 .integer(Int64(checked.contractedMinutesPerWeek)), .integer(Int64(maxPerDay)), .integer(current.id)])
            var details = changes
            details.available = changes.available ?? current.available
            details.undesired = changes.undesired ?? current.undesired
            try writeStaffDetails(
                db, id: current.id, role: role, skills: changes.skills ?? (role == .conseiller ? current.skills : []),
                siteCodes: changes.siteCodes ?? current.siteCodes, details: details)
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "staff", entityID: current.id, action: "edit"))
        }
    }

    /// Retires a staff member; their history stays.
    public static func retireStaff(_ db: Database, code: String, actor: String) throws {
        try db.transaction { db in
            let current = try staffMember(db, code: code)
            try db.execute("UPDATE staff SET active = $1 WHERE id = $2", [.bool(false), .integer(current.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "staff", entityID: current.id, action: "retire"))
        }
    }

    private static func writeStaffDetails(
        _ db: Database, id: Int64, role: StaffRole, skills: [Theme], siteCodes: [String], details: StaffChanges
    ) throws {
        try db.execute("DELETE FROM staff_skills WHERE staff_id = $1", [.integer(id)])
        for skill in Set(skills) {
            try db.execute("INSERT INTO staff_skills (staff_id, theme) VALUES ($1, $2)", [.integer(id), .text(skill.code)])
        }
        try db.execute("DELETE FROM staff_sites WHERE staff_id = $1", [.integer(id)])
        for code in Set(siteCodes) {
            let owner = try site(db, code: code)
            try db.execute("INSERT INTO staff_sites (staff_id, site_id) VALUES ($1, $2)", [.integer(id), .integer(owner.id)])
        }
        try db.execute("DELETE FROM staff_half_days WHERE staff_id = $1", [.integer(id)])
        for (slots, preference) in [(details.available ?? [], "available"), (details.undesired ?? [], "undesired")] {
            for slot in Set(slots) {
                try db.execute(
                    "INSERT INTO staff_half_days (staff_id, weekday, half, preference) VALUES ($1, $2, $3, $4)",
                    [.integer(id), .integer(Int64(slot.weekday.rawValue)), .text(slot.half.code), .text(preference)])
            }
        }
    }
}

// MARK: - Catalogue

extension ScheduleStore {
    /// The workshop catalogue, by code; only the entry with `code` when given.
    public static func workshops(_ db: Database, includeRetired: Bool = false, code: String? = nil) throws -> [WorkshopRecord] {
        let (only, arguments) = codeFilter(code, column: "code")
        return try db.query(
            "SELECT id, code, title, theme, level, duration_minutes, capacity, equipment, active FROM workshops WHERE "
                + (includeRetired ? "1 = 1" : "active") + only + " ORDER BY code", arguments
        ).map { row in
            WorkshopRecord(
                id: row.int("id") ?? 0, code: row.string("code") ?? "", title: row.string("title") ?? "",
                theme: Theme(rawValue: row.string("theme") ?? "") ?? .cultureNumerique,
                level: WorkshopLevel(rawValue: row.string("level") ?? "") ?? .debutant,
                durationMinutes: Int(row.int("duration_minutes") ?? 120), capacity: Int(row.int("capacity") ?? 1),
                equipment: parseEquipment(row.string("equipment")), active: row.bool("active") ?? true)
        }
    }

    /// The catalogue entry with `code`; retired entries are refused unless `allowRetired`.
    public static func workshop(_ db: Database, code: String, allowRetired: Bool = false) throws -> WorkshopRecord {
        let wanted = code.trimmingCharacters(in: .whitespaces).lowercased()
        guard let entry = try workshops(db, includeRetired: true, code: wanted).first else {
            throw refuse(
                "unknown_workshop", en: "no workshop has the code '\(wanted)'; list them with: relais-schedule catalogue list",
                fr: "aucun atelier n’a le code « \(wanted) » ; voir la liste : relais-schedule catalogue list")
        }
        if !entry.active && !allowRetired {
            throw refuse("retired_workshop", en: "workshop '\(wanted)' is retired", fr: "l’atelier « \(wanted) » est retiré")
        }
        return entry
    }

    /// Adds catalogue entries, all or nothing (an import is one call).
    public static func addWorkshops(_ db: Database, _ entries: [Workshop], actor: String) throws {
        try db.transaction { db in
            for entry in entries {
                if try db.queryOne("SELECT id FROM workshops WHERE code = $1", [.text(entry.code)]) != nil {
                    throw refuse(
                        "duplicate_workshop", en: "a workshop with code '\(entry.code)' already exists",
                        fr: "un atelier avec le code « \(entry.code) » existe déjà")
                }
                let id = try db.queryOne(
                    """
                    INSERT INTO workshops (code, title, theme, level, duration_minutes, capacity, equipment, active)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                    """,
                    [.text(entry.code), .text(entry.title), .text(entry.theme.code), .text(entry.level.code),
                     .integer(Int64(entry.durationMinutes)), .integer(Int64(entry.capacity)),
                     .text(equipmentText(entry.equipmentNeeded)), .bool(true)])?.int("id") ?? 0
                try AuditTrail.record(db, AuditEvent(actor: actor, entity: "workshop", entityID: id, action: "create", newValue: entry.code))
            }
        }
    }

    /// Replaces a catalogue entry's fields (validated by `Workshop`).
    public static func editWorkshop(_ db: Database, _ entry: Workshop, actor: String) throws {
        try db.transaction { db in
            let current = try workshop(db, code: entry.code, allowRetired: true)
            try db.execute(
                "UPDATE workshops SET title = $1, theme = $2, level = $3, duration_minutes = $4, capacity = $5, equipment = $6 WHERE id = $7",
                [.text(entry.title), .text(entry.theme.code), .text(entry.level.code), .integer(Int64(entry.durationMinutes)),
                 .integer(Int64(entry.capacity)), .text(equipmentText(entry.equipmentNeeded)), .integer(current.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "workshop", entityID: current.id, action: "edit"))
        }
    }

    /// Retires a catalogue entry.
    public static func retireWorkshop(_ db: Database, code: String, actor: String) throws {
        try db.transaction { db in
            let current = try workshop(db, code: code)
            try db.execute("UPDATE workshops SET active = $1 WHERE id = $2", [.bool(false), .integer(current.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "workshop", entityID: current.id, action: "retire"))
        }
    }
}

// MARK: - Absences and holidays

extension ScheduleStore {
    /// Records an absence; refuses retired staff and an overlap with another absence.
    @discardableResult
    public static func addAbsence(
        _ db: Database, staffCode: String, from start: LocalDate, to end: LocalDate, reason: String, actor: String
    ) throws -> Int64 {
        guard end >= start else {
            throw refuse(
                "absence_dates", en: "the absence ends (\(end.iso)) before it starts (\(start.iso))",
                fr: "l’absence se termine (\(end.french)) avant de commencer (\(start.french))")
        }
        let reason = try TextRules.optional(reason, field: "reason", limit: 200) ?? ""
        return try db.transaction { db in
            let member = try staffMember(db, code: staffCode)
            if let clash = try db.queryOne(
                """
                SELECT start_date, end_date FROM staff_absences
                WHERE staff_id = $1 AND start_date <= $3 AND end_date >= $2 ORDER BY start_date LIMIT 1
                """, [.integer(member.id), .date(start.iso), .date(end.iso)])
            {
                let from = date(clash, "start_date")?.iso ?? "?", to = date(clash, "end_date")?.iso ?? "?"
                throw refuse(
                    "absence_overlap",
                    en: "\(member.code) already has an absence from \(from) to \(to) that overlaps \(start.iso)…\(end.iso); edit or remove it first",
                    fr: "\(member.code) a déjà une absence du \(from) au \(to) qui chevauche \(start.iso)…\(end.iso) ; modifiez-la ou supprimez-la d’abord")
            }
            let id = try db.queryOne(
                "INSERT INTO staff_absences (staff_id, start_date, end_date, reason, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                [.integer(member.id), .date(start.iso), .date(end.iso), .text(reason), .timestamp(Date())])?.int("id") ?? 0
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "staff", entityID: member.id, action: "absence", newValue: "\(start.iso)..\(end.iso)", note: reason.isEmpty ? nil : reason))
            return id
        }
    }

    /// Absences overlapping `[from, to]` (all when nil), optionally for one staff member.
    public static func absences(_ db: Database, staffCode: String? = nil, from: LocalDate? = nil, to: LocalDate? = nil) throws -> [AbsenceRecord] {
        try db.query(
            """
            SELECT a.id, s.code, a.start_date, a.end_date, a.reason FROM staff_absences a JOIN staff s ON s.id = a.staff_id
            WHERE ($1 = '' OR s.code = $1) AND a.end_date >= $2 AND a.start_date <= $3 ORDER BY a.start_date, s.code
            """,
            [.text(staffCode?.lowercased() ?? ""), .date((from ?? (try! LocalDate(year: 1900, month: 1, day: 1))).iso),
             .date((to ?? (try! LocalDate(year: 2200, month: 12, day: 31))).iso)]
        ).compactMap { row in
            guard let start = date(row, "start_date"), let end = date(row, "end_date") else { return nil }
            return AbsenceRecord(id: row.int("id") ?? 0, staffCode: row.string("code") ?? "", start: start, end: end, reason: row.string("reason") ?? "")
        }
    }

    /// Removes an absence by id.
    public static func removeAbsence(_ db: Database, id: Int64, actor: String) throws {
        try db.transaction { db in
            guard let row = try db.queryOne("SELECT staff_id FROM staff_absences WHERE id = $1", [.integer(id)]) else {
                throw refuse("unknown_absence", en: "no absence has the number \(id)", fr: "aucune absence ne porte le numéro \(id)")
            }
            try db.execute("DELETE FROM staff_absences WHERE id = $1", [.integer(id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "staff", entityID: row.int("staff_id") ?? 0, action: "absence_removed", oldValue: String(id)))
        }
    }

    /// Public holidays between two dates.
    public static func holidays(_ db: Database, from: LocalDate, to: LocalDate) throws -> [(day: LocalDate, name: String)] {
        try db.query("SELECT day, name FROM public_holidays WHERE day >= $1 AND day <= $2 ORDER BY day", [.date(from.iso), .date(to.iso)])
            .compactMap { row in date(row, "day").map { ($0, row.string("name") ?? "") } }
    }

    /// Adds (or renames) a public holiday.
    public static func addHoliday(_ db: Database, day: LocalDate, name: String) throws {
        let name = try TextRules.required(name, field: "name", limit: 100)
        try db.transaction { db in
            try db.execute(
                "INSERT INTO public_holidays (day, name) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET name = excluded.name",
                [.date(day.iso), .text(name)])
        }
    }
}

extension RoomRecord {
    /// Whether the room seats `attendees` and offers every item of `needs`.
    public func fits(attendees: Int, needs: Set<RoomEquipment>) -> Bool {
        capacity >= attendees && needs.isSubset(of: equipment)
    }
}
