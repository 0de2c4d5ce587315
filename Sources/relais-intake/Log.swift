import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Log an individual accompaniment (the funder's activity record), on a request or as a quick anonymous help.",
            discussion: """
                On a request, the site, themes, sub-themes, resident and conseiller default to the request's.
                Without a request, give --themes (and --site unless intake.conf has one): the resident is
                counted as one anonymous person (--gender, --birth-year, --social-status optional; their age
                bracket is the one on the day logged). With a request's resident or --resident, those three
                are refused: the resident's record holds them.
                Checked with La Coop's rules: a date (not in the future, nor before the request was opened), a
                duration (1–1440 min), a place type, at least one theme; lieu_activite names a site; domicile
                and autre name a commune. A birth year lies between 1900 and this year, as in resident add;
                --referral-name goes with --referral.

                Examples:
                  relais-intake log D-2026-000123 --duration 45 --equipment ordinateur --autonomy partiellement_autonome \\
                    --procedure "déclaration trimestrielle RSA"
                  relais-intake log D-2026-000123 --duration 30 --place domicile --commune Échirolles --conseiller c-amina
                  relais-intake log --site mdh-ouest --duration 15 --themes email --equipment telephone
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The request number (omit for a quick help without a request).") var number: String?
        @Option(help: "The day, yyyy-mm-dd or dd/mm/yyyy (default: today).") var date: String?
        @Option(help: "Duration in minutes.") var duration: Int
        @Option(help: "lieu_activite, domicile, a_distance or autre.") var place = "lieu_activite"
        @Option(help: "Site code (for lieu_activite; default: the request's site).") var site: String?
        @Option(help: "Commune (for domicile and autre).") var commune: String?
        @Option(help: "Equipment used, comma-separated: ordinateur, telephone, tablette, autre, aucun.") var equipment = ""
        @Option(help: "ANCT theme codes, comma-separated (default: the request's).") var themes: String?
        @Option(help: "Administrative sub-theme codes (default: the request's).") var subThemes: String?
        @Option(help: "The procedure's name, e.g. \"renouvellement CSS\".") var procedure: String?
        @Option(help: "entierement_accompagne, partiellement_autonome or autonome.") var autonomy: String?
        @Option(help: "Where the resident was referred (ANCT referral code).") var referral: String?
        @Option(help: "The partner's name (with --referral).") var referralName: String?
        @Option(help: "The conseiller's staff code (default: the request's assignee).") var conseiller: String?
        @Option(help: "Without a request: a known resident's number instead of an anonymous person.") var resident: String?
        @Option(help: "Anonymous person's gender.") var gender: String?
        @Option(help: "Anonymous person's birth year, 1900 to this year (gives the age bracket).") var birthYear: String?
        @Option(help: "Anonymous person's social status.") var socialStatus: String?

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let today = ParisTime.today()
                let db = try database.open()
                let request = try number.map { try RequestStore.request(db, number: try IntakeInput.number($0)) }
                if request != nil && resident != nil {
                    throw CommandFailure(
                        en: "on a request the resident is the request's; drop --resident", fr: "sur une demande, l’habitant est celui de la demande ; retirez --resident")
                }
                let placeType = try PlaceType.parse(place)
                let siteCode = placeType == .lieuActivite ? (site ?? request?.siteCode ?? IntakeConfig.load().site) : site
                let themeList = try themes.map { try Theme.parseList($0) } ?? request?.themes ?? []
                let subList = try subThemes.map { try AdministrativeSubTheme.parseList($0) } ?? (themes == nil ? request?.subThemes ?? [] : [])
                let residentID = try request?.residentId ?? resident.map(IntakeInput.residentID)
                let day = try date.map { try LocalDate(parsing: $0, field: "date") } ?? today
                var anonymous = AnonymousParticipants.none
                if let residentID {
                    if gender != nil || birthYear != nil || socialStatus != nil {
                        throw CommandFailure(
                            en: "--gender, --birth-year and --social-status describe an anonymous person; this accompaniment counts resident #\(residentID), whose record holds them",
                            fr: "--gender, --birth-year et --social-status décrivent une personne anonyme ; cet accompagnement compte l’habitant n° \(residentID), dont la fiche les porte")
                    }
                } else {
                    // Checked as resident add checks an anonymous resident (a birth year from 1900 to this
                    // year); the age bracket is the one on the day of the accompaniment.
                    let person = try RelaisCore.Resident.anonymous(
                        gender: try Gender.parseOptional(gender) ?? .nonCommunique, birthYear: try TextRules.birthYear(birthYear),
                        socialStatus: try SocialStatus.parseOptional(socialStatus) ?? .nonCommunique, referenceYear: today.year)
                    anonymous = try AnonymousParticipants(
                        total: 1, byGender: [person.gender: 1], byAgeBracket: [person.ageBracket(referenceYear: day.year): 1],
                        bySocialStatus: [person.socialStatus: 1])
                }
                let activity = try Accompaniment(
                    type: .individuel, date: day,
                    durationMinutes: duration, placeType: placeType, siteCode: siteCode, commune: commune,
                    equipment: try EquipmentUsed.parseList(equipment), themes: themeList, subThemes: subList,
                    procedure: procedure, autonomy: try Autonomy.parseOptional(autonomy),
                    referral: try ReferralStructure.parseOptional(referral),
                    staffCode: conseiller ?? request?.assigneeCode, requestId: request?.id,
                    residentIds: residentID.map { [$0] } ?? [], anonymous: anonymous)
                let id = try AccompanimentStore.log(
                    db, activity, referralName: referralName, actor: agent.identity, today: today)
                print(lang.pick(
                    en: "Accompaniment #\(id) logged: \(activity.date.iso), \(duration) min" + (request.map { " on \($0.number!)" } ?? " (no request)") + ".",
                    fr: "Accompagnement n° \(id) enregistré : \(activity.date.french), \(duration) min" + (request.map { " sur \($0.number!)" } ?? " (sans demande)") + "."))
            }
        }
    }
}
