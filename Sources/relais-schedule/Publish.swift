import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisSchedule {
    /// `publish`: the draft becomes the week's published plan.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish a week's draft: it becomes the numbered published version.",
            discussion: """
                Earlier published versions are kept (superseded). Sessions take their new place, and
                every calendar event that changed gets a higher SEQUENCE, so subscribed calendars follow.

                Examples:
                  relais-schedule publish --week 2026-W49
                  relais-schedule versions --week 2026-W49
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "ISO week.") var week: String

        func run() throws {
            try runCommand(language.language) {
                let w = try ScheduleParse.week(week)
                let db = try database.open()
                let outcome = try ScheduleStore.publish(db, week: w, actor: agent.identity)
                let lang = language.language
                print(lang.pick(
                    en: "week \(w): version \(outcome.version) published" + (outcome.superseded.map { " (version \($0) superseded)" } ?? ""),
                    fr: "semaine \(w) : version \(outcome.version) publiée" + (outcome.superseded.map { " (la version \($0) est remplacée)" } ?? "")))
                if !outcome.changedSessions.isEmpty {
                    print(lang.pick(en: "calendar events updated: ", fr: "événements de calendrier mis à jour : ") + outcome.changedSessions.joined(separator: ", "))
                }
                if !outcome.cancelledSessions.isEmpty {
                    print(lang.pick(en: "cancelled: ", fr: "annulées : ") + outcome.cancelledSessions.joined(separator: ", "))
                }
            }
        }
    }

    /// `versions`: a week's plan versions.
    struct Versions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "versions",
            abstract: "List a week's plan versions (draft, published, superseded).",
            discussion: "Example:\n  relais-schedule versions --week 2026-W49")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "ISO week.") var week: String

        func run() throws {
            try runCommand(language.language) {
                let w = try ScheduleParse.week(week)
                let db = try database.open()
                var listing = Listing(columns: ["version", "status", "hard", "soft", "based_on", "note", "created_by", "created_at", "published_at"])
                for v in try ScheduleStore.planVersions(db, week: w) {
                    listing.append([
                        .number(Int64(v.version)), .text(v.status), .number(Int64(v.hardViolations)), .number(Int64(v.softScore)),
                        v.basedOnVersion.map { .number(Int64($0)) } ?? .empty, .text(v.note), .text(v.createdBy),
                        .text(ParisTime.local(v.createdAt).day.iso), .optional(v.publishedAt.map { ParisTime.local($0).day.iso }),
                    ])
                }
                Terminal.write(output.render(listing))
            }
        }
    }
}
