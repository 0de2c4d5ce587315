// Structural checks of instance and plan files: everything that must hold before any rule
// or score means something. Each problem names the offending entry.

import Foundation
import RelaisCore

/// One structural problem found in an instance or a plan.
package struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Stable codes a caller (or a test) can match on.
    package enum Code: String, Sendable, Hashable {
        case wrongFormat = "wrong_format"
        case badTimeGrid = "bad_time_grid"
        case duplicateId = "duplicate_id"
        case danglingReference = "dangling_reference"
        case intervalOutsideDay = "interval_outside_day"
        case emptyInterval = "empty_interval"
        case nonPositiveDuration = "non_positive_duration"
        case negativeValue = "negative_value"
        case timeOutsideWeek = "time_outside_week"
        case duplicateAssignment = "duplicate_assignment"
        case missingSession = "missing_session"
        case wrongInstance = "wrong_instance"
    }

    package var code: Code
    /// The English message (also `description`).
    package var message: String
    /// The same message in French.
    package var messageFR: String

    package init(code: Code, message: String, fr: String) {
        self.code = code
        self.message = message
        self.messageFR = fr
    }

    package var description: String { message }

    /// The message in `language`.
    package func message(_ language: Language) -> String { language == .fr ? messageFR : message }
}

/// Errors met while reading, validating or writing planning files.
package enum PlanningError: Error, LocalizedError, CustomStringConvertible, Sendable {
    case unreadableFile(path: String, missing: Bool)
    case malformedJSON(path: String, reason: String, reasonFR: String)
    case invalidInstance([ValidationIssue])
    case invalidPlan([ValidationIssue])
    case unwritableFile(path: String, reason: String)
    case badArgument(String)

    package var errorDescription: String? { description }

    package var description: String { message(.en) }

    /// The one-line message in `language`.
    package func message(_ language: Language) -> String {
        let fr = language == .fr
        switch self {
        case .unreadableFile(let path, let missing):
            return fr
                ? "impossible de lire \(path) : " + (missing ? "fichier introuvable" : "fichier illisible")
                : "cannot read \(path): " + (missing ? "no such file" : "unreadable")
        case .malformedJSON(let path, let reason, let reasonFR):
            return fr
                ? "\(path) n’est pas un JSON valide pour ce format : \(reasonFR)"
                : "\(path) is not valid JSON for this format: \(reason)"
        case .invalidInstance(let issues):
            return (fr ? "instance invalide : " : "invalid instance: ") + Self.summary(issues, language)
        case .invalidPlan(let issues):
            return (fr ? "plan invalide : " : "invalid plan: ") + Self.summary(issues, language)
        case .unwritableFile(let path, let reason):
            return fr ? "impossible d’écrire \(path) : \(reason)" : "cannot write \(path): \(reason)"
        case .badArgument(let message):
            return message
        }
    }

    /// The issues carried, empty for I/O errors.
    package var issues: [ValidationIssue] {
        switch self {
        case .invalidInstance(let issues), .invalidPlan(let issues): return issues
        default: return []
        }
    }

    private static func summary(_ issues: [ValidationIssue], _ language: Language) -> String {
        let fr = language == .fr
        guard let first = issues.first else { return fr ? "sans détail" : "no details" }
        let more = issues.count - 1
        if more == 0 { return first.message(language) }
        return first.message(language)
            + (fr ? " (et \(more) autre\(more == 1 ? "" : "s") problème\(more == 1 ? "" : "s"))" : " (and \(more) more problems)")
    }
}

/// Checks the structure of instances and plans.
package enum Validator {
    /// Every structural problem of `instance`, in file order; empty when it is well-formed.
    package static func issues(in instance: Instance) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        func add(_ code: ValidationIssue.Code, _ message: String, fr: String) {
            out.append(ValidationIssue(code: code, message: message, fr: fr))
        }
        if instance.format != Instance.formatTag {
            add(.wrongFormat, "format is '\(instance.format)', expected '\(Instance.formatTag)'",
                fr: "le format est '\(instance.format)' au lieu de '\(Instance.formatTag)'")
        }
        if instance.grainMinutes <= 0 {
            add(.badTimeGrid, "grain_minutes \(instance.grainMinutes) is not positive",
                fr: "grain_minutes \(instance.grainMinutes) n’est pas positif")
        }
        if instance.grainsPerDay <= 0 {
            add(.badTimeGrid, "grains_per_day \(instance.grainsPerDay) is not positive",
                fr: "grains_per_day \(instance.grainsPerDay) n’est pas positif")
        }
        if instance.days < 1 || instance.days > 7 {
            add(.badTimeGrid, "days \(instance.days) is not between 1 and 7",
                fr: "days \(instance.days) n’est pas entre 1 et 7")
        }
        if instance.middayGrain < 0 || instance.middayGrain > instance.grainsPerDay {
            add(.badTimeGrid, "midday_grain \(instance.middayGrain) is outside the day (0…\(instance.grainsPerDay))",
                fr: "midday_grain \(instance.middayGrain) est hors de la journée (0…\(instance.grainsPerDay))")
        }
        if instance.readDayStart == nil {
            add(.badTimeGrid, "day_start '\(instance.dayStart)' is not HH:MM",
                fr: "day_start '\(instance.dayStart)' n’est pas au format HH:MM")
        }
        guard out.allSatisfy({ $0.code != .badTimeGrid }) else { return out }

        func checkUnique(_ ids: [String], _ list: String, _ entity: String, _ entityFR: String) -> Set<String> {
            var seen = Set<String>()
            for id in ids where !seen.insert(id).inserted {
                add(.duplicateId, "\(entity) '\(id)' appears twice in \(list)", fr: "\(entityFR) '\(id)' figure deux fois dans \(list)")
            }
            return seen
        }
        let neighbourhoods = checkUnique(instance.neighbourhoods.map(\.id), "neighbourhoods", "neighbourhood", "le quartier")
        let sites = checkUnique(instance.sites.map(\.id), "sites", "site", "le lieu")
        let rooms = checkUnique(instance.rooms.map(\.id), "rooms", "room", "la salle")
        let conseillers = checkUnique(instance.conseillers.map(\.id), "conseillers", "conseiller", "le conseiller")
        let sessions = checkUnique(instance.sessions.map(\.id), "sessions", "session", "la séance")
        let sessionDuration = Dictionary(instance.sessions.map { ($0.id, $0.duration) }, uniquingKeysWith: { a, _ in a })

        /// An entry named in both languages: "session 'w-1'" / "séance 'w-1'".
        struct Owner {
            var en: String
            var fr: String
        }
        func checkDay(_ day: Int, _ owner: Owner) -> Bool {
            if day < 0 || day >= instance.days {
                add(.timeOutsideWeek, "\(owner.en): day \(day) is outside the week (0…\(instance.days - 1))",
                    fr: "\(owner.fr) : le jour \(day) est hors de la semaine (0…\(instance.days - 1))")
                return false
            }
            return true
        }
        func checkInterval(_ iv: Interval, _ owner: Owner) {
            guard checkDay(iv.day, owner) else { return }
            if iv.start < 0 || iv.end > instance.grainsPerDay {
                add(.intervalOutsideDay,
                    "\(owner.en): interval \(iv.start)–\(iv.end) on day \(iv.day) is outside the day (0…\(instance.grainsPerDay))",
                    fr: "\(owner.fr) : l’intervalle \(iv.start)–\(iv.end) du jour \(iv.day) est hors de la journée (0…\(instance.grainsPerDay))")
            } else if iv.start >= iv.end {
                add(.emptyInterval, "\(owner.en): interval \(iv.start)–\(iv.end) on day \(iv.day) is empty",
                    fr: "\(owner.fr) : l’intervalle \(iv.start)–\(iv.end) du jour \(iv.day) est vide")
            }
        }
        func checkStart(day: Int, start: Int, duration: Int?, _ owner: Owner) {
            guard checkDay(day, owner) else { return }
            let end = start + max(duration ?? 1, 1)
            if start < 0 || end > instance.grainsPerDay {
                add(.timeOutsideWeek, "\(owner.en): start \(start) on day \(day) does not fit in the day (0…\(instance.grainsPerDay))",
                    fr: "\(owner.fr) : le début \(start) du jour \(day) ne tient pas dans la journée (0…\(instance.grainsPerDay))")
            }
        }
        func checkNonNegative(_ value: Int, _ field: String, _ owner: Owner) {
            if value < 0 {
                add(.negativeValue, "\(owner.en): \(field) \(value) is negative", fr: "\(owner.fr) : \(field) \(value) est négatif")
            }
        }
        func dangling(_ owner: Owner, _ what: String, _ whatFR: String, _ id: String) {
            add(.danglingReference, "\(owner.en): \(what) '\(id)' does not exist", fr: "\(owner.fr) : \(whatFR) '\(id)' n’existe pas")
        }

        for n in instance.neighbourhoods {
            checkNonNegative(n.targetGrains, "target_grains", Owner(en: "neighbourhood '\(n.id)'", fr: "quartier '\(n.id)'"))
        }
        for s in instance.sites where !neighbourhoods.contains(s.neighbourhood) {
            dangling(Owner(en: "site '\(s.id)'", fr: "lieu '\(s.id)'"), "neighbourhood", "le quartier", s.neighbourhood)
        }
        for r in instance.rooms {
            let owner = Owner(en: "room '\(r.id)'", fr: "salle '\(r.id)'")
            if !sites.contains(r.site) { dangling(owner, "site", "le lieu", r.site) }
            checkNonNegative(r.capacity, "capacity", owner)
            for iv in r.open { checkInterval(iv, owner) }
        }
        for c in instance.conseillers {
            let owner = Owner(en: "conseiller '\(c.id)'", fr: "conseiller '\(c.id)'")
            checkNonNegative(c.maxGrainsPerDay, "max_grains_per_day", owner)
            checkNonNegative(c.maxGrainsPerWeek, "max_grains_per_week", owner)
            checkNonNegative(c.targetGrains, "target_grains", owner)
            for iv in c.available { checkInterval(iv, owner) }
            for u in c.undesired { _ = checkDay(u.day, owner) }
        }
        for s in instance.sessions {
            let owner = Owner(en: "session '\(s.id)'", fr: "séance '\(s.id)'")
            if s.duration <= 0 {
                add(.nonPositiveDuration, "\(owner.en): duration \(s.duration) is not positive",
                    fr: "\(owner.fr) : la durée \(s.duration) n’est pas positive")
            } else if s.duration > instance.grainsPerDay {
                add(.intervalOutsideDay, "\(owner.en): duration \(s.duration) is longer than a day (\(instance.grainsPerDay) grains)",
                    fr: "\(owner.fr) : la durée \(s.duration) dépasse une journée (\(instance.grainsPerDay) grains)")
            }
            checkNonNegative(s.attendees, "attendees", owner)
            checkNonNegative(s.priority, "priority", owner)
            for site in s.sites where !sites.contains(site) { dangling(owner, "allowed site", "le lieu autorisé", site) }
            for site in s.preferredSites where !sites.contains(site) { dangling(owner, "preferred site", "le lieu préféré", site) }
            if let f = s.fixed {
                checkStart(day: f.day, start: f.start, duration: s.duration,
                           Owner(en: "\(owner.en) fixed time", fr: "\(owner.fr), horaire imposé"))
            }
            if let a = s.anchor {
                if !conseillers.contains(a.conseiller) { dangling(owner, "anchor conseiller", "le conseiller d’ancrage", a.conseiller) }
                checkStart(day: a.day, start: a.start, duration: s.duration, Owner(en: "\(owner.en) anchor", fr: "\(owner.fr), ancrage"))
            }
        }
        var inBaseline = Set<String>()
        for (i, b) in (instance.baseline ?? []).enumerated() {
            let owner = Owner(en: "baseline entry \(i + 1) (session '\(b.session)')", fr: "entrée \(i + 1) du plan de référence (séance '\(b.session)')")
            if !sessions.contains(b.session) { dangling(owner, "session", "la séance", b.session) }
            if !conseillers.contains(b.conseiller) { dangling(owner, "conseiller", "le conseiller", b.conseiller) }
            if !rooms.contains(b.room) { dangling(owner, "room", "la salle", b.room) }
            if !inBaseline.insert(b.session).inserted {
                add(.duplicateAssignment, "\(owner.en): session '\(b.session)' is placed twice in the baseline",
                    fr: "\(owner.fr) : la séance '\(b.session)' est placée deux fois dans le plan de référence")
            }
            checkStart(day: b.day, start: b.start, duration: sessionDuration[b.session], owner)
        }
        return out
    }

    /// Throws `PlanningError.invalidInstance` when `instance` has any structural problem.
    package static func validate(_ instance: Instance) throws(PlanningError) {
        let found = issues(in: instance)
        if !found.isEmpty { throw .invalidInstance(found) }
    }

    /// Every structural problem of `plan` against a well-formed `instance`.
    package static func issues(in plan: Plan, for instance: Instance) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        func add(_ code: ValidationIssue.Code, _ message: String, fr: String) {
            out.append(ValidationIssue(code: code, message: message, fr: fr))
        }
        if plan.format != Plan.formatTag {
            add(.wrongFormat, "format is '\(plan.format)', expected '\(Plan.formatTag)'",
                fr: "le format est '\(plan.format)' au lieu de '\(Plan.formatTag)'")
        }
        // A plan names the instance it was made for; an empty name (hand-written plan) is accepted.
        if !plan.instance.isEmpty && plan.instance != instance.name {
            add(.wrongInstance, "the plan is for instance '\(plan.instance)', not '\(instance.name)'",
                fr: "le plan est celui de l’instance '\(plan.instance)', pas de '\(instance.name)'")
        }
        let sessions = Dictionary(instance.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let conseillers = Set(instance.conseillers.map(\.id))
        let rooms = Set(instance.rooms.map(\.id))
        var seen = Set<String>()
        for (i, a) in plan.assignments.enumerated() {
            let en = "assignment \(i + 1) (session '\(a.session)')", fr = "affectation \(i + 1) (séance '\(a.session)')"
            let session = sessions[a.session]
            if session == nil {
                add(.danglingReference, "\(en): session '\(a.session)' does not exist", fr: "\(fr) : la séance '\(a.session)' n’existe pas")
            }
            if !conseillers.contains(a.conseiller) {
                add(.danglingReference, "\(en): conseiller '\(a.conseiller)' does not exist",
                    fr: "\(fr) : le conseiller '\(a.conseiller)' n’existe pas")
            }
            if !rooms.contains(a.room) {
                add(.danglingReference, "\(en): room '\(a.room)' does not exist", fr: "\(fr) : la salle '\(a.room)' n’existe pas")
            }
            if !seen.insert(a.session).inserted {
                add(.duplicateAssignment, "\(en): session '\(a.session)' appears more than once in the plan",
                    fr: "\(fr) : la séance '\(a.session)' figure plus d’une fois dans le plan")
            }
            if a.day < 0 || a.day >= instance.days {
                add(.timeOutsideWeek, "\(en): day \(a.day) is outside the week (0…\(instance.days - 1))",
                    fr: "\(fr) : le jour \(a.day) est hors de la semaine (0…\(instance.days - 1))")
            } else if a.start < 0 || a.start + (session?.duration ?? 1) > instance.grainsPerDay {
                add(.timeOutsideWeek, "\(en): start \(a.start) on day \(a.day) does not fit in the day",
                    fr: "\(fr) : le début \(a.start) du jour \(a.day) ne tient pas dans la journée")
            }
        }
        for u in plan.unassigned {
            if sessions[u.session] == nil {
                add(.danglingReference, "unassigned session '\(u.session)' does not exist",
                    fr: "la séance non placée '\(u.session)' n’existe pas")
            }
            if !seen.insert(u.session).inserted {
                add(.duplicateAssignment, "session '\(u.session)' appears more than once in the plan",
                    fr: "la séance '\(u.session)' figure plus d’une fois dans le plan")
            }
        }
        for s in instance.sessions where !seen.contains(s.id) {
            add(.missingSession, "session '\(s.id)' is neither assigned nor unassigned",
                fr: "la séance '\(s.id)' n’est ni placée ni listée comme non placée")
        }
        return out
    }

    /// Throws `PlanningError.invalidPlan` when `plan` does not fit `instance`.
    package static func validate(_ plan: Plan, for instance: Instance) throws(PlanningError) {
        let found = issues(in: plan, for: instance)
        if !found.isEmpty { throw .invalidPlan(found) }
    }
}
