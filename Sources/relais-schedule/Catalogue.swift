import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisScheduling
import RelaisStore

extension RelaisSchedule {
    /// `catalogue`: the workshops the coordinator can schedule.
    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catalogue",
            abstract: "Workshop catalogue: list, add, edit, retire, import from CSV.",
            subcommands: [List.self, Add.self, Edit.self, Retire.self, Import.self], defaultSubcommand: List.self)

        struct Fields: ParsableArguments {
            @Option(help: "Title shown to residents.") var title: String
            @Option(help: "ANCT theme code (also the skill needed), e.g. bureautique.") var theme: String
            @Option(help: "debutant, intermediaire or avance.") var level: String = "debutant"
            @Option(help: "Duration in minutes (90–180).") var duration: Int
            @Option(help: "Seats (1–200).") var capacity: Int
            @Option(help: "Room equipment needed: laptops, projector, tablets.") var equipment: String = ""

            func workshop(code: String) throws -> Workshop {
                try Workshop(
                    code: code, title: title, theme: try Theme.parse(theme), level: try WorkshopLevel.parse(level), durationMinutes: duration,
                    capacity: capacity, equipmentNeeded: Set(try RoomEquipment.parseList(equipment)))
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the catalogue.",
                discussion: "Examples:\n  relais-schedule catalogue list\n  relais-schedule catalogue list --format csv > catalogue.csv")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions
            @Flag(help: "Include retired entries.") var all = false

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    var listing = Listing(columns: ReferenceImport.workshopColumns + ["active"])
                    for w in try ScheduleStore.workshops(db, includeRetired: all) {
                        listing.append([
                            .text(w.code), .text(w.title), .text(w.theme.code), .text(w.level.code), .number(Int64(w.durationMinutes)),
                            .number(Int64(w.capacity)), .text(w.equipment.map(\.code).sorted().joined(separator: "|")), .bool(w.active),
                        ])
                    }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a workshop to the catalogue.",
                discussion: """
                    Example:
                      relais-schedule catalogue add tablette-debutant --title "Débuter avec une tablette" \\
                        --theme prendre_en_main_du_materiel --level debutant --duration 120 --capacity 8 --equipment tablets
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Short code.") var code: String
            @OptionGroup var fields: Fields

            func run() throws {
                try runCommand(language.language) {
                    let entry = try fields.workshop(code: code)
                    let db = try database.open()
                    try ScheduleStore.addWorkshops(db, [entry], actor: agent.identity)
                    print(language.language.pick(en: "workshop \(entry.code) added", fr: "atelier \(entry.code) ajouté"))
                }
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit",
                abstract: "Replace a catalogue entry's fields.",
                discussion: "Example:\n  relais-schedule catalogue edit messagerie --title \"Ma messagerie\" --theme email --duration 120 --capacity 10 --equipment laptops")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Workshop code.") var code: String
            @OptionGroup var fields: Fields

            func run() throws {
                try runCommand(language.language) {
                    let entry = try fields.workshop(code: code)
                    let db = try database.open()
                    try ScheduleStore.editWorkshop(db, entry, actor: agent.identity)
                    print(language.language.pick(en: "workshop \(entry.code) updated", fr: "atelier \(entry.code) modifié"))
                }
            }
        }

        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "retire",
                abstract: "Retire a catalogue entry.", discussion: "Example:\n  relais-schedule catalogue retire ia-au-quotidien")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Workshop code.") var code: String

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    try ScheduleStore.retireWorkshop(db, code: code, actor: agent.identity)
                    print(language.language.pick(en: "workshop \(code) retired", fr: "atelier \(code) retiré"))
                }
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Import catalogue entries from CSV, all or nothing.",
                discussion: """
                    Columns: code,title,theme,level,duration_minutes,capacity,equipment (equipment separated by |).
                    A bad line is reported with its number and nothing is imported.

                    Examples:
                      relais-schedule catalogue import catalogue.csv --dry-run
                      relais-schedule catalogue import catalogue.csv
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "CSV file.") var file: String
            @Flag(help: "Check every line without writing.") var dryRun = false

            func run() throws {
                try ReferenceCSV.importFile(
                    file, dryRun: dryRun, database: database, language: language.language, noun: ("workshops", "ateliers"),
                    parse: { try ReferenceImport.workshops(header: $0.header, rows: try $0.rows()) },
                    store: { entries, db in try ReferenceImport.store(workshops: entries, in: db, actor: agent.identity) })
            }
        }
    }
}
