/// Where a request was referred: the kind of structure and, optionally, its name.
public struct Referral: Sendable, Hashable, Codable {
    /// The ANCT kind of structure.
    public let structure: ReferralStructure
    /// The partner's name, e.g. "France Services Échirolles", "CAF de l’Isère".
    public let partnerName: String?

    /// The longest partner name, in characters.
    public static let partnerNameLimit = 100

    /// Creates a referral; the partner name is at most `partnerNameLimit` characters.
    public init(structure: ReferralStructure, partnerName: String? = nil) throws(ValidationError) {
        self.structure = structure
        self.partnerName = try TextRules.optional(partnerName, field: "partner_name", limit: Self.partnerNameLimit)
    }

    /// Decodes and re-checks the referral.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            structure: try c.decode(ReferralStructure.self, forKey: .structure),
            partnerName: try c.decodeIfPresent(String.self, forKey: .partnerName))
    }
}

/// The part of a request its lifecycle changes: status, assignee, outcome, referral.
public struct RequestState: Sendable, Hashable, Codable {
    /// Where the request stands.
    public let status: RequestStatus
    /// The staff code of whoever works on it.
    public let assigneeCode: String?
    /// What came of it (set when resolved or referred, kept when closed).
    public let outcome: RequestOutcome?
    /// The structure it was referred to (when the outcome is `referred`).
    public let referral: Referral?

    /// The state of a request just recorded.
    public static let initial = RequestState(
        uncheckedStatus: .new, assignee: nil, outcome: nil, referral: nil)

    /// The rule tying status, assignee and outcome together: new has no assignee; assigned,
    /// in progress and waiting have one; resolved, referred and closed have an outcome;
    /// referred (and closed after a referral) has a referral.
    public static let consistency = ValidationError.Rule(
        id: "request_state_consistency",
        en: "status, assignee and outcome do not fit together",
        fr: "statut, personne attribuée et issue incompatibles"
    )

    /// Rebuilds a stored state, checking it could have come from the lifecycle.
    public init(
        status: RequestStatus, assigneeCode: String? = nil, outcome: RequestOutcome? = nil,
        referral: Referral? = nil
    ) throws(ValidationError) {
        let assignee = try TextRules.optionalCode(assigneeCode, field: "assignee")
        let consistent: Bool
        switch status {
        case .new: consistent = assignee == nil && outcome == nil && referral == nil
        case .assigned, .inProgress, .waiting:
            consistent = assignee != nil && outcome == nil && referral == nil
        case .resolved: consistent = outcome != nil && outcome != .referred && referral == nil
        case .referred: consistent = outcome == .referred && referral != nil
        case .closed: consistent = outcome != nil && (outcome == .referred) == (referral != nil)
        }
        guard consistent else { throw .rule("status", Self.consistency) }
        self.init(uncheckedStatus: status, assignee: assignee, outcome: outcome, referral: referral)
    }

    init(
        uncheckedStatus status: RequestStatus, assignee: String?, outcome: RequestOutcome?,
        referral: Referral?
    ) {
        self.status = status
        self.assigneeCode = assignee
        self.outcome = outcome
        self.referral = referral
    }

    /// Decodes and re-checks the state.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            status: try c.decode(RequestStatus.self, forKey: .status),
            assigneeCode: try c.decodeIfPresent(String.self, forKey: .assigneeCode),
            outcome: try c.decodeIfPresent(RequestOutcome.self, forKey: .outcome),
            referral: try c.decodeIfPresent(Referral.self, forKey: .referral))
    }
}

/// A resident's help request (ticket, *demande*), from first contact to resolution.
public struct HelpRequest: Sendable, Hashable, Codable {
    /// The longest summary accepted.
    public static let summaryLimit = 500

    /// The database id, `nil` before storage.
    public var id: Int64?
    /// `D-2026-000123`, allocated by the store; `nil` before storage.
    public var number: RequestNumber?
    /// The code of the site that received it.
    public let siteCode: String
    /// How it reached the desk.
    public let channel: RequestChannel
    /// Which of the six fields of digital inclusion it belongs to.
    public let field: InclusionField
    /// ANCT themes (may be empty at intake), without duplicates.
    public let themes: [Theme]
    /// Administrative sub-themes, only with `aide_aux_demarches_administratives`.
    public let subThemes: [AdministrativeSubTheme]
    /// What the resident needs, 1–500 characters (personal data: never echoed in errors).
    public let summary: String
    /// How urgent it is.
    public let urgency: Urgency
    /// An administrative deadline (e.g. a CAF declaration due Friday).
    public let deadline: LocalDate?
    /// The resident, when recorded (a request may come before the resident is identified).
    public let residentId: Int64?
    /// Lifecycle state: status, assignee, outcome, referral.
    public private(set) var state: RequestState

    /// Creates a request, checking the summary, the site code and the sub-theme rule.
    public init(
        id: Int64? = nil, number: RequestNumber? = nil, siteCode: String, channel: RequestChannel,
        field: InclusionField, themes: [Theme] = [], subThemes: [AdministrativeSubTheme] = [],
        summary: String, urgency: Urgency = .normal, deadline: LocalDate? = nil,
        residentId: Int64? = nil, state: RequestState = .initial
    ) throws(ValidationError) {
        self.id = id
        self.number = number
        self.siteCode = try TextRules.code(siteCode, field: "site_code")
        self.channel = channel
        self.field = field
        (self.themes, self.subThemes) = try ThemeRules.check(
            themes: themes, subThemes: subThemes, requireTheme: false)
        self.summary = try TextRules.required(summary, field: "summary", limit: Self.summaryLimit)
        self.urgency = urgency
        self.deadline = deadline
        self.residentId = residentId
        self.state = state
    }

    /// Where the request stands.
    public var status: RequestStatus { state.status }
    /// The staff code of whoever works on it.
    public var assigneeCode: String? { state.assigneeCode }
    /// What came of it.
    public var outcome: RequestOutcome? { state.outcome }
    /// Where it was referred.
    public var referral: Referral? { state.referral }

    /// The request after `event`, or the lifecycle's refusal.
    public func applying(_ event: RequestEvent) throws(TransitionRefusal) -> HelpRequest {
        var copy = self
        copy.state = try RequestLifecycle.apply(event, to: state, number: number)
        return copy
    }

    /// Whether the request is still open after its deadline.
    public func isOverdue(on today: LocalDate) -> Bool {
        guard let deadline else { return false }
        return status.isOpen && deadline < today
    }

    /// Orders a work queue: higher urgency first, then earlier deadline, then older number.
    public static func queueOrder(_ lhs: HelpRequest, _ rhs: HelpRequest) -> Bool {
        if lhs.urgency != rhs.urgency { return lhs.urgency > rhs.urgency }
        switch (lhs.deadline, rhs.deadline) {
        case (let l?, let r?) where l != r: return l < r
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        switch (lhs.number, rhs.number) {
        case (let l?, let r?): return l < r
        default: return (lhs.id ?? .max) < (rhs.id ?? .max)
        }
    }

    /// Decodes and re-checks the request.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            number: try c.decodeIfPresent(RequestNumber.self, forKey: .number),
            siteCode: try c.decode(String.self, forKey: .siteCode),
            channel: try c.decode(RequestChannel.self, forKey: .channel),
            field: try c.decode(InclusionField.self, forKey: .field),
            themes: try c.decodeIfPresent([Theme].self, forKey: .themes) ?? [],
            subThemes: try c.decodeIfPresent([AdministrativeSubTheme].self, forKey: .subThemes) ?? [],
            summary: try c.decode(String.self, forKey: .summary),
            urgency: try c.decodeIfPresent(Urgency.self, forKey: .urgency) ?? .normal,
            deadline: try c.decodeIfPresent(LocalDate.self, forKey: .deadline),
            residentId: try c.decodeIfPresent(Int64.self, forKey: .residentId),
            state: try c.decodeIfPresent(RequestState.self, forKey: .state) ?? .initial)
    }
}
