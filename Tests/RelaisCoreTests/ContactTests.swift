import Testing

@testable import RelaisCore

@Suite struct PhoneTests {
    @Test(arguments: [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("06-12-34-56-78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("04 76 20 63 00", "+33476206300"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+1 415 555 2671", "+14155552671"),
    ])
    func normalises(text: String, expected: String) throws {
        #expect(try Phone.normalize(text) == expected)
    }

    @Test(arguments: [
        "612345678", "06 12 34 56", "06 12 34 56 789", "+33 6 12 34 56", "0033 12",
        "06 12 AB 56 78", "+", "+123", "+33 0 0 12 34 56 78",
    ])
    func rejectsWithoutEchoing(text: String) {
        let error = validationError { () throws(ValidationError) in try Phone.normalize(text) }
        #expect(error?.kind == .invalidFormat)
        #expect(error?.field == "phone")
        if text.count > 3 {
            #expect(error?.message(.en).contains(text) == false)
        }
    }

    @Test func blankIsMissing() {
        #expect(
            validationError { () throws(ValidationError) in try Phone.normalize(" . ") } == .missing("phone"))
    }

    @Test func displaysFrenchNumbersInPairs() {
        #expect(Phone.display("+33612345678") == "06 12 34 56 78")
        #expect(Phone.display("+32470123456") == "+32470123456")
    }
}

@Suite struct EmailTests {
    @Test func acceptsAndLowercasesDomain() throws {
        #expect(try Email.normalize("  Amina.B@Example.FR ") == "amina.b@example.fr")
        #expect(try Email.normalize("Élodie.B@Exemple.fr") == "Élodie.b@exemple.fr", "only ASCII letters are folded, as the databases' lower() does")
        #expect(try Email.normalize("x+tag@mail.asso-echirolles.org") == "x+tag@mail.asso-echirolles.org")
    }

    @Test(arguments: [
        "amina", "amina@", "@example.fr", "amina@example", "a b@example.fr", "a@@example.fr",
        "amina@example.f", "amina@-example.fr", ".amina@example.fr", "a..b@example.fr", "amina@example..fr",
    ])
    func rejectsMalformed(text: String) {
        let error = validationError { () throws(ValidationError) in try Email.normalize(text) }
        #expect(error?.kind == .invalidFormat)
        #expect(error?.message(.fr).contains(text) == false)
    }

    @Test func rejectsTooLong() {
        let text = String(repeating: "a", count: 60) + "@" + String(repeating: "b", count: 200) + ".fr"
        #expect(
            validationError { () throws(ValidationError) in try Email.normalize(text) }
                == .tooLong("email", limit: 254))
    }
}
