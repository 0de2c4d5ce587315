import Foundation

/// Everything Relais holds about one resident, as the right of access asks (RGPD art. 15).
public struct ResidentExport: Codable, Sendable {
    public struct Request: Codable, Sendable {
        public var number: String
        public var openedAt: String
        public var status: String
        public var field: String
        public var summary: String
        public var themes: [String]
        public var events: [Event]
    }
    public struct Event: Codable, Sendable {
        public var at: String
        public var actor: String
        public var action: String
        public var field: String?
        public var oldValue: String?
        public var newValue: String?
        public var note: String?
    }
    public struct Activity: Codable, Sendable {
        public var day: String
        public var type: String
        public var durationMinutes: Int64
        public var themes: [String]
        public var procedure: String?
    }
    public struct Registration: Codable, Sendable {
        public var session: String
        public var startsAt: String?
        public var status: String
        public var attendance: String?
    }
    public struct Loan: Codable, Sendable {
        public var number: String
        public var item: String
        public var lentOn: String
        public var dueOn: String?
        public var returnedOn: String?
        public var status: String
        public var agreementVersion: String?
    }

    public var exportedAt: String
    public var resident: [String: String]
    public var requests: [Request]
    public var activities: [Activity]
    public var registrations: [Registration]
    public var loans: [Loan]
}

/// Privacy operations: access export, erasure, and the retention purge.
///
/// Erasure keeps the statistical fields (gender, birth year, social status, commune, postcode) so
/// that funder figures survive, and removes everything that names or reaches the person: names,
/// phone, e-mail, consent record, the free-text summaries of their requests and the notes of
/// their requests' timelines.
public enum Privacy {
    /// The text that replaces an erased request summary.
    public static let erasedSummary = "[effacé / erased]"

    /// Everything about one resident.
    /// - Throws: `StoreError.notFound` for an unknown resident.
    public static func export(_ db: Database, residentID: Int64, at now: Date = Date()) throws -> ResidentExport {
        guard let resident = try db.queryOne("SELECT * FROM residents WHERE id = $1", [.integer(residentID)]) else {
            throw StoreError(.notFound, "no resident with id \(residentID); find the id with relais-intake resident find")
        }
        var fields: [String: String] = [:]
        for (column, value) in zip(resident.columns, resident.values) where !value.isNull {
            if column == "name_key" || column == "phone_key" { continue }
            fields[column] = value.string
        }
        var requests: [ResidentExport.Request] = []
        let requestRows = try db.query(
            "SELECT id, number, opened_at, status, field, summary FROM help_requests WHERE resident_id = $1 ORDER BY id", [.integer(residentID)])
        let requestThemes = try db.codes(
            of: "request_themes", idColumn: "request_id", codeColumn: "theme", for: requestRows.compactMap { $0.int("id") })
        for row in requestRows {
            let id = row.int("id") ?? 0
            let themes = requestThemes[id] ?? []
            let events = try AuditTrail.events(db, entity: "request", id: id).map {
                ResidentExport.Event(at: TimestampFormat.iso($0.at), actor: $0.actor, action: $0.action, field: $0.field, oldValue: $0.oldValue, newValue: $0.newValue, note: $0.note)
            }
            requests.append(ResidentExport.Request(
                number: row.string("number") ?? "", openedAt: row.string("opened_at") ?? "", status: row.string("status") ?? "",
                field: row.string("field") ?? "", summary: row.string("summary") ?? "", themes: themes, events: events))
        }
        var activities: [ResidentExport.Activity] = []
        let activityRows = try db.query(
            """
            SELECT a.id, a.day, a.activity_type, a.duration_minutes, a.procedure_name FROM accompaniments a
            WHERE a.resident_id = $1
               OR a.id IN (SELECT accompaniment_id FROM accompaniment_participants WHERE resident_id = $1)
            ORDER BY a.day, a.id
            """, [.integer(residentID)])
        let activityThemes = try db.codes(
            of: "accompaniment_themes", idColumn: "accompaniment_id", codeColumn: "theme", for: activityRows.compactMap { $0.int("id") })
        for row in activityRows {
            let themes = activityThemes[row.int("id") ?? 0] ?? []
            activities.append(ResidentExport.Activity(
                day: row.string("day") ?? "", type: row.string("activity_type") ?? "", durationMinutes: row.int("duration_minutes") ?? 0,
                themes: themes, procedure: row.string("procedure_name")))
        }
        let registrations = try db.query(
            """
            SELECT s.code, s.starts_at, r.status, r.attendance FROM registrations r JOIN sessions s ON s.id = r.session_id
            WHERE r.resident_id = $1 ORDER BY s.starts_at, s.code
            """, [.integer(residentID)]
        ).map {
            ResidentExport.Registration(session: $0.string("code") ?? "", startsAt: $0.string("starts_at"), status: $0.string("status") ?? "", attendance: $0.string("attendance"))
        }
        let loans = try db.query(
            """
            SELECT l.number, COALESCE(d.asset_tag, s.label) AS item, l.lent_on, l.due_on, l.returned_on, l.status, l.agreement_version
            FROM loans l LEFT JOIN devices d ON d.id = l.device_id LEFT JOIN stock_items s ON s.id = l.stock_item_id
            WHERE l.resident_id = $1 ORDER BY l.lent_on, l.number
            """, [.integer(residentID)]
        ).map {
            ResidentExport.Loan(number: $0.string("number") ?? "", item: $0.string("item") ?? "", lentOn: $0.string("lent_on") ?? "",
                                dueOn: $0.string("due_on"), returnedOn: $0.string("returned_on"), status: $0.string("status") ?? "",
                                agreementVersion: $0.string("agreement_version"))
        }
        return ResidentExport(exportedAt: TimestampFormat.iso(now), resident: fields, requests: requests, activities: activities,
                              registrations: registrations, loans: loans)
    }

    /// Erases one resident's personal data, keeping the statistics. Audited without personal data.
    /// - Throws: `StoreError.notFound` for an unknown resident, `.conflict` when already anonymous.
    public static func erase(_ db: Database, residentID: Int64, actor: String, reason: String, at now: Date = Date()) throws {
        try overwritingErasedContent(db) {
            try eraseRows(db, residentID: residentID, actor: actor, reason: reason, now: now)
        }
    }

    /// Runs `body` so that what it removes does not linger on disk. On SQLite: deleted content is
    /// overwritten with zeros (`secure_delete`), and afterwards the write-ahead log — which may
    /// still hold earlier copies of the changed pages — is checkpointed into the database and
    /// emptied. (On PostgreSQL old row versions stay until vacuum reuses their space; see
    /// docs/privacy.md.)
    private static func overwritingErasedContent<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        guard db.backend == .sqlite else { return try body() }
        try db.executeScript("PRAGMA secure_delete = ON")
        defer { _ = try? db.executeScript("PRAGMA secure_delete = OFF") }
        let result = try body()
        try db.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
        return result
    }

    private static func eraseRows(_ db: Database, residentID: Int64, actor: String, reason: String, now: Date) throws {
        try db.transaction { db in
            guard let row = try db.queryOne("SELECT kind, anonymised_at FROM residents WHERE id = $1", [.integer(residentID)]) else {
                throw StoreError(.notFound, "no resident with id \(residentID); find the id with relais-intake resident find")
            }
            if row.string("kind") == "anonymous" {
                throw StoreError(.conflict, "resident \(residentID) holds no personal data (anonymous or already erased)")
            }
            try anonymise(db, where: "id = $1", [.integer(residentID)], now: now)
            try AuditTrail.record(db, AuditEvent(at: now, actor: actor, entity: "resident", entityID: residentID, action: "erase", note: reason))
        }
    }

    /// What the retention purge would touch, or touched.
    public struct PurgeResult: Sendable, Equatable {
        /// Residents anonymised (or to be, on a dry run).
        public var anonymised: Int
        /// Inactive residents kept because they still hold an open loan or an open request.
        public var keptOngoing: Int
    }

    /// Anonymises followed residents with no activity since `cutoff` (`last_activity_at`: a request
    /// opened or worked on, an accompaniment, a workshop registration or attendance, an import),
    /// except those with an open loan or an open request.
    public static func purge(_ db: Database, inactiveSince cutoff: Date, actor: String, dryRun: Bool, at now: Date = Date()) throws -> PurgeResult {
        // Someone with a loan out or a request still being worked on is kept, however old their
        // last recorded activity.
        let ongoing = """
            (EXISTS (SELECT 1 FROM loans l WHERE l.resident_id = residents.id AND l.status = 'open')
              OR EXISTS (SELECT 1 FROM help_requests h WHERE h.resident_id = residents.id AND \(RequestStore.openStatusSQL)))
            """
        let condition = "kind = 'followed' AND last_activity_at < $1 AND NOT \(ongoing)"
        let kept = try db.scalar(
            "SELECT count(*) FROM residents WHERE kind = 'followed' AND last_activity_at < $1 AND \(ongoing)",
            [.timestamp(cutoff)]).int ?? 0
        if dryRun {
            let count = try db.scalar("SELECT count(*) FROM residents WHERE \(condition)", [.timestamp(cutoff)]).int ?? 0
            return PurgeResult(anonymised: Int(count), keptOngoing: Int(kept))
        }
        return try overwritingErasedContent(db) {
            try db.transaction { db in
                let ids = try db.query("SELECT id FROM residents WHERE \(condition)", [.timestamp(cutoff)]).compactMap { $0.int("id") }
                try anonymise(db, where: condition, [.timestamp(cutoff)], now: now)
                for id in ids {
                    try AuditTrail.record(db, AuditEvent(at: now, actor: actor, entity: "resident", entityID: id, action: "retention_purge"))
                }
                return PurgeResult(anonymised: ids.count, keptOngoing: Int(kept))
            }
        }
    }

    /// Scrubs the residents matched by `condition` (written against `residents`), their requests'
    /// summaries and timeline notes; statistical fields stay.
    private static func anonymise(_ db: Database, where condition: String, _ arguments: [SQLValue], now: Date) throws {
        let offset = arguments.count
        let selected = "SELECT id FROM residents WHERE \(condition)"
        try db.execute(
            """
            UPDATE audit_events SET note = NULL, old_value = NULL, new_value = NULL
            WHERE entity = 'resident' AND entity_id IN (\(selected)) AND (note IS NOT NULL OR old_value IS NOT NULL OR new_value IS NOT NULL)
            """, arguments)
        try db.execute(
            """
            UPDATE audit_events SET note = NULL
            WHERE entity = 'request' AND note IS NOT NULL
              AND entity_id IN (SELECT id FROM help_requests WHERE resident_id IN (\(selected)))
            """, arguments)
        try db.execute(
            "UPDATE help_requests SET summary = $\(offset + 1) WHERE resident_id IN (\(selected))",
            arguments + [.text(erasedSummary)])
        try db.execute(
            """
            UPDATE residents SET kind = 'anonymous', first_name = NULL, last_name = NULL, phone = NULL, email = NULL,
                consent_at = NULL, consent_version = NULL, name_key = NULL, phone_key = NULL, anonymised_at = $\(offset + 1)
            WHERE id IN (\(selected))
            """, arguments + [.timestamp(now)])
    }
}
