import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct Receipt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "receipt",
            abstract: "A short printable receipt for the resident: number, date, site and hours, what happens next.",
            discussion: """
                No personal data beyond the resident's first name (no summary, no notes). In French
                unless --lang en.

                Examples:
                  relais-intake receipt D-2026-000123
                  relais-intake receipt D-2026-000123 | lp
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The request number.") var number: String

        func run() throws {
            let lang = language.lang ?? .fr
            try runIntake(language.language) {
                let number = try IntakeInput.number(number)
                let db = try database.open()
                let file = try RequestStore.file(db, number: number)
                let appointment = try file.request.residentId.flatMap { try RequestStore.nextAppointment(db, residentID: $0, after: Date()) }
                Terminal.write(IntakeReceipt.render(file, nextAppointment: appointment, language: lang))
            }
        }
    }
}
