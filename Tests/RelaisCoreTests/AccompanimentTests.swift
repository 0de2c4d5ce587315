import Foundation
import Testing

@testable import RelaisCore

@Suite struct AccompanimentTests {
    func individual(
        duration: Int = 45, place: PlaceType = .lieuActivite, site: String? = "mdh-surieux",
        commune: String? = nil, equipment: [EquipmentUsed] = [.ordinateur],
        themes: [Theme] = [.aideAuxDemarchesAdministratives],
        subThemes: [AdministrativeSubTheme] = [.socialSante], procedure: String? = "renouvellement CSS",
        autonomy: Autonomy? = .partiellementAutonome, title: String? = nil, level: WorkshopLevel? = nil,
        residents: [Int64] = [12], anonymous: AnonymousParticipants = .none
    ) throws(ValidationError) -> Accompaniment {
        try Accompaniment(
            type: .individuel, date: date("2026-12-01"), durationMinutes: duration, placeType: place,
            siteCode: site, commune: commune, equipment: equipment, themes: themes, subThemes: subThemes,
            procedure: procedure, autonomy: autonomy, referral: .aideSociale, staffCode: "c-amina",
            requestId: 5, title: title, level: level, residentIds: residents, anonymous: anonymous)
    }

    func workshop(
        title: String? = "Premiers pas sur ordinateur", autonomy: Autonomy? = nil, requestId: Int64? = nil,
        residents: [Int64] = [1, 2], anonymous: AnonymousParticipants = .none
    ) throws(ValidationError) -> Accompaniment {
        try Accompaniment(
            type: .collectif, date: date("2026-12-02"), durationMinutes: 120, placeType: .lieuActivite,
            siteCode: "bib-pablo-neruda", equipment: [.ordinateur], themes: [.prendreEnMainDuMateriel],
            autonomy: autonomy, staffCode: "c-yanis", requestId: requestId, title: title, level: .debutant,
            residentIds: residents, anonymous: anonymous)
    }

    @Test func validIndividualAccompaniment() throws {
        let made = try individual()
        #expect(made.durationBucket == .thirtyMinutesToOneHour)
        #expect(made.participantCount == 1)
        #expect(made.autonomy == .partiellementAutonome && made.requestId == 5)
    }

    @Test func validWorkshopWithNamedAndAnonymousParticipants() throws {
        let anonymous = try AnonymousParticipants(
            total: 3, byGender: [.feminin: 2], byAgeBracket: [.soixanteDixPlus: 3])
        let made = try workshop(anonymous: anonymous)
        #expect(made.participantCount == 5)
        #expect(made.anonymous.byGender == [.feminin: 2, .nonCommunique: 1])
        #expect(made.anonymous.bySocialStatus == [.nonCommunique: 3])
        #expect(made.level == .debutant)
    }

    @Test func workshopWithOnlyAnonymousParticipantsIsAllowed() throws {
        #expect(
            try workshop(residents: [], anonymous: try AnonymousParticipants(total: 4)).participantCount == 4)
    }

    @Test(arguments: [(1, true), (0, false), (24 * 60, true), (24 * 60 + 1, false), (-5, false)])
    func durationLimits(minutes: Int, valid: Bool) {
        let error = validationError { () throws(ValidationError) in try individual(duration: minutes) }
        #expect((error == nil) == valid)
        if !valid { #expect(error == .outOfRange("duration_minutes", min: 1, max: 1440)) }
    }

    @Test func atLeastOneTheme() {
        #expect(
            validationError { () throws(ValidationError) in try individual(themes: [], subThemes: []) }
                == .missing("themes"))
    }

    @Test func subThemesOnlyWithAdministrativeTheme() {
        let error = validationError { () throws(ValidationError) in
            try individual(themes: [.email], subThemes: [.logement])
        }
        #expect(error?.field == "sub_themes" && error?.ruleID == "sub_themes_need_administrative_theme")
    }

    @Test func lieuActiviteNamesASite() {
        let error = validationError { () throws(ValidationError) in
            try individual(place: .lieuActivite, site: nil)
        }
        #expect(error?.field == "site_code" && error?.ruleID == "site_required_for_lieu_activite")
        #expect(
            error?.message(.fr)
                == "site_code : un lieu est obligatoire quand le type de lieu est lieu_activite")
    }

    @Test(arguments: [PlaceType.domicile, .autre])
    func homeOrOtherPlaceNamesACommune(place: PlaceType) throws {
        let error = validationError { () throws(ValidationError) in
            try individual(place: place, site: nil, commune: "  ")
        }
        #expect(error?.field == "commune" && error?.ruleID == "commune_required_for_domicile_or_autre")
        #expect(try individual(place: place, site: nil, commune: "Échirolles").commune == "Échirolles")
    }

    @Test func remoteNeedsNeitherSiteNorCommune() throws {
        #expect(try individual(place: .aDistance, site: nil).placeType == .aDistance)
    }

    @Test func procedureIsBounded() {
        let error = validationError { () throws(ValidationError) in
            try individual(procedure: String(repeating: "x", count: 201))
        }
        #expect(error == .tooLong("procedure", limit: 200))
    }

    @Test func autonomyIsForIndividualsOnly() {
        let error = validationError { () throws(ValidationError) in try workshop(autonomy: .autonome) }
        #expect(error?.field == "autonomy" && error?.ruleID == "autonomy_individual_only")
    }

    @Test func requestLinkIsForIndividualsOnly() {
        let error = validationError { () throws(ValidationError) in try workshop(requestId: 3) }
        #expect(error?.field == "request_id" && error?.ruleID == "request_individual_only")
    }

    @Test func workshopNeedsATitle() {
        #expect(
            validationError { () throws(ValidationError) in try workshop(title: nil) } == .missing("title"))
    }

    @Test func workshopNeedsAParticipant() {
        let error = validationError { () throws(ValidationError) in
            try workshop(residents: [], anonymous: .none)
        }
        #expect(error?.field == "participants" && error?.ruleID == "workshop_needs_participant")
        #expect(
            error?.message(.en)
                == "participants: a collective workshop needs at least one participant, named or anonymous")
    }

    @Test func individualHasAtMostOneParticipant() throws {
        let error = validationError { () throws(ValidationError) in try individual(residents: [1, 2]) }
        #expect(error?.field == "participants" && error?.ruleID == "individual_single_participant")
        #expect(
            try individual(residents: [], anonymous: try AnonymousParticipants(total: 1)).participantCount
                == 1)
    }

    @Test func workshopFieldsAreForCollectiveOnly() {
        #expect(
            validationError { () throws(ValidationError) in try individual(title: "Atelier") }?.field
                == "title")
        #expect(
            validationError { () throws(ValidationError) in try individual(level: .avance) }?.ruleID
                == "workshop_fields_collective_only")
    }

    @Test func noEquipmentStandsAlone() throws {
        let error = validationError { () throws(ValidationError) in
            try individual(equipment: [.aucun, .telephone])
        }
        #expect(error?.field == "equipment" && error?.ruleID == "no_equipment_alone")
        #expect(
            try individual(equipment: [.telephone, .telephone, .tablette]).equipment == [
                .telephone, .tablette,
            ])
    }

    @Test func anonymousBreakdownCannotExceedTotal() {
        let error = validationError { () throws(ValidationError) in
            try AnonymousParticipants(total: 2, byGender: [.feminin: 2, .masculin: 1])
        }
        #expect(error?.field == "anonymous_by_gender" && error?.ruleID == "anonymous_breakdown_exceeds_total")
        #expect(
            validationError { () throws(ValidationError) in
                try AnonymousParticipants(total: 2, byAgeBracket: [.douzeDixHuit: -1])
            }?.kind == .outOfRange)
        #expect(
            validationError { () throws(ValidationError) in try AnonymousParticipants(total: -1) }?.kind
                == .outOfRange)
    }

    @Test func codableRoundTripKeysCountsByCode() throws {
        let made = try workshop(anonymous: try AnonymousParticipants(total: 2, byGender: [.feminin: 1]))
        let data = try JSONEncoder().encode(made)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""feminin":1"#))
        #expect(try JSONDecoder().decode(Accompaniment.self, from: data) == made)
    }
}
