import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct RequestOpen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open a help request and print its number (D-2026-000123).",
            discussion: """
                --site defaults to the usual site remembered by `relais-intake new`. Themes and
                sub-themes are ANCT codes separated by commas; sub-themes go with the theme
                aide_aux_demarches_administratives. --deadline is an administrative deadline
                (yyyy-mm-dd or dd/mm/yyyy), not in the past.

                Examples:
                  relais-intake request open --site mdh-surieux --field usage_assistance \\
                    --themes aide_aux_demarches_administratives --sub-themes social_sante \\
                    --summary "Déclaration trimestrielle CAF" --deadline 2026-12-04 --urgency high --resident 42
                  relais-intake request open --site bib-neruda --channel phone --field hardware_support \\
                    --themes maintenance_de_materiel --summary "Ordinateur très lent"
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "Site code, e.g. mdh-surieux (default: the usual site in intake.conf).") var site: String?
        @Option(help: "walk_in, phone, email or referral.") var channel = Arguments.defaultChannel
        @Option(help: "One of the six fields: equipment_access, connectivity, technical_training, digital_literacy, usage_assistance, hardware_support.")
        var field: String
        @Option(help: "ANCT theme codes, comma-separated.") var themes = ""
        @Option(help: "Administrative sub-theme codes, comma-separated.") var subThemes = ""
        @Option(help: "What the resident needs (1–500 characters).") var summary: String
        @Option(help: "low, normal, high or urgent.") var urgency = Arguments.defaultUrgency
        @Option(help: "Administrative deadline, e.g. 2026-12-04.") var deadline: String?
        @Option(help: "The resident's number, if known (see resident find).") var resident: String?
        @Option(help: ArgumentHelp("Open this many identical requests, each in its own transaction (load tests).", visibility: .hidden))
        var `repeat` = 1

        func validate() throws {
            guard (1...100_000).contains(`repeat`) else { throw ArgumentParser.ValidationError("--repeat must be between 1 and 100000") }
        }

        func run() throws {
            try Self.perform(Arguments(
                database: database.database, agent: agent.agent, lang: language.lang, site: site, channel: channel,
                field: field, themes: themes, subThemes: subThemes, summary: summary, urgency: urgency,
                deadline: deadline, resident: resident, repeat: `repeat`))
        }

        /// What `request open` was given, however it was read.
        struct Arguments {
            static let defaultChannel = "walk_in"
            static let defaultUrgency = "normal"

            var database: String?
            var agent: String?
            var lang: Language?
            var site: String?
            var channel = defaultChannel
            var field: String
            var themes = ""
            var subThemes = ""
            var summary: String
            var urgency = defaultUrgency
            var deadline: String?
            var resident: String?
            var `repeat` = 1
        }

        /// `relais-intake request open --name value …` in its plainest spelling, read without
        /// swift-argument-parser (see `FastArguments`); `nil` sends the arguments to the full parser.
        static func fastArguments(_ arguments: [String]) -> Arguments? {
            guard let read = FastArguments.requestOpen(arguments), let field = read["field"], let summary = read["summary"] else { return nil }
            // Resolved and checked once; a refused agent goes to the parser, which says why.
            let agent = AgentOptions.identity(option: read["agent"])
            guard (try? AgentOptions.check(agent)) != nil else { return nil }
            var arguments = Arguments(
                database: read["database"], agent: agent, site: read["site"], field: field, summary: summary,
                deadline: read["deadline"], resident: read["resident"])
            if let text = read["lang"] {
                guard let lang = Language(rawValue: text) else { return nil }
                arguments.lang = lang
            }
            if let channel = read["channel"] { arguments.channel = channel }
            if let themes = read["themes"] { arguments.themes = themes }
            if let subThemes = read["sub-themes"] { arguments.subThemes = subThemes }
            if let urgency = read["urgency"] { arguments.urgency = urgency }
            return arguments
        }

        static func perform(_ a: Arguments) throws {
            let lang = LanguageOptions.language(option: a.lang)
            try runIntake(lang) {
                guard let siteCode = a.site ?? IntakeConfig.load().site else {
                    throw CommandFailure(
                        en: "say which site with --site (e.g. --site mdh-surieux)", fr: "indiquez le lieu avec --site (par exemple --site mdh-surieux)")
                }
                let today = ParisTime.today()
                let request = try HelpRequest(
                    siteCode: siteCode, channel: try RequestChannel.parse(a.channel), field: try InclusionField.parse(a.field),
                    themes: try Theme.parseList(a.themes), subThemes: try AdministrativeSubTheme.parseList(a.subThemes),
                    summary: a.summary, urgency: try Urgency.parse(a.urgency), deadline: try IntakeInput.deadline(a.deadline, today: today),
                    residentId: try a.resident.map(IntakeInput.residentID))
                let db = try DatabaseOptions.open(option: a.database)
                let actor = AgentOptions.identity(option: a.agent)
                for _ in 0..<a.repeat {
                    let (_, number) = try RequestStore.open(db, request, actor: actor, today: today)
                    print(lang.pick(en: "Request \(number) opened at \(request.siteCode).", fr: "Demande \(number) ouverte à \(request.siteCode)."))
                }
            }
        }
    }
}
