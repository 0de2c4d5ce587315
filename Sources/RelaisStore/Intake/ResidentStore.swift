import Foundation
import RelaisCore

/// A stored resident with what the desk shows about them.
public struct ResidentRecord: Sendable, Hashable {
    /// The database id, the number the desk quotes (`#42`).
    public let id: Int64
    /// The resident (followed with details, or anonymous).
    public let resident: Resident
    public let createdAt: Date
    public let createdBy: String
    public let lastActivityAt: Date
    /// Set when this record was merged into another one.
    public let mergedInto: Int64?
    /// Set when the person's personal data was erased (`relais-admin privacy erase` or the
    /// retention purge): the record keeps only statistics and takes no personal data again.
    public let anonymisedAt: Date?

    /// "Fatima BENALI", or "anonymous #12".
    public var displayName: String {
        guard let details = resident.details else { return "#\(id)" }
        return [details.firstName, details.lastName].compactMap { $0 }.joined(separator: " ")
    }
}

/// A field of a resident that `resident edit` may change.
public enum ResidentField: String, Sendable, CaseIterable {
    case firstName = "first_name"
    case lastName = "last_name"
    case phone
    case email
    case birthYear = "birth_year"
    case commune
    case postcode
    case gender
    case socialStatus = "social_status"

    /// Personal data: its values are not copied into the audit trail (only that it changed).
    var isPersonal: Bool { [.firstName, .lastName, .phone, .email].contains(self) }
}

/// What `resident add` did: created, or stopped on possible duplicates.
public enum ResidentAddOutcome: Sendable, Hashable {
    case created(ResidentRecord)
    case possibleDuplicates([ResidentRecord])
}

/// How one search hit matched, best first.
public enum SearchMatch: Int, Sendable, Comparable, Hashable {
    case exact = 0, phone, email, allWords, wordPrefixes, partial
    public static func < (lhs: SearchMatch, rhs: SearchMatch) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Everything about a resident: the record, their requests, accompaniments, workshop
/// registrations and loans.
public struct ResidentFile: Sendable {
    public let record: ResidentRecord
    public let requests: [RequestSummary]
    public let accompaniments: [AccompanimentSummary]
    public let registrations: [RegistrationLine]
    public let loans: [LoanLine]
}

/// What a merge moved.
public struct MergeSummary: Sendable, Hashable {
    public var requests = 0
    public var accompaniments = 0
    public var participations = 0
    /// Registrations moved from the absorbed record (a folded pair counts when the absorbed one's row stayed).
    public var registrations = 0
    /// Sessions both records were registered to, whose two registrations became one.
    public var foldedRegistrations = 0
    public var loans = 0
    public var filledFields: [String] = []
}

/// Residents (*bénéficiaires*): add with duplicate warning, find, show, edit, merge.
public enum ResidentStore {
    static let columns = """
        r.id, r.kind, r.first_name, r.last_name, r.phone, r.email, r.birth_year, r.commune, r.postcode, r.gender,
        r.social_status, r.consent_at, r.consent_version, r.created_at, r.created_by, r.last_activity_at, r.merged_into,
        r.anonymised_at
        """

    /// Records a resident, unless possible duplicates exist and `allowDuplicates` is false.
    ///
    /// Duplicates are followed residents with the same name key (case, accents and word order
    /// ignored), the same phone (any formatting) or the same e-mail.
    public static func add(
        _ db: Database, _ resident: Resident, actor: String, now: Date = Date(), allowDuplicates: Bool = false
    ) throws -> ResidentAddOutcome {
        try db.transaction { db in
            if !allowDuplicates, resident.details != nil {
                let candidates = try duplicates(db, of: resident)
                if !candidates.isEmpty { return .possibleDuplicates(candidates) }
            }
            let id = try insert(db, resident, actor: actor, at: now)
            try AuditTrail.record(
                db, AuditEvent(at: now, actor: actor, entity: "resident", entityID: id, action: "add",
                               field: "kind", newValue: resident.isAnonymous ? "anonymous" : "followed"))
            return .created(try get(db, id: id))
        }
    }

    /// Inserts a resident row and returns its id (no audit; callers record it).
    static func insert(_ db: Database, _ resident: Resident, actor: String, at now: Date) throws -> Int64 {
        let d = resident.details
        let row = try db.queryOne(
            """
            INSERT INTO residents (kind, first_name, last_name, phone, email, birth_year, commune, postcode, gender,
                social_status, consent_at, consent_version, name_key, phone_key, created_at, created_by, last_activity_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15) RETURNING id
            """, insertValues(resident, actor: actor, at: now, consentAt: d.map { consentInstant($0.consent.date) }))
        guard let id = row?.int("id") else { throw StoreError(.other, "the resident was not stored") }
        return id
    }

    /// The values of a resident row, in the column order of `insert` (shared with the importer).
    static func insertValues(_ resident: Resident, actor: String, at now: Date, consentAt: Date?) -> [SQLValue] {
        insertValues(resident, actor: actor, at: .timestamp(now), consentAt: consentAt.map { .timestamp($0) } ?? .null)
    }

    /// The same, with the timestamps already bound and, when known, the name key (the import
    /// computes both once for many rows).
    static func insertValues(
        _ resident: Resident, actor: String, at now: SQLValue, consentAt: SQLValue, nameKey: String? = nil
    ) -> [SQLValue] {
        let d = resident.details
        return [
            .text(resident.isAnonymous ? "anonymous" : "followed"), .optional(d?.firstName), .optional(d?.lastName),
            .optional(d?.phone), .optional(d?.email), .optional(resident.birthYear), .optional(resident.commune),
            .optional(resident.postcode), .text(resident.gender.code), .text(resident.socialStatus.code),
            consentAt, .optional(d?.consent.textVersion),
            d.map { .text(nameKey ?? NameKey.make(firstName: $0.firstName, lastName: $0.lastName)) } ?? .null,
            .optional(d?.phone), now, .text(actor),
        ]
    }

    /// Noon UTC of the consent day: the stored instant of a date-only consent.
    static func consentInstant(_ day: LocalDate) -> Date {
        Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + 12 * 3600))
    }

    /// The day of a consent instant written by `consentInstant`.
    static func consentDay(_ instant: Date) -> LocalDate {
        LocalDate(unixSeconds: Int64(instant.timeIntervalSince1970.rounded(.down)))
    }

    /// Followed residents that look like the same person as `resident`.
    public static func duplicates(_ db: Database, of resident: Resident) throws -> [ResidentRecord] {
        guard let d = resident.details else { return [] }
        let key = NameKey.make(firstName: d.firstName, lastName: d.lastName)
        return try db.query(
            """
            SELECT \(columns) FROM residents r
            WHERE r.merged_into IS NULL AND r.kind = 'followed' AND (r.name_key = $1 OR r.phone_key = $2 OR r.email = $3)
            ORDER BY r.last_activity_at DESC LIMIT 20
            """, [.text(key), .optional(d.phone), .optional(d.email)]
        ).map(record)
    }

    /// The resident with `id`.
    /// - Throws: `IntakeError` `unknown_resident`.
    public static func get(_ db: Database, id: Int64) throws -> ResidentRecord {
        guard let row = try db.queryOne("SELECT \(columns) FROM residents r WHERE r.id = $1", [.integer(id)]) else {
            throw IntakeError.unknownResident(id)
        }
        return try record(row)
    }

    /// The resident with `id`, refusing one merged into another record.
    public static func active(_ db: Database, id: Int64) throws -> ResidentRecord {
        let found = try get(db, id: id)
        if let target = found.mergedInto { throw IntakeError.mergedResident(id, into: target) }
        return found
    }

    /// The resident with `id`, refusing one merged into another record or whose personal data was
    /// erased: what a merge takes on either side.
    /// - Throws: `IntakeError` `unknown_resident`, `merged_resident` or `erased_resident`.
    public static func mergeable(_ db: Database, id: Int64) throws -> ResidentRecord {
        let found = try active(db, id: id)
        if found.anonymisedAt != nil { throw IntakeError.erasedResident(id, merging: true) }
        return found
    }

    /// Checks that resident `id` exists and was not merged into another record, reading one
    /// column (not the whole record).
    /// - Throws: `IntakeError` `unknown_resident` or `merged_resident`.
    public static func requireActive(_ db: Database, id: Int64) throws {
        guard let row = try db.queryOne("SELECT merged_into FROM residents WHERE id = $1", [.integer(id)]) else {
            throw IntakeError.unknownResident(id)
        }
        if let target = row.int("merged_into") { throw IntakeError.mergedResident(id, into: target) }
    }

    static func record(_ row: Row) throws -> ResidentRecord {
        let gender = row.string("gender").flatMap(Gender.init(rawValue:)) ?? .nonCommunique
        let status = row.string("social_status").flatMap(SocialStatus.init(rawValue:)) ?? .nonCommunique
        let birthYear = row.int("birth_year").map { Int($0) }
        let reference = LocalDate.yearRange.upperBound
        let resident: Resident
        if row.string("kind") == "followed", let first = row.string("first_name") {
            let consentDay = row.date("consent_at").map(consentDay)
            let consent = try Consent(
                date: consentDay ?? ParisTime.today(row.date("created_at") ?? Date()),
                textVersion: row.string("consent_version") ?? "?")
            resident = try Resident.followed(
                id: row.int("id"), firstName: first, lastName: row.string("last_name"), phone: row.string("phone"),
                email: row.string("email"), consent: consent, gender: gender, birthYear: birthYear,
                socialStatus: status, commune: row.string("commune"), postcode: row.string("postcode"),
                referenceYear: reference)
        } else {
            resident = try Resident.anonymous(
                id: row.int("id"), gender: gender, birthYear: birthYear, socialStatus: status,
                commune: row.string("commune"), postcode: row.string("postcode"), referenceYear: reference)
        }
        return ResidentRecord(
            id: row.int("id") ?? 0, resident: resident, createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0),
            createdBy: row.string("created_by") ?? "", lastActivityAt: row.date("last_activity_at") ?? Date(timeIntervalSince1970: 0),
            mergedInto: row.int("merged_into"), anonymisedAt: row.date("anonymised_at"))
    }

    // MARK: Find

    /// Finds followed residents by name, phone or e-mail, best match first.
    ///
    /// A phone number matches in any formatting; an e-mail exactly (domain case ignored); a
    /// name ignores case, accents and word order, and also matches on word prefixes
    /// ("fat ben" finds Fatima BENALI).
    public static func find(_ db: Database, _ text: String, limit: Int = 20) throws -> [(ResidentRecord, SearchMatch)] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RelaisCore.ValidationError.missing("search") }
        let base = "SELECT \(columns) FROM residents r WHERE r.merged_into IS NULL AND r.kind = 'followed' AND "
        if trimmed.contains("@") {
            let email = (try? Email.normalize(trimmed)) ?? trimmed
            return try db.query(base + "r.email = $1 ORDER BY r.last_activity_at DESC LIMIT $2", [.text(email), .integer(Int64(limit))])
                .map { (try record($0), .email) }
        }
        let digits = trimmed.filter { $0.isASCII && $0.isNumber }.count
        if digits >= 6, let phone = try? Phone.normalize(trimmed) {
            return try db.query(base + "r.phone_key = $1 ORDER BY r.last_activity_at DESC LIMIT $2", [.text(phone), .integer(Int64(limit))])
                .map { (try record($0), .phone) }
        }
        let words = NameKey.fold(trimmed)
        guard let longest = words.max(by: { $0.count < $1.count }) else { return [] }
        let key = words.sorted().joined(separator: " ")
        // Exact keys first (indexed), then every name containing the longest word.
        var hits: [Int64: (ResidentRecord, SearchMatch)] = [:]
        for row in try db.query(base + "r.name_key = $1 ORDER BY r.last_activity_at DESC LIMIT $2", [.text(key), .integer(Int64(limit))]) {
            let found = try record(row)
            hits[found.id] = (found, .exact)
        }
        // Then every followed name containing the longest word, read from the `residents_search`
        // index alone (key, last activity, id) and ranked on the stored key's words: the full
        // records are read only for the residents shown.
        let pattern = "%" + longest.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
        var candidates: [(id: Int64, match: SearchMatch, lastActivity: Date)] = []
        for row in try db.query(searchSQL(db.backend), [.text(pattern)]) {
            guard let id = row.int("id"), hits[id] == nil, let nameKey = row.string("name_key") else { continue }
            let nameWords = nameKey.split(separator: " ")
            let match: SearchMatch
            if words.allSatisfy({ w in nameWords.contains { $0 == w } }) {
                match = .allWords
            } else if words.allSatisfy({ w in nameWords.contains { $0.hasPrefix(w) } }) {
                match = .wordPrefixes
            } else if words.allSatisfy({ w in nameWords.contains { $0.contains(w) } }) {
                match = .partial
            } else {
                continue
            }
            candidates.append((id, match, row.date("last_activity_at") ?? .distantPast))
        }
        candidates.sort { ($0.match, -$0.lastActivity.timeIntervalSince1970, $0.id) < ($1.match, -$1.lastActivity.timeIntervalSince1970, $1.id) }
        let shown = candidates.prefix(max(0, limit - hits.count))
        if !shown.isEmpty {
            let placeholders = shown.indices.map { "$\($0 - shown.startIndex + 1)" }.joined(separator: ", ")
            let matches = Dictionary(uniqueKeysWithValues: shown.map { ($0.id, $0.match) })
            for row in try db.query(
                "SELECT \(columns) FROM residents r WHERE r.id IN (\(placeholders))", shown.map { .integer($0.id) })
            {
                let found = try record(row)
                hits[found.id] = (found, matches[found.id] ?? .partial)
            }
        }
        return hits.values.sorted {
            ($0.1, -$0.0.lastActivityAt.timeIntervalSince1970, $0.0.id) < ($1.1, -$1.0.lastActivityAt.timeIntervalSince1970, $1.0.id)
        }.prefix(limit).map { $0 }
    }

    /// How many names containing the searched word are ranked (the most recently active first).
    static let searchCandidates = 2000

    /// The followed residents whose name key matches `$1` (a LIKE pattern), newest activity first.
    ///
    /// SQLite would rather walk the last-activity index to skip the sort, reading the table row
    /// by row (2 s when nothing matches among 900,000 residents): it is told to read
    /// `residents_search`, which holds all the query needs.
    package static func searchSQL(_ backend: Backend) -> String {
        """
        SELECT r.id, r.name_key, r.last_activity_at
        FROM residents r\(backend == .sqlite ? " INDEXED BY residents_search" : "")
        WHERE r.kind = 'followed' AND r.merged_into IS NULL AND r.name_key LIKE $1
        ORDER BY r.last_activity_at DESC LIMIT \(searchCandidates)
        """
    }

    // MARK: Show

    /// The resident's file: the record, their requests (newest first), accompaniments,
    /// registrations and loans.
    public static func file(_ db: Database, id: Int64) throws -> ResidentFile {
        let found = try get(db, id: id)
        let requests = try RequestStore.summaries(
            db, whereClause: "h.resident_id = $1", [.integer(id)], order: "h.opened_at DESC", limit: 500)
        let accompaniments = try AccompanimentStore.summaries(db, residentID: id)
        return ResidentFile(
            record: found, requests: requests, accompaniments: accompaniments,
            registrations: try ResidentActivity.registrations(db, residentID: id),
            loans: try ResidentActivity.loans(db, residentID: id))
    }

    // MARK: Edit

    /// Changes some fields of a resident; an empty string clears an optional field.
    ///
    /// The whole resident is re-validated; each changed field lands in the audit trail (values of
    /// personal fields are not copied there, only the fact that they changed).
    /// - Returns: the updated record and the fields that actually changed.
    public static func edit(
        _ db: Database, id: Int64, changes: [ResidentField: String], consentVersion: String?, actor: String,
        now: Date = Date(), today: LocalDate
    ) throws -> (ResidentRecord, [ResidentField]) {
        try db.transaction { db in
            let current = try active(db, id: id)
            // An erased person's record keeps its statistics, which may still be corrected, but
            // never takes a name, phone or e-mail again (nor a consent that would come with them).
            if current.anonymisedAt != nil, changes.keys.contains(where: \.isPersonal) {
                throw IntakeError.erasedResident(id, merging: false)
            }
            let r = current.resident
            let d = r.details
            func value(_ field: ResidentField, _ old: String?) -> String? {
                guard let new = changes[field] else { return old }
                return new.trimmingCharacters(in: .whitespaces).isEmpty ? nil : new
            }
            let firstName = value(.firstName, d?.firstName)
            let birthYear = try TextRules.birthYear(value(.birthYear, r.birthYear.map(String.init)))
            let gender = try Gender.parseOptional(value(.gender, r.gender.code)) ?? .nonCommunique
            let status = try SocialStatus.parseOptional(value(.socialStatus, r.socialStatus.code)) ?? .nonCommunique
            let updated: Resident
            if let firstName {
                let consent: Consent
                if let existing = d?.consent {
                    consent = existing
                } else {
                    guard let version = consentVersion else { throw IntakeError.consentNeeded }
                    consent = try Consent(date: today, textVersion: version)
                }
                updated = try Resident.followed(
                    id: id, firstName: firstName, lastName: value(.lastName, d?.lastName), phone: value(.phone, d?.phone),
                    email: value(.email, d?.email), consent: consent, gender: gender, birthYear: birthYear,
                    socialStatus: status, commune: value(.commune, r.commune), postcode: value(.postcode, r.postcode),
                    referenceYear: today.year)
            } else {
                if d != nil {
                    throw RelaisCore.ValidationError.missing("first_name")
                }
                for field in [ResidentField.lastName, .phone, .email] where changes[field].map({ !$0.isEmpty }) == true {
                    throw IntakeError(
                        "anonymous_has_no_name",
                        en: "resident #\(id) is anonymous: give a first name (--first-name) to record personal details",
                        fr: "l’habitant n° \(id) est anonyme : donnez un prénom (--first-name) pour enregistrer ses coordonnées")
                }
                updated = try Resident.anonymous(
                    id: id, gender: gender, birthYear: birthYear, socialStatus: status,
                    commune: value(.commune, r.commune), postcode: value(.postcode, r.postcode), referenceYear: today.year)
            }
            let before = fieldValues(r)
            let after = fieldValues(updated)
            let changed = ResidentField.allCases.filter { before[$0] != after[$0] }
            guard !changed.isEmpty else { return (current, []) }
            let u = updated.details
            try db.execute(
                """
                UPDATE residents SET kind = $2, first_name = $3, last_name = $4, phone = $5, email = $6, birth_year = $7,
                    commune = $8, postcode = $9, gender = $10, social_status = $11, name_key = $12, phone_key = $5,
                    consent_at = $13, consent_version = $14, last_activity_at = $15
                WHERE id = $1
                """,
                [.integer(id), .text(updated.isAnonymous ? "anonymous" : "followed"), .optional(u?.firstName),
                 .optional(u?.lastName), .optional(u?.phone), .optional(u?.email), .optional(updated.birthYear),
                 .optional(updated.commune), .optional(updated.postcode), .text(updated.gender.code),
                 .text(updated.socialStatus.code), u.map { .text(NameKey.make(firstName: $0.firstName, lastName: $0.lastName)) } ?? .null,
                 u.map { .timestamp(consentInstant($0.consent.date)) } ?? .null, .optional(u?.consent.textVersion), .timestamp(now)])
            for field in changed {
                try AuditTrail.record(
                    db, AuditEvent(
                        at: now, actor: actor, entity: "resident", entityID: id, action: "edit", field: field.rawValue,
                        oldValue: field.isPersonal ? nil : before[field] ?? nil, newValue: field.isPersonal ? nil : after[field] ?? nil,
                        note: field.isPersonal ? "personal data: value not kept in the audit trail" : nil))
            }
            return (try get(db, id: id), changed)
        }
    }

    static func fieldValues(_ r: Resident) -> [ResidentField: String?] {
        let d = r.details
        return [
            .firstName: d?.firstName, .lastName: d?.lastName, .phone: d?.phone, .email: d?.email,
            .birthYear: r.birthYear.map(String.init), .commune: r.commune, .postcode: r.postcode,
            .gender: r.gender.code, .socialStatus: r.socialStatus.code,
        ]
    }

    // MARK: Merge

    /// Merges resident `absorbed` into `kept`: every request, accompaniment, workshop registration
    /// and loan moves to `kept`, blank fields of `kept` are filled from `absorbed`, and `absorbed`
    /// keeps only a pointer to `kept` (its personal details are erased). Audited on both records.
    ///
    /// Two registrations to the same session become one: the more informative stays (see
    /// `foldRegistrations`), and the summary and the audit note count the pairs folded.
    public static func merge(
        _ db: Database, keep kept: Int64, absorb absorbed: Int64, actor: String, now: Date = Date()
    ) throws -> MergeSummary {
        guard kept != absorbed else {
            throw IntakeError(
                "merge_with_itself",
                en: "cannot merge resident #\(kept) with itself; give two different residents",
                fr: "impossible de fusionner l’habitant n° \(kept) avec lui-même ; donnez deux habitants différents")
        }
        return try db.transaction { db in
            let a = try mergeable(db, id: kept)
            let b = try mergeable(db, id: absorbed)
            var summary = MergeSummary()
            summary.requests = try db.execute(
                "UPDATE help_requests SET resident_id = $1 WHERE resident_id = $2", [.integer(kept), .integer(absorbed)])
            summary.accompaniments = try db.execute(
                "UPDATE accompaniments SET resident_id = $1 WHERE resident_id = $2", [.integer(kept), .integer(absorbed)])
            // Participations and registrations both had: keep one.
            try db.execute(
                """
                DELETE FROM accompaniment_participants WHERE resident_id = $2 AND accompaniment_id IN
                    (SELECT accompaniment_id FROM accompaniment_participants WHERE resident_id = $1)
                """, [.integer(kept), .integer(absorbed)])
            summary.participations = try db.execute(
                "UPDATE accompaniment_participants SET resident_id = $1 WHERE resident_id = $2", [.integer(kept), .integer(absorbed)])
            summary.foldedRegistrations = try foldRegistrations(db, keep: kept, absorb: absorbed)
            summary.registrations = try db.execute(
                "UPDATE registrations SET resident_id = $1 WHERE resident_id = $2", [.integer(kept), .integer(absorbed)])
            summary.loans = try db.execute(
                "UPDATE loans SET resident_id = $1 WHERE resident_id = $2", [.integer(kept), .integer(absorbed)])

            // Fill what the kept record lacks.
            var fill: [ResidentField: String] = [:]
            let before = fieldValues(a.resident)
            let other = fieldValues(b.resident)
            for field in ResidentField.allCases {
                let mine = before[field] ?? nil
                let theirs = other[field] ?? nil
                let blank = mine == nil || mine == "non_communique"
                if blank, let theirs, theirs != "non_communique" {
                    if a.resident.isAnonymous && field.isPersonal && field != .firstName { continue }
                    fill[field] = theirs
                }
            }
            if a.resident.isAnonymous && fill[.firstName] == nil {
                for field in [ResidentField.lastName, .phone, .email] { fill[field] = nil }
            }
            // Erase the absorbed record's personal details first (its phone or e-mail may move).
            try db.execute(
                """
                UPDATE residents SET kind = 'anonymous', first_name = NULL, last_name = NULL, phone = NULL, email = NULL,
                    name_key = NULL, phone_key = NULL, consent_at = NULL, consent_version = NULL, merged_into = $1,
                    last_activity_at = $3
                WHERE id = $2
                """, [.integer(kept), .integer(absorbed), .timestamp(now)])
            // The kept record carries the absorbed one's history, so its latest activity too.
            try touch(db, id: kept, at: b.lastActivityAt)
            if !fill.isEmpty {
                let consentVersion = b.resident.details?.consent.textVersion
                let today = b.resident.details?.consent.date ?? ParisTime.today(now)
                _ = try edit(db, id: kept, changes: fill, consentVersion: consentVersion, actor: actor, now: now, today: max(today, ParisTime.today(now)))
                summary.filledFields = fill.keys.map(\.rawValue).sorted()
            }
            let note = "merged #\(absorbed) into #\(kept): \(summary.requests) requests, \(summary.accompaniments) accompaniments, "
                + "\(summary.participations) workshop participations, \(summary.registrations) registrations, \(summary.loans) loans"
                + (summary.foldedRegistrations > 0
                    ? "; \(summary.foldedRegistrations) duplicate registrations folded (the most informative attendance kept)" : "")
            try AuditTrail.record(
                db, AuditEvent(at: now, actor: actor, entity: "resident", entityID: kept, action: "merge",
                               field: "absorbed", newValue: String(absorbed), note: note))
            try AuditTrail.record(
                db, AuditEvent(at: now, actor: actor, entity: "resident", entityID: absorbed, action: "merge",
                               field: "merged_into", oldValue: nil, newValue: String(kept), note: note))
            return summary
        }
    }

    /// Registrations both residents hold to one session: one person holds one registration per
    /// session, so of each pair the one that tells the most (`RegistrationWeight`: the attendance
    /// mark first) stays and the other row is deleted; on a tie the kept resident's stays. A seat
    /// the dropped row held in a session still open for registration goes to the first person
    /// waiting, as when a registration is cancelled.
    /// - Returns: how many pairs were folded into one.
    static func foldRegistrations(_ db: Database, keep kept: Int64, absorb absorbed: Int64) throws -> Int {
        let pairs = try db.query(
            """
            SELECT a.id AS kept_row, a.status AS kept_status, a.waitlist_position AS kept_position, a.attendance AS kept_attendance,
                b.id AS absorbed_row, b.status AS absorbed_status, b.waitlist_position AS absorbed_position,
                b.attendance AS absorbed_attendance, s.code AS session_code, s.status AS session_status
            FROM registrations a JOIN registrations b ON b.session_id = a.session_id AND b.resident_id = $2
            JOIN sessions s ON s.id = a.session_id
            WHERE a.resident_id = $1 ORDER BY a.session_id
            """, [.integer(kept), .integer(absorbed)])
        for pair in pairs {
            func weight(_ side: String) -> RegistrationWeight {
                RegistrationWeight(
                    status: RegistrationStatus(rawValue: pair.string("\(side)_status") ?? "") ?? .cancelled,
                    waitlistPosition: pair.int("\(side)_position").map { Int($0) },
                    attendance: pair.string("\(side)_attendance").flatMap(Attendance.init(rawValue:)))
            }
            let dropKept = weight("absorbed") > weight("kept")
            let side = dropKept ? "kept" : "absorbed"
            let droppedResident = dropKept ? kept : absorbed
            // The registration book moves the waiting list on, as a cancellation does — when the
            // session is still to come and its rows make a consistent book (else the row just goes).
            var moved: (book: RegistrationBook, session: SessionRecord)?
            if pair.string("session_status") == "planned", pair.string("\(side)_status") != RegistrationStatus.cancelled.rawValue,
                let code = pair.string("session_code")
            {
                let session = try ScheduleStore.lockSession(db, code: code)
                do {
                    var book = try ScheduleStore.book(db, session: session)
                    try book.cancel(droppedResident, session: code)
                    moved = (book, session)
                } catch is ValidationError {
                    // Rows that break the book's rules (hand-made data): the row just goes.
                } catch is TransitionRefusal {
                }
            }
            try db.execute("DELETE FROM registrations WHERE id = $1", [.optional(pair.int("\(side)_row"))])
            if let moved { try ScheduleStore.store(db, book: moved.book, session: moved.session) }
        }
        return pairs.count
    }

    /// Moves a resident's last activity forward (a new request, an accompaniment).
    static func touch(_ db: Database, id: Int64, at now: Date) throws {
        try db.execute(
            "UPDATE residents SET last_activity_at = $2 WHERE id = $1 AND last_activity_at < $2", [.integer(id), .timestamp(now)])
    }
}
