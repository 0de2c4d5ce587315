import ArgumentParser
import RelaisCLI
import RelaisCore

extension RelaisIntake {
    struct Refer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refer",
            abstract: "Refer a request to a partner structure (ANCT referral code, and optionally its name).",
            discussion: """
                Codes: administration, mediation_numerique, operateur_ou_organisme_en_charge, aide_sociale,
                insertion_professionnelle, aide_aux_demarches_administratives, autre.
                Examples:
                  relais-intake refer D-2026-000123 --to operateur_ou_organisme_en_charge --name "CAF de l’Isère"
                  relais-intake refer D-2026-000123 --to aide_aux_demarches_administratives --name "France Services Échirolles"
                """)

        @OptionGroup var request: LifecycleOptions
        @Option(help: "The ANCT referral structure code.") var to: String
        @Option(help: "The partner's name (at most 100 characters).") var name: String?
        @Option(help: "A comment kept in the timeline.") var comment: String?

        func run() throws {
            try request.perform(comment: comment) { _, _ in .refer(try ReferralStructure.parse(to), partnerName: name) }
        }
    }
}
