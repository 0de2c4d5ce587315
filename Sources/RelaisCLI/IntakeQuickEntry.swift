import Foundation
import RelaisCore
import RelaisStore

/// The desk's quick entry (`relais-intake new`): a short dialogue with defaults that records a
/// walk-in's request, finding or adding the resident on the way.
///
/// Nothing is written before the agent confirms the summary; a new resident is then written
/// with the request, in one transaction.
public struct IntakeQuickEntry {
    let db: Database
    let prompter: Prompter
    let actor: String
    let today: LocalDate
    let configPath: String

    public init(db: Database, prompter: Prompter, actor: String, today: LocalDate, configPath: String = IntakeConfig.path()) {
        self.db = db
        self.prompter = prompter
        self.actor = actor
        self.today = today
        self.configPath = configPath
    }

    /// Runs the dialogue; returns the new request's number.
    /// - Throws: `PromptCancelled` when input ends or the agent does not confirm (nothing recorded).
    public func run() throws -> RequestNumber {
        let lang = prompter.language
        var config = IntakeConfig.load(from: configPath)

        // Site, remembered between entries.
        let sites = try db.query("SELECT code, name FROM sites WHERE active ORDER BY code").map {
            (code: $0.string("code") ?? "", label: $0.string("name") ?? "", value: $0.string("code") ?? "")
        }
        guard !sites.isEmpty else {
            throw IntakeError("no_site", en: "no site is recorded yet (see relais-schedule / relais-admin)", fr: "aucun lieu n’est encore enregistré")
        }
        let usual = sites.firstIndex { $0.code == config.site } ?? (sites.count == 1 ? 0 : nil)
        let site = try prompter.choose(lang.pick(en: "Site", fr: "Lieu"), sites, default: usual)

        let resident = try chooseResident()

        let channel = try prompter.choose(lang.pick(en: "Channel", fr: "Canal"), options(RequestChannel.self), default: 0)
        let field = try prompter.choose(
            lang.pick(en: "Field", fr: "Domaine"), options(InclusionField.self),
            default: InclusionField.allCases.firstIndex(of: .usageAssistance))
        let themes = try prompter.chooseMany(
            lang.pick(en: "Themes (numbers or code starts, comma-separated)", fr: "Thématiques (numéros ou début des codes, séparés par des virgules)"),
            options(Theme.self))
        var subThemes: [AdministrativeSubTheme] = []
        if themes.contains(.aideAuxDemarchesAdministratives) {
            subThemes = try prompter.chooseMany(lang.pick(en: "Administrative sub-themes", fr: "Sous-thèmes administratifs"), options(AdministrativeSubTheme.self))
        }
        let summary = try prompter.ask(lang.pick(en: "Summary", fr: "Résumé")) { text in
            try TextRules.required(text, field: "summary", limit: HelpRequest.summaryLimit)
        }
        let urgency = try prompter.choose(lang.pick(en: "Urgency", fr: "Urgence"), options(Urgency.self), default: 1)
        let deadline = try prompter.ask(
            lang.pick(en: "Deadline (yyyy-mm-dd or dd/mm/yyyy, Enter: none)", fr: "Échéance (jj/mm/aaaa, Entrée : aucune)")
        ) { text in try IntakeInput.deadline(text, today: today) }

        let request = try HelpRequest(
            siteCode: site, channel: channel, field: field, themes: themes, subThemes: subThemes, summary: summary,
            urgency: urgency, deadline: deadline, residentId: resident.existingID)
        prompter.say("\n" + lang.pick(en: "Summary of the request", fr: "Récapitulatif de la demande") + "\n")
        let rows: [(String, String)] = [
            (lang.pick(en: "Site", fr: "Lieu"), site),
            (lang.pick(en: "Resident", fr: "Habitant"), resident.summary(lang)),
            (lang.pick(en: "Channel", fr: "Canal"), channel.label(lang)),
            (lang.pick(en: "Field", fr: "Domaine"), field.label(lang)),
            (lang.pick(en: "Themes", fr: "Thématiques"), (themes.map(\.code) + subThemes.map(\.code)).joined(separator: ", ")),
            (lang.pick(en: "Summary", fr: "Résumé"), summary),
            (lang.pick(en: "Urgency", fr: "Urgence"), urgency.label(lang)),
            (lang.pick(en: "Deadline", fr: "Échéance"), deadline.map { IntakeClock.day($0, lang) } ?? "–"),
        ]
        for (name, value) in rows { prompter.say("  " + (name + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value + "\n") }
        guard try prompter.confirm(lang.pick(en: "Record this request?", fr: "Enregistrer cette demande ?"), default: true) else {
            throw PromptCancelled()
        }
        let number: RequestNumber
        if case .new(let details) = resident {
            let added = try RequestStore.open(db, request, newResident: details, actor: actor, today: today)
            prompter.say(lang.pick(en: "Resident #\(added.resident.id) added.\n", fr: "Habitant n° \(added.resident.id) enregistré.\n"))
            number = added.number
        } else {
            number = try RequestStore.open(db, request, actor: actor, today: today).number
        }
        if config.site != site {
            config.site = site
            try? config.save(to: configPath)
        }
        return number
    }

    private func options<T: Taxonomy>(_ type: T.Type) -> [(code: String, label: String, value: T)] {
        T.allCases.map { (code: $0.code, label: $0.label(prompter.language), value: $0) }
    }

    /// The resident of the request, as chosen in the dialogue: nothing is written until the
    /// summary is confirmed.
    private enum ResidentChoice {
        case none
        case existing(Int64)
        /// A resident to add together with the request.
        case new(Resident)

        var existingID: Int64? {
            if case .existing(let id) = self { return id }
            return nil
        }

        func summary(_ lang: Language) -> String {
            switch self {
            case .none: return lang.pick(en: "none", fr: "aucun")
            case .existing(let id): return "#\(id)"
            case .new(let resident):
                let name = [resident.details?.firstName, resident.details?.lastName].compactMap { $0 }.joined(separator: " ")
                return lang.pick(en: "new resident: \(name)", fr: "nouvel habitant : \(name)")
            }
        }
    }

    /// What the agent types at the resident question to go straight to a new resident's details.
    private static let newKeyword = "new"

    /// Finds the resident inline, or takes a new one's details, or none.
    private func chooseResident() throws -> ResidentChoice {
        let lang = prompter.language
        let text = try prompter.ask(lang.pick(
            en: "Resident: name, phone or e-mail, or new (Enter: none)", fr: "Habitant : nom, téléphone ou e-mail, ou new (Entrée : aucun)"))
        guard !text.isEmpty else { return .none }
        // The keyword is not a name to search for, nor a first name to suggest.
        if CodeSuggester.fold(text) == Self.newKeyword { return try newResident(from: "") }
        let found = try ResidentStore.find(db, text, limit: 8)
        enum Pick { case existing(Int64), new, none }
        var choices = found.map { (code: "#\($0.0.id)", label: IntakeListings.residentLine($0.0, lang), value: Pick.existing($0.0.id)) }
        choices.append((code: "new", label: lang.pick(en: "New resident", fr: "Nouvel habitant"), value: .new))
        choices.append((code: "none", label: lang.pick(en: "No resident", fr: "Aucun habitant"), value: .none))
        if found.isEmpty { prompter.say(lang.pick(en: "  (nobody found)\n", fr: "  (personne trouvé)\n")) }
        switch try prompter.choose(lang.pick(en: "Which one", fr: "Lequel"), choices, default: 0) {
        case .existing(let id): return .existing(id)
        case .none: return .none
        case .new: return try newResident(from: text)
        }
    }

    /// Asks a new resident's details (defaults taken from the searched text) and consent; on
    /// possible duplicates, offers to use one of them instead, as `resident add` does.
    private func newResident(from text: String) throws -> ResidentChoice {
        let lang = prompter.language
        // The searched text may mix a name, a phone and an e-mail: each default takes its part.
        let tokens = text.split(separator: " ").map(String.init)
        let typedEmail = tokens.first { $0.contains("@") }
        let phoneTokens = tokens.filter { $0 != typedEmail && $0.allSatisfy { $0.isNumber || "+.-()".contains($0) } }
        let typedPhone = phoneTokens.joined().filter(\.isNumber).count >= 6 ? phoneTokens.joined(separator: " ") : nil
        let words = tokens.filter { $0 != typedEmail && !phoneTokens.contains($0) }
        let firstName = try prompter.ask(lang.pick(en: "First name", fr: "Prénom"), default: words.first) { answer in
            try TextRules.required(answer, field: "first_name", limit: Resident.nameLimit)
        }
        // Optional details are checked as they are typed; "-" clears a proposed one (Enter keeps it).
        func optional(_ answer: String) -> String? { answer.isEmpty || answer == "-" ? nil : answer }
        let lastDefault = words.count > 1 ? words.dropFirst().joined(separator: " ") : nil
        let lastName = try prompter.ask(lang.pick(en: "Last name (optional, - for none)", fr: "Nom (facultatif, - pour aucun)"), default: lastDefault) {
            try TextRules.optional(optional($0), field: "last_name", limit: Resident.nameLimit)
        }
        let phone = try prompter.ask(
            lang.pick(en: "Phone (optional, - for none)", fr: "Téléphone (facultatif, - pour aucun)"), default: typedPhone
        ) { answer in
            try optional(answer).map { try Phone.normalize($0) }
        }
        let email = try prompter.ask(
            lang.pick(en: "E-mail (optional, - for none)", fr: "E-mail (facultatif, - pour aucun)"), default: typedEmail
        ) { answer in
            try optional(answer).map { try Email.normalize($0) }
        }
        guard let version = try IntakeReferences.currentConsentVersion(db) else { throw IntakeError.consentNeeded }
        guard try prompter.confirm(lang.pick(
            en: "Has the resident accepted the consent notice (version \(version))?",
            fr: "L’habitant a-t-il accepté la notice de consentement (version \(version)) ?"), default: true)
        else {
            prompter.say(lang.pick(en: "  No personal data recorded: the request has no resident.\n", fr: "  Aucune donnée personnelle enregistrée : la demande n’a pas d’habitant.\n"))
            return .none
        }
        let resident = try Resident.followed(
            firstName: firstName, lastName: lastName, phone: phone, email: email,
            consent: try Consent(date: today, textVersion: version), referenceYear: today.year)
        let found = try ResidentStore.duplicates(db, of: resident)
        guard !found.isEmpty else { return .new(resident) }
        enum Pick { case existing(Int64), new }
        prompter.say(lang.pick(
            en: "Possible duplicates: use one of them, or create a new resident anyway.\n",
            fr: "Doublons possibles : utilisez l’un d’eux, ou créez quand même un nouvel habitant.\n"))
        var choices = found.map { (code: "#\($0.id)", label: IntakeListings.residentLine($0, lang), value: Pick.existing($0.id)) }
        choices.append((code: "new", label: lang.pick(en: "Create a new resident anyway", fr: "Créer quand même un nouvel habitant"), value: .new))
        switch try prompter.choose(lang.pick(en: "Which one", fr: "Lequel"), choices, default: 0) {
        case .existing(let id): return .existing(id)
        case .new: return .new(resident)
        }
    }
}
