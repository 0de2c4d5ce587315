import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisAdmin {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Fill an empty database with a realistic Échirolles-like year of activity.",
            discussion: """
                Four maisons des habitants, a library and the maison des associations with rooms and opening hours; five conseillers, desk agents and a coordinator; about 300 residents and 333 help requests per scale unit with their accompaniments and audit trail; workshops with registrations and attendance; an association website series; refurbished devices, SIM stock and loans, some overdue.
                The same seed and date give the same content.

                --scale multiplies residents, requests, accompaniments and audit events (--scale 3000 is about a million requests); progress shows on a terminal.

                Examples:
                  relais-admin demo --database demo/relais.sqlite
                  relais-admin demo --seed 7 --scale 100 --database bench.sqlite
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Option(help: "Random seed: the same seed gives the same data.") var seed: UInt64 = 42
        @Option(help: "Multiplies the activity (1 = one town's year; at most \(DemoGenerator.maxScale), about a million requests).")
        var scale: Int = 1
        @Option(help: "The day the demo year ends on, yyyy-mm-dd (default: today).") var today: String?

        func validate() throws {
            guard (1...DemoGenerator.maxScale).contains(scale) else {
                throw ArgumentParser.ValidationError(
                    "--scale must be between 1 and \(DemoGenerator.maxScale) (request numbers allow 999,999 a year)")
            }
            if let today {
                do { _ = try LocalDate(parsing: today, field: "today") } catch {
                    throw ArgumentParser.ValidationError("--today must be a date like 2026-11-29")
                }
            }
        }

        func run() throws {
            try runCommand(language.language) {
                let lang = language.language
                let day = try today.map { try LocalDate(parsing: $0, field: "today") } ?? ParisTime.today()
                let db = try database.openCreating()
                let progress = ProgressLine(lang.pick(en: "demo data", fr: "données de démo"), total: scale)
                let started = Date()
                let summary = try DemoGenerator(seed: seed, scale: scale, today: day).run(into: db) { done, _ in progress.update(done) }
                progress.finish()
                let seconds = Date().timeIntervalSince(started)
                let rate = Int(Double(summary.totalRows) / max(seconds, 0.001))
                print(lang.pick(
                    en: "Demo data written: \(summary.rows["residents"] ?? 0) residents, \(summary.rows["help_requests"] ?? 0) requests, \(summary.rows["accompaniments"] ?? 0) accompaniments, \(summary.rows["loans"] ?? 0) loans — \(summary.totalRows) rows in \(String(format: "%.1f", seconds)) s (\(rate) rows/s).",
                    fr: "Données de démo écrites : \(summary.rows["residents"] ?? 0) habitants, \(summary.rows["help_requests"] ?? 0) demandes, \(summary.rows["accompaniments"] ?? 0) accompagnements, \(summary.rows["loans"] ?? 0) prêts — \(summary.totalRows) lignes en \(String(format: "%.1f", seconds)) s (\(rate) lignes/s)."))
            }
        }
    }
}
