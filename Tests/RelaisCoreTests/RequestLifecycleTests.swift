import Testing

@testable import RelaisCore

@Suite struct RequestLifecycleTests {
    static let number = try! RequestNumber(year: 2026, sequence: 123)
    static let referral = try! Referral(
        structure: .aideAuxDemarchesAdministratives, partnerName: "France Services")

    /// A state with `status`, built the way the lifecycle would reach it.
    static func state(_ status: RequestStatus, assignee: String? = "c-amina") -> RequestState {
        switch status {
        case .new: return .initial
        case .assigned, .inProgress, .waiting:
            return try! RequestState(status: status, assigneeCode: assignee)
        case .resolved:
            return try! RequestState(status: .resolved, assigneeCode: assignee, outcome: .resolved)
        case .referred:
            return try! RequestState(
                status: .referred, assigneeCode: assignee, outcome: .referred, referral: referral)
        case .closed: return try! RequestState(status: .closed, assigneeCode: assignee, outcome: .resolved)
        }
    }

    func apply(_ event: RequestEvent, _ status: RequestStatus, assignee: String? = "c-amina")
        throws(TransitionRefusal) -> RequestState
    {
        try RequestLifecycle.apply(event, to: Self.state(status, assignee: assignee), number: Self.number)
    }

    /// Every allowed transition: (event, from, expected status).
    @Test(arguments: [
        (RequestEvent.assign(to: "c-amina"), RequestStatus.new, RequestStatus.assigned),
        (.assign(to: "c-yanis"), .assigned, .assigned),
        (.assign(to: "c-yanis"), .inProgress, .inProgress),
        (.assign(to: "c-yanis"), .waiting, .waiting),
        (.start, .assigned, .inProgress),
        (.wait, .assigned, .waiting),
        (.wait, .inProgress, .waiting),
        (.resumeFromWaiting, .waiting, .inProgress),
        (.resolve(.resolved), .new, .resolved),
        (.resolve(.orientedWorkshop), .assigned, .resolved),
        (.resolve(.equipmentLent), .inProgress, .resolved),
        (.resolve(.resolved), .waiting, .resolved),
        (.refer(.aideSociale, partnerName: "CCAS"), .new, .referred),
        (.refer(.aideSociale, partnerName: nil), .assigned, .referred),
        (.refer(.insertionProfessionnelle, partnerName: "Mission locale"), .inProgress, .referred),
        (.refer(.autre, partnerName: nil), .waiting, .referred),
        (.close, .resolved, .closed),
        (.close, .referred, .closed),
        (.reopen, .resolved, .assigned),
        (.reopen, .referred, .assigned),
        (.reopen, .closed, .assigned),
    ])
    func allowedTransition(event: RequestEvent, from: RequestStatus, to: RequestStatus) throws {
        let next = try apply(event, from, assignee: from == .new ? nil : "c-amina")
        #expect(next.status == to)
        #expect(
            (try? RequestState(
                status: next.status, assigneeCode: next.assigneeCode, outcome: next.outcome,
                referral: next.referral)) == next, "the result is a consistent state")
    }

    @Test(arguments: RequestStatus.allCases)
    func noteNeverChangesState(status: RequestStatus) throws {
        #expect(try apply(.note, status) == Self.state(status))
    }

    @Test func reopenWithoutAssigneeGoesBackToNew() throws {
        let resolved = try RequestLifecycle.apply(.resolve(.resolved), to: .initial)
        #expect(resolved.assigneeCode == nil)
        let reopened = try RequestLifecycle.apply(.reopen, to: resolved)
        #expect(reopened.status == .new)
        #expect(reopened.outcome == nil)
    }

    @Test func resolveAndReferRecordOutcomeAndReferral() throws {
        let resolved = try apply(.resolve(.equipmentLent), .inProgress)
        #expect(resolved.outcome == .equipmentLent && resolved.assigneeCode == "c-amina")
        let referred = try apply(.refer(.aideSociale, partnerName: " CCAS "), .inProgress)
        #expect(referred.outcome == .referred)
        #expect(referred.referral == (try Referral(structure: .aideSociale, partnerName: "CCAS")))
        let closed = try RequestLifecycle.apply(.close, to: referred)
        #expect(closed.referral == referred.referral && closed.outcome == .referred)
        let reopened = try RequestLifecycle.apply(.reopen, to: closed)
        #expect(reopened.referral == nil && reopened.outcome == nil && reopened.status == .assigned)
    }

    /// Every refused (event, state) pair with its code.
    @Test(arguments: [
        (RequestEvent.assign(to: "c-yanis"), RequestStatus.resolved, "request.reopen_first"),
        (.assign(to: "c-yanis"), .referred, "request.reopen_first"),
        (.assign(to: "c-yanis"), .closed, "request.reopen_first"),
        (.assign(to: "c-amina"), .assigned, "request.same_assignee"),
        (.assign(to: "  "), .new, "request.assignee_missing"),
        (.start, .new, "request.assign_first"),
        (.start, .inProgress, "request.already"),
        (.start, .waiting, "request.resume_instead"),
        (.start, .resolved, "request.reopen_first"),
        (.start, .referred, "request.reopen_first"),
        (.start, .closed, "request.reopen_first"),
        (.wait, .new, "request.assign_first"),
        (.wait, .waiting, "request.already"),
        (.wait, .resolved, "request.reopen_first"),
        (.wait, .closed, "request.reopen_first"),
        (.resumeFromWaiting, .new, "request.not_waiting"),
        (.resumeFromWaiting, .assigned, "request.not_waiting"),
        (.resumeFromWaiting, .inProgress, "request.not_waiting"),
        (.resumeFromWaiting, .referred, "request.reopen_first"),
        (.resolve(.resolved), .resolved, "request.reopen_first"),
        (.resolve(.resolved), .closed, "request.reopen_first"),
        (.resolve(.referred), .inProgress, "request.use_refer"),
        (.refer(.autre, partnerName: nil), .referred, "request.reopen_first"),
        (.refer(.autre, partnerName: nil), .closed, "request.reopen_first"),
        (
            .refer(.autre, partnerName: String(repeating: "x", count: 101)), .new,
            "request.partner_name_too_long"
        ),
        (.close, .new, "request.resolve_first"),
        (.close, .assigned, "request.resolve_first"),
        (.close, .inProgress, "request.resolve_first"),
        (.close, .waiting, "request.resolve_first"),
        (.close, .closed, "request.already"),
        (.reopen, .new, "request.not_finished"),
        (.reopen, .assigned, "request.not_finished"),
        (.reopen, .inProgress, "request.not_finished"),
        (.reopen, .waiting, "request.not_finished"),
    ])
    func refusedTransition(event: RequestEvent, from: RequestStatus, code: String) {
        let refused = refusal { () throws(TransitionRefusal) in
            try apply(event, from, assignee: from == .new ? nil : "c-amina")
        }
        #expect(refused?.code == code)
        #expect(refused?.message(.en).hasPrefix("request D-2026-000123 ") == true)
        #expect(refused?.message(.fr).hasPrefix("la demande D-2026-000123 ") == true)
    }

    @Test func refusalMessagesSayWhatToDoInstead() {
        let closed = refusal { () throws(TransitionRefusal) in try apply(.start, .closed) }
        #expect(closed?.message(.en) == "request D-2026-000123 is closed; reopen it first")
        #expect(closed?.message(.fr) == "la demande D-2026-000123 est clôturée ; rouvrez-la d’abord")
        #expect(closed?.errorDescription == "request D-2026-000123 is closed; reopen it first")

        let new = refusal { () throws(TransitionRefusal) in try apply(.start, .new, assignee: nil) }
        #expect(new?.message(.en) == "request D-2026-000123 is new; assign it first")
        #expect(new?.message(.fr) == "la demande D-2026-000123 est nouvelle ; attribuez-la d’abord")

        let waiting = refusal { () throws(TransitionRefusal) in try apply(.start, .waiting) }
        #expect(waiting?.message(.en) == "request D-2026-000123 is waiting; resume it instead")

        let open = refusal { () throws(TransitionRefusal) in try apply(.close, .inProgress) }
        #expect(
            open?.message(.en)
                == "request D-2026-000123 is in progress; resolve or refer it before closing it")
        #expect(
            open?.message(.fr)
                == "la demande D-2026-000123 est en cours ; résolvez-la ou réorientez-la avant de la clôturer"
        )
    }

    @Test func refusalWithoutNumberSaysThisRequest() {
        let refused = refusal { () throws(TransitionRefusal) in
            try RequestLifecycle.apply(.close, to: .initial)
        }
        #expect(refused?.message(.en) == "this request is new; resolve or refer it before closing it")
        #expect(refused?.message(.fr).hasPrefix("cette demande est nouvelle ; ") == true)
    }

    @Test func helpRequestAppliesEventsThroughTheLifecycle() throws {
        var made = try HelpRequest(
            siteCode: "mdh-surieux", channel: .phone, field: .connectivity, summary: "Box coupée")
        made.number = Self.number
        let done = try made.applying(.assign(to: "c-amina")).applying(.start).applying(
            .resolve(.equipmentLent))
        #expect(done.status == .resolved && done.outcome == .equipmentLent && done.assigneeCode == "c-amina")
        let closed = try done.applying(.close)
        let refused = refusal { () throws(TransitionRefusal) in try closed.applying(.wait) }
        #expect(refused?.message(.en) == "request D-2026-000123 is closed; reopen it first")
    }

    @Test(arguments: RequestStatus.allCases)
    func allowedEventsListMatchesTheMachine(status: RequestStatus) {
        let events: [(String, RequestEvent)] = [
            ("assign", .assign(to: "c-other")), ("start", .start), ("wait", .wait),
            ("resume", .resumeFromWaiting),
            ("resolve", .resolve(.resolved)), ("refer", .refer(.autre, partnerName: nil)), ("close", .close),
            ("reopen", .reopen), ("note", .note),
        ]
        let accepted = events.filter { _, event in
            (try? apply(event, status, assignee: status == .new ? nil : "c-amina")) != nil
        }.map(\.0)
        #expect(accepted == RequestLifecycle.allowedEvents(in: status))
    }

    /// `resolve` offers only the outcomes it records; `referred` still parses, for the lifecycle
    /// to say that a referral goes through `refer`.
    @Test func aResolutionOffersNoReferral() throws {
        #expect(try RequestOutcome.parseResolution("oriented_workshop") == .orientedWorkshop)
        #expect(try RequestOutcome.parseResolution("referred") == .referred)
        let unknown = #expect(throws: ValidationError.self) { try RequestOutcome.parseResolution("foo") }
        #expect(unknown?.message(.en) == "outcome: unknown code 'foo'. Allowed: resolved, oriented_workshop, equipment_lent")
        let close = #expect(throws: ValidationError.self) { try RequestOutcome.parseResolution("equipment") }
        #expect(close?.suggestion == "equipment_lent")
    }
}
