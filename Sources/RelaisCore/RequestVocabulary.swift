/// How a help request reached the desk.
public enum RequestChannel: String, Taxonomy {
    case walkIn = "walk_in"
    case phone
    case email
    case referral

    /// The field name used in messages.
    public static var fieldName: String { "channel" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .walkIn: "Accueil physique"
        case .phone: "Téléphone"
        case .email: "E-mail"
        case .referral: "Orientation par un partenaire"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .walkIn: "Walk-in"
        case .phone: "Phone"
        case .email: "E-mail"
        case .referral: "Referral from a partner"
        }
    }
}

/// How urgent a help request is; `rank` orders them (0 = low … 3 = urgent).
public enum Urgency: String, Taxonomy, Comparable {
    case low
    case normal
    case high
    case urgent

    /// 0 for low, 1 normal, 2 high, 3 urgent.
    public var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    /// Orders by rank: low < normal < high < urgent.
    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }

    /// The field name used in messages.
    public static var fieldName: String { "urgency" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .low: "Faible"
        case .normal: "Normale"
        case .high: "Élevée"
        case .urgent: "Urgente"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .low: "Low"
        case .normal: "Normal"
        case .high: "High"
        case .urgent: "Urgent"
        }
    }
}

/// Where a help request stands in its lifecycle (see `RequestLifecycle`).
public enum RequestStatus: String, Taxonomy {
    case new
    case assigned
    case inProgress = "in_progress"
    case waiting
    case resolved
    case referred
    case closed

    /// Whether the request still needs work (new, assigned, in progress or waiting).
    public var isOpen: Bool {
        switch self {
        case .new, .assigned, .inProgress, .waiting: true
        case .resolved, .referred, .closed: false
        }
    }

    /// The field name used in messages.
    public static var fieldName: String { "status" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .new: "Nouvelle"
        case .assigned: "Attribuée"
        case .inProgress: "En cours"
        case .waiting: "En attente"
        case .resolved: "Résolue"
        case .referred: "Réorientée"
        case .closed: "Clôturée"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .new: "New"
        case .assigned: "Assigned"
        case .inProgress: "In progress"
        case .waiting: "Waiting"
        case .resolved: "Resolved"
        case .referred: "Referred"
        case .closed: "Closed"
        }
    }
}

/// What came of a help request.
public enum RequestOutcome: String, Taxonomy {
    case resolved
    case orientedWorkshop = "oriented_workshop"
    case equipmentLent = "equipment_lent"
    case referred

    /// The field name used in messages.
    public static var fieldName: String { "outcome" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .resolved: "Résolue"
        case .orientedWorkshop: "Orientée vers un atelier"
        case .equipmentLent: "Matériel prêté"
        case .referred: "Réorientée vers un partenaire"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .resolved: "Resolved"
        case .orientedWorkshop: "Oriented to a workshop"
        case .equipmentLent: "Equipment lent"
        case .referred: "Referred to a partner"
        }
    }

    /// The outcomes a request is resolved with; `referred` is given by a referral, which names
    /// the partner structure.
    public static let resolutions: [RequestOutcome] = [.resolved, .orientedWorkshop, .equipmentLent]

    /// Parses the outcome of a resolution. An unknown code's message offers `resolutions` only;
    /// `referred` itself still parses, so that the lifecycle can say to refer the request instead.
    public static func parseResolution(_ text: String) throws(ValidationError) -> RequestOutcome {
        do {
            return try parse(text)
        } catch where error.kind == .unknownCode {
            let allowed = resolutions.map(\.code)
            throw .unknownCode(fieldName, given: text, allowed: allowed, suggestion: CodeSuggester.closest(to: text, among: allowed))
        }
    }
}
