import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisScheduling
import RelaisStore

/// `show`'s formats: the listing formats plus a printable HTML page.
enum WeekFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, html
}

extension RelaisSchedule {
    /// `show`: a week's plan as a grid, a listing, or the page for the MDH door.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a week's plan: a readable grid, CSV, JSON, or a printable HTML page per site.",
            discussion: """
                Shows the draft when there is one, else the published version (or --plan-version N).

                Examples:
                  relais-schedule show --week 2026-W49
                  relais-schedule show --week 2026-W49 --conseiller c-amina
                  relais-schedule show --week 2026-W49 --format csv --csv-separator ';' --bom > semaine.csv
                  relais-schedule show --week 2026-W49 --site mdh-surieux --format html --out surieux.html
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "ISO week.") var week: String
        @Option(help: "Only this site.") var site: String?
        @Option(help: "Only this conseiller.") var conseiller: String?
        @Option(help: "A given version number (default: the draft, else the published one).") var planVersion: Int?
        @Option(help: "table, csv, json or html (html needs --site).") var format: WeekFormat = .table
        @Option(help: "CSV separator: ',' or ';' (or a tab).") var csvSeparator: String = ","
        @Flag(help: "Start CSV with a UTF-8 byte-order mark.") var bom = false
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func validate() throws {
            if format == .html && site == nil { throw ArgumentParser.ValidationError("--format html prints one site's page: add --site CODE") }
            try OutputOptions.checkSeparator(csvSeparator)
        }

        func run() throws {
            try runCommand(language.language) {
                let lang = language.language
                let w = try ScheduleParse.week(week)
                let db = try database.open()
                let siteRecord = try site.map { try ScheduleStore.site(db, code: $0, allowRetired: true) }
                let member = try conseiller.map { try ScheduleStore.staffMember(db, code: $0, allowRetired: true) }
                let version: PlanVersion
                if let planVersion {
                    guard let found = try ScheduleStore.planVersion(db, week: w, number: planVersion) else {
                        throw CommandFailure(en: "week \(w) has no version \(planVersion); see: relais-schedule versions --week \(w)",
                                             fr: "la semaine \(w) n’a pas de version \(planVersion) ; voir : relais-schedule versions --week \(w)")
                    }
                    version = found
                } else if let found = try ScheduleStore.planVersion(db, week: w, status: "draft") ?? ScheduleStore.planVersion(db, week: w, status: "published") {
                    version = found
                } else {
                    throw CommandFailure(en: "week \(w) has no plan yet; run: relais-schedule plan --week \(w)",
                                         fr: "la semaine \(w) n’a pas encore de planning ; lancez : relais-schedule plan --week \(w)")
                }
                let entries = try WeekGrid.entries(db, week: w, version: version).filter { e in
                    (siteRecord == nil || e.siteCode == siteRecord?.code) && (member == nil || e.conseillerCode == member?.code)
                }
                if format == .html, let siteRecord {
                    try ScheduleOutput.write(WeekGrid.html(siteName: siteRecord.name, week: w, entries: entries, version: version, lang), to: out)
                    return
                }
                var listing = Listing(columns: ["day", "date", "start", "end", "site", "room", "conseiller", "kind", "session", "title", "registered", "capacity", "unplaced_reason"])
                for e in entries {
                    listing.append([
                        .optional(e.date.map { $0.weekday.label(lang) }), .optional(e.date?.iso), .optional(e.startMinute.map(OpeningInterval.clock)),
                        .optional(e.endMinute.map(OpeningInterval.clock)), .optional(e.siteCode), .optional(e.roomCode), .optional(e.conseillerCode),
                        .text(e.kind.code), .text(e.sessionCode), .text(e.title), .number(Int64(e.registered)), .number(Int64(e.capacity)),
                        .optional(e.unassignedReason),
                    ])
                }
                let text: String
                switch format {
                case .csv, .json:
                    text = OutputOptions.render(listing, format: format == .csv ? .csv : .json, csvSeparator: csvSeparator, bom: bom)
                case .table, .html:
                    let header = lang.pick(
                        en: "week \(w) — version \(version.version) (\(version.status)), score hard \(version.hardViolations) soft \(version.softScore)\n",
                        fr: "semaine \(w) — version \(version.version) (\(version.status == "draft" ? "brouillon" : version.status == "published" ? "publiée" : "remplacée")), score dur \(version.hardViolations) souple \(version.softScore)\n")
                    text = header + TableRenderer.render(listing)
                }
                try ScheduleOutput.write(text, to: out)
            }
        }
    }
}
