import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisScheduling
import RelaisStore

extension RelaisSchedule {
    /// `demo-week`: a metropolis-sized week for the `plan` benchmark.
    struct DemoWeek: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo-week",
            abstract: "Fill an empty database with a scaled week (default 50 conseillers, 12 sites, 400 sessions).",
            discussion: """
                For benchmarks (Benchmarks/schedule-plan/run.sh, part of make bench-schedule) and trials at the size of a metropolis.

                Example:
                  relais-schedule demo-week --database /tmp/big.sqlite --week 2026-W49
                  relais-schedule plan --database /tmp/big.sqlite --week 2026-W49 --time-limit 20
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "ISO week to fill.") var week: String
        @Option(help: "Conseillers.") var conseillers: Int = 50
        @Option(help: "Sites.") var sites: Int = 12
        @Option(help: "Sessions.") var sessions: Int = 400
        @Option(help: "Seed.") var seed: UInt64 = 1

        func run() throws {
            try runCommand(language.language) {
                let w = try ScheduleParse.week(week)
                _ = try TextRules.inRange(conseillers, 1...1000, field: "conseillers")
                _ = try TextRules.inRange(sites, 1...200, field: "sites")
                _ = try TextRules.inRange(sessions, 1...10_000, field: "sessions")
                let db = try database.openCreating()
                if (try db.scalar("SELECT count(*) FROM sites").int ?? 0) > 0 {
                    throw CommandFailure(en: "the database already holds sites; demo-week fills an empty database only", fr: "la base contient déjà des lieux ; demo-week ne remplit qu’une base vide")
                }
                let s = try ScaledWeekDemo(conseillers: conseillers, sites: sites, sessions: sessions, permanences: sessions * 15 / 100, seed: seed).populate(db, week: w)
                print("\(w): \(s.sites) sites, \(s.rooms) rooms, \(s.conseillers) conseillers, \(s.workshops) workshops, \(s.sessions) sessions (\(s.permanences) permanences)")
            }
        }
    }
}
