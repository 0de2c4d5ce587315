import Foundation
import Testing

@testable import RelaisCore

@Suite struct AgeBracketTests {
    /// Each threshold (12, 18, 25, 40, 60, 70) with the year before and the year of it.
    @Test(arguments: [
        (0, AgeBracket.moinsDeDouze), (11, .moinsDeDouze), (12, .douzeDixHuit), (17, .douzeDixHuit),
        (18, .dixHuitVingtQuatre), (24, .dixHuitVingtQuatre), (25, .vingtCinqTrenteNeuf),
        (39, .vingtCinqTrenteNeuf), (40, .quaranteCinquanteNeuf), (59, .quaranteCinquanteNeuf),
        (60, .soixanteSoixanteNeuf), (69, .soixanteSoixanteNeuf), (70, .soixanteDixPlus),
        (104, .soixanteDixPlus),
    ])
    func thresholds(age: Int, bracket: AgeBracket) {
        #expect(AgeBracket.from(birthYear: 2026 - age, referenceYear: 2026) == bracket)
    }

    @Test func missingOrFutureBirthYearIsNotCommunicated() {
        #expect(AgeBracket.from(birthYear: nil, referenceYear: 2026) == .nonCommunique)
        #expect(AgeBracket.from(birthYear: 2030, referenceYear: 2026) == .nonCommunique)
    }
}

@Suite struct ResidentTests {
    let consent = try! Consent(date: date("2026-11-30"), textVersion: "2026-01")

    @Test func followedWithFirstNameOnly() throws {
        let resident = try Resident.followed(firstName: "  Amina ", consent: consent, referenceYear: 2026)
        #expect(resident.details?.firstName == "Amina")
        #expect(resident.details?.lastName == nil)
        #expect(!resident.isAnonymous)
        #expect(resident.gender == .nonCommunique)
        #expect(resident.socialStatus == .nonCommunique)
        #expect(resident.ageBracket(referenceYear: 2026) == .nonCommunique)
    }

    @Test func followedWithEverything() throws {
        let resident = try Resident.followed(
            firstName: "Amina", lastName: "Benali", phone: "06 12 34 56 78", email: "amina@example.fr",
            consent: consent, gender: .feminin, birthYear: 1958, socialStatus: .retraite,
            commune: "Échirolles", postcode: "38130", referenceYear: 2026)
        #expect(resident.details?.phone == "+33612345678")
        #expect(resident.details?.email == "amina@example.fr")
        #expect(resident.ageBracket(referenceYear: 2026) == .soixanteSoixanteNeuf)
        #expect(resident.ageBracket(referenceYear: 2028) == .soixanteDixPlus)
    }

    @Test func anonymousKeepsOnlyStatistics() throws {
        let resident = try Resident.anonymous(
            gender: .masculin, birthYear: 2010, socialStatus: .scolarise, referenceYear: 2026)
        #expect(resident.isAnonymous)
        #expect(resident.details == nil)
        #expect(resident.ageBracket(referenceYear: 2026) == .douzeDixHuit)
    }

    @Test func anonymisingDropsPersonalDataAndKeepsStatistics() throws {
        let resident = try Resident.followed(
            id: 7, firstName: "Amina", phone: "0612345678", consent: consent, gender: .feminin,
            birthYear: 1990, commune: "Échirolles", referenceYear: 2026)
        let purged = resident.anonymised()
        #expect(purged.isAnonymous)
        #expect(purged.id == 7)
        #expect(purged.gender == .feminin && purged.birthYear == 1990 && purged.commune == "Échirolles")
        let json = String(decoding: try JSONEncoder().encode(purged), as: UTF8.self)
        #expect(!json.contains("Amina") && !json.contains("612345678"))
    }

    @Test(arguments: [
        ("first_name", ValidationError.Kind.missing),
        ("last_name", .tooLong),
        ("phone", .invalidFormat),
        ("email", .invalidFormat),
        ("birth_year_future", .outOfRange),
        ("birth_year_old", .outOfRange),
        ("postcode", .invalidFormat),
        ("commune", .tooLong),
        ("consent_version", .missing),
    ])
    func rejectsEachInvalidField(field: String, kind: ValidationError.Kind) {
        let long = String(repeating: "x", count: 101)
        let error = validationError { () throws(ValidationError) in
            switch field {
            case "first_name":
                try Resident.followed(firstName: "   ", consent: consent, referenceYear: 2026)
            case "last_name":
                try Resident.followed(
                    firstName: "Amina", lastName: long, consent: consent, referenceYear: 2026)
            case "phone":
                try Resident.followed(
                    firstName: "Amina", phone: "12 34", consent: consent, referenceYear: 2026)
            case "email":
                try Resident.followed(
                    firstName: "Amina", email: "amina-at-example.fr", consent: consent, referenceYear: 2026)
            case "birth_year_future":
                try Resident.anonymous(birthYear: 2027, referenceYear: 2026)
            case "birth_year_old":
                try Resident.anonymous(birthYear: 1899, referenceYear: 2026)
            case "postcode":
                try Resident.anonymous(postcode: "3813", referenceYear: 2026)
            case "commune":
                try Resident.anonymous(commune: long, referenceYear: 2026)
            default:
                try Resident.followed(
                    firstName: "Amina", consent: try Consent(date: date("2026-11-30"), textVersion: " "),
                    referenceYear: 2026)
            }
        }
        #expect(error?.kind == kind)
        #expect(
            error?.field
                == field.replacingOccurrences(of: "_future", with: "").replacingOccurrences(
                    of: "_old", with: ""))
    }

    @Test func birthYearMessageGivesTheRange() {
        let error = validationError { () throws(ValidationError) in
            try Resident.anonymous(birthYear: 2031, referenceYear: 2026)
        }
        #expect(error?.message(.en) == "birth_year must be between 1900 and 2026")
        #expect(error?.message(.fr) == "le champ birth_year doit être compris entre 1900 et 2026")
    }

    @Test func personalDataIsNeverEchoed() {
        let long = String(repeating: "Amina", count: 30)
        let errors = [
            validationError { () throws(ValidationError) in
                try Resident.followed(firstName: long, consent: consent, referenceYear: 2026)
            },
            validationError { () throws(ValidationError) in
                try Resident.followed(
                    firstName: "Amina", phone: "07 77", consent: consent, referenceYear: 2026)
            },
            validationError { () throws(ValidationError) in
                try Resident.followed(
                    firstName: "Amina", email: "amina@@x.fr", consent: consent, referenceYear: 2026)
            },
        ]
        for error in errors {
            for lang in Language.allCases {
                let message = error?.message(lang) ?? ""
                #expect(!message.isEmpty)
                #expect(
                    !message.contains("Amina") && !message.contains("07 77") && !message.contains("amina@"))
            }
        }
    }

    @Test func codableRoundTrip() throws {
        let resident = try Resident.followed(
            firstName: "Amina", phone: "0612345678", consent: consent, birthYear: 1980, referenceYear: 2026)
        let decoded = try JSONDecoder().decode(Resident.self, from: try JSONEncoder().encode(resident))
        #expect(decoded == resident)
    }
}
