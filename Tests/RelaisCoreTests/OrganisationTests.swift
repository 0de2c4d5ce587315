import Foundation
import Testing

@testable import RelaisCore

@Suite struct OrganisationTests {
    @Test func openingIntervalParsingAndChecks() throws {
        let morning = try OpeningInterval(parsing: "mon 09:00-12:00")
        #expect(morning.weekday == .monday && morning.startMinute == 540 && morning.endMinute == 720)
        #expect(morning.description == "mon 09:00-12:00")
        #expect(
            try OpeningInterval(parsing: "jeudi 13h30-17h")
                == (try OpeningInterval(weekday: .thursday, startMinute: 810, endMinute: 1020)))
        #expect(try OpeningInterval(parsing: "6 00:00-24:00").endMinute == 1440)
        #expect(
            validationError { () throws(ValidationError) in try OpeningInterval(parsing: "mon 12:00-09:00") }?
                .field == "end_minute")
        #expect(
            validationError { () throws(ValidationError) in try OpeningInterval(parsing: "mon 9-12") }?.kind
                == .invalidFormat)
        #expect(
            validationError { () throws(ValidationError) in try OpeningInterval(parsing: "mon 09:60-12:00") }?
                .kind == .invalidFormat)
        #expect(
            validationError { () throws(ValidationError) in try OpeningInterval(parsing: "09:00-12:00") }?
                .kind == .invalidFormat)
    }

    @Test func siteSortsHoursAndRefusesOverlaps() throws {
        let site = try Site(
            code: "MDH-Surieux", name: "MDH Surieux", kind: .mdh, neighbourhood: "village-sud",
            openingHours: [
                try OpeningInterval(parsing: "tue 14:00-18:00"),
                try OpeningInterval(parsing: "mon 09:00-12:00"),
            ])
        #expect(site.code == "mdh-surieux")
        #expect(site.openingHours.map(\.weekday) == [.monday, .tuesday])
        #expect(site.isOpen(on: .monday, from: 600, to: 690))
        #expect(!site.isOpen(on: .monday, from: 690, to: 780))
        let error = validationError { () throws(ValidationError) in
            try Site(
                code: "mdh-surieux", name: "MDH", kind: .mdh, neighbourhood: "village-sud",
                openingHours: [
                    try OpeningInterval(parsing: "mon 09:00-12:00"),
                    try OpeningInterval(parsing: "mon 11:00-13:00"),
                ])
        }
        #expect(error?.ruleID == "opening_hours_overlap" && error?.field == "opening_hours")
    }

    @Test(arguments: ["", "mdh surieux", "-mdh", "mdh/surieux", String(repeating: "a", count: 65)])
    func siteCodeFormat(code: String) {
        let error = validationError { () throws(ValidationError) in
            try Site(code: code, name: "MDH", kind: .mdh, neighbourhood: "village-sud")
        }
        #expect(error?.field == "site_code")
    }

    @Test func roomCapacityAndFit() throws {
        let room = try Room(
            code: "surieux-salle-1", siteCode: "mdh-surieux", name: "Salle 1", capacity: 12,
            equipment: [.laptops, .projector])
        #expect(room.fits(attendees: 12, needs: [.laptops]))
        #expect(!room.fits(attendees: 13, needs: []))
        #expect(!room.fits(attendees: 4, needs: [.tablets]))
        #expect(
            validationError { () throws(ValidationError) in
                try Room(code: "r", siteCode: "mdh-surieux", name: "Salle", capacity: 0)
            } == .outOfRange("capacity", min: 1, max: 200))
    }

    @Test func staffSkillsOnlyForConseillers() throws {
        let amina = try StaffMember(
            code: "c-amina", firstName: "Amina", lastName: "Haddad", role: .conseiller,
            skills: [.bureautique, .aideAuxDemarchesAdministratives],
            siteCodes: ["mdh-surieux", "bib-neruda"])
        #expect(amina.contractedMinutesPerWeek == 2100 && amina.active)
        let error = validationError { () throws(ValidationError) in
            try StaffMember(
                code: "a-paul", firstName: "Paul", lastName: "Martin", role: .deskAgent, skills: [.email])
        }
        #expect(error?.field == "skills" && error?.ruleID == "skills_only_for_conseillers")
        #expect(
            validationError { () throws(ValidationError) in
                try StaffMember(
                    code: "c-x", firstName: "X", lastName: "Y", role: .conseiller,
                    contractedMinutesPerWeek: 3000)
            }?.field == "contracted_minutes_per_week")
        #expect(
            validationError { () throws(ValidationError) in
                try StaffMember(code: "c-x", firstName: "", lastName: "Y", role: .conseiller)
            } == .missing("first_name"))
    }

    @Test func decodingRechecksInvariants() {
        let json = #"{"code":"r1","siteCode":"mdh-surieux","name":"Salle","capacity":0}"#
        #expect(throws: ValidationError.self) { try JSONDecoder().decode(Room.self, from: Data(json.utf8)) }
    }
}

@Suite struct WorkshopTests {
    @Test(arguments: [(89, false), (90, true), (180, true), (181, false)])
    func catalogueDurations(minutes: Int, valid: Bool) {
        let error = validationError { () throws(ValidationError) in
            try Workshop(
                code: "w-bureautique-1", title: "Traitement de texte", theme: .bureautique, level: .debutant,
                durationMinutes: minutes, capacity: 8, equipmentNeeded: [.laptops])
        }
        #expect((error == nil) == valid)
        if !valid { #expect(error == .outOfRange("duration_minutes", min: 90, max: 180)) }
    }

    @Test func sessionKindsAndTimes() throws {
        let session = try WorkshopSession(
            kind: .workshop, workshopCode: "w-118", siteCode: "mdh-surieux", date: date("2026-12-01"),
            startMinute: 14 * 60, durationMinutes: 120, capacity: 8, seriesCode: "asso-site-web-3")
        #expect(session.endMinute == 16 * 60 && session.status == .planned)
        let appointment = try WorkshopSession(
            kind: .appointment, siteCode: "mdh-surieux", date: date("2026-12-01"), startMinute: 15 * 60,
            durationMinutes: 45)
        #expect(session.overlaps(appointment))
        #expect(
            validationError { () throws(ValidationError) in
                try WorkshopSession(
                    kind: .workshop, siteCode: "mdh-surieux", date: date("2026-12-01"), startMinute: 600,
                    durationMinutes: 120, capacity: 8)
            }?.field == "workshop_code")
        #expect(
            validationError { () throws(ValidationError) in
                try WorkshopSession(
                    kind: .appointment, siteCode: "mdh-surieux", date: date("2026-12-01"), startMinute: 600,
                    durationMinutes: 30, capacity: 3)
            }?.field == "capacity")
        #expect(
            validationError { () throws(ValidationError) in
                try WorkshopSession(
                    kind: .permanence, workshopCode: "w-1", siteCode: "mdh-surieux", date: date("2026-12-01"),
                    startMinute: 600, durationMinutes: 180)
            }?.ruleID == "session_kind_fields")
        #expect(
            validationError { () throws(ValidationError) in
                try WorkshopSession(
                    kind: .permanence, siteCode: "mdh-surieux", date: date("2026-12-01"),
                    startMinute: 23 * 60, durationMinutes: 120)
            }?.field == "end_minute")
        #expect(
            validationError { () throws(ValidationError) in
                try WorkshopSession(
                    kind: .workshop, workshopCode: "w-1", siteCode: "mdh-surieux", date: date("2026-12-01"),
                    startMinute: 600, durationMinutes: 60, capacity: 8)
            }?.field == "duration_minutes")
    }

    @Test func registrationConsistency() throws {
        #expect(
            try Registration(sessionId: 1, residentId: 2, status: .waitlisted, waitlistPosition: 1)
                .waitlistPosition == 1)
        #expect(
            try Registration(sessionId: 1, residentId: 2, status: .registered, attendance: .noShow).attendance
                == .noShow)
        #expect(
            validationError { () throws(ValidationError) in
                try Registration(sessionId: 1, residentId: 2, status: .waitlisted)
            }?.ruleID == "registration_consistency")
        #expect(
            validationError { () throws(ValidationError) in
                try Registration(sessionId: 1, residentId: 2, status: .registered, waitlistPosition: 2)
            } != nil)
        #expect(
            validationError { () throws(ValidationError) in
                try Registration(sessionId: 1, residentId: 2, status: .cancelled, attendance: .present)
            } != nil)
        #expect(
            validationError { () throws(ValidationError) in
                try Registration(sessionId: 1, residentId: 2, status: .waitlisted, waitlistPosition: 0)
            }?.kind == .outOfRange)
    }
}
