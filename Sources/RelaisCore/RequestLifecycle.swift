/// Something that happens to a help request.
public enum RequestEvent: Sendable, Hashable {
    /// Give it to a staff member (by staff code); also reassigns.
    case assign(to: String)
    /// The assignee starts working on it.
    case start
    /// Wait for the resident or a third party (a document, a call back).
    case wait
    /// Work resumes after waiting.
    case resumeFromWaiting
    /// It is settled with this outcome (use `refer` for a referral).
    case resolve(RequestOutcome)
    /// It is referred to a partner structure.
    case refer(ReferralStructure, partnerName: String?)
    /// It is filed after being resolved or referred.
    case close
    /// It needs work again after being resolved, referred or closed.
    case reopen
    /// A note is added to the timeline; the state does not change.
    case note
}

/// The help-request state machine: a pure function from (state, event) to a new state or a refusal.
///
/// ```
/// new ──assign──▶ assigned ──start──▶ in_progress ◀──resume── waiting
///                 assigned / in_progress ──wait──▶ waiting
/// new / assigned / in_progress / waiting ──resolve──▶ resolved ──close──▶ closed
/// new / assigned / in_progress / waiting ──refer───▶ referred ──close──▶ closed
/// resolved / referred / closed ──reopen──▶ assigned (if someone was assigned) or new
/// ```
/// Reassigning keeps the status of an assigned, in-progress or waiting request.
public enum RequestLifecycle {
    /// The state after `event`, or why it is refused.
    ///
    /// - Parameters:
    ///   - number: the request's number, quoted in refusal messages (`nil` before storage).
    /// - Throws: `TransitionRefusal` saying what is possible instead.
    public static func apply(
        _ event: RequestEvent, to state: RequestState, number: RequestNumber? = nil
    ) throws(TransitionRefusal) -> RequestState {
        let refuse = Refusals(number: number, status: state.status)
        let status = state.status
        switch event {
        case .note:
            return state

        case .assign(let staff):
            guard !status.isTerminal else { throw refuse.reopenFirst() }
            guard let staff = try? TextRules.code(staff, field: "assignee") else {
                throw refuse.assigneeMissing()
            }
            guard staff != state.assigneeCode else { throw refuse.sameAssignee(staff) }
            let next: RequestStatus = status == .new ? .assigned : status
            return RequestState(uncheckedStatus: next, assignee: staff, outcome: nil, referral: nil)

        case .start:
            switch status {
            case .assigned: return state.with(.inProgress)
            case .new: throw refuse.assignFirst()
            case .inProgress: throw refuse.already()
            case .waiting: throw refuse.resumeInstead()
            case .resolved, .referred, .closed: throw refuse.reopenFirst()
            }

        case .wait:
            switch status {
            case .assigned, .inProgress: return state.with(.waiting)
            case .new: throw refuse.assignFirst()
            case .waiting: throw refuse.already()
            case .resolved, .referred, .closed: throw refuse.reopenFirst()
            }

        case .resumeFromWaiting:
            switch status {
            case .waiting: return state.with(.inProgress)
            case .new, .assigned, .inProgress: throw refuse.notWaiting()
            case .resolved, .referred, .closed: throw refuse.reopenFirst()
            }

        case .resolve(let outcome):
            guard !status.isTerminal else { throw refuse.reopenFirst() }
            guard outcome != .referred else { throw refuse.useRefer() }
            return RequestState(
                uncheckedStatus: .resolved, assignee: state.assigneeCode, outcome: outcome,
                referral: nil)

        case .refer(let structure, let partnerName):
            guard !status.isTerminal else { throw refuse.reopenFirst() }
            let referral: Referral
            do {
                referral = try Referral(structure: structure, partnerName: partnerName)
            } catch {
                throw refuse.partnerNameTooLong()
            }
            return RequestState(
                uncheckedStatus: .referred, assignee: state.assigneeCode, outcome: .referred,
                referral: referral)

        case .close:
            switch status {
            case .resolved, .referred: return state.with(.closed)
            case .closed: throw refuse.already()
            case .new, .assigned, .inProgress, .waiting: throw refuse.resolveFirst()
            }

        case .reopen:
            guard status.isTerminal else { throw refuse.notFinished() }
            let next: RequestStatus = state.assigneeCode == nil ? .new : .assigned
            return RequestState(
                uncheckedStatus: next, assignee: state.assigneeCode, outcome: nil, referral: nil)
        }
    }

    /// The events accepted in `status` (kinds only), for menus and help texts.
    public static func allowedEvents(in status: RequestStatus) -> [String] {
        switch status {
        case .new: ["assign", "resolve", "refer", "note"]
        case .assigned: ["assign", "start", "wait", "resolve", "refer", "note"]
        case .inProgress: ["assign", "wait", "resolve", "refer", "note"]
        case .waiting: ["assign", "resume", "resolve", "refer", "note"]
        case .resolved, .referred: ["close", "reopen", "note"]
        case .closed: ["reopen", "note"]
        }
    }
}

extension RequestStatus {
    /// Resolved, referred or closed: only `reopen`, `close` and `note` apply.
    var isTerminal: Bool { !isOpen }

    /// The EN predicate used in refusals, e.g. "is in progress".
    fileprivate var phraseEN: String {
        switch self {
        case .new: "is new"
        case .assigned: "is assigned"
        case .inProgress: "is in progress"
        case .waiting: "is waiting"
        case .resolved: "is resolved"
        case .referred: "is referred"
        case .closed: "is closed"
        }
    }

    /// The FR predicate used in refusals, e.g. "est en cours".
    fileprivate var phraseFR: String {
        switch self {
        case .new: "est nouvelle"
        case .assigned: "est attribuée"
        case .inProgress: "est en cours"
        case .waiting: "est en attente"
        case .resolved: "est résolue"
        case .referred: "est réorientée"
        case .closed: "est clôturée"
        }
    }
}

extension RequestState {
    fileprivate func with(_ status: RequestStatus) -> RequestState {
        RequestState(
            uncheckedStatus: status, assignee: assigneeCode, outcome: outcome, referral: referral)
    }
}

/// Builds the request refusals, each with a stable code and a hint.
private struct Refusals {
    let subjectEN: String
    let subjectFR: String
    let status: RequestStatus

    init(number: RequestNumber?, status: RequestStatus) {
        subjectEN = number.map { "request \($0)" } ?? "this request"
        subjectFR = number.map { "la demande \($0)" } ?? "cette demande"
        self.status = status
    }

    private func make(_ code: String, _ en: String, _ fr: String) -> TransitionRefusal {
        TransitionRefusal(
            code: "request.\(code)",
            en: "\(subjectEN) \(status.phraseEN); \(en)",
            fr: "\(subjectFR) \(status.phraseFR) ; \(fr)")
    }

    func reopenFirst() -> TransitionRefusal {
        make("reopen_first", "reopen it first", "rouvrez-la d’abord")
    }
    func assignFirst() -> TransitionRefusal {
        make("assign_first", "assign it first", "attribuez-la d’abord")
    }
    func already() -> TransitionRefusal {
        make("already", "nothing to do", "rien à faire")
    }
    func resumeInstead() -> TransitionRefusal {
        make("resume_instead", "resume it instead", "reprenez-la plutôt")
    }
    func notWaiting() -> TransitionRefusal {
        make(
            "not_waiting", "only a waiting request can be resumed",
            "seule une demande en attente peut être reprise")
    }
    func useRefer() -> TransitionRefusal {
        make(
            "use_refer", "to refer it, use refer with a partner structure",
            "pour la réorienter, utilisez la réorientation avec une structure partenaire")
    }
    func resolveFirst() -> TransitionRefusal {
        make(
            "resolve_first", "resolve or refer it before closing it",
            "résolvez-la ou réorientez-la avant de la clôturer")
    }
    func notFinished() -> TransitionRefusal {
        make(
            "not_finished", "it is still open, there is nothing to reopen",
            "elle est encore ouverte, il n’y a rien à rouvrir")
    }
    func sameAssignee(_ staff: String) -> TransitionRefusal {
        make(
            "same_assignee", "it is already assigned to \(staff)",
            "elle est déjà attribuée à \(staff)")
    }
    func assigneeMissing() -> TransitionRefusal {
        make(
            "assignee_missing", "say whom to assign it to, by staff code (e.g. c-amina)",
            "indiquez à qui l’attribuer, par son code (par exemple c-amina)")
    }
    func partnerNameTooLong() -> TransitionRefusal {
        make(
            "partner_name_too_long", "the partner name must be at most 100 characters",
            "le nom du partenaire doit faire 100 caractères au plus")
    }
}
