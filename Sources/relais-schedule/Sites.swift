import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisSchedule {
    /// `sites`: the places where the team receives residents.
    struct Sites: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sites",
            abstract: "Sites (MDH, libraries…): list, add, edit, retire.",
            subcommands: [List.self, Add.self, Edit.self, Retire.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List sites with their neighbourhood and opening hours.",
                discussion: """
                    Examples:
                      relais-schedule sites list
                      relais-schedule sites list --format csv --csv-separator ';' --bom > lieux.csv
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions
            @Flag(help: "Include retired sites.") var all = false

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    var listing = Listing(columns: ["code", "name", "kind", "neighbourhood", "hours", "active"])
                    for s in try ScheduleStore.sites(db, includeRetired: all) {
                        listing.append([.text(s.code), .text(s.name), .text(s.kind.code), .text(s.neighbourhood), .text(ScheduleOutput.hours(s.hours)), .bool(s.active)])
                    }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a site.",
                discussion: """
                    Examples:
                      relais-schedule sites add mdh-village-2 --name "MDH Village 2" --kind mdh --neighbourhood village-sud \\
                        --hours "mon 08:30-12:00, mon 13:30-17:30, tue 08:30-12:00"
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Short code, e.g. mdh-surieux.") var code: String
            @Option(help: "Name shown to people.") var name: String
            @Option(help: "mdh, library, associations, town_hall or other.") var kind: String = "mdh"
            @Option(help: "Neighbourhood code (coverage is counted per neighbourhood).") var neighbourhood: String
            @Option(help: "Postal address.") var address: String?
            @Option(help: "Weekly opening hours, e.g. \"mon 08:30-12:00, mon 13:30-17:30\".") var hours: String = ""

            func run() throws {
                try runCommand(language.language) {
                    let site = try Site(
                        code: code, name: name, kind: try SiteKind.parse(kind), neighbourhood: neighbourhood, address: address,
                        openingHours: try ScheduleParse.hours(hours))
                    let db = try database.open()
                    try ScheduleStore.addSite(db, site, actor: agent.identity)
                    print(language.language.pick(en: "site \(site.code) added", fr: "lieu \(site.code) ajouté"))
                }
            }
        }

        struct Edit: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit",
                abstract: "Change a site's name, neighbourhood, address or opening hours.",
                discussion: """
                    Examples:
                      relais-schedule sites edit mdh-surieux --hours "mon 09:00-12:00, thu 13:30-18:00"
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Site code.") var code: String
            @Option(help: "New name.") var name: String?
            @Option(help: "New neighbourhood code.") var neighbourhood: String?
            @Option(help: "New address.") var address: String?
            @Option(help: "New weekly opening hours (replace the old ones).") var hours: String?

            func run() throws {
                try runCommand(language.language) {
                    let parsed = try hours.map(ScheduleParse.hours)
                    let db = try database.open()
                    try ScheduleStore.editSite(db, code: code, name: name, neighbourhood: neighbourhood, address: address, hours: parsed, actor: agent.identity)
                    print(language.language.pick(en: "site \(code) updated", fr: "lieu \(code) modifié"))
                }
            }
        }

        struct Retire: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "retire",
                abstract: "Retire a site and its rooms (their history stays).",
                discussion: "Example:\n  relais-schedule sites retire mdh-ouest")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Site code.") var code: String

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    try ScheduleStore.retireSite(db, code: code, actor: agent.identity)
                    print(language.language.pick(en: "site \(code) retired", fr: "lieu \(code) retiré"))
                }
            }
        }
    }
}
