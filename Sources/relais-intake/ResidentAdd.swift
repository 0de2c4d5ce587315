import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct ResidentAdd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a resident: a first name is enough; or --anonymous with statistics only.",
            discussion: """
                Consent is recorded with today's date and the current consent text version (or
                --consent-version). The age bracket is derived from --birth-year. If someone with the same
                name (case, accents and word order ignored), phone (any formatting) or e-mail exists, the
                command stops and lists them; on a terminal it asks, otherwise add --force to go on anyway.

                Examples:
                  relais-intake resident add --first-name Fatima --last-name Benali --phone "06 12 34 56 78"
                  relais-intake resident add --first-name Karim --birth-year 1961 --gender masculin --commune Échirolles
                  relais-intake resident add --anonymous --birth-year 1948 --gender feminin --social-status retraite
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @OptionGroup var fields: ResidentFieldOptions
        @Flag(help: "An anonymous resident: statistical fields only, no name, phone or e-mail.") var anonymous = false
        @Option(help: "The consent text version shown to the resident (default: the latest).") var consentVersion: String?
        @Flag(help: "Create the resident even if possible duplicates exist.") var force = false

        func validate() throws {
            if anonymous && (fields.firstName != nil || fields.lastName != nil || fields.phone != nil || fields.email != nil) {
                throw ArgumentParser.ValidationError("an anonymous resident has no name, phone or e-mail: drop them or --anonymous")
            }
            if !anonymous && fields.firstName == nil {
                throw ArgumentParser.ValidationError("give --first-name, or --anonymous for statistics only")
            }
        }

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let db = try database.open()
                let today = ParisTime.today()
                let resident: RelaisCore.Resident
                if anonymous {
                    resident = try fields.anonymousResident(today: today)
                } else {
                    let version: String
                    if let consentVersion {
                        version = try Documents.get(db, kind: .consent, version: consentVersion).version
                    } else {
                        guard let current = try IntakeReferences.currentConsentVersion(db) else { throw IntakeError.consentNeeded }
                        version = current
                    }
                    resident = try fields.followedResident(consent: try Consent(date: today, textVersion: version), today: today)
                }
                var outcome = try ResidentStore.add(db, resident, actor: agent.identity, allowDuplicates: force)
                if case .possibleDuplicates(let found) = outcome {
                    let list = found.map { IntakeListings.residentLine($0, lang) }
                    if Prompter.isAvailable() {
                        let prompter = Prompter(language: lang)
                        prompter.say(lang.pick(en: "Possible duplicates:\n", fr: "Doublons possibles :\n") + list.map { "  \($0)\n" }.joined())
                        guard try prompter.confirm(lang.pick(en: "Create a new resident anyway?", fr: "Créer quand même un nouvel habitant ?"), default: false)
                        else {
                            throw CommandFailure(en: "nothing recorded; use the existing resident", fr: "rien n’a été enregistré ; utilisez l’habitant existant")
                        }
                        outcome = try ResidentStore.add(db, resident, actor: agent.identity, allowDuplicates: true)
                    } else {
                        throw CommandFailure(
                            en: "possible duplicate(s): \(list.joined(separator: "; ")); use the existing resident, or add --force to create a new one anyway",
                            fr: "doublon(s) possible(s) : \(list.joined(separator: " ; ")) ; utilisez l’habitant existant, ou ajoutez --force pour en créer un nouveau")
                    }
                }
                guard case .created(let record) = outcome else { return }
                let bracket = record.resident.ageBracket(referenceYear: today.year)
                print(lang.pick(
                    en: "Resident added: \(IntakeListings.residentLine(record, lang)) (age bracket: \(bracket.label(lang)))",
                    fr: "Habitant enregistré : \(IntakeListings.residentLine(record, lang)) (tranche d’âge : \(bracket.label(lang)))"))
            }
        }
    }
}

/// The resident fields shared by `resident add` and `resident edit`.
struct ResidentFieldOptions: ParsableArguments {
    @Option(help: "First name (required for a followed resident).") var firstName: String?
    @Option(help: "Last name.") var lastName: String?
    @Option(help: "Phone, any formatting (06 12 34 56 78, +33 6…).") var phone: String?
    @Option(help: "E-mail address.") var email: String?
    @Option(help: "Birth year (the age bracket is derived from it).") var birthYear: String?
    @Option(help: "Commune of residence.") var commune: String?
    @Option(help: "Postcode, five digits.") var postcode: String?
    @Option(help: "Gender: masculin, feminin, non_communique.") var gender: String?
    @Option(help: "Social status: scolarise, sans_emploi, en_emploi, retraite, non_communique.") var socialStatus: String?

    func followedResident(consent: Consent, today: LocalDate) throws -> RelaisCore.Resident {
        try RelaisCore.Resident.followed(
            firstName: firstName ?? "", lastName: lastName, phone: phone, email: email, consent: consent,
            gender: try Gender.parseOptional(gender) ?? .nonCommunique, birthYear: try TextRules.birthYear(birthYear),
            socialStatus: try SocialStatus.parseOptional(socialStatus) ?? .nonCommunique, commune: commune,
            postcode: postcode, referenceYear: today.year)
    }

    func anonymousResident(today: LocalDate) throws -> RelaisCore.Resident {
        try RelaisCore.Resident.anonymous(
            gender: try Gender.parseOptional(gender) ?? .nonCommunique, birthYear: try TextRules.birthYear(birthYear),
            socialStatus: try SocialStatus.parseOptional(socialStatus) ?? .nonCommunique, commune: commune,
            postcode: postcode, referenceYear: today.year)
    }

    /// The fields given, for `resident edit` (an empty value clears the field).
    var changes: [ResidentField: String] {
        var result: [ResidentField: String] = [:]
        let pairs: [(ResidentField, String?)] = [
            (.firstName, firstName), (.lastName, lastName), (.phone, phone), (.email, email), (.birthYear, birthYear),
            (.commune, commune), (.postcode, postcode), (.gender, gender), (.socialStatus, socialStatus),
        ]
        for (field, value) in pairs { if let value { result[field] = value } }
        return result
    }
}
