import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisSchedule {
    /// `demand`: what a week needs — workshop sessions, appointments, permanences, series.
    struct Demand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demand",
            abstract: "A week's demand: workshop sessions, appointment slots, permanences, association series.",
            subcommands: [List.self, Workshop.self, Appointment.self, Permanence.self, Permanences.self, Series.self, Cancel.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List a week's sessions with their status and placement.",
                discussion: "Examples:\n  relais-schedule demand list --week 2026-W49\n  relais-schedule demand list --week 2026-W49 --format json")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "ISO week, e.g. 2026-W49.") var week: String

            func run() throws {
                try runCommand(language.language) {
                    let w = try ScheduleParse.week(week)
                    let db = try database.open()
                    var listing = Listing(columns: ["session", "kind", "title", "skill", "minutes", "capacity", "site", "series", "status", "conseiller", "room", "starts"])
                    for s in try ScheduleStore.sessions(db, week: w) {
                        let starts = s.local.map { "\($0.day.iso) \(OpeningInterval.clock($0.minute))" }
                        listing.append([
                            .text(s.code), .text(s.kind.code), .text(s.title), .optional(s.skill), .number(Int64(s.durationMinutes)),
                            .number(Int64(s.capacity)), .optional(s.siteCode), .optional(s.seriesCode), .text(s.status),
                            .optional(s.conseillerCode), .optional(s.roomCode), .optional(starts),
                        ])
                    }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct When: ParsableArguments {
            @Option(help: "Fixed day (mon…sat); the solver chooses when absent.") var day: String?
            @Option(help: "Fixed start time, e.g. 14:00 (with --day).") var at: String?

            func fixed() throws -> (weekday: Int, minute: Int)? {
                guard let day else { return nil }
                let weekday = try ScheduleParse.plannedDay(day)
                let minute = try OpeningInterval.minutes(at ?? "09:00", field: "at")
                guard ScheduleGrid.isOnGrid(minute) else { throw RelaisCore.ValidationError.invalidFormat("at", expected: "14:00 or 14:30") }
                return (weekday.rawValue, minute)
            }
        }

        struct Workshop: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "workshop",
                abstract: "Add a workshop session to a week.",
                discussion: """
                    Refused when no room (at --site, or anywhere) seats --capacity with the equipment needed.

                    Examples:
                      relais-schedule demand workshop --week 2026-W49 --workshop messagerie --site mdh-surieux
                      relais-schedule demand workshop --week 2026-W49 --workshop ia-au-quotidien --site bib-neruda --required-site --day thu --at 14:00
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "ISO week.") var week: String
            @Option(help: "Catalogue code.") var workshop: String
            @Option(help: "Preferred site.") var site: String?
            @Flag(help: "The session must take place at --site.") var requiredSite = false
            @Option(help: "Seats (default: the catalogue's).") var capacity: Int?
            @Option(help: "Priority 1–10 (higher: placed first).") var priority: Int = 1
            @OptionGroup var when: When

            func run() throws {
                try runCommand(language.language) {
                    let w = try ScheduleParse.week(week)
                    _ = try TextRules.inRange(priority, 1...10, field: "priority")
                    let fixed = try when.fixed()
                    let db = try database.open()
                    let code = try ScheduleStore.addWorkshopSession(
                        db, week: w, workshopCode: workshop, siteCode: site, siteRequired: requiredSite && site != nil, capacity: capacity,
                        priority: priority, fixed: fixed, actor: agent.identity)
                    print(language.language.pick(en: "session \(code) added to \(w)", fr: "séance \(code) ajoutée à \(w)"))
                }
            }
        }

        struct Appointment: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "appointment",
                abstract: "Add individual appointment slots to a week.",
                discussion: "Example:\n  relais-schedule demand appointment --week 2026-W49 --site mdh-essarts --skill aide_aux_demarches_administratives --minutes 60 --count 4")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "ISO week.") var week: String
            @Option(help: "Site.") var site: String
            @Option(help: "Skill needed (ANCT theme), if any.") var skill: String?
            @Option(help: "Length in minutes.") var minutes: Int = 60
            @Option(help: "How many slots.") var count: Int = 1
            @OptionGroup var when: When

            func run() throws {
                try runCommand(language.language) {
                    let w = try ScheduleParse.week(week)
                    let theme = try skill.map { try Theme.parse($0) }
                    _ = try TextRules.inRange(count, 1...50, field: "count")
                    let fixed = try when.fixed()
                    let db = try database.open()
                    var codes: [String] = []
                    try db.transaction { db in
                        for _ in 0..<count {
                            codes.append(try ScheduleStore.addSlot(
                                db, week: w, kind: .appointment, siteCode: site, skill: theme, durationMinutes: minutes, fixed: fixed, actor: agent.identity))
                        }
                    }
                    print(language.language.pick(en: "added to \(w): \(codes.joined(separator: ", "))", fr: "ajouté à \(w) : \(codes.joined(separator: ", "))"))
                }
            }
        }

        struct Permanence: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "permanence",
                abstract: "Add a weekly permanence (drop-in desk duty) a site needs covered.",
                discussion: """
                    Every week planned from now on gets a session for it, at that fixed time and site.

                    Example:
                      relais-schedule demand permanence --site mdh-surieux --day tue --time 09:00-12:00 --skill aide_aux_demarches_administratives
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Option(help: "Site.") var site: String
            @Option(help: "Day of the week (mon…sat).") var day: String
            @Option(help: "Time span on the half hour, e.g. 09:00-12:00.") var time: String
            @Option(help: "Skill needed (ANCT theme), if any.") var skill: String?

            func run() throws {
                try runCommand(language.language) {
                    let weekday = try ScheduleParse.plannedDay(day)
                    let (start, end) = try ScheduleParse.span(time)
                    let theme = try skill.map { try Theme.parse($0) }
                    let db = try database.open()
                    let id = try ScheduleStore.addPermanence(
                        db, siteCode: site, weekday: weekday, startMinute: start, durationMinutes: end - start, skill: theme, actor: agent.identity)
                    print(language.language.pick(en: "permanence \(id) added", fr: "permanence \(id) ajoutée"))
                }
            }
        }

        struct Permanences: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "permanences",
                abstract: "List the weekly permanences.", discussion: "Example:\n  relais-schedule demand permanences")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: OutputOptions
            @OptionGroup var language: LanguageOptions

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    var listing = Listing(columns: ["id", "site", "day", "from", "to", "skill"])
                    for p in try ScheduleStore.permanences(db) {
                        listing.append([
                            .number(p.id), .text(p.siteCode), .text(p.weekday.label(language.language)), .text(OpeningInterval.clock(p.startMinute)),
                            .text(OpeningInterval.clock(p.startMinute + p.durationMinutes)), .optional(p.skill?.code),
                        ])
                    }
                    Terminal.write(output.render(listing))
                }
            }
        }

        struct Series: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "series",
                abstract: "Start an association website series: one session a week for six weeks.",
                discussion: """
                    The planner keeps the same conseiller and slot from one week to the next where it can.

                    Example:
                      relais-schedule demand series asso-jardins-1 --association "Jardins partagés" --workshop site-association \\
                        --start-week 2026-W49 --conseiller c-moussa --site maison-assos
                    """)
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Series code.") var code: String
            @Option(help: "Association name.") var association: String
            @Option(help: "Catalogue code.") var workshop: String
            @Option(help: "First ISO week.") var startWeek: String
            @Option(help: "Conseiller wanted.") var conseiller: String?
            @Option(help: "Preferred site.") var site: String?
            @Option(help: "Number of sessions.") var sessions: Int = 6

            func run() throws {
                try runCommand(language.language) {
                    let w = try ScheduleParse.week(startWeek)
                    let db = try database.open()
                    let codes = try ScheduleStore.addSeries(
                        db, code: code, association: association, workshopCode: workshop, startWeek: w, conseillerCode: conseiller, siteCode: site,
                        count: sessions, actor: agent.identity)
                    print(language.language.pick(en: "series \(code): \(codes.joined(separator: ", "))", fr: "série \(code) : \(codes.joined(separator: ", "))"))
                }
            }
        }

        struct Cancel: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "cancel",
                abstract: "Cancel a session (kept, marked cancelled; its calendar event says so).",
                discussion: "Example:\n  relais-schedule demand cancel S-2026-W49-N12")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var agent: AgentOptions
            @OptionGroup var language: LanguageOptions
            @Argument(help: "Session code.") var session: String

            func run() throws {
                try runCommand(language.language) {
                    let db = try database.open()
                    try ScheduleStore.cancelSession(db, code: session, actor: agent.identity)
                    print(language.language.pick(en: "session \(session) cancelled", fr: "séance \(session) annulée"))
                }
            }
        }
    }
}
