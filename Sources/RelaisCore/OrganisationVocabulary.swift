/// What a staff member does in Relais.
public enum StaffRole: String, Taxonomy {
    case conseiller
    case deskAgent = "desk_agent"
    case coordinator

    /// The field name used in messages.
    public static var fieldName: String { "role" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .conseiller: "Conseiller numérique"
        case .deskAgent: "Agent d’accueil"
        case .coordinator: "Coordinateur"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .conseiller: "Digital mediator"
        case .deskAgent: "Desk agent"
        case .coordinator: "Coordinator"
        }
    }
}

/// The kind of place a site is.
public enum SiteKind: String, Taxonomy {
    case mdh
    case library
    case associations
    case townHall = "town_hall"
    case other

    /// The field name used in messages.
    public static var fieldName: String { "site_kind" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .mdh: "Maison des habitants"
        case .library: "Bibliothèque"
        case .associations: "Maison des associations"
        case .townHall: "Hôtel de ville"
        case .other: "Autre"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .mdh: "Neighbourhood centre"
        case .library: "Library"
        case .associations: "Associations centre"
        case .townHall: "Town hall"
        case .other: "Other"
        }
    }
}

/// Equipment a room offers (and a workshop may need).
public enum RoomEquipment: String, Taxonomy {
    case laptops
    case projector
    case tablets

    /// The field name used in messages.
    public static var fieldName: String { "equipment" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .laptops: "Ordinateurs portables"
        case .projector: "Vidéoprojecteur"
        case .tablets: "Tablettes"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .laptops: "Laptops"
        case .projector: "Projector"
        case .tablets: "Tablets"
        }
    }
}

/// A day of the week, 0 = Monday … 6 = Sunday (the planning's day numbers).
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case monday = 0
    case tuesday
    case wednesday
    case thursday
    case friday
    case saturday
    case sunday

    /// The French name, lower case as French writes it.
    public var labelFR: String {
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][rawValue]
    }

    /// The English name.
    public var labelEN: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue]
    }

    /// The name in `lang`.
    public func label(_ lang: Language) -> String { lang == .fr ? labelFR : labelEN }

    /// Orders Monday first.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `0`…`6`, or an English or French day name or its first three letters.
    public static func parse(_ text: String) throws(ValidationError) -> Weekday {
        let wanted = CodeSuggester.fold(text)
        if let number = Int(wanted), let day = Weekday(rawValue: number) { return day }
        for day in allCases {
            let names = [CodeSuggester.fold(day.labelEN), CodeSuggester.fold(day.labelFR)]
            if names.contains(where: { $0 == wanted || (wanted.count >= 3 && $0.hasPrefix(wanted)) }) {
                return day
            }
        }
        if wanted.isEmpty { throw .missing("weekday") }
        let allowed = allCases.map { String($0.labelEN.prefix(3)).lowercased() }
        throw .unknownCode("weekday", given: text, allowed: allowed, suggestion: nil)
    }
}

/// A half-day: the planning never splits a session across lunch.
public enum HalfDay: String, Taxonomy {
    case am
    case pm

    /// The field name used in messages.
    public static var fieldName: String { "half" }
    /// The French label.
    public var labelFR: String { self == .am ? "matin" : "après-midi" }
    /// The English label.
    public var labelEN: String { self == .am ? "morning" : "afternoon" }
}
