/// A weekly opening interval: a weekday and a time span in minutes after midnight.
public struct OpeningInterval: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The day, Monday = 0.
    public let weekday: Weekday
    /// Minutes after midnight when it opens, 0…1439.
    public let startMinute: Int
    /// Minutes after midnight when it closes, after `startMinute`, at most 1440.
    public let endMinute: Int

    /// Creates an interval; `startMinute < endMinute ≤ 1440`.
    public init(weekday: Weekday, startMinute: Int, endMinute: Int) throws(ValidationError) {
        _ = try TextRules.inRange(startMinute, 0...1439, field: "start_minute")
        _ = try TextRules.inRange(endMinute, (startMinute + 1)...1440, field: "end_minute")
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Parses `mon 09:00-12:00` (or `lundi 9h-12h`, `0 09:00-12:00`).
    public init(parsing text: String) throws(ValidationError) {
        let pieces = text.split(whereSeparator: \.isWhitespace)
        guard pieces.count == 2 else {
            throw .invalidFormat("opening_hours", expected: "mon 09:00-12:00")
        }
        guard let (start, end) = try Self.span(String(pieces[1])) else {
            throw .invalidFormat("opening_hours", expected: "mon 09:00-12:00")
        }
        try self.init(weekday: try Weekday.parse(String(pieces[0])), startMinute: start, endMinute: end)
    }

    /// The two times of `09:00-12:00` in minutes after midnight, or `nil` when the text is not two
    /// times joined by `-`; a time that does not read throws (see `minutes`).
    public static func span(_ text: String) throws(ValidationError) -> (start: Int, end: Int)? {
        let times = text.split(separator: "-")
        guard times.count == 2 else { return nil }
        return (try minutes(String(times[0])), try minutes(String(times[1])))
    }

    /// Parses a time of day, `09:00`, `9:30`, `9h`, `9h30` or `24:00`, into minutes after midnight.
    public static func minutes(_ text: String, field: String = "time") throws(ValidationError) -> Int {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        let separator: Character = lowered.contains("h") ? "h" : ":"
        let parts = lowered.split(separator: separator, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...2).contains(parts[0].count),
            parts[0].allSatisfy(\.isASCIIDigit), let hours = Int(parts[0])
        else {
            throw .invalidFormat(field, expected: "09:30")
        }
        var minutes = 0
        if parts.count == 2, !(separator == "h" && parts[1].isEmpty) {
            guard parts[1].count == 2, parts[1].allSatisfy(\.isASCIIDigit), let value = Int(parts[1])
            else {
                throw .invalidFormat(field, expected: "09:30")
            }
            minutes = value
        } else if separator == ":" {
            throw .invalidFormat(field, expected: "09:30")
        }
        guard minutes < 60, hours * 60 + minutes <= 1440 else {
            throw .invalidFormat(field, expected: "09:30")
        }
        return hours * 60 + minutes
    }

    /// Formats minutes after midnight as `HH:MM`.
    public static func clock(_ minutes: Int) -> String {
        LocalDate.pad(minutes / 60, 2) + ":" + LocalDate.pad(minutes % 60, 2)
    }

    /// Whether `[start, end)` on `weekday` lies inside this interval.
    public func contains(weekday: Weekday, start: Int, end: Int) -> Bool {
        weekday == self.weekday && startMinute <= start && end <= endMinute
    }

    /// Whether the two intervals share at least one minute.
    public func overlaps(_ other: OpeningInterval) -> Bool {
        weekday == other.weekday && startMinute < other.endMinute && other.startMinute < endMinute
    }

    /// `mon 09:00-12:00`.
    public var description: String {
        "\(weekday.labelEN.prefix(3).lowercased()) \(Self.clock(startMinute))-\(Self.clock(endMinute))"
    }

    /// Orders by weekday, then start, then end.
    public static func < (lhs: OpeningInterval, rhs: OpeningInterval) -> Bool {
        (lhs.weekday.rawValue, lhs.startMinute, lhs.endMinute)
            < (rhs.weekday.rawValue, rhs.startMinute, rhs.endMinute)
    }

    /// Decodes and re-checks the interval.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            weekday: try c.decode(Weekday.self, forKey: .weekday),
            startMinute: try c.decode(Int.self, forKey: .startMinute),
            endMinute: try c.decode(Int.self, forKey: .endMinute))
    }

    static let noOverlap = ValidationError.Rule(
        id: "opening_hours_overlap",
        en: "two opening intervals overlap on the same day",
        fr: "deux plages d’ouverture se chevauchent le même jour")

    /// Sorts `intervals` and checks that none overlap.
    static func checked(_ intervals: [OpeningInterval]) throws(ValidationError) -> [OpeningInterval] {
        let sorted = Array(Set(intervals)).sorted()
        for (first, second) in zip(sorted, sorted.dropFirst()) where first.overlaps(second) {
            throw .rule("opening_hours", noOverlap)
        }
        return sorted
    }
}

/// A place where the team receives residents: an MDH, a library, the associations centre…
public struct Site: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// The short stable code, e.g. `mdh-surieux`.
    public let code: String
    /// The name shown to people, e.g. "MDH Surieux".
    public let name: String
    /// What kind of place it is.
    public let kind: SiteKind
    /// The neighbourhood code, e.g. `village-sud` (coverage targets are per neighbourhood).
    public let neighbourhood: String
    /// The postal address, when known.
    public let address: String?
    /// Weekly opening hours, sorted, without overlaps.
    public let openingHours: [OpeningInterval]

    /// Creates a site, checking codes, lengths and opening hours.
    public init(
        id: Int64? = nil, code: String, name: String, kind: SiteKind, neighbourhood: String,
        address: String? = nil, openingHours: [OpeningInterval] = []
    ) throws(ValidationError) {
        self.id = id
        self.code = try TextRules.code(code, field: "site_code")
        self.name = try TextRules.required(name, field: "name", limit: 100)
        self.kind = kind
        self.neighbourhood = try TextRules.code(neighbourhood, field: "neighbourhood")
        self.address = try TextRules.optional(address, field: "address", limit: 200)
        self.openingHours = try OpeningInterval.checked(openingHours)
    }

    /// Whether the site is open for the whole of `[start, end)` on `weekday`.
    public func isOpen(on weekday: Weekday, from start: Int, to end: Int) -> Bool {
        openingHours.contains { $0.contains(weekday: weekday, start: start, end: end) }
    }

    /// Decodes and re-checks the site.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            code: try c.decode(String.self, forKey: .code),
            name: try c.decode(String.self, forKey: .name),
            kind: try c.decode(SiteKind.self, forKey: .kind),
            neighbourhood: try c.decode(String.self, forKey: .neighbourhood),
            address: try c.decodeIfPresent(String.self, forKey: .address),
            openingHours: try c.decodeIfPresent([OpeningInterval].self, forKey: .openingHours) ?? [])
    }
}

/// A room at a site, where workshops and appointments take place.
public struct Room: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// The short stable code, e.g. `surieux-salle-1`.
    public let code: String
    /// The code of the site the room belongs to.
    public let siteCode: String
    /// The name shown to people.
    public let name: String
    /// How many residents it seats, 1…200.
    public let capacity: Int
    /// What it offers (laptops, projector, tablets).
    public let equipment: Set<RoomEquipment>
    /// When it can be booked; sorted, without overlaps.
    public let openingHours: [OpeningInterval]

    /// Creates a room, checking codes, capacity and opening hours.
    public init(
        id: Int64? = nil, code: String, siteCode: String, name: String, capacity: Int,
        equipment: Set<RoomEquipment> = [], openingHours: [OpeningInterval] = []
    ) throws(ValidationError) {
        self.id = id
        self.code = try TextRules.code(code, field: "room_code")
        self.siteCode = try TextRules.code(siteCode, field: "site_code")
        self.name = try TextRules.required(name, field: "name", limit: 100)
        self.capacity = try TextRules.inRange(capacity, 1...200, field: "capacity")
        self.equipment = equipment
        self.openingHours = try OpeningInterval.checked(openingHours)
    }

    /// Whether the room seats `attendees` and offers every item of `needs`.
    public func fits(attendees: Int, needs: Set<RoomEquipment>) -> Bool {
        capacity >= attendees && needs.isSubset(of: equipment)
    }

    /// Decodes and re-checks the room.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            code: try c.decode(String.self, forKey: .code),
            siteCode: try c.decode(String.self, forKey: .siteCode),
            name: try c.decode(String.self, forKey: .name),
            capacity: try c.decode(Int.self, forKey: .capacity),
            equipment: try c.decodeIfPresent(Set<RoomEquipment>.self, forKey: .equipment) ?? [],
            openingHours: try c.decodeIfPresent([OpeningInterval].self, forKey: .openingHours) ?? [])
    }
}
