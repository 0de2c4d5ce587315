import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct RequestShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A request and its timeline: every event with who and when.",
            discussion: """
                Example:
                  relais-intake request show D-2026-000123
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The request number, e.g. D-2026-000123.") var number: String

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let number = try IntakeInput.number(number)
                let db = try database.open()
                let file = try RequestStore.file(db, number: number)
                let r = file.request
                func line(_ en: String, _ fr: String, _ value: String?) {
                    guard let value, !value.isEmpty else { return }
                    print((lang.pick(en: en, fr: fr) + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value)
                }
                print(lang.pick(en: "Request \(number)", fr: "Demande \(number)"))
                line("Status", "Statut", r.status.label(lang) + " (\(r.status.code))")
                line("Site", "Lieu", "\(file.site.name) (\(file.site.code))")
                line("Channel", "Canal", r.channel.label(lang))
                line("Field", "Domaine", r.field.label(lang))
                line("Themes", "Thématiques", r.themes.map(\.code).joined(separator: ", "))
                line("Sub-themes", "Sous-thèmes", r.subThemes.map(\.code).joined(separator: ", "))
                line("Urgency", "Urgence", r.urgency.label(lang))
                line("Deadline", "Échéance", r.deadline.map { IntakeClock.day($0, lang) })
                line("Resident", "Habitant", file.resident.map { IntakeListings.residentLine($0, lang) })
                line("Assignee", "Attribuée à", r.assigneeCode)
                line("Outcome", "Issue", r.outcome.map { $0.label(lang) })
                line("Referred to", "Réorientée", r.referral.map { $0.structure.code + ($0.partnerName.map { " — \($0)" } ?? "") })
                line("Opened", "Ouverte", "\(IntakeClock.dateTime(file.openedAt, lang)) (\(file.openedBy))")
                line("Summary", "Résumé", r.summary)
                print("")
                print(lang.pick(en: "Timeline", fr: "Historique"))
                for event in file.timeline {
                    var text = "  \(IntakeClock.dateTime(event.at, lang))  \(event.actor)  \(event.action)"
                    if let field = event.field {
                        text += "  \(field): \(event.oldValue ?? "–") → \(event.newValue ?? "–")"
                    }
                    if let note = event.note { text += "  « \(note) »" }
                    print(text)
                }
                if !file.accompaniments.isEmpty {
                    print("")
                    print(lang.pick(en: "Accompaniments", fr: "Accompagnements"))
                    for a in file.accompaniments {
                        print("  \(IntakeClock.day(a.day, lang))  \(a.durationMinutes) min  \(a.placeType.code)  \(a.themes.map(\.code).joined(separator: ","))"
                            + (a.staffCode.map { "  \($0)" } ?? ""))
                    }
                }
            }
        }
    }
}
