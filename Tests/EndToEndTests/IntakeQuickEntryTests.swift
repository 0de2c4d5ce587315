import Foundation
import RelaisCore
import RelaisStore
import RelaisTestSupport
import Testing

/// `relais-intake new` driven through a pipe: nothing is written before the final
/// confirmation, possible duplicates are offered, and the `new` keyword is not a name.
@Suite struct IntakeQuickEntryTests {
    /// The answers up to the resident's consent, for a new resident Alfonso who is nobody's duplicate.
    static let alfonso = ["mdh-surieux", "Alfonso", "", "", "", "06 12 34 56 79", "", ""]
    /// The answers after the resident question: channel, field, themes by default, a summary,
    /// urgency and deadline by default.
    static let request = ["", "", "", "Créer une adresse e-mail", "", ""]

    static let sites = "   1 Bibliothèque Pablo Neruda (bib-neruda)\n   2 Maison des habitants Surieux (mdh-surieux)\nSite: "
    static let channels = [
        "   1 Walk-in (walk_in)", "   2 Phone (phone)", "   3 E-mail (email)", "   4 Referral from a partner (referral)",
        "Channel [walk_in]: ",
    ].joined(separator: "\n")
    static let residentQuestion = "Resident: name, phone or e-mail, or new (Enter: none): "
    static let newAlfonso = [
        "  (nobody found)", "   1 New resident (new)", "   2 No resident (none)",
        "Which one [new]: First name [Alfonso]: Last name (optional, - for none): Phone (optional, - for none): "
            + "E-mail (optional, - for none): "
            + "Has the resident accepted the consent notice (version 2025-01)? [Y/n]: ",
    ].joined(separator: "\n")

    private func entry(_ world: IntakeWorld, _ answers: [String]) throws -> ProgramResult {
        let config = world.test.directory.appendingPathComponent("config-\(UUID().uuidString)")
        let environment = ["RELAIS_FORCE_INTERACTIVE": "1", "XDG_CONFIG_HOME": config.path, "RELAIS_AGENT": "a-sylvie"]
        return try world.run(["new"], environment: environment, stdin: answers.joined(separator: "\n") + "\n")
    }

    /// Input ending after a new resident's details, or `n` at the summary: no resident, consent,
    /// request or audit row; and once confirmed, the resident and the request are written together.
    @Test(arguments: TestBackends.all)
    func aNewResidentIsWrittenOnlyWithTheConfirmedRequest(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        let before = try world.counts()

        let cut = try entry(world, Self.alfonso)
        #expect(cut.status == 1)
        #expect(cut.stderr == "error: cancelled; nothing was recorded\n")
        #expect(cut.stdout == Self.sites + Self.residentQuestion + Self.newAlfonso + Self.channels + "\n", "\(cut.stdout)")
        #expect(try world.counts() == before)

        let declined = try entry(world, Self.alfonso + Self.request + ["n"])
        #expect(declined.status == 1)
        #expect(declined.stderr == "error: cancelled; nothing was recorded\n")
        #expect(declined.stdout.contains("\n  Resident:     new resident: Alfonso\n"), "\(declined.stdout)")
        #expect(declined.stdout.hasSuffix("\nRecord this request? [Y/n]: "), "\(declined.stdout)")
        #expect(!declined.stdout.contains("added"))
        #expect(try world.counts() == before)

        let recorded = try entry(world, Self.alfonso + Self.request + [""])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let number = "D-\(world.year)-000002"
        #expect(recorded.stdout.hasSuffix(
            "Record this request? [Y/n]: Resident #2 added.\nRequest \(number) recorded. Receipt: relais-intake receipt \(number)\n"),
            "\(recorded.stdout)")
        let after = try world.counts()
        #expect(after[0] == before[0] + 1, "one resident")
        #expect(after[1] == before[1] + 1, "one request")
        #expect(after[3] == before[3] + 2, "two audit events: the resident added, the request opened")
        let db = try world.test.open()
        let row = try db.queryOne(
            "SELECT r.first_name, r.phone_key, r.consent_version FROM help_requests h JOIN residents r ON r.id = h.resident_id WHERE h.number = $1",
            [.text(number)])
        #expect(row?.string("first_name") == "Alfonso")
        #expect(row?.string("phone_key") == "+33612345679")
        #expect(row?.string("consent_version") == "2025-01")
    }

    /// A new resident who looks like existing ones: the dialogue offers them by number, or a new
    /// resident anyway; nothing is added without the agent choosing it.
    @Test(arguments: TestBackends.all)
    func possibleDuplicatesAreOfferedBeforeAddingAResident(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        // #2 Karim DIALLO; a new "Karim Diallo" with #1 Fatima's phone looks like both.
        let karim = try world.run(["resident", "add", "--first-name", "Karim", "--last-name", "Diallo"])
        #expect(karim.status == 0, "\(karim.stderr)")
        let before = try world.counts()
        let lookalike = ["mdh-surieux", "Karim Diallo", "new", "", "", "06 12 34 56 78", "", ""]
        let offered = [
            "Possible duplicates: use one of them, or create a new resident anyway.",
            "   1 #2 Karim Diallo (#2)", "   2 #1 Fatima BENALI, 06 12 34 56 78 (#1)", "   3 Create a new resident anyway (new)",
            "Which one [#2]: ",
        ].joined(separator: "\n")

        // Cut short at the question: nothing written.
        let cut = try entry(world, lookalike)
        #expect(cut.status == 1)
        #expect(cut.stderr == "error: cancelled; nothing was recorded\n")
        #expect(cut.stdout.hasSuffix("[Y/n]: " + offered + "\n"), "\(cut.stdout)")
        #expect(try world.counts() == before)

        // Answering with a listed number takes that resident: no resident added.
        let chosen = try entry(world, lookalike + ["2"] + Self.request + [""])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.contains(
            "Has the resident accepted the consent notice (version 2025-01)? [Y/n]: " + offered + Self.channels), "\(chosen.stdout)")
        #expect(chosen.stdout.contains("\n  Resident:     #1\n"), "\(chosen.stdout)")
        #expect(!chosen.stdout.contains("added"))
        let afterChosen = try world.counts()
        #expect(afterChosen[0] == before[0], "no resident added")
        #expect(afterChosen[1] == before[1] + 1)
        let db = try world.test.open()
        #expect(try db.scalar("SELECT resident_id FROM help_requests WHERE number = $1", [.text("D-\(world.year)-000002")]).int == 1)

        // "new" creates the resident anyway, with the request.
        let anyway = try entry(world, lookalike + ["new"] + Self.request + [""])
        #expect(anyway.status == 0, "\(anyway.stderr)")
        #expect(anyway.stdout.contains("\n  Resident:     new resident: Karim Diallo\n"), "\(anyway.stdout)")
        #expect(anyway.stdout.contains("Resident #3 added.\nRequest D-\(world.year)-000003 recorded."), "\(anyway.stdout)")
        #expect(try world.counts()[0] == afterChosen[0] + 1)
        #expect(try db.scalar("SELECT count(*) FROM residents WHERE name_key = 'diallo karim'").int == 2)
    }

    /// A search mixing a name and a phone pre-fills each answer with its own part.
    @Test func aSearchMixingNameAndPhoneFillsEachAnswer() throws {
        let world = try IntakeWorld(.sqlite)
        let cut = try entry(world, ["mdh-surieux", "Zoé Dupré 06 99 88 77 66", "new", "", "", ""])
        #expect(cut.status == 1)
        #expect(cut.stdout.contains(
            "First name [Zoé]: Last name (optional, - for none) [Dupré]: Phone (optional, - for none) [06 99 88 77 66]: "
                + "E-mail (optional, - for none): \n"), "\(cut.stdout)")
    }

    /// `new` at the resident question goes to a new resident's details with no first name
    /// suggested: Enter is refused, and no resident is named "new".
    @Test(arguments: TestBackends.all)
    func theNewKeywordIsNotAFirstName(_ backend: Backend) throws {
        let world = try IntakeWorld(backend)
        let before = try world.counts()

        let cut = try entry(world, ["mdh-surieux", "new", ""])
        #expect(cut.status == 1)
        #expect(cut.stderr == "error: cancelled; nothing was recorded\n")
        #expect(cut.stdout == Self.sites + Self.residentQuestion + "First name:   ! first_name is required\nFirst name: \n", "\(cut.stdout)")
        #expect(try world.counts() == before)

        let named = try entry(world, ["mdh-surieux", "NEW", "", "", "Nadia", "", "", "", ""] + Self.request + [""])
        #expect(named.status == 0, "\(named.stderr)")
        let refused = "First name:   ! first_name is required\n"
        #expect(named.stdout.contains(
            refused + refused + "First name: Last name (optional, - for none): Phone (optional, - for none): E-mail (optional, - for none): "),
            "\(named.stdout)")
        #expect(named.stdout.contains("\n  Resident:     new resident: Nadia\n"), "\(named.stdout)")
        let db = try world.test.open()
        #expect(try db.scalar("SELECT count(*) FROM residents WHERE lower(first_name) = 'new'").int == 0)
        #expect(try db.scalar("SELECT r.first_name FROM help_requests h JOIN residents r ON r.id = h.resident_id WHERE h.number = $1",
                              [.text("D-\(world.year)-000002")]).string == "Nadia")
    }
}
