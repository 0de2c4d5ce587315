import Foundation
import Testing

@testable import RelaisCore

@Suite struct HelpRequestTests {
    func request(
        themes: [Theme] = [.aideAuxDemarchesAdministratives],
        subThemes: [AdministrativeSubTheme] = [.socialSante],
        summary: String = "Déclaration trimestrielle CAF à faire avant vendredi",
        siteCode: String = "mdh-surieux",
        urgency: Urgency = .normal, deadline: LocalDate? = nil
    ) throws(ValidationError) -> HelpRequest {
        try HelpRequest(
            siteCode: siteCode, channel: .walkIn, field: .usageAssistance, themes: themes,
            subThemes: subThemes, summary: summary, urgency: urgency, deadline: deadline)
    }

    @Test func validRequestStartsNew() throws {
        let made = try request(themes: [.aideAuxDemarchesAdministratives, .aideAuxDemarchesAdministratives])
        #expect(made.status == .new)
        #expect(made.assigneeCode == nil && made.outcome == nil && made.number == nil)
        #expect(made.themes == [.aideAuxDemarchesAdministratives])
    }

    @Test func themesMayBeEmptyAtIntake() throws {
        #expect(try request(themes: [], subThemes: []).themes.isEmpty)
    }

    @Test func subThemesNeedTheAdministrativeTheme() {
        let error = validationError { () throws(ValidationError) in
            try request(themes: [.sante], subThemes: [.socialSante])
        }
        #expect(error?.field == "sub_themes")
        #expect(error?.ruleID == "sub_themes_need_administrative_theme")
        #expect(error?.message(.en).contains("aide_aux_demarches_administratives") == true)
    }

    @Test func summaryIsRequiredAndBounded() throws {
        #expect(
            validationError { () throws(ValidationError) in try request(summary: "  ") }
                == .missing("summary"))
        let long = String(repeating: "é", count: 501)
        let error = validationError { () throws(ValidationError) in try request(summary: long) }
        #expect(error == .tooLong("summary", limit: 500))
        #expect(error?.message(.en) == "summary is too long: at most 500 characters")
        #expect(try request(summary: String(repeating: "é", count: 500)).summary.count == 500)
    }

    @Test func siteCodeIsAValidCode() {
        #expect(
            validationError { () throws(ValidationError) in try request(siteCode: "MDH Surieux") }?.field
                == "site_code")
    }

    @Test func overdueWhenOpenPastDeadline() throws {
        let made = try request(deadline: date("2026-12-04"))
        #expect(!made.isOverdue(on: date("2026-12-04")))
        #expect(made.isOverdue(on: date("2026-12-05")))
        let resolved = try made.applying(.resolve(.resolved))
        #expect(!resolved.isOverdue(on: date("2026-12-05")))
    }

    @Test func queueOrderPutsUrgentAndEarlyDeadlinesFirst() throws {
        var a = try request(urgency: .normal, deadline: date("2026-12-10"))
        a.number = try RequestNumber(year: 2026, sequence: 1)
        var b = try request(urgency: .urgent)
        b.number = try RequestNumber(year: 2026, sequence: 2)
        var c = try request(urgency: .normal, deadline: date("2026-12-05"))
        c.number = try RequestNumber(year: 2026, sequence: 3)
        var d = try request(urgency: .normal)
        d.number = try RequestNumber(year: 2026, sequence: 4)
        let sorted = [d, a, c, b].sorted(by: HelpRequest.queueOrder).map { $0.number!.sequence }
        #expect(sorted == [2, 3, 1, 4])
    }

    @Test func storedStateMustBeConsistent() throws {
        #expect(
            validationError { () throws(ValidationError) in try RequestState(status: .assigned) }?.ruleID
                == "request_state_consistency")
        #expect(
            validationError { () throws(ValidationError) in
                try RequestState(status: .new, assigneeCode: "c-amina")
            } != nil)
        #expect(validationError { () throws(ValidationError) in try RequestState(status: .resolved) } != nil)
        #expect(
            validationError { () throws(ValidationError) in
                try RequestState(status: .referred, outcome: .referred)
            } != nil)
        let referred = try RequestState(
            status: .closed, outcome: .referred,
            referral: try Referral(structure: .aideSociale, partnerName: "CCAS"))
        #expect(referred.referral?.partnerName == "CCAS")
        #expect(try RequestState(status: .inProgress, assigneeCode: "C-Amina").assigneeCode == "c-amina")
    }

    @Test func codableRoundTrip() throws {
        var made = try request(deadline: date("2026-12-04")).applying(.assign(to: "c-amina"))
        made.number = try RequestNumber(year: 2026, sequence: 123)
        let data = try JSONEncoder().encode(made)
        #expect(try JSONDecoder().decode(HelpRequest.self, from: data) == made)
    }
}
