import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisScheduling
import RelaisStore

extension RelaisSchedule {
    /// `staff`: conseillers, desk agents, coordinators, with skills and usual half-days.
    struct Staff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "staff",
            abstract: "Staff: list, add, edit, retire, import from CSV.",
            subcommands: [List.self, Add.self, Edit.self, Retire.self, Import.self], defaultSubcommand: List.self)

        struct Details: ParsableArguments {
            @Option(help: "Skills (ANCT theme codes, comma-separated).") var skills: String?
            @Option(help: "Sites where they work (codes, comma-separated).") var sites: String?
            @Option(help: "Contracted hours per week, e.g. 35 or 24.5.") var hours: String?
            @Option(help: "Most hours per day.") var maxHoursPerDay: String?
            @Option(help: "Usual half-days, e.g. \"mon-am,mon-pm,tue-am\" or \"weekdays\".") var available: String?
            @Option(help: "Half-days they would rather not work, e.g. \"wed-pm\".") var undesired: String?
            @Option(help: "E-mail address.") var email: String?

            func changes() throws -> StaffChanges {
                StaffChanges(
                    email: email, contractedMinutesPerWeek: try hours.map { try ScheduleParse.hoursToMinutes($0, field: "hours") },
                    maxMinutesPerDay: try maxHoursPerDay.map { try ScheduleParse.hoursToMinutes($0, field: "max_hours_per_day") },
                    skills: try skills.map { try Theme.parseList($0) },
                    siteCodes: sites.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty } },
                    available: try available.map { try WeeklyHalfDay.parseList($0) }, undesired: try undesired.map { try WeeklyHalfDay.parseList($0) })
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List staff with skills, contract and usual half-days.",
                discussion: "Examples:\n  relais-schedule staff list\n  relais-schedule staff list --role conseiller --format csv > equipe.csv")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "Only this role: conseiller, desk_agent, coordinator.") var role: String?
            @Flag(help: "Include retired staff.") var all = false

            func run() throws {
                try runCommand(language.language) {
                    let wanted = try role.map { try StaffRole.parse($0) }
                    let db = try database.open()
                    var listing = Listing(columns: ReferenceImport.staffColumns + ["active"])
                    for s in try ScheduleStore.staff(db, includeRetired: all, role: wanted) {
                        listing.append([
                            .text(s.code), .text(s.firstName), .text(s.lastName), .text(s.role.code), .optional(s.email),
                            .decimal(Double(s.contractedMinutesPerWeek) / 60), .decimal(Double(s.maxMinutesPerDay) / 60),
                            .text(s.skills.map(\.code).joined(separator: "|")), .text(s.siteCodes.joined(separator: "|")),
                            .text(s.available.map(\.description).joined(separator: "|")), .text(s.undesired.map(\.description).joined(separator: "|")),
                            .bool(s.active),
                        ])
                    }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a staff member.",
                discussion: """
                    Examples:
                      relais-schedule staff add c-ines --first-name Inès --last-name Moreau --role conseiller \\
                        --skills bureautique,email --sites mdh-surieux --hours 35 --available weekdays --undesired fri-pm
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Short code, e.g. c-amina.") var code: String
            @Option(help: "First name.") var firstName: String
            @Option(help: "Last name.") var lastName: String
            @Option(help: "conseiller, desk_agent or coordinator.") var role: String = "conseiller"
            @OptionGroup var details: Details

            func run() throws {
                try runCommand(language.language) {
                    var changes = try details.changes()
                    if changes.maxMinutesPerDay == nil { changes.maxMinutesPerDay = 420 }
                    let member = try StaffMember(
                        code: code, firstName: firstName, lastName: lastName, role: try StaffRole.parse(role), skills: Set(changes.skills ?? []),
                        siteCodes: Set(changes.siteCodes ?? []), contractedMinutesPerWeek: changes.contractedMinutesPerWeek ?? 35 * 60)
                    let db = try database.open()
                    try ScheduleStore.addStaff(db, member, details: changes, actor: agent.identity)
                    print(language.language.pick(en: "staff member \(member.code) added", fr: "\(member.code) ajouté à l’équipe"))
                }
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit",
                abstract: "Change a staff member's skills, sites, contract or usual half-days.",
                discussion: "Example:\n  relais-schedule staff edit c-claire --available mon-am,tue-am,thu-am,thu-pm --undesired tue-pm")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Staff code.") var code: String
            @Option(help: "New first name.") var firstName: String?
            @Option(help: "New last name.") var lastName: String?
            @Option(help: "New role.") var role: String?
            @OptionGroup var details: Details

            func run() throws {
                try runCommand(language.language) {
                    var changes = try details.changes()
                    changes.firstName = firstName
                    changes.lastName = lastName
                    changes.role = try role.map { try StaffRole.parse($0) }
                    let db = try database.open()
                    try ScheduleStore.editStaff(db, code: code, changes: changes, actor: agent.identity)
                    print(language.language.pick(en: "staff member \(code) updated", fr: "\(code) modifié"))
                }
            }
        }

        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "retire",
                abstract: "Retire a staff member (their history stays).", discussion: "Example:\n  relais-schedule staff retire c-julien")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Staff code.") var code: String

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    try ScheduleStore.retireStaff(db, code: code, actor: agent.identity)
                    print(language.language.pick(en: "staff member \(code) retired", fr: "\(code) retiré de l’équipe"))
                }
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Import staff from a CSV file, all or nothing.",
                discussion: """
                    Columns: code,first_name,last_name,role,email,contracted_hours,max_hours_per_day,skills,sites,available,undesired
                    (lists inside a cell separated by | ; `staff list --format csv` writes the same columns).
                    A bad line is reported with its number and nothing is imported.

                    Examples:
                      relais-schedule staff import equipe.csv --dry-run
                      relais-schedule staff import equipe.csv
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "CSV file (`,` or `;`, UTF-8, optional BOM).") var file: String
            @Flag(help: "Check every line and say what would be imported, without writing.") var dryRun = false

            func run() throws {
                try ReferenceCSV.importFile(
                    file, dryRun: dryRun, database: database, language: language.language,
                    noun: ("staff members", "membres de l’équipe"),
                    parse: { try ReferenceImport.staff(header: $0.header, rows: try $0.rows()) },
                    store: { entries, db in try ReferenceImport.store(staff: entries, in: db, actor: agent.identity) })
            }
        }
    }
}

/// `catalogue import` and `staff import`: read a CSV file, check every line, then store it all
/// in one transaction — rolled back on a dry run, which so meets every refusal a real run would.
enum ReferenceCSV {
    static func importFile<Entry>(
        _ file: String, dryRun: Bool, database: DatabaseOptions, language: Language, noun: (en: String, fr: String),
        parse: (CSVReader) throws -> [Entry], store: ([Entry], Database) throws -> Void
    ) throws {
        try runCommand(language) {
            let entries = try parse(try CSVReader(text: try TextFile.read(file, saveAs: "CSV UTF-8")))
            let db = try database.open()
            try db.transaction(dryRun: dryRun) { db in try store(entries, db) }
            print(dryRun
                ? language.pick(
                    en: "dry run: \(entries.count) \(noun.en) would be imported; nothing written",
                    fr: "essai : \(entries.count) \(noun.fr) seraient importés ; rien n’a été écrit")
                : language.pick(en: "\(entries.count) \(noun.en) imported", fr: "\(entries.count) \(noun.fr) importés"))
        }
    }
}
