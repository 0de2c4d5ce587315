/// What a planned session is: a workshop, an individual appointment or a desk duty.
public enum SessionKind: String, Taxonomy {
    case workshop
    case appointment
    case permanence

    /// The field name used in messages.
    public static var fieldName: String { "session_kind" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .workshop: "Atelier collectif"
        case .appointment: "Rendez-vous individuel"
        case .permanence: "Permanence"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .workshop: "Workshop"
        case .appointment: "Appointment"
        case .permanence: "Drop-in desk duty"
        }
    }
}

/// Where a planned session stands.
public enum SessionStatus: String, Taxonomy {
    case planned
    case published
    case held
    case cancelled

    /// The field name used in messages.
    public static var fieldName: String { "session_status" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .planned: "Planifiée"
        case .published: "Publiée"
        case .held: "Tenue"
        case .cancelled: "Annulée"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .planned: "Planned"
        case .published: "Published"
        case .held: "Held"
        case .cancelled: "Cancelled"
        }
    }
}

/// A resident's place in a session: a seat, the waiting list, or cancelled.
public enum RegistrationStatus: String, Taxonomy {
    case registered
    case waitlisted
    case cancelled

    /// The field name used in messages.
    public static var fieldName: String { "registration_status" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .registered: "Inscrit"
        case .waitlisted: "En liste d’attente"
        case .cancelled: "Annulé"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .registered: "Registered"
        case .waitlisted: "Waiting list"
        case .cancelled: "Cancelled"
        }
    }
}

/// Whether a registered resident came to a held session.
public enum Attendance: String, Taxonomy {
    case present
    case excused
    case noShow = "no_show"

    /// The field name used in messages.
    public static var fieldName: String { "attendance" }
    /// The French label.
    public var labelFR: String {
        switch self {
        case .present: "Présent"
        case .excused: "Excusé"
        case .noShow: "Absent"
        }
    }
    /// The English label.
    public var labelEN: String {
        switch self {
        case .present: "Present"
        case .excused: "Excused"
        case .noShow: "No-show"
        }
    }
}
