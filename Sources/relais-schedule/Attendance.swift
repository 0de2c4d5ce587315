import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisSchedule {
    /// `attendance`: who came to a held session.
    struct Attendance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attendance",
            abstract: "Take attendance: present / excused / no-show per registration, plus anonymous walk-ins.",
            discussion: """
                Refused before the session has started. Walk-ins are counts by gender, age bracket and
                status: GENDER:AGE_BRACKET:STATUS=COUNT (a blank part is non_communique). Then close the
                session to turn it into the funder's collective activity.

                Examples:
                  relais-schedule attendance S-2026-W49-012 --present 1234,1240 --excused 1251 --no-show 1260
                  relais-schedule attendance S-2026-W49-012 --walkin feminin:soixante_soixante_neuf:retraite=2 --walkin masculin::=1
                  relais-schedule close-session S-2026-W49-012
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "Session code.") var session: String
        @Option(help: "Residents present (numbers, comma-separated).") var present: String = ""
        @Option(help: "Residents excused.") var excused: String = ""
        @Option(help: "Residents who did not come.") var noShow: String = ""
        @Option(help: "Anonymous walk-ins, e.g. feminin:soixante_soixante_neuf:retraite=2 (repeatable).") var walkin: [String] = []
        @Option(help: "Record as of the end of this day (attendance taken on paper, demos).") var today: String?

        func run() throws {
            try runCommand(language.language) {
                var marks: [Int64: RelaisCore.Attendance] = [:]
                for (text, mark) in [(present, RelaisCore.Attendance.present), (excused, .excused), (noShow, .noShow)] {
                    for part in text.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                        let id = try ScheduleParse.resident(String(part))
                        if marks[id] != nil {
                            throw CommandFailure(en: "resident \(id) is marked twice; give one mark per resident", fr: "la personne \(id) est pointée deux fois ; une seule mention par personne")
                        }
                        marks[id] = mark
                    }
                }
                let walkins = try walkin.map { try WalkinCount(parsing: $0) }
                let now = try today.map { ParisTime.instant(try ScheduleParse.date($0, field: "today"), minute: 23 * 60 + 59) } ?? Date()
                let db = try database.open()
                try ScheduleStore.recordAttendance(db, sessionCode: session, marks: marks, walkins: walkins, now: now, actor: agent.identity)
                let anonymous = walkins.map(\.count).reduce(0, +)
                print(language.language.pick(
                    en: "attendance of \(session) recorded: \(marks.values.filter { $0 == .present }.count) present, \(anonymous) walk-in(s)",
                    fr: "appel de \(session) enregistré : \(marks.values.filter { $0 == .present }.count) présent(s), \(anonymous) participant(s) anonyme(s)"))
            }
        }
    }

    /// `close-session`: the held session becomes the funder's collective activity.
    struct CloseSession: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-session",
            abstract: "Close a held session: it becomes an ANCT collective activity (atelier collectif).",
            discussion: """
                The activity takes the workshop's title, level and theme, the duration, the site, the
                residents marked present and the anonymous walk-ins — the funder's record, with no
                second entry. Refused until attendance is taken.

                Example:
                  relais-schedule close-session S-2026-W49-012
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "Session code.") var session: String

        func run() throws {
            try runCommand(language.language) {
                let db = try database.open()
                let id = try ScheduleStore.closeSession(db, sessionCode: session, actor: agent.identity)
                print(language.language.pick(en: "session \(session) closed: collective activity \(id) recorded", fr: "séance \(session) clôturée : activité collective \(id) enregistrée"))
            }
        }
    }
}
