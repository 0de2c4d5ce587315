/// What a loan hands out: a device (returned) or stock units (consumed, e.g. SIM cards).
public enum LoanItem: Sendable, Hashable, Codable {
    /// A device, by asset tag.
    case device(AssetTag)
    /// Units of a stock line (by id), e.g. one SIM card.
    case stock(itemId: Int64, quantity: Int)
}

/// A loan or grant to a resident: a device with a due date, or SIM / data for a period.
public struct Loan: Sendable, Hashable, Codable {
    /// The database id, `nil` before storage.
    public var id: Int64?
    /// The device or stock units.
    public let item: LoanItem
    /// The resident.
    public let residentId: Int64
    /// The day it went out.
    public let lentOn: LocalDate
    /// The day it is due back (or the grant ends), not before `lentOn`.
    public let dueOn: LocalDate
    /// The device's condition when it went out (devices only, required).
    public let conditionOut: DeviceCondition?
    /// The device's condition when it came back (returned devices only).
    public let conditionBack: DeviceCondition?
    /// The day it came back or the loan ended.
    public let endedOn: LocalDate?
    /// The version of the loan agreement the resident accepted, as it was then.
    public let agreementVersion: String
    /// Open, returned, handed over or lost.
    public let status: LoanStatus
    /// How many times the due date was pushed back.
    public let renewals: Int
    /// Whether it is a connectivity grant (SIM, data, 4G router): renewable once.
    public let isConnectivityGrant: Bool

    /// The most renewals a connectivity grant may have.
    public static let maxConnectivityRenewals = 1

    /// Rules this type enforces, for callers that match `ValidationError.ruleID`.
    public enum Rules {
        /// The due date is not before the lending date.
        public static let dueBeforeLent = ValidationError.Rule(
            id: "due_before_lent",
            en: "the due date cannot be before the lending date",
            fr: "la date de retour prévue ne peut précéder la date de prêt")
        /// The end date is not before the lending date.
        public static let endBeforeLent = ValidationError.Rule(
            id: "end_before_lent",
            en: "the return date cannot be before the lending date",
            fr: "la date de retour ne peut précéder la date de prêt")
        /// Status, end date and conditions fit together.
        public static let consistency = ValidationError.Rule(
            id: "loan_consistency",
            en:
                "an open loan has no end date; a finished loan has one; a returned device has a condition back; stock is never returned",
            fr:
                "un prêt en cours n’a pas de date de fin ; un prêt terminé en a une ; un appareil rendu a un état au retour ; le stock n’est jamais rendu"
        )
        /// Conditions are recorded for devices only.
        public static let conditionForDevicesOnly = ValidationError.Rule(
            id: "condition_for_devices_only",
            en: "conditions are recorded for devices only",
            fr: "l’état ne se renseigne que pour un appareil")
        /// A connectivity grant is renewed at most once.
        public static let renewalLimit = ValidationError.Rule(
            id: "connectivity_renewal_limit",
            en: "a connectivity grant is renewed at most once",
            fr: "une aide à la connexion n’est renouvelée qu’une fois")
    }

    /// Creates or rebuilds a loan, checking dates, conditions and status together.
    public init(
        id: Int64? = nil, item: LoanItem, residentId: Int64, lentOn: LocalDate, dueOn: LocalDate,
        conditionOut: DeviceCondition? = nil, conditionBack: DeviceCondition? = nil,
        endedOn: LocalDate? = nil, agreementVersion: String, status: LoanStatus = .open,
        renewals: Int = 0, isConnectivityGrant: Bool = false
    ) throws(ValidationError) {
        typealias R = Rules
        guard dueOn >= lentOn else { throw .rule("due_on", R.dueBeforeLent) }
        if let endedOn, endedOn < lentOn { throw .rule("ended_on", R.endBeforeLent) }
        switch item {
        case .device:
            guard conditionOut != nil else { throw .missing("condition_out") }
        case .stock(_, let quantity):
            _ = try TextRules.inRange(quantity, 1...1000, field: "quantity")
            guard conditionOut == nil, conditionBack == nil else {
                throw .rule("condition_out", R.conditionForDevicesOnly)
            }
            guard status != .returned, status != .handedOver else { throw .rule("status", R.consistency) }
        }
        switch status {
        case .open:
            guard endedOn == nil, conditionBack == nil else { throw .rule("status", R.consistency) }
        case .returned:
            guard endedOn != nil, conditionBack != nil else { throw .rule("status", R.consistency) }
        case .handedOver, .lost:
            guard endedOn != nil, conditionBack == nil else { throw .rule("status", R.consistency) }
        }
        _ = try TextRules.inRange(renewals, 0...100, field: "renewals")
        if isConnectivityGrant && renewals > Self.maxConnectivityRenewals {
            throw .rule("renewals", R.renewalLimit)
        }
        self.id = id
        self.item = item
        self.residentId = residentId
        self.lentOn = lentOn
        self.dueOn = dueOn
        self.conditionOut = conditionOut
        self.conditionBack = conditionBack
        self.endedOn = endedOn
        self.agreementVersion = try TextRules.required(
            agreementVersion, field: "agreement_version", limit: 50)
        self.status = status
        self.renewals = renewals
        self.isConnectivityGrant = isConnectivityGrant
    }

    /// The device's tag, for device loans.
    public var assetTag: AssetTag? {
        if case .device(let tag) = item { return tag }
        return nil
    }

    /// Whether it is still out after its due date.
    public func isOverdue(on today: LocalDate) -> Bool { status == .open && dueOn < today }

    /// Days past the due date on `today` (0 when not overdue).
    public func daysOverdue(on today: LocalDate) -> Int {
        isOverdue(on: today) ? today.days(since: dueOn) : 0
    }

    /// Whether the loan can still be renewed.
    public var canRenew: Bool {
        status == .open && (!isConnectivityGrant || renewals < Self.maxConnectivityRenewals)
    }

    /// The loan with its due date pushed to `newDue`.
    ///
    /// - Throws: `loan.not_open`, `loan.renewal_limit` or `loan.due_not_later`.
    public func renewed(until newDue: LocalDate) throws(TransitionRefusal) -> Loan {
        guard status == .open else { throw refusal("not_open") }
        guard canRenew else { throw refusal("renewal_limit") }
        guard newDue > dueOn else { throw refusal("due_not_later") }
        return copy(dueOn: newDue, renewals: renewals + 1)
    }

    /// The loan ended on `day` with `status` (returned, handed over or lost).
    ///
    /// - Parameter condition: the device's condition back, required when returned.
    public func ended(
        on day: LocalDate, as status: LoanStatus, condition: DeviceCondition? = nil
    ) throws(TransitionRefusal) -> Loan {
        guard self.status == .open else { throw refusal("not_open") }
        guard day >= lentOn else { throw refusal("end_before_lent") }
        if case .stock = item, status == .returned || status == .handedOver {
            throw refusal("cannot_end_as")
        }
        do {
            return try Loan(
                id: id, item: item, residentId: residentId, lentOn: lentOn, dueOn: dueOn,
                conditionOut: conditionOut, conditionBack: status == .returned ? condition : nil,
                endedOn: day, agreementVersion: agreementVersion, status: status,
                renewals: renewals, isConnectivityGrant: isConnectivityGrant)
        } catch {
            throw refusal(
                status == .returned && condition == nil ? "condition_back_missing" : "cannot_end_as")
        }
    }

    private func copy(dueOn: LocalDate, renewals: Int) -> Loan {
        // The new values keep every invariant: checked by `renewed(until:)`.
        (try? Loan(
            id: id, item: item, residentId: residentId, lentOn: lentOn, dueOn: dueOn,
            conditionOut: conditionOut, conditionBack: conditionBack, endedOn: endedOn,
            agreementVersion: agreementVersion, status: status, renewals: renewals,
            isConnectivityGrant: isConnectivityGrant)) ?? self
    }

    private var subjectEN: String {
        switch item {
        case .device(let tag): "the loan of \(tag)"
        case .stock: "this grant"
        }
    }

    private var subjectFR: String {
        switch item {
        case .device(let tag): "le prêt de \(tag)"
        case .stock: "cette aide"
        }
    }

    private func refusal(_ code: String) -> TransitionRefusal {
        let (en, fr): (String, String)
        switch code {
        case "not_open":
            (en, fr) = (
                "\(subjectEN) is \(status.labelEN.lowercased()); only an open loan can change",
                "\(subjectFR) est terminé (\(status.labelFR.lowercased())) ; seul un prêt en cours peut changer"
            )
        case "renewal_limit":
            (en, fr) = (
                "\(subjectEN) is a connectivity grant already renewed once; it cannot be renewed again",
                "\(subjectFR) est une aide à la connexion déjà renouvelée une fois ; elle ne peut plus l’être"
            )
        case "due_not_later":
            (en, fr) = (
                "\(subjectEN) is due on \(dueOn.french); the new due date must be later",
                "\(subjectFR) est dû le \(dueOn.french) ; la nouvelle date doit être postérieure"
            )
        case "end_before_lent":
            (en, fr) = (
                "\(subjectEN) started on \(lentOn.french); it cannot end earlier",
                "\(subjectFR) a commencé le \(lentOn.french) ; il ne peut finir avant"
            )
        case "condition_back_missing":
            (en, fr) = (
                "\(subjectEN) ends with a return; record the condition back",
                "\(subjectFR) se termine par un retour ; indiquez l’état au retour"
            )
        default:
            (en, fr) = (
                "\(subjectEN) cannot end this way (stock is consumed, not returned or handed over)",
                "\(subjectFR) ne peut se terminer ainsi (le stock se consomme, il n’est ni rendu ni remis)"
            )
        }
        return TransitionRefusal(code: "loan.\(code)", en: en, fr: fr)
    }

    /// Decodes and re-checks the loan.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            item: try c.decode(LoanItem.self, forKey: .item),
            residentId: try c.decode(Int64.self, forKey: .residentId),
            lentOn: try c.decode(LocalDate.self, forKey: .lentOn),
            dueOn: try c.decode(LocalDate.self, forKey: .dueOn),
            conditionOut: try c.decodeIfPresent(DeviceCondition.self, forKey: .conditionOut),
            conditionBack: try c.decodeIfPresent(DeviceCondition.self, forKey: .conditionBack),
            endedOn: try c.decodeIfPresent(LocalDate.self, forKey: .endedOn),
            agreementVersion: try c.decode(String.self, forKey: .agreementVersion),
            status: try c.decodeIfPresent(LoanStatus.self, forKey: .status) ?? .open,
            renewals: try c.decodeIfPresent(Int.self, forKey: .renewals) ?? 0,
            isConnectivityGrant: try c.decodeIfPresent(Bool.self, forKey: .isConnectivityGrant) ?? false)
    }
}
