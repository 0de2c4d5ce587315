import Foundation
import RelaisCore

/// One line of an accompaniment listing.
public struct AccompanimentSummary: Sendable, Hashable {
    public let id: Int64
    public let type: ActivityType
    public let day: LocalDate
    public let durationMinutes: Int
    public let placeType: PlaceType
    public let themes: [Theme]
    public let procedure: String?
    public let requestNumber: String?
    public let staffCode: String?
}

/// Accompaniments (the funder's activity records), logged once from the desk's requests.
public enum AccompanimentStore {
    /// Records an individual accompaniment, checked by `Accompaniment`'s Coop rules.
    ///
    /// - Parameters:
    ///   - referralName: the partner's name when the resident was referred (only with a referral
    ///     structure: a name alone is refused, not dropped).
    /// - Throws: `IntakeError` for an unknown site, conseiller, resident or request, a date in
    ///   the future or before the request was opened, or a partner's name without a referral.
    public static func log(
        _ db: Database, _ activity: Accompaniment, referralName: String? = nil, actor: String, now: Date = Date(),
        today: LocalDate
    ) throws -> Int64 {
        if activity.date > today {
            throw IntakeError(
                "date_in_future",
                en: "the accompaniment date \(activity.date.iso) is in the future (today is \(today.iso))",
                fr: "la date de l’accompagnement (\(activity.date.french)) est dans le futur (nous sommes le \(today.french))")
        }
        let referralName = try RelaisCore.TextRules.optional(referralName, field: "referral_name", limit: Referral.partnerNameLimit)
        if referralName != nil, activity.referral == nil {
            throw IntakeError(
                "referral_name_without_referral",
                en: "a partner's name (referral_name) needs the referral structure it belongs to: give --referral CODE too, or drop the name",
                fr: "le nom du partenaire (referral_name) va avec sa structure de réorientation : donnez aussi --referral CODE, ou retirez le nom")
        }
        let siteID = try activity.siteCode.map { try IntakeReferences.siteID(db, code: $0) }
        let staffID = try activity.staffCode.map { try IntakeReferences.staff(db, code: $0).id }
        let residentID = activity.residentIds.first
        if let residentID { try ResidentStore.requireActive(db, id: residentID) }
        var requestNumber: String?
        if let requestID = activity.requestId {
            let row = try db.queryOne("SELECT number, opened_at FROM help_requests WHERE id = $1", [.integer(requestID)])
            requestNumber = row?.string("number")
            guard let requestNumber, let openedAt = row?.date("opened_at") else { throw StoreError(.notFound, "no request #\(requestID)") }
            // Work on a request starts once it is open (the import's historical requests included).
            let openedOn = ParisTime.today(openedAt)
            if activity.date < openedOn {
                throw IntakeError(
                    "date_before_request",
                    en: "the accompaniment date \(activity.date.iso) is before request \(requestNumber) was opened (\(openedOn.iso))",
                    fr: "la date de l’accompagnement (\(activity.date.french)) précède l’ouverture de la demande \(requestNumber) (\(openedOn.french))")
            }
        }
        return try db.transaction { db in
            guard
                let id = try db.queryOne(
                    """
                    INSERT INTO accompaniments (activity_type, day, duration_minutes, place_type, site_id, commune, procedure_name,
                        autonomy, referral_structure, referral_name, request_id, resident_id, conseiller_id, created_at, created_by)
                    VALUES ('individuel', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id
                    """,
                    [.date(activity.date.iso), .integer(Int64(activity.durationMinutes)), .text(activity.placeType.code),
                     .optional(siteID), .optional(activity.commune), .optional(activity.procedure),
                     .optional(activity.autonomy?.code), .optional(activity.referral?.code),
                     .optional(referralName), .optional(activity.requestId),
                     .optional(residentID), .optional(staffID), .timestamp(now), .text(actor)])?.int("id")
            else { throw StoreError(.other, "the accompaniment was not stored") }
            // One anonymous person at most on an individual accompaniment: one row of counts.
            let anonymous = activity.anonymous
            try insertDetails(
                db, id: id, activity, participants: [],
                anonymous: anonymous.total == 0 ? [] : [
                    WalkinCount(
                        gender: anonymous.byGender.first?.key ?? .nonCommunique, ageBracket: anonymous.byAgeBracket.first?.key ?? .nonCommunique,
                        socialStatus: anonymous.bySocialStatus.first?.key ?? .nonCommunique, count: anonymous.total),
                ])
            try AuditTrail.record(
                db, AuditEvent(at: now, actor: actor, entity: "accompaniment", entityID: id, action: "log",
                               note: "\(activity.durationMinutes) min" + (requestNumber.map { " on \($0)" } ?? "")))
            if let requestID = activity.requestId {
                try AuditTrail.record(
                    db, AuditEvent(at: now, actor: actor, entity: "request", entityID: requestID, action: "log",
                                   field: "accompaniment", newValue: String(id),
                                   note: "\(activity.date.iso), \(activity.durationMinutes) min"))
                try db.execute("UPDATE help_requests SET updated_at = $2 WHERE id = $1", [.integer(requestID), .timestamp(now)])
            }
            if let residentID { try ResidentStore.touch(db, id: residentID, at: now) }
            return id
        }
    }

    /// Writes accompaniment `id`'s child rows: themes, sub-themes and equipment of `activity`,
    /// the named `participants` (collective activities) and the `anonymous` counts.
    static func insertDetails(
        _ db: Database, id: Int64, _ activity: Accompaniment, participants: [Int64], anonymous: [WalkinCount]
    ) throws {
        for theme in activity.themes {
            try db.execute("INSERT INTO accompaniment_themes (accompaniment_id, theme) VALUES ($1, $2)", [.integer(id), .text(theme.code)])
        }
        for sub in activity.subThemes {
            try db.execute("INSERT INTO accompaniment_subthemes (accompaniment_id, subtheme) VALUES ($1, $2)", [.integer(id), .text(sub.code)])
        }
        for item in activity.equipment {
            try db.execute("INSERT INTO accompaniment_equipment (accompaniment_id, equipment) VALUES ($1, $2)", [.integer(id), .text(item.code)])
        }
        for resident in participants {
            try db.execute(
                "INSERT INTO accompaniment_participants (accompaniment_id, resident_id) VALUES ($1, $2)", [.integer(id), .integer(resident)])
        }
        for group in anonymous {
            try db.execute(
                "INSERT INTO accompaniment_anonymous (accompaniment_id, gender, age_bracket, social_status, count) VALUES ($1, $2, $3, $4, $5)",
                [.integer(id), .text(group.gender.code), .text(group.ageBracket.code), .text(group.socialStatus.code),
                 .integer(Int64(group.count))])
        }
    }

    /// The accompaniments of a request, oldest first.
    public static func summaries(_ db: Database, requestID: Int64) throws -> [AccompanimentSummary] {
        try summaries(db, whereClause: "a.request_id = $1", [.integer(requestID)])
    }

    /// The accompaniments of a resident (individual, or workshops they attended), oldest first.
    public static func summaries(_ db: Database, residentID: Int64) throws -> [AccompanimentSummary] {
        try summaries(
            db,
            whereClause: "(a.resident_id = $1 OR a.id IN (SELECT p.accompaniment_id FROM accompaniment_participants p WHERE p.resident_id = $1))",
            [.integer(residentID)])
    }

    static func summaries(_ db: Database, whereClause: String, _ arguments: [SQLValue]) throws -> [AccompanimentSummary] {
        let rows = try db.query(
            """
            SELECT a.id, a.activity_type, a.day, a.duration_minutes, a.place_type, a.procedure_name, h.number, st.code AS staff
            FROM accompaniments a LEFT JOIN help_requests h ON h.id = a.request_id LEFT JOIN staff st ON st.id = a.conseiller_id
            WHERE \(whereClause) ORDER BY a.day, a.id LIMIT 1000
            """, arguments)
        let themesByID = try db.codes(
            of: "accompaniment_themes", idColumn: "accompaniment_id", codeColumn: "theme", for: rows.compactMap { $0.int("id") })
        return try rows.map { row in
            let id = row.int("id") ?? 0
            let themes = (themesByID[id] ?? []).compactMap(Theme.init(rawValue:))
            return AccompanimentSummary(
                id: id, type: ActivityType(rawValue: row.string("activity_type") ?? "") ?? .individuel,
                day: try LocalDate(parsing: String((row.string("day") ?? "1970-01-01").prefix(10))),
                durationMinutes: Int(row.int("duration_minutes") ?? 0),
                placeType: PlaceType(rawValue: row.string("place_type") ?? "") ?? .lieuActivite, themes: themes,
                procedure: row.string("procedure_name"), requestNumber: row.string("number"), staffCode: row.string("staff"))
        }
    }
}
