import Foundation
import RelaisCore

/// A resident's registration to a session, as listed at the desk.
public struct RegistrationRecord: Sendable, Hashable {
    public var residentID: Int64
    public var residentName: String
    public var status: RegistrationStatus
    public var waitlistPosition: Int?
    public var attendance: Attendance?
}

/// Anonymous walk-ins of one kind, as a count.
public struct WalkinCount: Sendable, Hashable {
    public var gender: Gender
    public var ageBracket: AgeBracket
    public var socialStatus: SocialStatus
    public var count: Int

    public init(gender: Gender, ageBracket: AgeBracket, socialStatus: SocialStatus, count: Int) {
        self.gender = gender
        self.ageBracket = ageBracket
        self.socialStatus = socialStatus
        self.count = count
    }

    /// Parses `feminin:soixante_soixante_neuf:retraite=2` (missing parts are `non_communique`).
    public init(parsing text: String) throws(ValidationError) {
        let sides = text.split(separator: "=")
        guard sides.count == 2, let count = Int(sides[1].trimmingCharacters(in: .whitespaces)) else {
            throw .invalidFormat("walkins", expected: "feminin:soixante_soixante_neuf:retraite=2")
        }
        let parts = sides[0].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 3 else { throw .invalidFormat("walkins", expected: "feminin:soixante_soixante_neuf:retraite=2") }
        func part(_ i: Int) -> String { i < parts.count && !parts[i].isEmpty ? parts[i] : "non_communique" }
        self.init(
            gender: try Gender.parse(part(0)), ageBracket: try AgeBracket.parse(part(1)), socialStatus: try SocialStatus.parse(part(2)),
            count: try TextRules.inRange(count, 1...500, field: "walkins"))
    }
}

/// What enrolling gave.
public enum EnrolmentResult: Sendable, Hashable {
    case registered
    case waitlisted(position: Int)
}

extension ScheduleStore {
    /// Takes the session's row lock for the rest of the transaction (PostgreSQL `FOR UPDATE`;
    /// SQLite's `BEGIN IMMEDIATE` already serialises writers) and reads the session.
    static func lockSession(_ db: Database, code: String) throws -> SessionRecord {
        let current = try session(db, code: code)
        if db.backend == .postgres {
            _ = try db.query("SELECT id FROM sessions WHERE id = $1 FOR UPDATE", [.integer(current.id)])
            return try session(db, code: current.code)
        }
        return current
    }

    /// The registration book of a session, rebuilt from its rows.
    static func book(_ db: Database, session: SessionRecord) throws -> RegistrationBook {
        let rows = try db.query(
            "SELECT resident_id, status, waitlist_position FROM registrations WHERE session_id = $1 AND status <> 'cancelled' ORDER BY id",
            [.integer(session.id)])
        let registered = rows.filter { $0.string("status") == "registered" }.compactMap { $0.int("resident_id") }
        let waiting = rows.filter { $0.string("status") == "waitlisted" }
            .sorted { ($0.int("waitlist_position") ?? 0) < ($1.int("waitlist_position") ?? 0) }.compactMap { $0.int("resident_id") }
        return try RegistrationBook(capacity: max(1, min(200, max(session.capacity, registered.count))), registered: registered, waitlist: waiting)
    }

    /// Writes the book back: statuses and waiting-list positions of every active row.
    static func store(_ db: Database, book: RegistrationBook, session: SessionRecord) throws {
        for resident in book.registered {
            try db.execute(
                "UPDATE registrations SET status = 'registered', waitlist_position = NULL WHERE session_id = $1 AND resident_id = $2",
                [.integer(session.id), .integer(resident)])
        }
        for (n, resident) in book.waitlist.enumerated() {
            try db.execute(
                "UPDATE registrations SET status = 'waitlisted', waitlist_position = $3 WHERE session_id = $1 AND resident_id = $2",
                [.integer(session.id), .integer(resident), .integer(Int64(n + 1))])
        }
    }

    static func checkOpen(_ session: SessionRecord) throws {
        guard session.status == "planned" else {
            throw refuse(
                "session_not_open",
                en: "session \(session.code) is \(session.status); registrations are open only for planned sessions",
                fr: "la séance \(session.code) est \(session.status == "cancelled" ? "annulée" : "déjà tenue") ; les inscriptions ne sont ouvertes que pour les séances à venir")
        }
        guard session.kind == .workshop else {
            throw refuse(
                "session_not_workshop", en: "session \(session.code) is not a collective workshop; enrol residents in workshops only",
                fr: "la séance \(session.code) n’est pas un atelier collectif ; on n’inscrit qu’aux ateliers")
        }
    }

    static func checkResident(_ db: Database, _ resident: Int64) throws {
        guard let row = try db.queryOne("SELECT anonymised_at, merged_into FROM residents WHERE id = $1", [.integer(resident)]),
            row["anonymised_at"].isNull, row["merged_into"].isNull
        else {
            throw refuse(
                "unknown_resident", en: "no active resident has the number \(resident); look the resident up first",
                fr: "aucune personne active ne porte le numéro \(resident) ; recherchez-la d’abord")
        }
    }

    /// Enrols a resident: a seat while there is one, else the end of the numbered waiting list.
    /// Two desks taking the last seat at once: the session row lock makes one wait for the other.
    public static func enrol(_ db: Database, sessionCode: String, resident: Int64, actor: String) throws -> EnrolmentResult {
        let now = Date()
        return try db.transaction { db in
            let session = try lockSession(db, code: sessionCode)
            try checkOpen(session)
            try checkResident(db, resident)
            var book = try book(db, session: session)
            let outcome = try book.enrol(resident, session: session.code)
            let existing = try db.queryOne(
                "SELECT id FROM registrations WHERE session_id = $1 AND resident_id = $2", [.integer(session.id), .integer(resident)])
            if let id = existing?.int("id") {
                // A cancelled registration comes back: it keeps its row but goes to the end of the line.
                try db.execute("DELETE FROM registrations WHERE id = $1", [.integer(id)])
            }
            try db.execute(
                """
                INSERT INTO registrations (session_id, resident_id, status, waitlist_position, attendance, registered_at, registered_by)
                VALUES ($1, $2, 'waitlisted', 1, NULL, $3, $4)
                """, [.integer(session.id), .integer(resident), .timestamp(now), .text(actor)])
            try ResidentStore.touch(db, id: resident, at: now)
            try store(db, book: book, session: session)
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "session", entityID: session.id, action: "enrol", newValue: String(resident)))
            switch outcome {
            case .registered: return .registered
            case .waitlisted(let position): return .waitlisted(position: position)
            }
        }
    }

    /// Cancels a registration; a freed seat goes to the first person waiting, who is returned.
    @discardableResult
    public static func cancelEnrolment(_ db: Database, sessionCode: String, resident: Int64, actor: String) throws -> Int64? {
        try db.transaction { db in
            let session = try lockSession(db, code: sessionCode)
            try checkOpen(session)
            var book = try book(db, session: session)
            let promoted = try book.cancel(resident, session: session.code)
            try db.execute(
                "UPDATE registrations SET status = 'cancelled', waitlist_position = NULL WHERE session_id = $1 AND resident_id = $2",
                [.integer(session.id), .integer(resident)])
            try ResidentStore.touch(db, id: resident, at: Date())
            try store(db, book: book, session: session)
            try AuditTrail.record(
                db, AuditEvent(actor: actor, entity: "session", entityID: session.id, action: "unenrol", oldValue: String(resident),
                               note: promoted.map { "promoted \($0)" }))
            return promoted
        }
    }

    /// The registrations of a session: seats first, then the waiting list, then cancellations.
    public static func registrations(_ db: Database, sessionCode: String) throws -> [RegistrationRecord] {
        let session = try session(db, code: sessionCode)
        return try db.query(
            """
            SELECT g.resident_id, g.status, g.waitlist_position, g.attendance, r.first_name, r.last_name
            FROM registrations g JOIN residents r ON r.id = g.resident_id WHERE g.session_id = $1
            ORDER BY CASE g.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, g.waitlist_position, g.id
            """, [.integer(session.id)]
        ).map { row in
            RegistrationRecord(
                residentID: row.int("resident_id") ?? 0,
                residentName: [row.string("first_name"), row.string("last_name")].compactMap { $0 }.joined(separator: " "),
                status: RegistrationStatus(rawValue: row.string("status") ?? "") ?? .cancelled,
                waitlistPosition: row.int("waitlist_position").map { Int($0) },
                attendance: row.string("attendance").flatMap(Attendance.init(rawValue:)))
        }
    }

    /// Records who came: a mark per registered resident, plus anonymous walk-ins as counts.
    /// Refused before the session has started, and for cancelled or closed sessions.
    public static func recordAttendance(
        _ db: Database, sessionCode: String, marks: [Int64: Attendance], walkins: [WalkinCount], now: Date, actor: String
    ) throws {
        try db.transaction { db in
            let session = try lockSession(db, code: sessionCode)
            guard let start = session.startsAt, start <= now else {
                throw refuse(
                    "session_not_held",
                    en: "session \(session.code) has not taken place yet\(session.startsAt.map { " (it starts \(ParisTime.local($0).day.iso))" } ?? ""); take attendance once it has started",
                    fr: "la séance \(session.code) n’a pas encore eu lieu\(session.startsAt.map { " (elle commence le \(ParisTime.local($0).day.french))" } ?? "") ; faites l’appel une fois qu’elle a commencé")
            }
            guard session.status == "planned" || session.status == "held" else {
                throw refuse(
                    "session_not_open_for_attendance", en: "session \(session.code) is \(session.status); attendance can no longer change",
                    fr: "la séance \(session.code) est \(session.status == "closed" ? "clôturée" : "annulée") ; l’appel ne peut plus changer")
            }
            let registered = Set(try book(db, session: session).registered)
            for (resident, mark) in marks.sorted(by: { $0.key < $1.key }) {
                guard registered.contains(resident) else {
                    throw refuse(
                        "not_registered", en: "resident \(resident) holds no seat in session \(session.code); count them as a walk-in instead",
                        fr: "la personne \(resident) n’est pas inscrite à la séance \(session.code) ; comptez-la parmi les participants anonymes")
                }
                try db.execute(
                    "UPDATE registrations SET attendance = $1 WHERE session_id = $2 AND resident_id = $3",
                    [.text(mark.code), .integer(session.id), .integer(resident)])
                // Coming to a session is activity, dated when it started.
                if mark == .present { try ResidentStore.touch(db, id: resident, at: min(start, Date())) }
            }
            if !walkins.isEmpty {
                try db.execute("DELETE FROM session_walkins WHERE session_id = $1", [.integer(session.id)])
                var merged: [WalkinCount] = []
                for w in walkins {
                    if let i = merged.firstIndex(where: { $0.gender == w.gender && $0.ageBracket == w.ageBracket && $0.socialStatus == w.socialStatus }) {
                        merged[i].count += w.count
                    } else {
                        merged.append(w)
                    }
                }
                for w in merged {
                    try db.execute(
                        "INSERT INTO session_walkins (session_id, gender, age_bracket, social_status, count) VALUES ($1, $2, $3, $4, $5)",
                        [.integer(session.id), .text(w.gender.code), .text(w.ageBracket.code), .text(w.socialStatus.code), .integer(Int64(w.count))])
                }
            }
            try db.execute("UPDATE sessions SET status = 'held' WHERE id = $1", [.integer(session.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "session", entityID: session.id, action: "attendance"))
        }
    }

    /// The walk-ins recorded for a session.
    public static func walkins(_ db: Database, sessionCode: String) throws -> [WalkinCount] {
        let session = try session(db, code: sessionCode)
        return try db.query(
            "SELECT gender, age_bracket, social_status, count FROM session_walkins WHERE session_id = $1 ORDER BY gender, age_bracket, social_status",
            [.integer(session.id)]
        ).compactMap { row in
            guard let g = Gender(rawValue: row.string("gender") ?? ""), let a = AgeBracket(rawValue: row.string("age_bracket") ?? ""),
                let s = SocialStatus(rawValue: row.string("social_status") ?? "")
            else { return nil }
            return WalkinCount(gender: g, ageBracket: a, socialStatus: s, count: Int(row.int("count") ?? 0))
        }
    }

    /// Closes a held session: it becomes a collective activity (ANCT `collectif`) with its
    /// present participants and walk-ins — the funder's record, with no second entry.
    /// - Returns: the accompaniment's id.
    public static func closeSession(_ db: Database, sessionCode: String, actor: String) throws -> Int64 {
        try db.transaction { db in
            let session = try lockSession(db, code: sessionCode)
            guard session.status == "held" else {
                let en: String, fr: String
                switch session.status {
                case "closed":
                    (en, fr) = ("session \(session.code) is already closed", "la séance \(session.code) est déjà clôturée")
                case "cancelled":
                    (en, fr) = ("session \(session.code) was cancelled; there is nothing to close", "la séance \(session.code) a été annulée ; rien à clôturer")
                default:
                    (en, fr) = (
                        "session \(session.code) has no attendance yet; take it first: relais-schedule attendance \(session.code) …",
                        "la séance \(session.code) n’a pas encore d’appel ; faites-le d’abord : relais-schedule attendance \(session.code) …")
                }
                throw refuse("session_not_held", en: en, fr: fr)
            }
            guard let start = session.startsAt, let siteCode = session.siteCode else {
                throw refuse("session_not_placed", en: "session \(session.code) has no place or time", fr: "la séance \(session.code) n’a ni lieu ni horaire")
            }
            let present = try db.query(
                "SELECT resident_id FROM registrations WHERE session_id = $1 AND status = 'registered' AND attendance = 'present' ORDER BY resident_id",
                [.integer(session.id)]
            ).compactMap { $0.int("resident_id") }
            let walkins = try self.walkins(db, sessionCode: session.code)
            var byGender: [Gender: Int] = [:], byAge: [AgeBracket: Int] = [:], byStatus: [SocialStatus: Int] = [:]
            for w in walkins {
                byGender[w.gender, default: 0] += w.count
                byAge[w.ageBracket, default: 0] += w.count
                byStatus[w.socialStatus, default: 0] += w.count
            }
            let anonymous = try AnonymousParticipants(
                total: walkins.map(\.count).reduce(0, +), byGender: byGender, byAgeBracket: byAge, bySocialStatus: byStatus)
            let theme = session.skill.flatMap(Theme.init(rawValue:)) ?? .cultureNumerique
            let room = try session.roomCode.map { try self.room(db, code: $0, allowRetired: true) }
            var equipment: [EquipmentUsed] = []
            if room?.equipment.contains(.laptops) == true { equipment.append(.ordinateur) }
            if room?.equipment.contains(.tablets) == true { equipment.append(.tablette) }
            let activity: Accompaniment
            do {
                activity = try Accompaniment(
                    type: .collectif, date: ParisTime.local(start).day, durationMinutes: session.durationMinutes, placeType: .lieuActivite,
                    siteCode: siteCode, equipment: equipment.isEmpty ? [.aucun] : equipment, themes: [theme], staffCode: session.conseillerCode,
                    title: session.title, level: session.level, sessionId: session.id, residentIds: present, anonymous: anonymous)
            } catch let error as RelaisCore.ValidationError where error.ruleID == Accompaniment.Rules.workshopNeedsParticipant.id {
                throw refuse(
                    "no_participant",
                    en: "session \(session.code) had nobody present and no walk-in; record attendance, or cancel the session",
                    fr: "personne n’était présent à la séance \(session.code) ; complétez l’appel ou annulez la séance")
            }
            let site = try self.site(db, code: siteCode, allowRetired: true)
            let conseillerID = try session.conseillerCode.map { try staffMember(db, code: $0, allowRetired: true).id }
            let id = try db.queryOne(
                """
                INSERT INTO accompaniments (activity_type, day, duration_minutes, place_type, site_id, title, level, session_id,
                    conseiller_id, created_at, created_by)
                VALUES ('collectif', $1, $2, 'lieu_activite', $3, $4, $5, $6, $7, $8, $9) RETURNING id
                """,
                [.date(activity.date.iso), .integer(Int64(activity.durationMinutes)), .integer(site.id), .optional(activity.title),
                 .optional(activity.level?.code), .integer(session.id), .optional(conseillerID), .timestamp(Date()), .text(actor)])?.int("id") ?? 0
            try AccompanimentStore.insertDetails(
                db, id: id, activity, participants: activity.residentIds, anonymous: walkins)
            try db.execute("UPDATE sessions SET status = 'closed', locked = $1 WHERE id = $2", [.bool(true), .integer(session.id)])
            try AuditTrail.record(db, AuditEvent(actor: actor, entity: "session", entityID: session.id, action: "close", newValue: String(id)))
            return id
        }
    }
}
