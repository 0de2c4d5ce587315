import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct ImportRequests: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "requests",
            abstract: "Import historical help requests from CSV: all or nothing, every bad line reported.",
            discussion: """
                Separator ',' or ';' (detected), UTF-8 with or without BOM, quoted fields may hold newlines.
                Required columns: opened_on, site, channel, field, summary. Optional: themes, sub_themes,
                urgency, deadline, status, outcome, referral, referral_name, assignee, closed_on, first_name,
                last_name, phone, email, birth_year, commune, postcode, gender, social_status, anonymous.
                A row with a first name is linked to the one resident (recorded, or from an earlier row) with the
                same name whose phone and e-mail do not differ; with none it creates one, with several the row
                is refused (add a phone or an e-mail). Statistical fields alone create an anonymous resident.
                A file imported before (the same content) is refused unless --again. See docs/samples/.

                Examples:
                  relais-intake import requests docs/samples/requests-good.csv --dry-run
                  relais-intake import requests historique-2025.csv
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check every row and say what would be imported; write nothing.") var dryRun = false
        @Flag(help: "Import a file imported before a second time (its requests are recorded again).") var again = false

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let text = try TextFile.read(file, saveAs: "CSV UTF-8")
                let reader = try CSVReader(text: text)
                let db = try database.open()
                let progress = ProgressLine(lang.pick(en: "import", fr: "import"), total: max(1, reader.records.count * 2))
                let summary: ImportSummary
                do {
                    summary = try RequestImporter(db, actor: agent.identity, today: ParisTime.today()).run(
                        header: reader.header, records: reader.records.map { ($0.line, $0.fields) }, dryRun: dryRun,
                        source: ImportSource(path: file, text: text), again: again, progress: { done, _ in progress.update(done) })
                } catch {
                    progress.finish()  // the bad lines start on a clean line
                    throw error
                }
                progress.finish()
                let ranges = summary.numbers.sorted { $0.key < $1.key }.map { year, range in
                    "\((try? RequestNumber(year: year, sequence: range.lowerBound))?.description ?? "") … \((try? RequestNumber(year: year, sequence: range.upperBound))?.description ?? "")"
                }.joined(separator: ", ")
                let residents = lang.pick(
                    en: "\(summary.residentsCreated) new resident(s) (\(summary.anonymousResidents) anonymous), \(summary.residentsMatched) existing resident(s) matched",
                    fr: "\(summary.residentsCreated) nouvel(s) habitant(s) (\(summary.anonymousResidents) anonyme(s)), \(summary.residentsMatched) habitant(s) existant(s) retrouvé(s)")
                    + (summary.namesakes == 0 ? "" : lang.pick(
                        en: " — \(summary.namesakes) new resident(s) share a name with a resident already recorded under another phone or e-mail: check them with resident find",
                        fr: " — \(summary.namesakes) nouvel(s) habitant(s) portent le nom d’un habitant déjà enregistré avec un autre téléphone ou e-mail : vérifiez-les avec resident find"))
                if dryRun {
                    print(lang.pick(
                        en: "Dry run: \(summary.requests) request(s) would be imported, \(residents); nothing was written.",
                        fr: "Essai : \(summary.requests) demande(s) seraient importées, \(residents) ; rien n’a été écrit."))
                } else {
                    print(lang.pick(
                        en: "Imported \(summary.requests) request(s) (\(ranges)), \(residents).",
                        fr: "\(summary.requests) demande(s) importée(s) (\(ranges)), \(residents)."))
                }
            }
        }
    }
}
