import Foundation
import RelaisCore

/// A refusal of the intake use cases (unknown site, resident or conseiller, a merge with itself…),
/// with a stable code and its message in both languages. Nothing was written when it is thrown.
///
/// Messages name codes, numbers and ids, never a resident's personal data.
public struct IntakeError: Error, LocalizedError, Sendable, Hashable {
    /// A stable identifier callers and tests may match, e.g. `unknown_site`.
    public let code: String
    /// The English message.
    public let messageEN: String
    /// The French message.
    public let messageFR: String

    /// Creates a refusal.
    public init(_ code: String, en: String, fr: String) {
        self.code = code
        self.messageEN = en
        self.messageFR = fr
    }

    /// The message in `lang`.
    public func message(_ lang: Language) -> String { lang == .fr ? messageFR : messageEN }

    /// The English message.
    public var errorDescription: String? { messageEN }
}

extension IntakeError {
    static func unknownSite(_ code: String, known: [String]) -> IntakeError {
        let hint = CodeSuggester.closest(to: code, among: known)
        let list = known.joined(separator: ", ")
        // A cell holding a name or a whole line is personal data: only a code-like text is repeated.
        let shown = SafeEcho.codeOrNil(code)
        return IntakeError(
            "unknown_site",
            en: "unknown site" + (shown.map { " '\($0)'" } ?? "") + (hint.map { "; did you mean '\($0)'?" } ?? ".") + " Known sites: \(list)",
            fr: "lieu inconnu" + (shown.map { " « \($0) »" } ?? "") + (hint.map { " ; vouliez-vous dire « \($0) » ?" } ?? ".")
                + " Lieux connus : \(list)")
    }

    static func unknownStaff(_ code: String, known: [String]) -> IntakeError {
        let hint = CodeSuggester.closest(to: code, among: known)
        let list = known.joined(separator: ", ")
        let shown = SafeEcho.codeOrNil(code)
        return IntakeError(
            "unknown_staff",
            en: "unknown conseiller" + (shown.map { " '\($0)'" } ?? "") + (hint.map { "; did you mean '\($0)'?" } ?? ".") + " Conseillers: \(list)",
            fr: "conseiller inconnu" + (shown.map { " « \($0) »" } ?? "") + (hint.map { " ; vouliez-vous dire « \($0) » ?" } ?? ".")
                + " Conseillers : \(list)")
    }

    /// An imported request still open at a site no longer active.
    static func inactiveSiteForOpenRequest(_ site: String) -> IntakeError {
        IntakeError(
            "inactive_site", en: "site '\(site)' is no longer active: only finished requests (resolved, referred, closed) can be imported for it",
            fr: "le lieu « \(site) » n’est plus actif : seules des demandes terminées (resolved, referred, closed) peuvent y être importées")
    }

    /// An imported request still open with a conseiller no longer active.
    static func inactiveStaffForOpenRequest(_ staff: String) -> IntakeError {
        IntakeError(
            "inactive_staff", en: "conseiller '\(staff)' is no longer active: an open request needs an active one",
            fr: "le conseiller « \(staff) » n’est plus actif : une demande ouverte demande un conseiller actif")
    }

    /// A named (followed) resident needs consent to a recorded notice, and no notice is recorded.
    public static let consentNeeded = IntakeError(
        "consent_needed",
        en: "a named resident needs consent to the notice, and no consent text is recorded (relais-admin documents add --kind consent)",
        fr: "un habitant nommé doit consentir à la notice, et aucun texte de consentement n’est enregistré (relais-admin documents add --kind consent)")

    static func unknownResident(_ id: Int64) -> IntakeError {
        IntakeError(
            "unknown_resident",
            en: "no resident #\(id); find the right one with: relais-intake resident find NAME",
            fr: "aucun habitant n° \(id) ; retrouvez le bon avec : relais-intake resident find NOM")
    }

    static func mergedResident(_ id: Int64, into target: Int64) -> IntakeError {
        IntakeError(
            "merged_resident",
            en: "resident #\(id) was merged into #\(target); use #\(target)",
            fr: "l’habitant n° \(id) a été fusionné avec le n° \(target) ; utilisez le n° \(target)")
    }

    /// The refusal to give personal data back to, or to merge, a resident whose personal data was erased.
    static func erasedResident(_ id: Int64, merging: Bool) -> IntakeError {
        merging
            ? IntakeError(
                "erased_resident",
                en: "resident #\(id)'s personal data was erased; an erased record cannot be merged",
                fr: "les données personnelles de l’habitant n° \(id) ont été effacées ; un dossier effacé ne peut pas être fusionné")
            : IntakeError(
                "erased_resident",
                en: "resident #\(id)'s personal data was erased; a name, phone or e-mail cannot be given back to it (record the person anew with resident add)",
                fr: "les données personnelles de l’habitant n° \(id) ont été effacées ; on ne peut plus lui redonner nom, téléphone ou e-mail (enregistrez la personne à nouveau avec resident add)")
    }

    static func unknownRequest(_ number: RequestNumber) -> IntakeError {
        IntakeError(
            "unknown_request",
            en: "no request \(number); list requests with: relais-intake queue",
            fr: "aucune demande \(number) ; la liste : relais-intake queue")
    }

    /// The refusal of a deadline before today.
    public static func deadlineInPast(_ deadline: LocalDate, today: LocalDate) -> IntakeError {
        IntakeError(
            "deadline_in_past",
            en: "the deadline \(deadline.iso) is in the past (today is \(today.iso)); give a future date or none",
            fr: "l’échéance \(deadline.french) est passée (nous sommes le \(today.french)) ; donnez une date à venir ou aucune")
    }
}
