import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisSchedule {
    /// `rooms`: where workshops and appointments take place.
    struct Rooms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rooms",
            abstract: "Rooms: list, add, edit, retire (close one for a day with replan --room-closed).",
            subcommands: [List.self, Add.self, Edit.self, Retire.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List rooms with capacity, equipment and hours.",
                discussion: "Examples:\n  relais-schedule rooms list\n  relais-schedule rooms list --site mdh-surieux --format json")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "Only this site's rooms.") var site: String?
            @Flag(help: "Include retired rooms.") var all = false

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    var listing = Listing(columns: ["code", "site", "name", "capacity", "equipment", "hours", "active"])
                    for r in try ScheduleStore.rooms(db, includeRetired: all, siteCode: site?.lowercased()) {
                        listing.append([.text(r.code), .text(r.siteCode), .text(r.name), .number(Int64(r.capacity)),
                                        .text(r.equipment.map(\.code).sorted().joined(separator: ",")), .text(ScheduleOutput.hours(r.hours)), .bool(r.active)])
                    }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a room to a site (its hours default to the site's).",
                discussion: """
                    Examples:
                      relais-schedule rooms add mdh-surieux-salle-2 --site mdh-surieux --name "Salle 2" --capacity 10 --equipment laptops,projector
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Short code, e.g. mdh-surieux-salle-2.") var code: String
            @Option(help: "Site code.") var site: String
            @Option(help: "Name shown to people.") var name: String
            @Option(help: "Seats (1–200).") var capacity: Int
            @Option(help: "Equipment: laptops, projector, tablets (comma-separated).") var equipment: String = ""
            @Option(help: "Weekly hours, e.g. \"mon 08:30-12:00\" (default: the site's).") var hours: String = ""

            func run() throws {
                try runCommand(language.language) {
                    let room = try Room(
                        code: code, siteCode: site, name: name, capacity: capacity, equipment: Set(try RoomEquipment.parseList(equipment)),
                        openingHours: try ScheduleParse.hours(hours))
                    let db = try database.open()
                    try ScheduleStore.addRoom(db, room, actor: agent.identity)
                    print(language.language.pick(en: "room \(room.code) added", fr: "salle \(room.code) ajoutée"))
                }
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit",
                abstract: "Change a room's name, capacity, equipment or hours.",
                discussion: "Example:\n  relais-schedule rooms edit mdh-surieux-salle-1 --capacity 12 --equipment laptops,projector")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Room code.") var code: String
            @Option(help: "New name.") var name: String?
            @Option(help: "New capacity.") var capacity: Int?
            @Option(help: "New equipment list (replaces the old one).") var equipment: String?
            @Option(help: "New weekly hours (replace the old ones).") var hours: String?

            func run() throws {
                try runCommand(language.language) {
                    let parsedEquipment = try equipment.map { Set(try RoomEquipment.parseList($0)) }
                    let parsedHours = try hours.map(ScheduleParse.hours)
                    let db = try database.open()
                    try ScheduleStore.editRoom(db, code: code, name: name, capacity: capacity, equipment: parsedEquipment, hours: parsedHours, actor: agent.identity)
                    print(language.language.pick(en: "room \(code) updated", fr: "salle \(code) modifiée"))
                }
            }
        }

        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "retire",
                abstract: "Retire a room.", discussion: "Example:\n  relais-schedule rooms retire mdh-ouest-salle-1")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Room code.") var code: String

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    try ScheduleStore.retireRoom(db, code: code, actor: agent.identity)
                    print(language.language.pick(en: "room \(code) retired", fr: "salle \(code) retirée"))
                }
            }
        }
    }
}
