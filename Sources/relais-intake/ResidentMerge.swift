import ArgumentParser
import RelaisCLI
import RelaisStore

extension RelaisIntake {
    struct ResidentMerge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge resident B into resident A: every record of B moves to A. Irreversible.",
            discussion: """
                Requests, accompaniments, workshop registrations and loans move to A; A's blank fields are
                filled from B; B keeps only a pointer to A (its personal details are erased). The merge is
                audited on both. On a terminal it asks for confirmation; otherwise add --yes.
                When A and B are both registered to a session, the registration with the most informative
                attendance stays (present, then excused, then no-show, then none) and the output says how
                many such pairs were folded into one. A resident whose personal data was erased
                (relais-admin privacy erase, or the retention purge) cannot be merged, on either side.

                Example:
                  relais-intake resident merge 42 97 --yes
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var agent: AgentOptions
        @OptionGroup var language: LanguageOptions
        @Argument(help: "The resident to keep (A).") var keep: String
        @Argument(help: "The duplicate to merge into A (B).") var absorb: String
        @Flag(help: "Confirm the merge without asking (it cannot be undone).") var yes = false

        func run() throws {
            let lang = language.language
            try runIntake(lang) {
                let a = try IntakeInput.residentID(keep)
                let b = try IntakeInput.residentID(absorb)
                let db = try database.open()
                if a != b {
                    let first = try ResidentStore.mergeable(db, id: a)
                    let second = try ResidentStore.mergeable(db, id: b)
                    if !yes {
                        guard Prompter.isAvailable() else {
                            throw CommandFailure(
                                en: "merging #\(b) into #\(a) cannot be undone; add --yes to confirm",
                                fr: "la fusion du n° \(b) dans le n° \(a) est irréversible ; ajoutez --yes pour confirmer")
                        }
                        let prompter = Prompter(language: lang)
                        prompter.say(lang.pick(en: "Keep:  ", fr: "Garder :    ") + IntakeListings.residentLine(first, lang) + "\n")
                        prompter.say(lang.pick(en: "Merge: ", fr: "Fusionner : ") + IntakeListings.residentLine(second, lang) + "\n")
                        guard try prompter.confirm(lang.pick(en: "Merge? This cannot be undone", fr: "Fusionner ? C’est irréversible"), default: false)
                        else {
                            throw CommandFailure(en: "nothing merged", fr: "rien n’a été fusionné")
                        }
                    }
                }
                let summary = try ResidentStore.merge(db, keep: a, absorb: b, actor: agent.identity)
                let folded = summary.foldedRegistrations
                print(lang.pick(
                    en: "Resident #\(b) merged into #\(a): \(summary.requests) request(s), \(summary.accompaniments) accompaniment(s), \(summary.registrations) registration(s), \(summary.loans) loan(s) moved."
                        + (folded > 0 ? " \(folded) duplicate registration(s) to the same session folded into one (the most informative attendance kept)." : ""),
                    fr: "Habitant n° \(b) fusionné dans le n° \(a) : \(summary.requests) demande(s), \(summary.accompaniments) accompagnement(s), \(summary.registrations) inscription(s), \(summary.loans) prêt(s) déplacés."
                        + (folded > 0 ? " \(folded) inscription(s) en double à la même séance réunie(s) en une (la présence la plus parlante gardée)." : "")))
            }
        }
    }
}
