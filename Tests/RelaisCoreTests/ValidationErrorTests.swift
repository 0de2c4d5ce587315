import Testing

@testable import RelaisCore

@Suite struct ValidationErrorTests {
    @Test(arguments: [
        (
            ValidationError.missing("first_name"), "first_name is required",
            "le champ first_name est obligatoire"
        ),
        (
            .tooLong("summary", limit: 500), "summary is too long: at most 500 characters",
            "le champ summary est trop long : 500 caractères au plus"
        ),
        (
            .outOfRange("capacity", min: 1, max: 200), "capacity must be between 1 and 200",
            "le champ capacity doit être compris entre 1 et 200"
        ),
        (
            .outOfRange("quantity", min: 0, max: nil), "quantity must be at least 0",
            "le champ quantity doit valoir au moins 0"
        ),
        (
            .outOfRange("renewals", min: nil, max: 1), "renewals must be at most 1",
            "le champ renewals doit valoir au plus 1"
        ),
        (
            .invalidFormat("asset_tag", expected: "PC-0042"),
            "asset_tag has an invalid format; expected something like PC-0042",
            "le champ asset_tag a un format invalide ; attendu par exemple PC-0042"
        ),
        (
            .invalidFormat("deadline", expected: "2026-12-04 or 04/12/2026"),
            "deadline has an invalid format; expected something like 2026-12-04 or 04/12/2026",
            "le champ deadline a un format invalide ; attendu par exemple 2026-12-04 ou 04/12/2026"
        ),
        (
            .unknownCode("theme", given: "foo", allowed: ["a", "b"], suggestion: nil),
            "theme: unknown code 'foo'. Allowed: a, b",
            "theme : code inconnu « foo ». Valeurs possibles : a, b"
        ),
    ])
    func messages(error: ValidationError, en: String, fr: String) {
        #expect(error.message(.en) == en)
        #expect(error.message(.fr) == fr)
        #expect(error.errorDescription == en)
    }

    @Test func kindsAreStable() {
        #expect(
            ValidationError.Kind.allCases.map(\.rawValue) == [
                "missing", "tooLong", "unknownCode", "outOfRange", "invalidFormat", "rule",
            ])
        #expect(ValidationError.missing("x").kind == .missing)
        #expect(ValidationError.rule("x", Accompaniment.Rules.siteRequired).kind == .rule)
    }

    @Test func otherModulesCanDefineRules() {
        let rule = ValidationError.Rule(
            id: "csv_header", en: "the header row is missing", fr: "la ligne d’en-tête manque")
        let error = ValidationError.rule("file", rule)
        #expect(error.ruleID == "csv_header")
        #expect(error.message(.en) == "file: the header row is missing")
        #expect(error.message(.fr) == "file : la ligne d’en-tête manque")
    }

    @Test(arguments: ["0612345678", "amina@example.fr", String(repeating: "x", count: 41), "  "])
    func unsafeValuesAreNotEchoed(text: String) {
        let error = ValidationError.unknownCode("theme", given: text, allowed: ["a"], suggestion: nil)
        #expect(error.message(.en) == "theme: unknown code. Allowed: a")
    }
}
