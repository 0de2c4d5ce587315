import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisScheduling
import RelaisStore

extension RelaisSchedule {
    /// `export`: schedules for other tools.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export published schedules (iCalendar).", subcommands: [ICS.self])

        struct ICS: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "ics",
                abstract: "An iCalendar (RFC 5545) file of a conseiller's or a site's published sessions.",
                discussion: """
                    Europe/Paris times; one stable UID per session; SEQUENCE rises when a publication
                    changes a session; a cancelled session, or one moved to someone else or another site,
                    stays in the file marked CANCELLED — so a phone or Nextcloud calendar subscribed to
                    the file stays right across re-plans.

                    Examples:
                      relais-schedule export ics --conseiller c-amina --out amina.ics
                      relais-schedule export ics --site mdh-surieux --out surieux.ics
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "A conseiller's calendar.") var conseiller: String?
            @Option(help: "A site's calendar.") var site: String?
            @Option(help: "Write here instead of standard output.") var out: String?

            func validate() throws {
                if (conseiller == nil) == (site == nil) { throw ArgumentParser.ValidationError("give exactly one of --conseiller CODE or --site CODE") }
            }

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    let (name, entries) = try ScheduleStore.calendar(
                        db, feed: conseiller != nil ? "conseiller" : "site", ownerCode: conseiller ?? site ?? "")
                    try ScheduleOutput.write(ICalendar.render(name: name, entries: entries), to: out)
                    if out != nil {
                        Terminal.error(language.language.pick(
                            en: "\(entries.count) events written to \(out ?? "")\n", fr: "\(entries.count) événements écrits dans \(out ?? "")\n"))
                    }
                }
            }
        }
    }
}
