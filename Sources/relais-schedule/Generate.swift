import ArgumentParser
import RelaisCLI
import RelaisPlanning

extension RelaisSchedule {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a seeded instance of a benchmark family.",
            discussion: """
                Sizes XS, S, M, L, XL (see docs/scheduling.md); tightness is demanded hours
                divided by contracted hours: 0.75 and 0.9 have a complete plan, 1.05 is
                over-constrained on purpose. The same size, tightness and seed give the same file.

                Examples:
                  relais-schedule generate --size M --tightness 0.9 --seed 1 --out m.json
                """)

        @Option(help: "XS, S, M, L or XL.")
        var size: String

        @Option(help: "Demanded ÷ contracted hours (0.75, 0.9, 1.05; any value in (0.1, 2]).")
        var tightness: Double

        @Option(help: "Seed of the random generator.")
        var seed: UInt64 = 1

        @Option(help: "Write the instance here instead of standard output.")
        var out: String?

        @OptionGroup var language: LanguageOptions

        func validate() throws {
            let lang = language.language
            if InstanceSize(rawValue: size.uppercased()) == nil {
                throw usageError(lang, en: "--size must be one of XS, S, M, L, XL", fr: "--size doit valoir XS, S, M, L ou XL")
            }
            if !(tightness > 0.1 && tightness <= 2) {
                throw usageError(lang, en: "--tightness must be in (0.1, 2]", fr: "--tightness doit être dans ]0,1 ; 2]")
            }
        }

        func run() throws {
            try runPlanning(language.language) {
                let family = InstanceSize(rawValue: size.uppercased()) ?? .xs
                let instance = Generator.generate(size: family, tightness: tightness, seed: seed)
                if let out {
                    try PlanningFiles.write(instance, to: out)
                } else {
                    Terminal.write(PlanningFiles.json(instance))
                }
            }
        }
    }
}
