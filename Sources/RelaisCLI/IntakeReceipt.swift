import Foundation
import RelaisCore
import RelaisStore

/// The resident's printable receipt: short, plain text, no personal data beyond a first name.
public enum IntakeReceipt {
    /// Renders the receipt of `file`; `nextAppointment` is (start, workshop title, site name).
    public static func render(_ file: RequestFile, nextAppointment: (Date, String?, String?)?, language lang: Language) -> String {
        let r = file.request
        let number = r.number?.description ?? ""
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        line(file.site.name)
        if !file.site.address.isEmpty { line([file.site.address, file.site.commune].filter { !$0.isEmpty }.joined(separator: ", ")) }
        line(String(repeating: "-", count: 48))
        line(lang.pick(en: "Request number: ", fr: "Demande n° ") + number)
        line(lang.pick(en: "Recorded on ", fr: "Enregistrée le ") + IntakeClock.dateTime(file.openedAt, lang, spelledOut: true))
        line()
        let firstName = file.resident?.resident.details?.firstName
        line(lang.pick(en: "Hello", fr: "Bonjour") + (firstName.map { " \($0)" } ?? "") + ",")
        line(lang.pick(en: "your request for digital help is recorded.", fr: "votre demande d’aide numérique est bien enregistrée."))
        line(lang.pick(en: "Subject: ", fr: "Objet : ") + r.field.label(lang))
        if let deadline = r.deadline {
            line(lang.pick(en: "Deadline you mentioned: ", fr: "Échéance signalée : ") + IntakeClock.day(deadline, lang))
        }
        line()
        line(lang.pick(en: "What happens next", fr: "Et maintenant ?"))
        switch r.status {
        case .new:
            line(lang.pick(
                en: "A conseiller numérique will take up your request and contact you.",
                fr: "Un conseiller numérique va reprendre votre demande et vous recontacter."))
        case .assigned, .inProgress:
            line(lang.pick(
                en: "A conseiller numérique is working on your request.", fr: "Un conseiller numérique s’occupe de votre demande."))
        case .waiting:
            line(lang.pick(
                en: "We are waiting for something from you (a document, a call): bring it to the desk with this number.",
                fr: "Nous attendons un élément de votre part (document, rappel) : apportez-le à l’accueil avec ce numéro."))
        case .resolved, .closed:
            line(lang.pick(en: "Your request has been dealt with.", fr: "Votre demande a été traitée."))
        case .referred:
            let partner = r.referral?.partnerName ?? r.referral?.structure.label(lang) ?? ""
            line(lang.pick(en: "Your request was passed on to: \(partner).", fr: "Votre demande a été transmise à : \(partner)."))
        }
        if let (at, title, site) = nextAppointment {
            line(lang.pick(en: "Next appointment: ", fr: "Prochain rendez-vous : ") + IntakeClock.dateTime(at, lang, spelledOut: true)
                + (title.map { " — \($0)" } ?? "") + (site.map { " (\($0))" } ?? ""))
        }
        line(lang.pick(
            en: "Keep this number: the desk finds your request with it.",
            fr: "Gardez ce numéro : il permet de retrouver votre demande à l’accueil."))
        if !file.site.hours.isEmpty {
            line()
            line(lang.pick(en: "Opening hours", fr: "Horaires d’ouverture"))
            for day in Weekday.allCases {
                let spans = file.site.hours.filter { $0.weekday == day }
                guard !spans.isEmpty else { continue }
                let text = spans.map { OpeningInterval.clock($0.startMinute) + "-" + OpeningInterval.clock($0.endMinute) }
                line("  " + day.label(lang).padding(toLength: 10, withPad: " ", startingAt: 0) + text.joined(separator: ", "))
            }
        }
        return out
    }
}
