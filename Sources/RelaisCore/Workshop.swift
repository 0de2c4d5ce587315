/// A workshop in the catalogue: what the coordinator can schedule as collective sessions.
public struct Workshop: Sendable, Hashable, Codable {
    /// The durations a collective workshop may last, in minutes (1.5 h to 3 h).
    public static let durationRange = 90...180

    /// The database id, `nil` before storage.
    public var id: Int64?
    /// The short stable code, e.g. `w-bureautique-1`.
    public let code: String
    /// The title shown to residents, at most 200 characters.
    public let title: String
    /// The ANCT theme it teaches (and the skill a conseiller needs to run it).
    public let theme: Theme
    /// Its level.
    public let level: WorkshopLevel
    /// How long a session lasts, 90…180 minutes.
    public let durationMinutes: Int
    /// How many residents a session takes, 1…200.
    public let capacity: Int
    /// What the room must offer.
    public let equipmentNeeded: Set<RoomEquipment>

    /// Creates a catalogue entry.
    public init(
        id: Int64? = nil, code: String, title: String, theme: Theme, level: WorkshopLevel,
        durationMinutes: Int, capacity: Int, equipmentNeeded: Set<RoomEquipment> = []
    ) throws(ValidationError) {
        self.id = id
        self.code = try TextRules.code(code, field: "workshop_code")
        self.title = try TextRules.required(title, field: "title", limit: 200)
        self.theme = theme
        self.level = level
        self.durationMinutes = try TextRules.inRange(
            durationMinutes, Self.durationRange, field: "duration_minutes")
        self.capacity = try TextRules.inRange(capacity, 1...200, field: "capacity")
        self.equipmentNeeded = equipmentNeeded
    }

    /// Decodes and re-checks the entry.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            code: try c.decode(String.self, forKey: .code),
            title: try c.decode(String.self, forKey: .title),
            theme: try c.decode(Theme.self, forKey: .theme),
            level: try c.decode(WorkshopLevel.self, forKey: .level),
            durationMinutes: try c.decode(Int.self, forKey: .durationMinutes),
            capacity: try c.decode(Int.self, forKey: .capacity),
            equipmentNeeded: try c.decodeIfPresent(Set<RoomEquipment>.self, forKey: .equipmentNeeded) ?? [])
    }
}

/// A dated session: a workshop, an individual appointment or a desk duty (*permanence*).
public struct WorkshopSession: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// Workshop, appointment or permanence.
    public let kind: SessionKind
    /// The catalogue entry (workshops only, required there).
    public let workshopCode: String?
    /// The site where it takes place.
    public let siteCode: String
    /// The room, once planned.
    public let roomCode: String?
    /// The conseiller running it, once planned.
    public let staffCode: String?
    /// The day.
    public let date: LocalDate
    /// Minutes after midnight when it starts.
    public let startMinute: Int
    /// How long it lasts; workshops 90…180 minutes; it ends by midnight.
    public let durationMinutes: Int
    /// Seats: 1 for an appointment, 1…200 otherwise.
    public let capacity: Int
    /// The association series it belongs to, e.g. `asso-site-web-3`.
    public let seriesCode: String?
    /// Planned, published, held or cancelled.
    public var status: SessionStatus

    /// The rule that only workshops refer to the catalogue and appointments seat one.
    public static let kindRule = ValidationError.Rule(
        id: "session_kind_fields",
        en:
            "a workshop names its catalogue entry; appointments and permanences do not, and an appointment has one seat",
        fr:
            "un atelier renvoie à son entrée du catalogue ; les rendez-vous et permanences non, et un rendez-vous n’a qu’une place"
    )

    /// Creates a session, checking times, capacity and the fields its kind needs.
    public init(
        id: Int64? = nil, kind: SessionKind, workshopCode: String? = nil, siteCode: String,
        roomCode: String? = nil, staffCode: String? = nil, date: LocalDate, startMinute: Int,
        durationMinutes: Int, capacity: Int = 1, seriesCode: String? = nil,
        status: SessionStatus = .planned
    ) throws(ValidationError) {
        self.id = id
        self.kind = kind
        self.workshopCode = try TextRules.optionalCode(workshopCode, field: "workshop_code")
        self.siteCode = try TextRules.code(siteCode, field: "site_code")
        self.roomCode = try TextRules.optionalCode(roomCode, field: "room_code")
        self.staffCode = try TextRules.optionalCode(staffCode, field: "staff_code")
        self.date = date
        self.startMinute = try TextRules.inRange(startMinute, 0...1439, field: "start_minute")
        let durations = kind == .workshop ? Workshop.durationRange : 1...(24 * 60)
        _ = try TextRules.inRange(durationMinutes, durations, field: "duration_minutes")
        _ = try TextRules.inRange(startMinute + durationMinutes, 1...(24 * 60), field: "end_minute")
        self.durationMinutes = durationMinutes
        self.capacity = try TextRules.inRange(capacity, 1...200, field: "capacity")
        switch kind {
        case .workshop where self.workshopCode == nil:
            throw .rule("workshop_code", Self.kindRule)
        case .appointment where capacity != 1:
            throw .rule("capacity", Self.kindRule)
        case .appointment where self.workshopCode != nil, .permanence where self.workshopCode != nil:
            throw .rule("workshop_code", Self.kindRule)
        default: break
        }
        self.seriesCode = try TextRules.optionalCode(seriesCode, field: "series_code")
        self.status = status
    }

    /// Minutes after midnight when it ends.
    public var endMinute: Int { startMinute + durationMinutes }

    /// Whether the two sessions take place on the same day at overlapping times.
    public func overlaps(_ other: WorkshopSession) -> Bool {
        date == other.date && startMinute < other.endMinute && other.startMinute < endMinute
    }

    /// Decodes and re-checks the session.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            kind: try c.decode(SessionKind.self, forKey: .kind),
            workshopCode: try c.decodeIfPresent(String.self, forKey: .workshopCode),
            siteCode: try c.decode(String.self, forKey: .siteCode),
            roomCode: try c.decodeIfPresent(String.self, forKey: .roomCode),
            staffCode: try c.decodeIfPresent(String.self, forKey: .staffCode),
            date: try c.decode(LocalDate.self, forKey: .date),
            startMinute: try c.decode(Int.self, forKey: .startMinute),
            durationMinutes: try c.decode(Int.self, forKey: .durationMinutes),
            capacity: try c.decodeIfPresent(Int.self, forKey: .capacity) ?? 1,
            seriesCode: try c.decodeIfPresent(String.self, forKey: .seriesCode),
            status: try c.decodeIfPresent(SessionStatus.self, forKey: .status) ?? .planned)
    }
}

/// A resident's registration to a session, with waiting-list position and attendance.
public struct Registration: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// The session.
    public let sessionId: Int64
    /// The resident.
    public let residentId: Int64
    /// Registered, waitlisted or cancelled.
    public let status: RegistrationStatus
    /// 1-based position on the waiting list (waitlisted only).
    public let waitlistPosition: Int?
    /// Whether they came (registered only, once the session is held).
    public let attendance: Attendance?

    /// The rule tying status, waiting-list position and attendance together.
    public static let consistency = ValidationError.Rule(
        id: "registration_consistency",
        en:
            "a waitlisted registration has a position and no attendance; others have no position; only a registered resident has an attendance",
        fr:
            "une inscription en liste d’attente a un rang et pas de présence ; les autres n’ont pas de rang ; seule une personne inscrite a une présence"
    )

    /// Creates a registration, checking its consistency.
    public init(
        id: Int64? = nil, sessionId: Int64, residentId: Int64, status: RegistrationStatus,
        waitlistPosition: Int? = nil, attendance: Attendance? = nil
    ) throws(ValidationError) {
        switch status {
        case .waitlisted:
            guard let position = waitlistPosition, attendance == nil else {
                throw .rule("waitlist_position", Self.consistency)
            }
            _ = try TextRules.inRange(position, 1...10_000, field: "waitlist_position")
        case .registered:
            guard waitlistPosition == nil else { throw .rule("waitlist_position", Self.consistency) }
        case .cancelled:
            guard waitlistPosition == nil, attendance == nil else {
                throw .rule("attendance", Self.consistency)
            }
        }
        self.id = id
        self.sessionId = sessionId
        self.residentId = residentId
        self.status = status
        self.waitlistPosition = waitlistPosition
        self.attendance = attendance
    }

    /// Decodes and re-checks the registration.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            sessionId: try c.decode(Int64.self, forKey: .sessionId),
            residentId: try c.decode(Int64.self, forKey: .residentId),
            status: try c.decode(RegistrationStatus.self, forKey: .status),
            waitlistPosition: try c.decodeIfPresent(Int.self, forKey: .waitlistPosition),
            attendance: try c.decodeIfPresent(Attendance.self, forKey: .attendance))
    }
}

/// How much a registration tells about its resident: what decides which of two registrations
/// to the same session survives when two records of one person are merged.
///
/// The attendance mark first (present, then excused, then no-show, then none: a mark records
/// what happened and the funder counts the present), then the place (a seat, then the waiting
/// list, then a cancellation), then the earlier place on the waiting list. Greater is better.
public struct RegistrationWeight: Sendable, Hashable, Comparable {
    let attendance: Int
    let place: Int
    let waitlistPosition: Int

    /// The weight of a registration with this status, waiting-list position and attendance.
    public init(status: RegistrationStatus, waitlistPosition: Int?, attendance: Attendance?) {
        switch attendance {
        case .present: self.attendance = 3
        case .excused: self.attendance = 2
        case .noShow: self.attendance = 1
        case nil: self.attendance = 0
        }
        switch status {
        case .registered: place = 2
        case .waitlisted: place = 1
        case .cancelled: place = 0
        }
        self.waitlistPosition = -(waitlistPosition ?? 0)
    }

    public static func < (lhs: RegistrationWeight, rhs: RegistrationWeight) -> Bool {
        (lhs.attendance, lhs.place, lhs.waitlistPosition) < (rhs.attendance, rhs.place, rhs.waitlistPosition)
    }
}
