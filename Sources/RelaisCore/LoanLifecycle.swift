/// A device's lifecycle state: status, current holder and renewals of the current loan.
public struct DeviceState: Sendable, Hashable, Codable {
    /// Where the device is.
    public let status: DeviceStatus
    /// The resident holding it (on loan or handed over).
    public let holderResidentId: Int64?
    /// Renewals of the current loan.
    public let renewals: Int
    /// Whether the current loan is a connectivity grant (renewable once).
    public let isConnectivityGrant: Bool

    /// A device in stock, ready to lend.
    public static let available = DeviceState(
        status: .available, holderResidentId: nil, renewals: 0, isConnectivityGrant: false)

    /// Creates a state; the store rebuilds it from the device and its open loan.
    public init(
        status: DeviceStatus, holderResidentId: Int64? = nil, renewals: Int = 0,
        isConnectivityGrant: Bool = false
    ) {
        self.status = status
        self.holderResidentId = holderResidentId
        self.renewals = renewals
        self.isConnectivityGrant = isConnectivityGrant
    }
}

/// Something that happens to a device.
public enum DeviceEvent: Sendable, Hashable {
    /// Lend it to a resident; a connectivity grant is renewable once.
    case lend(to: Int64, connectivityGrant: Bool)
    /// It comes back in `condition`; poor or broken sends it to repair.
    case returned(condition: DeviceCondition)
    /// The loan is extended.
    case renew
    /// Given for good to a resident (e.g. a refurbished PC at a solidarity price).
    case handOver(to: Int64)
    /// Sent to be repaired.
    case sendToRepair
    /// Back from repair, ready to lend.
    case repaired
    /// Taken out of the fleet for good.
    case retire
    /// The resident lost it: the loan ends and the device is retired.
    case reportLost
}

/// The device state machine: a pure function from (state, event) to a new state or a refusal.
///
/// ```
/// available ──lend──▶ on_loan ──returned──▶ available (or in_repair if poor / broken)
/// on_loan ──renew──▶ on_loan (connectivity grants: once)
/// available / on_loan (same resident) ──hand over──▶ handed_over
/// available ⇄ in_repair;  available / in_repair / handed_over ──retire──▶ retired
/// on_loan ──report lost──▶ retired
/// ```
public enum LoanLifecycle {
    /// The state after `event`, or why it is refused.
    ///
    /// - Parameter device: the device's tag, quoted in refusal messages.
    /// - Throws: `TransitionRefusal` saying what to do instead.
    public static func apply(
        _ event: DeviceEvent, to state: DeviceState, device: AssetTag
    ) throws(TransitionRefusal) -> DeviceState {
        let refuse = DeviceRefusals(tag: device, status: state.status)
        switch event {
        case .lend(let resident, let grant):
            switch state.status {
            case .available:
                return DeviceState(
                    status: .onLoan, holderResidentId: resident, renewals: 0, isConnectivityGrant: grant)
            case .onLoan where state.holderResidentId == resident: throw refuse.alreadyLentToThem()
            case .onLoan: throw refuse.onLoanElsewhere()
            case .inRepair: throw refuse.inRepair()
            case .retired, .handedOver: throw refuse.gone()
            }

        case .returned(let condition):
            guard state.status == .onLoan else {
                throw refuse.notOnLoan("nothing to return", "rien à rendre")
            }
            return DeviceState(status: condition.needsRepair ? .inRepair : .available)

        case .renew:
            guard state.status == .onLoan else {
                throw refuse.notOnLoan("nothing to renew", "rien à renouveler")
            }
            if state.isConnectivityGrant && state.renewals >= Loan.maxConnectivityRenewals {
                throw refuse.renewalLimit()
            }
            return DeviceState(
                status: .onLoan, holderResidentId: state.holderResidentId,
                renewals: state.renewals + 1, isConnectivityGrant: state.isConnectivityGrant)

        case .handOver(let resident):
            switch state.status {
            case .available:
                return DeviceState(status: .handedOver, holderResidentId: resident)
            case .onLoan where state.holderResidentId == resident:
                return DeviceState(status: .handedOver, holderResidentId: resident)
            case .onLoan: throw refuse.onLoanElsewhere()
            case .inRepair: throw refuse.inRepair()
            case .retired, .handedOver: throw refuse.gone()
            }

        case .sendToRepair:
            switch state.status {
            case .available: return DeviceState(status: .inRepair)
            case .onLoan: throw refuse.onLoan()
            case .inRepair: throw refuse.already()
            case .retired, .handedOver: throw refuse.gone()
            }

        case .repaired:
            guard state.status == .inRepair else { throw refuse.notInRepair() }
            return DeviceState(status: .available)

        case .retire:
            switch state.status {
            case .available, .inRepair, .handedOver: return DeviceState(status: .retired)
            case .onLoan: throw refuse.onLoan()
            case .retired: throw refuse.already()
            }

        case .reportLost:
            guard state.status == .onLoan else {
                throw refuse.notOnLoan("nothing to report lost", "rien à déclarer perdu")
            }
            return DeviceState(status: .retired)
        }
    }
}

/// Builds the device refusals, each with a stable code and a hint.
private struct DeviceRefusals {
    let tag: AssetTag
    let status: DeviceStatus

    private var stateEN: String {
        switch status {
        case .available: "is available"
        case .onLoan: "is on loan"
        case .inRepair: "is in repair"
        case .retired: "is retired"
        case .handedOver: "was handed over for good"
        }
    }

    private var stateFR: String {
        switch status {
        case .available: "est disponible"
        case .onLoan: "est prêté"
        case .inRepair: "est en réparation"
        case .retired: "est réformé"
        case .handedOver: "a été remis définitivement"
        }
    }

    private func make(_ code: String, en: String, fr: String) -> TransitionRefusal {
        TransitionRefusal(code: "device.\(code)", en: "device \(tag) \(en)", fr: "l’appareil \(tag) \(fr)")
    }

    func onLoanElsewhere() -> TransitionRefusal {
        make(
            "on_loan_elsewhere", en: "is on loan to another resident; return it first",
            fr: "est prêté à une autre personne ; faites-le rendre d’abord")
    }
    func alreadyLentToThem() -> TransitionRefusal {
        make(
            "already_lent", en: "is already on loan to this resident; renew the loan instead",
            fr: "est déjà prêté à cette personne ; renouvelez plutôt le prêt")
    }
    func onLoan() -> TransitionRefusal {
        make("on_loan", en: "is on loan; return it first", fr: "est prêté ; faites-le rendre d’abord")
    }
    func inRepair() -> TransitionRefusal {
        make(
            "in_repair", en: "is in repair; mark it repaired first",
            fr: "est en réparation ; indiquez d’abord qu’il est réparé")
    }
    func gone() -> TransitionRefusal {
        make(
            "gone", en: "\(stateEN); it is no longer part of the fleet",
            fr: "\(stateFR) ; il ne fait plus partie du parc")
    }
    func notOnLoan(_ en: String, _ fr: String) -> TransitionRefusal {
        make(
            "not_on_loan", en: "\(stateEN), not on loan; \(en)", fr: "\(stateFR), il n’est pas prêté ; \(fr)")
    }
    func renewalLimit() -> TransitionRefusal {
        make(
            "renewal_limit",
            en: "is a connectivity grant already renewed once; it cannot be renewed again",
            fr: "est une aide à la connexion déjà renouvelée une fois ; elle ne peut plus l’être")
    }
    func notInRepair() -> TransitionRefusal {
        make(
            "not_in_repair", en: "\(stateEN), not in repair; nothing to mark repaired",
            fr: "\(stateFR), il n’est pas en réparation ; rien à marquer réparé")
    }
    func already() -> TransitionRefusal {
        status == .retired
            ? make("already", en: "is already retired; nothing to do", fr: "est déjà réformé ; rien à faire")
            : make(
                "already", en: "is already in repair; nothing to do",
                fr: "est déjà en réparation ; rien à faire")
    }
}
