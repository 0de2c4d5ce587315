import Foundation
import RelaisCore

/// One line of a request listing (queue, a resident's file).
public struct RequestSummary: Sendable, Hashable {
    public let id: Int64
    public let number: String
    public let siteCode: String
    public let channel: RequestChannel
    public let field: InclusionField
    public let themes: [Theme]
    public let status: RequestStatus
    public let urgency: Urgency
    public let deadline: LocalDate?
    public let assigneeCode: String?
    public let residentID: Int64?
    /// The resident's first name only (what the queue shows).
    public let residentFirstName: String?
    public let summary: String
    public let openedAt: Date
}

/// A request with everything `request show` prints: the request, its site, resident and timeline.
public struct RequestFile: Sendable {
    public let id: Int64
    public let request: HelpRequest
    public let site: SiteInfo
    public let resident: ResidentRecord?
    public let openedAt: Date
    public let openedBy: String
    public let updatedAt: Date
    public let resolvedAt: Date?
    public let closedAt: Date?
    /// Every change, oldest first: who, when, field, old → new, notes.
    public let timeline: [AuditEvent]
    public let accompaniments: [AccompanimentSummary]
}

/// Filters of `queue` / `request list`.
public struct QueueFilter: Sendable {
    /// Site code.
    public var site: String?
    /// Statuses to show; empty means the open ones (new, assigned, in progress, waiting).
    public var statuses: [RequestStatus] = []
    /// Staff code of the assignee.
    public var assignee: String?
    public var field: InclusionField?
    public var theme: Theme?
    /// Only open requests past their deadline: a resolved, referred or closed request is never
    /// overdue, whatever `statuses` asks for.
    public var overdue = false
    /// Only requests whose deadline falls within this many days from today (or is past), in
    /// `dueWithinRange`.
    public var dueWithinDays: Int?
    /// The accepted values of `dueWithinDays`: from today to about ten years ahead.
    public static let dueWithinRange = 0...3660
    /// At most this many rows.
    public var limit = 100
    /// The day "overdue" and "within N days" count from.
    public var today: LocalDate

    public init(today: LocalDate) { self.today = today }
}

/// What a lifecycle step changed.
public struct RequestTransition: Sendable, Hashable {
    public let number: RequestNumber
    public let before: RequestState
    public let after: RequestState
}

/// Help requests: open, list the queue, show, and move them through `RequestLifecycle`.
public enum RequestStore {
    /// The longest internal note accepted.
    public static let noteLimit = 2000
    /// The open statuses, spelled word for word as in the partial queue indexes of
    /// 0004_queue_indexes.sql (an OR chain: SQLite pays for an IN list on every inserted row).
    static let openStatusSQL = "(h.status = 'new' OR h.status = 'assigned' OR h.status = 'in_progress' OR h.status = 'waiting')"
    /// The queue order, spelled as in the queue indexes of 0002_intake.sql and 0004_queue_indexes.sql.
    static let queueOrder = "h.urgency DESC, COALESCE(h.deadline, '9999-12-31'), h.id"

    // MARK: Open

    /// Records a new request and gives it its number (`D-2026-000123`), unique under concurrent desks.
    ///
    /// - Parameters:
    ///   - allowPastDeadline: `false` at the desk (a deadline in the past is a typing mistake);
    ///     the historical import passes `true`.
    /// - Throws: `IntakeError` for an unknown site or resident or a deadline in the past.
    public static func open(
        _ db: Database, _ request: HelpRequest, actor: String, now: Date = Date(), today: LocalDate,
        allowPastDeadline: Bool = false
    ) throws -> (id: Int64, number: RequestNumber) {
        try open(db, request, residentID: request.residentId, actor: actor, now: now, today: today, allowPastDeadline: allowPastDeadline)
    }

    /// Records a new resident and a request for them in one transaction: both or neither (the
    /// desk's quick entry writes nothing before the agent confirms the summary).
    ///
    /// The resident is added even if possible duplicates exist: the caller has shown them
    /// (`ResidentStore.duplicates`) and the agent chose to create a new resident.
    /// - Parameters:
    ///   - request: a request without a resident (`residentId` nil); it is stored with the new resident's id.
    /// - Throws: `IntakeError` for an unknown site or a deadline in the past; nothing is written then.
    public static func open(
        _ db: Database, _ request: HelpRequest, newResident resident: Resident, actor: String, now: Date = Date(),
        today: LocalDate
    ) throws -> (resident: ResidentRecord, id: Int64, number: RequestNumber) {
        precondition(request.residentId == nil, "the request already names a resident")
        return try db.transaction { db in
            guard case .created(let record) = try ResidentStore.add(db, resident, actor: actor, now: now, allowDuplicates: true)
            else { throw StoreError(.other, "the resident was not stored") }
            let (id, number) = try open(db, request, residentID: record.id, actor: actor, now: now, today: today, allowPastDeadline: false)
            return (record, id, number)
        }
    }

    /// `open`, with the resident given apart from the request (a resident added in the same transaction).
    private static func open(
        _ db: Database, _ request: HelpRequest, residentID: Int64?, actor: String, now: Date, today: LocalDate,
        allowPastDeadline: Bool
    ) throws -> (id: Int64, number: RequestNumber) {
        let siteID = try IntakeReferences.siteID(db, code: request.siteCode)
        if let residentID { try ResidentStore.requireActive(db, id: residentID) }
        if let deadline = request.deadline, !allowPastDeadline, deadline < today {
            throw IntakeError.deadlineInPast(deadline, today: today)
        }
        return try db.transaction { db in
            let sequence = try NumberSequence.next(db, scope: "request", year: today.year)
            let number = try RequestNumber(year: today.year, sequence: Int(sequence))
            guard
                let id = try db.queryOne(
                    """
                    INSERT INTO help_requests (number, site_id, channel, field, summary, urgency, deadline, resident_id,
                        status, opened_at, opened_by, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'new', $9, $10, $9) RETURNING id
                    """,
                    [.text(number.description), .integer(siteID), .text(request.channel.code), .text(request.field.code),
                     .text(request.summary), .integer(Int64(request.urgency.rank)),
                     request.deadline.map { .date($0.iso) } ?? .null, .optional(residentID),
                     .timestamp(now), .text(actor)])?.int("id")
            else { throw StoreError(.other, "the request was not stored") }
            for theme in request.themes {
                try db.execute("INSERT INTO request_themes (request_id, theme) VALUES ($1, $2)", [.integer(id), .text(theme.code)])
            }
            for sub in request.subThemes {
                try db.execute("INSERT INTO request_subthemes (request_id, subtheme) VALUES ($1, $2)", [.integer(id), .text(sub.code)])
            }
            try AuditTrail.record(
                db, AuditEvent(at: now, actor: actor, entity: "request", entityID: id, action: "open",
                               field: "status", newValue: RequestStatus.new.code))
            if let residentID { try ResidentStore.touch(db, id: residentID, at: now) }
            return (id, number)
        }
    }

    // MARK: Read

    /// The request numbered `number`, with its site, resident, timeline and accompaniments.
    public static func file(_ db: Database, number: RequestNumber) throws -> RequestFile {
        let (request, row) = try requestRow(db, number: number)
        let id = request.id ?? 0
        let resident = try request.residentId.map { try ResidentStore.get(db, id: $0) }
        return RequestFile(
            id: id, request: request, site: try IntakeReferences.site(db, id: row.int("site_id") ?? 0), resident: resident,
            openedAt: row.date("opened_at") ?? Date(timeIntervalSince1970: 0), openedBy: row.string("opened_by") ?? "",
            updatedAt: row.date("updated_at") ?? Date(timeIntervalSince1970: 0), resolvedAt: row.date("resolved_at"),
            closedAt: row.date("closed_at"), timeline: try AuditTrail.events(db, entity: "request", id: id),
            accompaniments: try AccompanimentStore.summaries(db, requestID: id))
    }

    /// The request numbered `number` alone (its row, themes and sub-themes), without the rest of
    /// its file.
    public static func request(_ db: Database, number: RequestNumber) throws -> HelpRequest {
        try requestRow(db, number: number).request
    }

    private static func requestRow(_ db: Database, number: RequestNumber) throws -> (request: HelpRequest, row: Row) {
        guard
            let row = try db.queryOne(
                """
                SELECT h.id, h.number, h.site_id, s.code AS site_code, h.channel, h.field, h.summary, h.urgency, h.deadline,
                    h.resident_id, h.status, st.code AS assignee, h.outcome, h.referral_structure, h.referral_name,
                    h.opened_at, h.opened_by, h.updated_at, h.resolved_at, h.closed_at
                FROM help_requests h JOIN sites s ON s.id = h.site_id LEFT JOIN staff st ON st.id = h.assignee_id
                WHERE h.number = $1
                """, [.text(number.description)])
        else { throw IntakeError.unknownRequest(number) }
        let id = row.int("id") ?? 0
        let themes = try db.query("SELECT theme FROM request_themes WHERE request_id = $1 ORDER BY theme", [.integer(id)])
            .compactMap { $0.string("theme").flatMap(Theme.init(rawValue:)) }
        let subThemes = try db.query(
            "SELECT subtheme FROM request_subthemes WHERE request_id = $1 ORDER BY subtheme", [.integer(id)]
        ).compactMap { $0.string("subtheme").flatMap(AdministrativeSubTheme.init(rawValue:)) }
        let request = try HelpRequest(
            id: id, number: number, siteCode: row.string("site_code") ?? "",
            channel: try RequestChannel.parse(row.string("channel") ?? ""), field: try InclusionField.parse(row.string("field") ?? ""),
            themes: themes, subThemes: subThemes, summary: row.string("summary") ?? "",
            urgency: urgency(row.int("urgency")), deadline: try row.string("deadline").map { try LocalDate(parsing: String($0.prefix(10))) },
            residentId: row.int("resident_id"), state: try state(row))
        return (request, row)
    }

    static func urgency(_ rank: Int64?) -> Urgency {
        Urgency.allCases.first { Int64($0.rank) == rank } ?? .normal
    }

    static func state(_ row: Row) throws -> RequestState {
        let referral = try row.string("referral_structure").map {
            try Referral(structure: try ReferralStructure.parse($0), partnerName: row.string("referral_name"))
        }
        return try RequestState(
            status: try RequestStatus.parse(row.string("status") ?? ""), assigneeCode: row.string("assignee"),
            outcome: try RequestOutcome.parseOptional(row.string("outcome")), referral: referral)
    }

    /// The queue: requests matching `filter`, most urgent first, then by deadline (none last), then oldest.
    public static func list(_ db: Database, _ filter: QueueFilter) throws -> [RequestSummary] {
        let (whereClause, arguments) = try conditions(db, filter)
        return try summaries(db, whereClause: whereClause, arguments, order: queueOrder, limit: filter.limit)
    }

    /// The SQL plan of the queue query for `filter` (to check that it reads indexes).
    public static func explainList(_ db: Database, _ filter: QueueFilter) throws -> [String] {
        let (whereClause, arguments) = try conditions(db, filter)
        let sql = summarySQL(whereClause: whereClause, order: queueOrder, limitPlaceholder: arguments.count + 1)
        let args = arguments + [.integer(Int64(filter.limit))]
        switch db.backend {
        case .sqlite:
            return try db.query("EXPLAIN QUERY PLAN " + sql, args).map { $0.string("detail") ?? "" }
        case .postgres:
            return try db.query("EXPLAIN " + sql, args).map { $0.values.first?.string ?? "" }
        }
    }

    static func conditions(_ db: Database, _ filter: QueueFilter) throws -> (String, [SQLValue]) {
        var parts: [String] = []
        var arguments: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            arguments.append(value)
            return "$\(arguments.count)"
        }
        let statuses = filter.statuses.isEmpty ? RequestStatus.allCases.filter(\.isOpen) : filter.statuses
        // Overdue means open and past the deadline: with finished statuses asked for, none is.
        if statuses.allSatisfy(\.isOpen) || filter.overdue { parts.append(openStatusSQL) }
        if !filter.statuses.isEmpty {
            parts.append("h.status IN (" + filter.statuses.map { bind(.text($0.code)) }.joined(separator: ", ") + ")")
        }
        if let site = filter.site {
            parts.append("h.site_id = " + bind(.integer(try IntakeReferences.siteID(db, code: site))))
        }
        if let assignee = filter.assignee {
            parts.append("h.assignee_id = " + bind(.integer(try IntakeReferences.staff(db, code: assignee).id)))
        }
        if let field = filter.field { parts.append("h.field = " + bind(.text(field.code))) }
        if let theme = filter.theme {
            parts.append("EXISTS (SELECT 1 FROM request_themes t WHERE t.request_id = h.id AND t.theme = \(bind(.text(theme.code))))")
        }
        if filter.overdue { parts.append("h.deadline < " + bind(.date(filter.today.iso))) }
        if let days = filter.dueWithinDays {
            _ = try RelaisCore.TextRules.inRange(days, QueueFilter.dueWithinRange, field: "due_within")
            parts.append("h.deadline <= " + bind(.date(filter.today.adding(days: days).iso)))
        }
        return (parts.joined(separator: " AND "), arguments)
    }

    static func summarySQL(whereClause: String, order: String, limitPlaceholder: Int) -> String {
        """
        SELECT h.id, h.number, s.code AS site_code, h.channel, h.field, h.status, h.urgency, h.deadline, st.code AS assignee,
            h.resident_id, r.first_name, h.summary, h.opened_at
        FROM help_requests h JOIN sites s ON s.id = h.site_id LEFT JOIN staff st ON st.id = h.assignee_id
            LEFT JOIN residents r ON r.id = h.resident_id
        WHERE \(whereClause.isEmpty ? "1 = 1" : whereClause)
        ORDER BY \(order) LIMIT $\(limitPlaceholder)
        """
    }

    /// Request lines matching a fixed SQL condition (no user text in it: values are bound).
    static func summaries(
        _ db: Database, whereClause: String, _ arguments: [SQLValue], order: String, limit: Int
    ) throws -> [RequestSummary] {
        let sql = summarySQL(whereClause: whereClause, order: order, limitPlaceholder: arguments.count + 1)
        let rows = try db.query(sql, arguments + [.integer(Int64(limit))])
        let themes = try db.codes(
            of: "request_themes", idColumn: "request_id", codeColumn: "theme", for: rows.compactMap { $0.int("id") })
        return rows.map { row in
            let id = row.int("id") ?? 0
            return RequestSummary(
                id: id, number: row.string("number") ?? "", siteCode: row.string("site_code") ?? "",
                channel: RequestChannel(rawValue: row.string("channel") ?? "") ?? .walkIn,
                field: InclusionField(rawValue: row.string("field") ?? "") ?? .usageAssistance,
                themes: (themes[id] ?? []).compactMap(Theme.init(rawValue:)),
                status: RequestStatus(rawValue: row.string("status") ?? "") ?? .new, urgency: urgency(row.int("urgency")),
                deadline: row.string("deadline").flatMap { try? LocalDate(parsing: String($0.prefix(10))) },
                assigneeCode: row.string("assignee"), residentID: row.int("resident_id"),
                residentFirstName: row.string("first_name"), summary: row.string("summary") ?? "",
                openedAt: row.date("opened_at") ?? Date(timeIntervalSince1970: 0))
        }
    }

    // MARK: Lifecycle

    /// Applies a lifecycle event to request `number`, as `RequestLifecycle` decides, and records
    /// every changed field in the audit trail.
    ///
    /// - Parameter note: the text of a `.note` event, or an optional comment on another event.
    /// - Throws: `TransitionRefusal` saying what is possible instead; `IntakeError` for an unknown
    ///   request or conseiller.
    @discardableResult
    public static func apply(
        _ db: Database, number: RequestNumber, _ event: RequestEvent, note: String? = nil, actor: String,
        now: Date = Date()
    ) throws -> RequestTransition {
        // The text of `note` is the note; on any other step it is the comment that goes with it.
        let isNote = if case .note = event { true } else { false }
        let noteText = try RelaisCore.TextRules.optional(note, field: isNote ? "note" : "comment", limit: noteLimit)
        if isNote, noteText == nil { throw RelaisCore.ValidationError.missing("note") }
        var assigneeID: Int64?
        if case .assign(let code) = event { assigneeID = try IntakeReferences.staff(db, code: code).id }
        return try db.transaction { db in
            // Touching the row first locks it (PostgreSQL) so concurrent steps queue up.
            guard
                let touched = try db.queryOne(
                    "UPDATE help_requests SET updated_at = $2 WHERE number = $1 RETURNING id, resident_id",
                    [.text(number.description), .timestamp(now)]),
                let id = touched.int("id"),
                let row = try db.queryOne(
                    """
                    SELECT h.status, st.code AS assignee, h.outcome, h.referral_structure, h.referral_name
                    FROM help_requests h LEFT JOIN staff st ON st.id = h.assignee_id WHERE h.id = $1
                    """, [.integer(id)])
            else { throw IntakeError.unknownRequest(number) }
            let before = try state(row)
            let after = try RequestLifecycle.apply(event, to: before, number: number)
            // Every step on a request is activity of its resident (the retention clock restarts).
            if let residentID = touched.int("resident_id") { try ResidentStore.touch(db, id: residentID, at: now) }
            let action = actionName(event)
            func audit(_ field: String?, _ old: String?, _ new: String?, note: String? = nil) throws {
                try AuditTrail.record(
                    db, AuditEvent(at: now, actor: actor, entity: "request", entityID: id, action: action,
                                   field: field, oldValue: old, newValue: new, note: note))
            }
            var changes: [(String, String?, String?)] = []
            if before.status != after.status { changes.append(("status", before.status.code, after.status.code)) }
            if before.assigneeCode != after.assigneeCode { changes.append(("assignee", before.assigneeCode, after.assigneeCode)) }
            if before.outcome != after.outcome { changes.append(("outcome", before.outcome?.code, after.outcome?.code)) }
            if before.referral?.structure != after.referral?.structure {
                changes.append(("referral_structure", before.referral?.structure.code, after.referral?.structure.code))
            }
            if before.referral?.partnerName != after.referral?.partnerName {
                changes.append(("referral_name", before.referral?.partnerName, after.referral?.partnerName))
            }
            if changes.isEmpty {
                try audit(nil, nil, nil, note: noteText)
            } else {
                for (n, change) in changes.enumerated() {
                    try audit(change.0, change.1, change.2, note: n == 0 ? noteText : nil)
                }
            }
            guard before != after else { return RequestTransition(number: number, before: before, after: after) }
            let finished = !after.status.isOpen && before.status.isOpen
            try db.execute(
                """
                UPDATE help_requests SET status = $2, assignee_id = COALESCE($3, assignee_id), outcome = $4,
                    referral_structure = $5, referral_name = $6,
                    resolved_at = CASE WHEN $7 THEN $9 WHEN $8 THEN NULL ELSE resolved_at END,
                    closed_at = CASE WHEN $10 THEN $9 WHEN $8 THEN NULL ELSE closed_at END
                WHERE id = $1
                """,
                [.integer(id), .text(after.status.code), .optional(assigneeID), .optional(after.outcome?.code),
                 .optional(after.referral?.structure.code), .optional(after.referral?.partnerName),
                 .bool(finished), .bool(after.status.isOpen && !before.status.isOpen), .timestamp(now),
                 .bool(after.status == .closed)])
            return RequestTransition(number: number, before: before, after: after)
        }
    }

    static func actionName(_ event: RequestEvent) -> String {
        switch event {
        case .assign: "assign"
        case .start: "start"
        case .wait: "wait"
        case .resumeFromWaiting: "resume"
        case .resolve: "resolve"
        case .refer: "refer"
        case .close: "close"
        case .reopen: "reopen"
        case .note: "note"
        }
    }

    /// The conseiller `--auto` would pick: the least loaded (fewest assigned, in-progress or waiting
    /// requests) among the active conseillers who work at the request's site and have a skill
    /// among its themes (any conseiller of the site when it has no theme); ties by code.
    /// - Throws: `IntakeError` `no_conseiller` when nobody fits.
    public static func autoAssignee(_ db: Database, number: RequestNumber) throws -> String {
        guard
            let row = try db.queryOne(
                "SELECT h.id, h.site_id, s.code AS site_code FROM help_requests h JOIN sites s ON s.id = h.site_id WHERE h.number = $1",
                [.text(number.description)])
        else { throw IntakeError.unknownRequest(number) }
        let id = row.int("id") ?? 0
        let site = row.string("site_code") ?? ""
        let picked = try db.queryOne(
            """
            SELECT st.code,
                (SELECT count(*) FROM help_requests l
                 WHERE l.assignee_id = st.id AND l.status IN ('assigned', 'in_progress', 'waiting')) AS load
            FROM staff st JOIN staff_sites ss ON ss.staff_id = st.id AND ss.site_id = $1
            WHERE st.role = 'conseiller' AND st.active
              AND (NOT EXISTS (SELECT 1 FROM request_themes t WHERE t.request_id = $2)
                   OR EXISTS (SELECT 1 FROM staff_skills k JOIN request_themes t ON t.theme = k.theme
                              WHERE k.staff_id = st.id AND t.request_id = $2))
            ORDER BY load, st.code LIMIT 1
            """, [.integer(row.int("site_id") ?? 0), .integer(id)])
        guard let code = picked?.string("code") else {
            throw IntakeError(
                "no_conseiller",
                en: "no conseiller working at \(site) has a skill for the themes of \(number); assign one by name",
                fr: "aucun conseiller de \(site) n’a de compétence pour les thématiques de \(number) ; attribuez-la nommément")
        }
        return code
    }

    // MARK: Receipt

    /// The next planned session a resident is registered for, after `now`.
    public static func nextAppointment(_ db: Database, residentID: Int64, after now: Date) throws -> (Date, String?, String?)? {
        guard
            let row = try db.queryOne(
                """
                SELECT se.starts_at, w.title, si.name AS site_name
                FROM registrations g JOIN sessions se ON se.id = g.session_id
                    LEFT JOIN workshops w ON w.id = se.workshop_id LEFT JOIN sites si ON si.id = se.site_id
                WHERE g.resident_id = $1 AND g.status = 'registered' AND se.status = 'planned' AND se.starts_at > $2
                ORDER BY se.starts_at LIMIT 1
                """, [.integer(residentID), .timestamp(now)]),
            let at = row.date("starts_at")
        else { return nil }
        return (at, row.string("title"), row.string("site_name"))
    }
}
