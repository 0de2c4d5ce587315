import Foundation
import RelaisCore
import RelaisStore

/// The listings the intake commands print (queue, search results, a resident's file).
public enum IntakeListings {
    /// The queue: one row per request, in the order given.
    public static func requests(_ rows: [RequestSummary], _ language: Language, summaryWidth: Int? = 50) -> Listing {
        var listing = Listing(columns: [
            "number", "opened", "site", "status", "urgency", "deadline", "field", "themes", "assignee", "resident", "summary",
        ])
        for r in rows {
            var summary = r.summary.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\r", with: " ")
            if let width = summaryWidth, summary.count > width { summary = String(summary.prefix(width - 1)) + "…" }
            listing.append([
                .text(r.number), .text(ParisTime.today(r.openedAt).iso), .text(r.siteCode), .text(r.status.code),
                .text(r.urgency.code), .optional(r.deadline?.iso), .text(r.field.code),
                .text(r.themes.map(\.code).joined(separator: ",")), .optional(r.assigneeCode),
                r.residentID.map { id in .text("#\(id)" + (r.residentFirstName.map { " \($0)" } ?? "")) } ?? .empty,
                .text(summary),
            ])
        }
        return listing
    }

    /// Residents found, with how they matched.
    public static func residents(_ rows: [(ResidentRecord, SearchMatch)], _ language: Language) -> Listing {
        var listing = Listing(columns: ["id", "first_name", "last_name", "phone", "email", "birth_year", "commune", "last_activity", "match"])
        for (record, match) in rows {
            let d = record.resident.details
            listing.append([
                .number(record.id), .optional(d?.firstName), .optional(d?.lastName), .optional(d?.phone.map(Phone.display)),
                .optional(d?.email), record.resident.birthYear.map { .number(Int64($0)) } ?? .empty,
                .optional(record.resident.commune), .text(ParisTime.today(record.lastActivityAt).iso), .text(matchName(match)),
            ])
        }
        return listing
    }

    static func matchName(_ match: SearchMatch) -> String {
        switch match {
        case .exact: "name"
        case .phone: "phone"
        case .email: "email"
        case .allWords: "words"
        case .wordPrefixes: "prefix"
        case .partial: "partial"
        }
    }

    /// One resident on a line: `#42 Fatima BENALI, 06 12 34 56 78, born 1961, Échirolles`.
    public static func residentLine(_ record: ResidentRecord, _ language: Language) -> String {
        var parts = ["#\(record.id) " + (record.resident.details == nil ? language.pick(en: "(anonymous)", fr: "(anonyme)") : record.displayName)]
        if let phone = record.resident.details?.phone { parts.append(Phone.display(phone)) }
        if let email = record.resident.details?.email { parts.append(email) }
        if let year = record.resident.birthYear { parts.append(language.pick(en: "born \(year)", fr: "né·e en \(year)")) }
        if let commune = record.resident.commune { parts.append(commune) }
        return parts.joined(separator: ", ")
    }

    /// `new → assigned` with the language's labels.
    public static func transition(_ t: RequestTransition, _ language: Language) -> String {
        let before = t.before.status.label(language)
        let after = t.after.status.label(language)
        var text = "\(t.number)\(language == .fr ? " :" : ":") \(before) → \(after)"
        if t.before.assigneeCode != t.after.assigneeCode, let who = t.after.assigneeCode {
            text += language.pick(en: ", assigned to \(who)", fr: ", attribuée à \(who)")
        }
        if t.before == t.after { text = "\(t.number)\(language == .fr ? " :" : ":") " + language.pick(en: "note added", fr: "note ajoutée") }
        return text
    }
}
