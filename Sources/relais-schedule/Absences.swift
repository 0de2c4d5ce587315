import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisSchedule {
    /// `absences`: dated absences of staff (leave, training, illness).
    struct Absences: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "absences",
            abstract: "Staff absences: list, add, remove.", subcommands: [List.self, Add.self, Remove.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List absences, optionally for one person or one week.",
                discussion: "Examples:\n  relais-schedule absences list --week 2026-W49\n  relais-schedule absences list --staff c-amina")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "Only this staff member.") var staff: String?
            @Option(help: "Only absences touching this ISO week.") var week: String?

            func run() throws {
                try runCommand(language.language) {
                    let w = try week.map(ScheduleParse.week)
                    let db = try database.open()
                    var listing = Listing(columns: ["id", "staff", "from", "to", "reason"])
                    for a in try ScheduleStore.absences(db, staffCode: staff, from: w?.monday, to: w?.monday.adding(days: 6)) {
                        listing.append([.number(a.id), .text(a.staffCode), .text(a.start.iso), .text(a.end.iso), .text(a.reason)])
                    }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Record an absence (whole days, both dates included).",
                discussion: """
                    Refused for unknown or retired staff and when it overlaps another absence.
                    For an absence in a week already published, use `replan --absent` instead: it records
                    the absence and repairs the plan.

                    Example:
                      relais-schedule absences add c-amina --from 2026-12-07 --to 2026-12-11 --reason "congés"
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Staff code.") var staff: String
            @Option(help: "First day.") var from: String
            @Option(help: "Last day (default: the first).") var to: String?
            @Option(help: "Reason (leave, training…).") var reason: String = ""

            func run() throws {
                try runCommand(language.language) {
                    let start = try ScheduleParse.date(from, field: "from")
                    let end = try to.map { try ScheduleParse.date($0, field: "to") } ?? start
                    let db = try database.open()
                    let id = try ScheduleStore.addAbsence(db, staffCode: staff, from: start, to: end, reason: reason, actor: agent.identity)
                    print(language.language.pick(en: "absence \(id) recorded: \(staff) \(start.iso)…\(end.iso)", fr: "absence \(id) enregistrée : \(staff) du \(start.french) au \(end.french)"))
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove an absence by its number.", discussion: "Example:\n  relais-schedule absences remove 12")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Absence number (see absences list).") var id: Int64

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    try ScheduleStore.removeAbsence(db, id: id, actor: agent.identity)
                    print(language.language.pick(en: "absence \(id) removed", fr: "absence \(id) supprimée"))
                }
            }
        }
    }

    /// `holidays`: public holidays, when nobody is planned.
    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays",
            abstract: "Public holidays: list, add.", subcommands: [List.self, Add.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List public holidays of a year.", discussion: "Example:\n  relais-schedule holidays list --year 2026")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "Year.") var year: Int

            func run() throws {
                try runCommand(language.language) {
                    let from = try LocalDate(year: year, month: 1, day: 1, field: "year"), to = try LocalDate(year: year, month: 12, day: 31, field: "year")
                    let db = try database.open()
                    var listing = Listing(columns: ["day", "name"])
                    for h in try ScheduleStore.holidays(db, from: from, to: to) { listing.append([.text(h.day.iso), .text(h.name)]) }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a public holiday (or a closing day of the whole service).",
                discussion: "Example:\n  relais-schedule holidays add 2026-12-24 --name \"Fermeture Noël\"")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Day.") var day: String
            @Option(help: "Name.") var name: String

            func run() throws {
                try runCommand(language.language) {
                    let date = try ScheduleParse.date(day, field: "day")
                    let db = try database.open()
                    try ScheduleStore.addHoliday(db, day: date, name: name)
                    print(language.language.pick(en: "holiday \(date.iso) added", fr: "jour férié \(date.french) ajouté"))
                }
            }
        }
    }
}
