import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisSchedule {
    /// `enroll`: a resident takes a seat, or a numbered place on the waiting list.
    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enroll",
            abstract: "Enrol a resident in a workshop session: a seat, else the waiting list.",
            discussion: """
                The session's capacity is respected: when it is full the resident gets a numbered place
                on the waiting list. Two desks taking the last seat at the same moment: one gets it,
                the other is waitlisted. Enrolling the same resident twice is refused.

                Examples:
                  relais-schedule enroll 1234 S-2026-W49-012
                  relais-schedule unenroll 1234 S-2026-W49-012
                  relais-schedule registrations S-2026-W49-012
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "Resident number.") var resident: String
        @Argument(help: "Session code.") var session: String

        func run() throws {
            try runCommand(language.language) {
                let id = try ScheduleParse.resident(resident)
                let db = try database.open()
                switch try ScheduleStore.enrol(db, sessionCode: session, resident: id, actor: agent.identity) {
                case .registered:
                    print(language.language.pick(en: "registered: resident \(id) has a seat in \(session)", fr: "inscrit : la personne \(id) a une place à \(session)"))
                case .waitlisted(let position):
                    print(language.language.pick(
                        en: "waitlisted: session \(session) is full; resident \(id) is number \(position) on the waiting list",
                        fr: "liste d’attente : la séance \(session) est complète ; la personne \(id) est n° \(position) en liste d’attente"))
                }
            }
        }
    }

    /// `unenroll`: a cancellation; the first person waiting gets the seat.
    struct Unenroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unenroll",
            abstract: "Cancel a registration; the first person waiting takes the freed seat.",
            discussion: "Example:\n  relais-schedule unenroll 1234 S-2026-W49-012")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "Resident number.") var resident: String
        @Argument(help: "Session code.") var session: String

        func run() throws {
            try runCommand(language.language) {
                let id = try ScheduleParse.resident(resident)
                let db = try database.open()
                let promoted = try ScheduleStore.cancelEnrolment(db, sessionCode: session, resident: id, actor: agent.identity)
                print(language.language.pick(en: "registration of resident \(id) to \(session) cancelled", fr: "inscription de la personne \(id) à \(session) annulée"))
                if let promoted {
                    print(language.language.pick(en: "resident \(promoted) moves up from the waiting list and has a seat", fr: "la personne \(promoted) passe de la liste d’attente à une place"))
                }
            }
        }
    }

    /// `registrations`: who holds a seat, who waits.
    struct Registrations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registrations",
            abstract: "List a session's registrations: seats, waiting list, attendance.",
            discussion: "Example:\n  relais-schedule registrations S-2026-W49-012 --format csv")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "Session code.") var session: String

        func run() throws {
            try runCommand(language.language) {
                let db = try database.open()
                var listing = Listing(columns: ["resident", "name", "status", "waitlist_position", "attendance"])
                for r in try ScheduleStore.registrations(db, sessionCode: session) {
                    listing.append([
                        .number(r.residentID), .text(r.residentName), .text(r.status.code),
                        r.waitlistPosition.map { .number(Int64($0)) } ?? .empty, .optional(r.attendance?.code),
                    ])
                }
                Terminal.write(output.render(listing))
            }
        }
    }
}
