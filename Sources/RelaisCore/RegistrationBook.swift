/// The seats and waiting list of one session: pure enrolment logic.
///
/// Enrolling takes a seat while there is one, else joins the waiting list; cancelling a seat
/// promotes the first person waiting. Residents are identified by id only; refusals never
/// name them.
public struct RegistrationBook: Sendable, Hashable, Codable {
    /// How many seats the session has.
    public private(set) var capacity: Int
    /// Residents holding a seat, in enrolment order.
    public private(set) var registered: [Int64]
    /// Residents waiting, first in line first.
    public private(set) var waitlist: [Int64]

    /// What enrolling gave.
    public enum Enrolment: Sendable, Hashable {
        /// A seat.
        case registered
        /// A place on the waiting list, 1-based.
        case waitlisted(position: Int)
    }

    /// The rule that a book is consistent: no one twice, no one waiting while a seat is free.
    public static let consistency = ValidationError.Rule(
        id: "registration_book_consistency",
        en: "a resident appears twice, seats exceed capacity, or someone waits while a seat is free",
        fr:
            "une personne apparaît deux fois, les places dépassent la capacité, ou quelqu’un attend alors qu’une place est libre"
    )

    /// Rebuilds a book from stored registrations.
    public init(capacity: Int, registered: [Int64] = [], waitlist: [Int64] = []) throws(ValidationError) {
        self.capacity = try TextRules.inRange(capacity, 1...200, field: "capacity")
        let everyone = registered + waitlist
        guard Set(everyone).count == everyone.count, registered.count <= capacity,
            waitlist.isEmpty || registered.count == capacity
        else {
            throw .rule("registrations", Self.consistency)
        }
        self.registered = registered
        self.waitlist = waitlist
    }

    /// Decodes and re-checks the book.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            capacity: try c.decode(Int.self, forKey: .capacity),
            registered: try c.decodeIfPresent([Int64].self, forKey: .registered) ?? [],
            waitlist: try c.decodeIfPresent([Int64].self, forKey: .waitlist) ?? [])
    }

    /// Free seats.
    public var seatsLeft: Int { capacity - registered.count }

    /// Registered ÷ capacity, 0…1.
    public var fillRate: Double { Double(registered.count) / Double(capacity) }

    /// The resident's status in this book, `nil` when absent (never enrolled or cancelled).
    public func status(of resident: Int64) -> RegistrationStatus? {
        if registered.contains(resident) { return .registered }
        if waitlist.contains(resident) { return .waitlisted }
        return nil
    }

    /// The resident's 1-based waiting-list position.
    public func waitlistPosition(of resident: Int64) -> Int? {
        waitlist.firstIndex(of: resident).map { $0 + 1 }
    }

    /// Enrols `resident`: a seat if one is free, else the end of the waiting list.
    ///
    /// - Parameter session: how refusals name the session, e.g. its date and workshop code.
    /// - Throws: `registration.already_registered` / `registration.already_waitlisted`.
    public mutating func enrol(_ resident: Int64, session: String) throws(TransitionRefusal) -> Enrolment {
        if registered.contains(resident) {
            throw TransitionRefusal(
                code: "registration.already_registered",
                en: "this resident is already registered for session \(session)",
                fr: "cette personne est déjà inscrite à la séance \(session)")
        }
        if let position = waitlistPosition(of: resident) {
            throw TransitionRefusal(
                code: "registration.already_waitlisted",
                en:
                    "this resident is already on the waiting list of session \(session) (position \(position))",
                fr: "cette personne est déjà en liste d’attente de la séance \(session) (rang \(position))")
        }
        if seatsLeft > 0 {
            registered.append(resident)
            return .registered
        }
        waitlist.append(resident)
        return .waitlisted(position: waitlist.count)
    }

    /// Cancels `resident`'s seat or waiting-list place; a freed seat goes to the first waiting.
    ///
    /// - Returns: the resident promoted from the waiting list, if any.
    /// - Throws: `registration.not_enrolled` when the resident is in neither list.
    @discardableResult
    public mutating func cancel(_ resident: Int64, session: String) throws(TransitionRefusal) -> Int64? {
        if let index = waitlist.firstIndex(of: resident) {
            waitlist.remove(at: index)
            return nil
        }
        guard let index = registered.firstIndex(of: resident) else {
            throw TransitionRefusal(
                code: "registration.not_enrolled",
                en: "this resident is not registered for session \(session); nothing to cancel",
                fr: "cette personne n’est pas inscrite à la séance \(session) ; rien à annuler")
        }
        registered.remove(at: index)
        return promote().first
    }

    /// Changes the number of seats; more seats promote people waiting.
    ///
    /// - Returns: the residents promoted, in order.
    /// - Throws: `registration.capacity_below_registered` when fewer seats than people registered.
    @discardableResult
    public mutating func changeCapacity(to newCapacity: Int, session: String) throws(TransitionRefusal)
        -> [Int64]
    {
        guard newCapacity >= max(1, registered.count), newCapacity <= 200 else {
            throw TransitionRefusal(
                code: "registration.capacity_below_registered",
                en:
                    "session \(session) has \(registered.count) registered; capacity must be between \(max(1, registered.count)) and 200",
                fr:
                    "la séance \(session) compte \(registered.count) inscrits ; la capacité doit être comprise entre \(max(1, registered.count)) et 200"
            )
        }
        capacity = newCapacity
        return promote()
    }

    private mutating func promote() -> [Int64] {
        var promoted: [Int64] = []
        while seatsLeft > 0, !waitlist.isEmpty {
            let next = waitlist.removeFirst()
            registered.append(next)
            promoted.append(next)
        }
        return promoted
    }
}
