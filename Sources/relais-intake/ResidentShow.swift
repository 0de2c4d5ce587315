import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct ResidentShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Everything about a resident: details, consent, requests, accompaniments, registrations, loans.",
            discussion: """
                Example:
                  relais-intake resident show 42
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The resident's number (as shown by resident find).") var resident: String

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let id = try IntakeInput.residentID(resident)
                let db = try database.open()
                let file = try ResidentStore.file(db, id: id)
                let r = file.record.resident
                let today = ParisTime.today()
                func line(_ en: String, _ fr: String, _ value: String?) {
                    guard let value else { return }
                    // Values line up after the longest label ("Année de naissance:"), one space at least.
                    let label = lang.pick(en: en, fr: fr) + ":"
                    print(label + String(repeating: " ", count: max(1, 21 - label.count)) + value)
                }
                print(lang.pick(en: "Resident #\(id)", fr: "Habitant n° \(id)")
                    + (r.isAnonymous ? lang.pick(en: " (anonymous)", fr: " (anonyme)") : ""))
                if let target = file.record.mergedInto {
                    print(lang.pick(en: "Merged into #\(target).", fr: "Fusionné avec le n° \(target)."))
                }
                if let erased = file.record.anonymisedAt {
                    let day = IntakeClock.day(ParisTime.today(erased), lang)
                    print(lang.pick(en: "Personal data erased on \(day).", fr: "Données personnelles effacées le \(day)."))
                }
                if let d = r.details {
                    line("First name", "Prénom", d.firstName)
                    line("Last name", "Nom", d.lastName)
                    line("Phone", "Téléphone", d.phone.map(Phone.display))
                    line("E-mail", "E-mail", d.email)
                    line("Consent", "Consentement", "\(IntakeClock.day(d.consent.date, lang)) (\(lang.pick(en: "text", fr: "texte")) \(d.consent.textVersion))")
                }
                line("Birth year", "Année de naissance", r.birthYear.map(String.init))
                line("Age bracket", "Tranche d’âge", r.ageBracket(referenceYear: today.year).label(lang))
                line("Gender", "Genre", r.gender.label(lang))
                line("Social status", "Statut social", r.socialStatus.label(lang))
                line("Commune", "Commune", [r.commune, r.postcode].compactMap { $0 }.joined(separator: " ").nilIfEmpty)
                line("Recorded", "Enregistré", "\(IntakeClock.dateTime(file.record.createdAt, lang)) (\(file.record.createdBy))")
                line("Last activity", "Dernière activité", IntakeClock.dateTime(file.record.lastActivityAt, lang))
                print("")
                print(lang.pick(en: "Requests (\(file.requests.count))", fr: "Demandes (\(file.requests.count))"))
                for q in file.requests {
                    print("  \(q.number)  \(ParisTime.today(q.openedAt).iso)  \(q.status.label(lang))  \(q.siteCode)  \(q.summary)")
                }
                print("")
                print(lang.pick(en: "Accompaniments (\(file.accompaniments.count))", fr: "Accompagnements (\(file.accompaniments.count))"))
                for a in file.accompaniments {
                    print("  \(a.day.iso)  \(a.durationMinutes) min  \(a.type.label(lang))  \(a.themes.map(\.code).joined(separator: ","))"
                        + (a.requestNumber.map { "  \($0)" } ?? ""))
                }
                print("")
                print(lang.pick(en: "Workshop registrations (\(file.registrations.count))", fr: "Inscriptions aux ateliers (\(file.registrations.count))"))
                for g in file.registrations {
                    let when = g.startsAt.map { IntakeClock.dateTime($0, lang) } ?? g.week
                    print("  \(when)  \(g.title)" + (g.siteCode.map { "  \($0)" } ?? "") + "  \(g.status.label(lang))"
                        + (g.attendance.map { " · \($0.label(lang))" } ?? ""))
                }
                print("")
                print(lang.pick(en: "Loans (\(file.loans.count))", fr: "Prêts (\(file.loans.count))"))
                for l in file.loans {
                    var line = "  \(l.number)  \(l.item(lang))  \(IntakeClock.day(l.lentOn, lang))"
                    if let due = l.dueOn { line += lang.pick(en: "  due ", fr: "  retour prévu ") + IntakeClock.day(due, lang) }
                    if let back = l.returnedOn { line += lang.pick(en: "  returned ", fr: "  rendu ") + IntakeClock.day(back, lang) }
                    print(line + "  \(l.status.label(lang))")
                }
            }
        }
    }
}

extension String {
    /// `nil` for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
