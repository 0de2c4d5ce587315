import Foundation
import Testing

@testable import RelaisCore

@Suite struct TaxonomyCodeTests {
    @Test func inclusionFieldCodes() {
        #expect(
            InclusionField.allCodes == [
                "equipment_access", "connectivity", "technical_training", "digital_literacy",
                "usage_assistance", "hardware_support",
            ])
        #expect(InclusionField.equipmentAccess.labelFR == "Accès au matériel (PC, smartphone, impression)")
        #expect(
            InclusionField.digitalLiteracy.labelFR
                == "Information, éducation populaire aux enjeux du numérique")
        #expect(InclusionField.usageAssistance.labelFR == "Assistance aux usages, accès au droit")
    }

    @Test func activityTypePlaceAndEquipmentCodes() {
        #expect(ActivityType.allCodes == ["individuel", "collectif"])
        #expect(ActivityType.individuel.labelFR == "Accompagnement individuel")
        #expect(ActivityType.collectif.labelFR == "Atelier collectif")
        #expect(PlaceType.allCodes == ["lieu_activite", "domicile", "a_distance", "autre"])
        #expect(
            PlaceType.allCases.map(\.labelFR) == [
                "Lieu d’activité", "À domicile", "À distance", "Autre lieu",
            ])
        #expect(EquipmentUsed.allCodes == ["ordinateur", "telephone", "tablette", "autre", "aucun"])
        #expect(EquipmentUsed.aucun.labelFR == "Pas de matériel")
    }

    @Test func themeCodes() {
        #expect(
            Theme.allCodes == [
                "diagnostic_numerique", "prendre_en_main_du_materiel", "maintenance_de_materiel",
                "gere_ses_contenus_numeriques", "navigation_sur_internet", "email", "bureautique",
                "reseaux_sociaux", "sante", "banque_et_achats_en_ligne", "entrepreneuriat",
                "insertion_professionnelle", "securite_numerique", "parentalite",
                "scolarite_et_numerique", "creer_avec_le_numerique", "culture_numerique",
                "intelligence_artificielle", "aide_aux_demarches_administratives",
            ])
        #expect(Theme.allCases.count == 19)
        #expect(Theme.reseauxSociaux.labelFR == "Réseaux sociaux communication")
        #expect(Theme.entrepreneuriat.labelFR == "Accompagner un professionnel")
        #expect(Theme.securiteNumerique.labelFR == "Prévention en sécurité numérique")
        #expect(Theme.intelligenceArtificielle.labelFR == "Intelligence artificielle (IA)")
        #expect(Theme.email.labelFR == "E-mail")
    }

    @Test func administrativeSubThemeCodes() {
        #expect(
            AdministrativeSubTheme.allCodes == [
                "papiers_elections_citoyennete", "famille_scolarite", "social_sante", "travail_formation",
                "logement", "transports_mobilite", "argent_impots", "justice", "etrangers_europe",
                "loisirs_sports_culture", "associations",
            ])
        #expect(
            AdministrativeSubTheme.papiersElectionsCitoyennete.labelFR == "Papiers - Élections - Citoyenneté")
        #expect(AdministrativeSubTheme.travailFormation.labelFR == "Travail - Formation - Entreprise")
        #expect(AdministrativeSubTheme.etrangersEurope.labelFR == "Étrangers - Europe")
    }

    @Test func autonomyLevelAndReferralCodes() {
        #expect(Autonomy.allCodes == ["entierement_accompagne", "partiellement_autonome", "autonome"])
        #expect(
            Autonomy.allCases.map(\.labelFR) == [
                "Avec guidage (1/3)", "Autonome avec guidage en cas de besoin (2/3)", "Autonome (3/3)",
            ])
        #expect(WorkshopLevel.allCodes == ["debutant", "intermediaire", "avance"])
        #expect(WorkshopLevel.allCases.map(\.labelFR) == ["Débutant", "Intermédiaire", "Avancé"])
        #expect(
            ReferralStructure.allCodes == [
                "administration", "mediation_numerique", "operateur_ou_organisme_en_charge",
                "aide_sociale", "insertion_professionnelle", "aide_aux_demarches_administratives", "autre",
            ])
        #expect(
            ReferralStructure.allCases.map(\.labelFR) == [
                "Administration (mairie, préfecture…)",
                "Autre structure de médiation numérique",
                "Opérateur ou organisme en charge de la démarche administrative",
                "Structure d’aide sociale (maison des solidarités, centre social…)",
                "Structure d’insertion professionnelle (France Travail, mission locale…)",
                "Structure d’aide aux démarches administratives (France Services…)",
                "Autre",
            ])
    }

    @Test func residentStatisticCodes() {
        #expect(Gender.allCodes == ["masculin", "feminin", "non_communique"])
        #expect(
            AgeBracket.allCodes == [
                "moins_de_douze", "douze_dix_huit", "dix_huit_vingt_quatre", "vingt_cinq_trente_neuf",
                "quarante_cinquante_neuf", "soixante_soixante_neuf", "soixante_dix_plus", "non_communique",
            ])
        #expect(
            AgeBracket.allCases.dropLast().map(\.labelFR) == [
                "Moins de 12 ans", "12 - 17 ans", "18 - 24 ans", "25 - 39 ans", "40 - 59 ans",
                "60 - 69 ans", "70 ans et plus",
            ])
        #expect(
            SocialStatus.allCodes == ["scolarise", "sans_emploi", "en_emploi", "retraite", "non_communique"])
        #expect(
            SocialStatus.allCases.map(\.labelFR) == [
                "Scolarisé", "Sans emploi", "En emploi", "Retraité", "Non communiqué ou hétérogène",
            ])
    }

    @Test func durationBucketCodes() {
        #expect(DurationBucket.allCodes == ["moins_30_min", "30_min_1_h", "1_h_2_h", "2_h_plus"])
    }

    @Test(arguments: [
        (1, DurationBucket.lessThan30Minutes), (29, .lessThan30Minutes), (30, .thirtyMinutesToOneHour),
        (59, .thirtyMinutesToOneHour), (60, .oneToTwoHours), (119, .oneToTwoHours),
        (120, .twoHoursOrMore), (600, .twoHoursOrMore),
    ])
    func durationBucketBoundaries(minutes: Int, bucket: DurationBucket) {
        #expect(DurationBucket(minutes: minutes) == bucket)
    }

    @Test func relaisVocabularyCodes() {
        #expect(RequestChannel.allCodes == ["walk_in", "phone", "email", "referral"])
        #expect(Urgency.allCodes == ["low", "normal", "high", "urgent"])
        #expect(Urgency.allCases.map(\.rank) == [0, 1, 2, 3])
        #expect(Urgency.allCases.sorted(by: >) == [.urgent, .high, .normal, .low])
        #expect(
            RequestStatus.allCodes == [
                "new", "assigned", "in_progress", "waiting", "resolved", "referred", "closed",
            ])
        #expect(RequestOutcome.allCodes == ["resolved", "oriented_workshop", "equipment_lent", "referred"])
        #expect(StaffRole.allCodes == ["conseiller", "desk_agent", "coordinator"])
        #expect(SiteKind.allCodes == ["mdh", "library", "associations", "town_hall", "other"])
        #expect(RoomEquipment.allCodes == ["laptops", "projector", "tablets"])
        #expect(SessionKind.allCodes == ["workshop", "appointment", "permanence"])
        #expect(RegistrationStatus.allCodes == ["registered", "waitlisted", "cancelled"])
        #expect(Attendance.allCodes == ["present", "excused", "no_show"])
        #expect(DeviceKind.allCodes == ["laptop", "desktop", "tablet", "smartphone", "router_4g"])
        #expect(DeviceStatus.allCodes == ["available", "on_loan", "in_repair", "retired", "handed_over"])
        #expect(DeviceOrigin.allCodes == ["town_it", "donor", "refurbisher"])
        #expect(DeviceCondition.allCodes == ["new", "good", "fair", "poor", "broken"])
        #expect(StockKind.allCodes == ["sim_card", "data_topup"])
        #expect(LoanStatus.allCodes == ["open", "returned", "handed_over", "lost"])
        #expect(HalfDay.allCodes == ["am", "pm"])
        #expect(SessionStatus.allCodes == ["planned", "published", "held", "cancelled"])
    }

    /// Every label in every taxonomy is non-empty, and French labels never use the straight apostrophe.
    @Test func labelsAreFilledAndTypographic() {
        func check<T: Taxonomy>(_ type: T.Type) {
            for value in T.allCases {
                #expect(!value.labelFR.isEmpty && !value.labelEN.isEmpty, "\(T.self).\(value.code)")
                #expect(!value.labelFR.contains("'"), "\(T.self).\(value.code) uses ' instead of ’")
                #expect(value.code == value.rawValue)
                #expect(value.label(.fr) == value.labelFR && value.label(.en) == value.labelEN)
            }
            #expect(!T.fieldName.isEmpty)
        }
        check(InclusionField.self)
        check(ActivityType.self)
        check(PlaceType.self)
        check(EquipmentUsed.self)
        check(Theme.self)
        check(AdministrativeSubTheme.self)
        check(Autonomy.self)
        check(WorkshopLevel.self)
        check(ReferralStructure.self)
        check(DurationBucket.self)
        check(Gender.self)
        check(AgeBracket.self)
        check(SocialStatus.self)
        check(RequestChannel.self)
        check(Urgency.self)
        check(RequestStatus.self)
        check(RequestOutcome.self)
        check(StaffRole.self)
        check(SiteKind.self)
        check(RoomEquipment.self)
        check(SessionKind.self)
        check(SessionStatus.self)
        check(RegistrationStatus.self)
        check(Attendance.self)
        check(DeviceKind.self)
        check(DeviceStatus.self)
        check(DeviceOrigin.self)
        check(DeviceCondition.self)
        check(StockKind.self)
        check(LoanStatus.self)
        check(HalfDay.self)
    }

    @Test func codesEncodeAsPlainStrings() throws {
        let data = try JSONEncoder().encode([Theme.sante, .aideAuxDemarchesAdministratives])
        #expect(String(decoding: data, as: UTF8.self) == #"["sante","aide_aux_demarches_administratives"]"#)
        #expect(
            try JSONDecoder().decode([Theme].self, from: data) == [.sante, .aideAuxDemarchesAdministratives])
    }
}

@Suite struct TaxonomyParsingTests {
    @Test(arguments: ["sante", "  SANTE ", "Sante\n"])
    func acceptsExactCodeTrimmedCaseInsensitive(text: String) throws {
        #expect(try Theme.parse(text) == .sante)
    }

    @Test(arguments: [
        ("banque_achats", "banque_et_achats_en_ligne"),
        ("sant", "sante"),
        ("Santé", "sante"),
        ("bureatique", "bureautique"),
        ("demarches", "aide_aux_demarches_administratives"),
        ("reseaux sociaux", "reseaux_sociaux"),
        ("intelligence", "intelligence_artificielle"),
    ])
    func suggestsClosestTheme(text: String, expected: String) {
        let error = validationError { () throws(ValidationError) in try Theme.parse(text) }
        #expect(error?.kind == .unknownCode)
        #expect(error?.field == "theme")
        #expect(error?.suggestion == expected)
    }

    @Test func suggestionsInOtherTaxonomies() {
        #expect(
            validationError { () throws(ValidationError) in try PlaceType.parse("domicil") }?.suggestion
                == "domicile")
        #expect(
            validationError { () throws(ValidationError) in try RequestStatus.parse("in progress") }?
                .suggestion == "in_progress")
        #expect(
            validationError { () throws(ValidationError) in try DeviceKind.parse("router") }?.suggestion
                == "router_4g")
        #expect(
            validationError { () throws(ValidationError) in try Gender.parse("femme") }?.suggestion == nil)
    }

    @Test func unknownCodeMessageNamesFieldAllowedValuesAndSuggestion() {
        let error = validationError { () throws(ValidationError) in try Urgency.parse("urgnt") }
        #expect(
            error?.message(.en)
                == "urgency: unknown code 'urgnt'; did you mean 'urgent'? Allowed: low, normal, high, urgent")
        #expect(
            error?.message(.fr)
                == "urgency : code inconnu « urgnt » ; vouliez-vous dire « urgent » ? Valeurs possibles : low, normal, high, urgent"
        )
        #expect(error?.errorDescription == error?.message(.en))
    }

    @Test func blankIsMissing() throws {
        let error = validationError { () throws(ValidationError) in try Theme.parse("   ") }
        #expect(error == .missing("theme"))
        #expect(try Theme.parseOptional("  ") == nil)
        #expect(try Theme.parseOptional(nil) == nil)
    }

    @Test func unknownCodeNeverEchoesPersonalData() {
        for text in ["06 12 34 56 78", "amina@example.fr"] {
            let error = validationError { () throws(ValidationError) in try Theme.parse(text) }
            #expect(error?.kind == .unknownCode)
            #expect(error?.message(.en).contains(text) == false)
            #expect(error?.message(.fr).contains(text) == false)
        }
    }

    @Test func parsesLists() throws {
        #expect(try Theme.parseList("sante, email,,sante") == [.sante, .email])
        #expect(
            validationError { () throws(ValidationError) in try Theme.parseList("sante,mail") }?.suggestion
                == "email")
    }

    @Test func weekdayParsing() throws {
        #expect(try Weekday.parse("0") == .monday)
        #expect(try Weekday.parse("lundi") == .monday)
        #expect(try Weekday.parse("Wed") == .wednesday)
        #expect(try Weekday.parse("sam") == .saturday)
        #expect(validationError { () throws(ValidationError) in try Weekday.parse("7") }?.field == "weekday")
    }

    @Test func languageFromLocale() {
        #expect(Language(locale: "fr_FR.UTF-8") == .fr)
        #expect(Language(locale: "en_GB.UTF-8") == .en)
        #expect(Language(locale: nil) == .en)
    }
}
