import Foundation
import RelaisCore

/// One line of a stored plan: where a session goes, or why it could not be placed.
public struct PlanLine: Sendable, Hashable {
    public var sessionCode: String
    public var conseillerCode: String?
    public var roomCode: String?
    /// Day of the week, Monday = 0.
    public var day: Int?
    /// Start grain on `ScheduleGrid`.
    public var startGrain: Int?
    /// Why the session is not placed (nil when placed).
    public var unassignedReason: String?

    public init(sessionCode: String, conseillerCode: String?, roomCode: String?, day: Int?, startGrain: Int?, unassignedReason: String?) {
        self.sessionCode = sessionCode
        self.conseillerCode = conseillerCode
        self.roomCode = roomCode
        self.day = day
        self.startGrain = startGrain
        self.unassignedReason = unassignedReason
    }

    public var isPlaced: Bool { conseillerCode != nil && roomCode != nil && day != nil && startGrain != nil }
}

/// A stored plan version of a week.
public struct PlanVersion: Sendable, Hashable {
    public var id: Int64
    public var week: String
    public var version: Int
    /// `draft`, `published` or `superseded`.
    public var status: String
    public var hardViolations: Int
    public var softScore: Int
    /// The score terms as JSON (`{"unassigned": 0, …}`).
    public var scoreTerms: String
    public var createdAt: Date
    public var createdBy: String
    public var publishedAt: Date?
    public var basedOnVersion: Int?
    public var note: String
    public var lines: [PlanLine]
}

/// What publishing changed, for the coordinator and the calendars.
public struct PublishOutcome: Sendable {
    public var version: Int
    public var superseded: Int?
    /// Sessions whose calendar event changed (their SEQUENCE was raised).
    public var changedSessions: [String]
    /// Sessions cancelled because the new version could not place them.
    public var cancelledSessions: [String]
}

extension ScheduleStore {
    /// Stores a new draft for `week`, replacing any earlier draft; returns its version number.
    @discardableResult
    public static func saveDraft(
        _ db: Database, week: IsoWeek, lines: [PlanLine], hard: Int, soft: Int, terms: String, basedOn: Int?, note: String,
        actor: String
    ) throws -> Int {
        try db.transaction { db in
            try db.execute("DELETE FROM plans WHERE week = $1 AND status = 'draft'", [.text(week.description)])
            let version = Int(try db.scalar("SELECT coalesce(max(version), 0) FROM plans WHERE week = $1", [.text(week.description)]).int ?? 0) + 1
            let planID = try db.queryOne(
                """
                INSERT INTO plans (week, version, status, hard_violations, soft_score, score_terms, created_at, created_by, based_on_version, note)
                VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9) RETURNING id
                """,
                [.text(week.description), .integer(Int64(version)), .integer(Int64(hard)), .integer(Int64(soft)), .text(terms),
                 .timestamp(Date()), .text(actor), .optional(basedOn), .text(note)])?.int("id") ?? 0
            let sessionIDs = Dictionary(
                try db.query("SELECT id, code FROM sessions WHERE week = $1", [.text(week.description)]).map {
                    ($0.string("code") ?? "", $0.int("id") ?? 0)
                }, uniquingKeysWith: { a, _ in a })
            let staffIDs = Dictionary(try db.query("SELECT id, code FROM staff").map { ($0.string("code") ?? "", $0.int("id") ?? 0) }, uniquingKeysWith: { a, _ in a })
            let roomIDs = Dictionary(try db.query("SELECT id, code FROM rooms").map { ($0.string("code") ?? "", $0.int("id") ?? 0) }, uniquingKeysWith: { a, _ in a })
            var rows: [[SQLValue]] = []
            for line in lines {
                guard let session = sessionIDs[line.sessionCode] else {
                    throw StoreError(.notFound, "the plan names session \(line.sessionCode), which is not in week \(week)")
                }
                rows.append([
                    .integer(planID), .integer(session), .optional(line.conseillerCode.flatMap { staffIDs[$0] }),
                    .optional(line.roomCode.flatMap { roomIDs[$0] }), .optional(line.day), .optional(line.startGrain),
                    .optional(line.unassignedReason),
                ])
            }
            try db.bulkInsert(
                table: "plan_assignments", columns: ["plan_id", "session_id", "conseiller_id", "room_id", "day", "start_grain", "unassigned_reason"],
                rows: rows)
            return version
        }
    }

    /// Every version of a week, newest first, without their lines.
    public static func planVersions(_ db: Database, week: IsoWeek) throws -> [PlanVersion] {
        try db.query(
            """
            SELECT id, week, version, status, hard_violations, soft_score, score_terms, created_at, created_by, published_at,
                based_on_version, note
            FROM plans WHERE week = $1 ORDER BY version DESC
            """, [.text(week.description)]
        ).map { row in
            PlanVersion(
                id: row.int("id") ?? 0, week: row.string("week") ?? "", version: Int(row.int("version") ?? 0),
                status: row.string("status") ?? "", hardViolations: Int(row.int("hard_violations") ?? 0),
                softScore: Int(row.int("soft_score") ?? 0), scoreTerms: row.string("score_terms") ?? "{}",
                createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), createdBy: row.string("created_by") ?? "",
                publishedAt: row.date("published_at"), basedOnVersion: row.int("based_on_version").map { Int($0) },
                note: row.string("note") ?? "", lines: [])
        }
    }

    /// The week's draft or published version, with its lines; nil when there is none.
    public static func planVersion(_ db: Database, week: IsoWeek, status: String) throws -> PlanVersion? {
        guard var version = try planVersions(db, week: week).first(where: { $0.status == status }) else { return nil }
        version.lines = try planLines(db, planID: version.id)
        return version
    }

    /// A given version number of the week, with its lines.
    public static func planVersion(_ db: Database, week: IsoWeek, number: Int) throws -> PlanVersion? {
        guard var version = try planVersions(db, week: week).first(where: { $0.version == number }) else { return nil }
        version.lines = try planLines(db, planID: version.id)
        return version
    }

    static func planLines(_ db: Database, planID: Int64) throws -> [PlanLine] {
        try db.query(
            """
            SELECT se.code AS session_code, st.code AS conseiller_code, r.code AS room_code, pa.day, pa.start_grain, pa.unassigned_reason
            FROM plan_assignments pa JOIN sessions se ON se.id = pa.session_id
            LEFT JOIN staff st ON st.id = pa.conseiller_id LEFT JOIN rooms r ON r.id = pa.room_id
            WHERE pa.plan_id = $1 ORDER BY se.code
            """, [.integer(planID)]
        ).map { row in
            PlanLine(
                sessionCode: row.string("session_code") ?? "", conseillerCode: row.string("conseiller_code"),
                roomCode: row.string("room_code"), day: row.int("day").map { Int($0) }, startGrain: row.int("start_grain").map { Int($0) },
                unassignedReason: row.string("unassigned_reason"))
        }
    }

    /// Publishes the week's draft: it becomes the published version, the previous one is
    /// superseded, sessions take their new placement, and every changed calendar event gets a
    /// higher SEQUENCE.
    /// - Throws: a refusal when the week has no draft.
    @discardableResult
    public static func publish(_ db: Database, week: IsoWeek, actor: String) throws -> PublishOutcome {
        try db.transaction { db in
            guard let draft = try planVersion(db, week: week, status: "draft") else {
                throw refuse(
                    "no_draft", en: "week \(week) has no draft to publish; run: relais-schedule plan --week \(week)",
                    fr: "la semaine \(week) n’a pas de brouillon à publier ; lancez : relais-schedule plan --week \(week)")
            }
            let previous = try planVersions(db, week: week).first { $0.status == "published" }
            try db.execute("UPDATE plans SET status = 'superseded' WHERE week = $1 AND status = 'published'", [.text(week.description)])
            try db.execute("UPDATE plans SET status = 'published', published_at = $1 WHERE id = $2", [.timestamp(Date()), .integer(draft.id)])
            let sessions = Dictionary(try self.sessions(db, week: week).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let rooms = Dictionary(try self.rooms(db, includeRetired: true).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let staffIDs = Dictionary(try db.query("SELECT id, code FROM staff").map { ($0.string("code") ?? "", $0.int("id") ?? 0) }, uniquingKeysWith: { a, _ in a })
            let published = Set(try db.query(
                "SELECT DISTINCT cf.session_id FROM calendar_feeds cf JOIN sessions se ON se.id = cf.session_id WHERE se.week = $1",
                [.text(week.description)]
            ).compactMap { $0.int("session_id") })
            var changed: [String] = []
            var cancelled: [String] = []
            for line in draft.lines {
                guard let session = sessions[line.sessionCode], !session.isFrozen || line.isPlaced else { continue }
                let wasPublished = published.contains(session.id)
                if line.isPlaced, let day = line.day, let grain = line.startGrain, let room = line.roomCode.flatMap({ rooms[$0] }),
                    let conseiller = line.conseillerCode.flatMap({ staffIDs[$0] })
                {
                    let start = ParisTime.instant(week.monday.adding(days: day), minute: ScheduleGrid.minute(ofGrain: grain))
                    let same = session.conseillerCode == line.conseillerCode && session.roomCode == room.code
                        && session.startsAt.map { abs($0.timeIntervalSince(start)) < 1 } == true && session.status != "cancelled"
                    let bump = wasPublished && !same ? 1 : 0
                    if bump == 1 { changed.append(session.code) }
                    try db.execute(
                        """
                        UPDATE sessions SET conseiller_id = $1, room_id = $2, site_id = $3, starts_at = $4,
                            status = CASE WHEN status = 'cancelled' THEN 'planned' ELSE status END, ics_sequence = ics_sequence + $5
                        WHERE id = $6
                        """,
                        [.integer(conseiller), .integer(room.id), .integer(room.siteID), .timestamp(start), .integer(Int64(bump)), .integer(session.id)])
                    for (feed, owner) in [("conseiller", conseiller), ("site", room.siteID)] {
                        try db.execute(
                            "INSERT INTO calendar_feeds (session_id, feed, owner_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                            [.integer(session.id), .text(feed), .integer(owner)])
                    }
                } else if wasPublished && session.status != "cancelled" {
                    cancelled.append(session.code)
                    try db.execute(
                        "UPDATE sessions SET status = 'cancelled', ics_sequence = ics_sequence + 1 WHERE id = $1", [.integer(session.id)])
                } else if !wasPublished && session.status == "planned" {
                    // Never published and not placed now: no stale placement stays behind.
                    try db.execute(
                        "UPDATE sessions SET conseiller_id = NULL, room_id = NULL, starts_at = NULL WHERE id = $1", [.integer(session.id)])
                }
            }
            try AuditTrail.record(
                db, AuditEvent(actor: actor, entity: "plan", entityID: draft.id, action: "publish", oldValue: previous.map { String($0.version) },
                               newValue: String(draft.version), note: week.description))
            return PublishOutcome(version: draft.version, superseded: previous?.version, changedSessions: changed, cancelledSessions: cancelled)
        }
    }
}

/// One event of an iCalendar feed.
public struct CalendarEntry: Sendable, Hashable {
    public var session: SessionRecord
    public var siteName: String
    public var roomName: String
    public var conseillerName: String
    /// Cancelled in this feed: the session was cancelled, or it left this feed (moved elsewhere).
    public var cancelled: Bool
}

extension ScheduleStore {
    /// The events of a conseiller's or a site's calendar: every session ever published to it,
    /// those that left it marked cancelled.
    public static func calendar(_ db: Database, feed: String, ownerCode: String) throws -> (name: String, entries: [CalendarEntry]) {
        let ownerID: Int64
        let name: String
        if feed == "conseiller" {
            let member = try staffMember(db, code: ownerCode, allowRetired: true)
            ownerID = member.id
            name = member.displayName
        } else {
            let site = try site(db, code: ownerCode, allowRetired: true)
            ownerID = site.id
            name = site.name
        }
        let rows = try db.query(
            sessionSelect + """
                , calendar_feeds cf WHERE cf.session_id = se.id AND cf.feed = $1 AND cf.owner_id = $2 ORDER BY se.starts_at, se.code
                """, [.text(feed), .integer(ownerID)])
        let allSites = try sites(db, includeRetired: true)
        let allStaff = try staff(db, includeRetired: true)
        let siteNames = Dictionary(allSites.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let roomNames = Dictionary(try rooms(db, includeRetired: true).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let staffNames = Dictionary(allStaff.map { ($0.code, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let siteIDs = Dictionary(allSites.map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
        let staffIDs = Dictionary(allStaff.map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
        let entries = rows.map(sessionRecord).map { session -> CalendarEntry in
            let stillHere = feed == "conseiller"
                ? session.conseillerCode.flatMap { staffIDs[$0] } == ownerID
                : session.siteCode.flatMap { siteIDs[$0] } == ownerID
            return CalendarEntry(
                session: session, siteName: session.siteCode.flatMap { siteNames[$0] } ?? "",
                roomName: session.roomCode.flatMap { roomNames[$0] } ?? "",
                conseillerName: session.conseillerCode.flatMap { staffNames[$0] } ?? "",
                cancelled: session.status == "cancelled" || !stillHere)
        }
        return (name, entries)
    }
}
