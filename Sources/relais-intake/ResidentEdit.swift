import ArgumentParser
import RelaisCLI
import RelaisCore
import RelaisStore

extension RelaisIntake {
    struct ResidentEdit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a resident's details; an empty value clears a field. Every change is audited.",
            discussion: """
                A resident whose personal data was erased (relais-admin privacy erase, or the retention
                purge) keeps its statistical fields, which may be corrected, but takes no first name, last
                name, phone or e-mail again: record the person anew with resident add.

                Examples:
                  relais-intake resident edit 42 --phone "07 00 00 00 01"
                  relais-intake resident edit 42 --email ""          (clears the e-mail)
                  relais-intake resident edit 57 --first-name Karim   (an anonymous resident becomes followed)
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The resident's number.") var resident: String
        @OptionGroup var fields: ResidentFieldOptions

        func validate() throws {
            if fields.changes.isEmpty { throw ArgumentParser.ValidationError("say what to change, e.g. --phone \"06 12 34 56 78\"") }
        }

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let id = try IntakeInput.residentID(resident)
                let db = try database.open()
                let (record, changed) = try ResidentStore.edit(
                    db, id: id, changes: fields.changes, consentVersion: try IntakeReferences.currentConsentVersion(db),
                    actor: agent.identity, today: ParisTime.today())
                if changed.isEmpty {
                    print(lang.pick(en: "Nothing changed for resident #\(id).", fr: "Rien n’a changé pour l’habitant n° \(id)."))
                } else {
                    let list = changed.map(\.rawValue).joined(separator: ", ")
                    print(lang.pick(en: "Resident #\(id) updated (\(list)): ", fr: "Habitant n° \(id) modifié (\(list)) : ")
                        + IntakeListings.residentLine(record, lang))
                }
            }
        }
    }
}
