import Foundation
import Testing

@testable import RelaisCore

@Suite struct RegistrationBookTests {
    let session = "2026-12-01 w-118"

    @Test func enrolsUntilFullThenWaitlists() throws {
        var book = try RegistrationBook(capacity: 2)
        #expect(try book.enrol(1, session: session) == .registered)
        #expect(try book.enrol(2, session: session) == .registered)
        #expect(try book.enrol(3, session: session) == .waitlisted(position: 1))
        #expect(try book.enrol(4, session: session) == .waitlisted(position: 2))
        #expect(book.seatsLeft == 0 && book.fillRate == 1)
        #expect(book.status(of: 3) == .waitlisted && book.waitlistPosition(of: 4) == 2)
        #expect(book.status(of: 9) == nil)
    }

    @Test func cancellingASeatPromotesTheFirstWaiting() throws {
        var book = try RegistrationBook(capacity: 2, registered: [1, 2], waitlist: [3, 4])
        #expect(try book.cancel(1, session: session) == 3)
        #expect(book.registered == [2, 3] && book.waitlist == [4])
        #expect(book.waitlistPosition(of: 4) == 1)
    }

    @Test func cancellingAWaitingPlacePromotesNobody() throws {
        var book = try RegistrationBook(capacity: 1, registered: [1], waitlist: [2, 3])
        #expect(try book.cancel(2, session: session) == nil)
        #expect(book.registered == [1] && book.waitlist == [3])
    }

    @Test func cancellingWithEmptyWaitlistFreesTheSeat() throws {
        var book = try RegistrationBook(capacity: 3, registered: [1, 2])
        #expect(try book.cancel(2, session: session) == nil)
        #expect(book.seatsLeft == 2)
        #expect(try book.enrol(2, session: session) == .registered)
    }

    @Test func enrollingTwiceIsRefused() throws {
        var book = try RegistrationBook(capacity: 1, registered: [1], waitlist: [2])
        let seat = refusal { () throws(TransitionRefusal) in try book.enrol(1, session: session) }
        #expect(seat?.code == "registration.already_registered")
        #expect(seat?.message(.en) == "this resident is already registered for session 2026-12-01 w-118")
        #expect(seat?.message(.fr) == "cette personne est déjà inscrite à la séance 2026-12-01 w-118")
        let waiting = refusal { () throws(TransitionRefusal) in try book.enrol(2, session: session) }
        #expect(waiting?.code == "registration.already_waitlisted")
        #expect(waiting?.message(.en).contains("position 1") == true)
        #expect(book.registered == [1] && book.waitlist == [2])
    }

    @Test func cancellingSomeoneAbsentIsRefused() throws {
        var book = try RegistrationBook(capacity: 1)
        let refused = refusal { () throws(TransitionRefusal) in try book.cancel(5, session: session) }
        #expect(refused?.code == "registration.not_enrolled")
    }

    @Test func growingCapacityPromotesAndShrinkingBelowRegisteredIsRefused() throws {
        var book = try RegistrationBook(capacity: 2, registered: [1, 2], waitlist: [3, 4, 5])
        #expect(try book.changeCapacity(to: 4, session: session) == [3, 4])
        #expect(book.waitlist == [5])
        let refused = refusal { () throws(TransitionRefusal) in
            try book.changeCapacity(to: 3, session: session)
        }
        #expect(refused?.code == "registration.capacity_below_registered")
        #expect(book.capacity == 4)
    }

    @Test func inconsistentBooksAreRejected() {
        #expect(
            validationError { () throws(ValidationError) in
                try RegistrationBook(capacity: 1, registered: [1, 2])
            }?.ruleID == "registration_book_consistency")
        #expect(
            validationError { () throws(ValidationError) in
                try RegistrationBook(capacity: 2, registered: [1], waitlist: [2])
            } != nil)
        #expect(
            validationError { () throws(ValidationError) in
                try RegistrationBook(capacity: 2, registered: [1], waitlist: [1])
            } != nil)
        #expect(
            validationError { () throws(ValidationError) in try RegistrationBook(capacity: 0) }?.kind
                == .outOfRange)
    }

    @Test func codableRoundTrip() throws {
        let book = try RegistrationBook(capacity: 1, registered: [1], waitlist: [2])
        #expect(try JSONDecoder().decode(RegistrationBook.self, from: try JSONEncoder().encode(book)) == book)
    }

    /// Of two registrations of one person to one session, the attendance mark decides first,
    /// then the place, then the earlier place on the waiting list.
    @Test func theMostInformativeRegistrationWeighsMost() {
        func w(_ status: RegistrationStatus, _ attendance: Attendance? = nil, position: Int? = nil) -> RegistrationWeight {
            RegistrationWeight(status: status, waitlistPosition: position, attendance: attendance)
        }
        let ranked = [
            w(.registered, .present), w(.registered, .excused), w(.registered, .noShow), w(.registered),
            w(.waitlisted, position: 1), w(.waitlisted, position: 2), w(.cancelled),
        ]
        for (better, worse) in zip(ranked, ranked.dropFirst()) { #expect(better > worse, "\(better) > \(worse)") }
        #expect(!(w(.registered) < w(.registered)) && !(w(.registered) > w(.registered)), "a tie: the caller keeps its own")
    }
}
