// Structural checks of instance and plan files: everything that must hold before any rule
// or score means something. Each problem names the offending entry.

import Foundation

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
    }

    package var code: Code
    package var message: String

    package var description: String { message }
}

/// Errors met while reading, validating or writing planning files.
package enum PlanningError: Error, LocalizedError, CustomStringConvertible, Sendable {
    case unreadableFile(path: String, reason: String)
    case malformedJSON(path: String, reason: String)
    case invalidInstance([ValidationIssue])
    case invalidPlan([ValidationIssue])
    case unwritableFile(path: String, reason: String)
    case badArgument(String)

    package var errorDescription: String? { description }

    package var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .malformedJSON(let path, let reason):
            return "\(path) is not valid JSON for this format: \(reason)"
        case .invalidInstance(let issues):
            return "invalid instance: " + Self.summary(issues)
        case .invalidPlan(let issues):
            return "invalid plan: " + Self.summary(issues)
        case .unwritableFile(let path, let reason):
            return "cannot write \(path): \(reason)"
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

    private static func summary(_ issues: [ValidationIssue]) -> String {
        guard let first = issues.first else { return "no details" }
        return issues.count == 1 ? first.message : "\(first.message) (and \(issues.count - 1) more problems)"
    }
}

/// Checks the structure of instances and plans.
package enum Validator {
    /// Every structural problem of `instance`, in file order; empty when it is well-formed.
    package static func issues(in instance: Instance) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        func add(_ code: ValidationIssue.Code, _ message: String) {
            out.append(ValidationIssue(code: code, message: message))
        }
        if instance.format != Instance.formatTag {
            add(.wrongFormat, "format is '\(instance.format)', expected '\(Instance.formatTag)'")
        }
        if instance.grainMinutes <= 0 {
            add(.badTimeGrid, "grain_minutes \(instance.grainMinutes) is not positive")
        }
        if instance.grainsPerDay <= 0 {
            add(.badTimeGrid, "grains_per_day \(instance.grainsPerDay) is not positive")
        }
        if instance.days < 1 || instance.days > 7 {
            add(.badTimeGrid, "days \(instance.days) is not between 1 and 7")
        }
        if instance.middayGrain < 0 || instance.middayGrain > instance.grainsPerDay {
            add(.badTimeGrid, "midday_grain \(instance.middayGrain) is outside the day (0…\(instance.grainsPerDay))")
        }
        let timeParts = instance.dayStart.split(separator: ":")
        if timeParts.count != 2 || Int(timeParts[0]) == nil || Int(timeParts[1]) == nil {
            add(.badTimeGrid, "day_start '\(instance.dayStart)' is not HH:MM")
        }
        guard out.allSatisfy({ $0.code != .badTimeGrid }) else { return out }

        func checkUnique(_ ids: [String], _ list: String, _ entity: String) -> Set<String> {
            var seen = Set<String>()
            for id in ids where !seen.insert(id).inserted {
                add(.duplicateId, "\(entity) '\(id)' appears twice in \(list)")
            }
            return seen
        }
        let neighbourhoods = checkUnique(instance.neighbourhoods.map(\.id), "neighbourhoods", "neighbourhood")
        let sites = checkUnique(instance.sites.map(\.id), "sites", "site")
        let rooms = checkUnique(instance.rooms.map(\.id), "rooms", "room")
        let conseillers = checkUnique(instance.conseillers.map(\.id), "conseillers", "conseiller")
        let sessions = checkUnique(instance.sessions.map(\.id), "sessions", "session")
        let sessionDuration = Dictionary(instance.sessions.map { ($0.id, $0.duration) }, uniquingKeysWith: { a, _ in a })

        func checkDay(_ day: Int, _ owner: String) -> Bool {
            if day < 0 || day >= instance.days {
                add(.timeOutsideWeek, "\(owner): day \(day) is outside the week (0…\(instance.days - 1))")
                return false
            }
            return true
        }
        func checkInterval(_ iv: Interval, _ owner: String) {
            guard checkDay(iv.day, owner) else { return }
            if iv.start < 0 || iv.end > instance.grainsPerDay {
                add(.intervalOutsideDay,
                    "\(owner): interval \(iv.start)–\(iv.end) on day \(iv.day) is outside the day (0…\(instance.grainsPerDay))")
            } else if iv.start >= iv.end {
                add(.emptyInterval, "\(owner): interval \(iv.start)–\(iv.end) on day \(iv.day) is empty")
            }
        }
        func checkStart(day: Int, start: Int, duration: Int?, _ owner: String) {
            guard checkDay(day, owner) else { return }
            let end = start + max(duration ?? 1, 1)
            if start < 0 || end > instance.grainsPerDay {
                add(.timeOutsideWeek, "\(owner): start \(start) on day \(day) does not fit in the day (0…\(instance.grainsPerDay))")
            }
        }
        func checkNonNegative(_ value: Int, _ field: String, _ owner: String) {
            if value < 0 { add(.negativeValue, "\(owner): \(field) \(value) is negative") }
        }

        for n in instance.neighbourhoods {
            checkNonNegative(n.targetGrains, "target_grains", "neighbourhood '\(n.id)'")
        }
        for s in instance.sites where !neighbourhoods.contains(s.neighbourhood) {
            add(.danglingReference, "site '\(s.id)': neighbourhood '\(s.neighbourhood)' does not exist")
        }
        for r in instance.rooms {
            let owner = "room '\(r.id)'"
            if !sites.contains(r.site) { add(.danglingReference, "\(owner): site '\(r.site)' does not exist") }
            checkNonNegative(r.capacity, "capacity", owner)
            for iv in r.open { checkInterval(iv, owner) }
        }
        for c in instance.conseillers {
            let owner = "conseiller '\(c.id)'"
            checkNonNegative(c.maxGrainsPerDay, "max_grains_per_day", owner)
            checkNonNegative(c.maxGrainsPerWeek, "max_grains_per_week", owner)
            checkNonNegative(c.targetGrains, "target_grains", owner)
            for iv in c.available { checkInterval(iv, owner) }
            for u in c.undesired { _ = checkDay(u.day, owner) }
        }
        for s in instance.sessions {
            let owner = "session '\(s.id)'"
            if s.duration <= 0 {
                add(.nonPositiveDuration, "\(owner): duration \(s.duration) is not positive")
            } else if s.duration > instance.grainsPerDay {
                add(.intervalOutsideDay, "\(owner): duration \(s.duration) is longer than a day (\(instance.grainsPerDay) grains)")
            }
            checkNonNegative(s.attendees, "attendees", owner)
            checkNonNegative(s.priority, "priority", owner)
            for site in s.sites where !sites.contains(site) {
                add(.danglingReference, "\(owner): allowed site '\(site)' does not exist")
            }
            for site in s.preferredSites where !sites.contains(site) {
                add(.danglingReference, "\(owner): preferred site '\(site)' does not exist")
            }
            if let f = s.fixed { checkStart(day: f.day, start: f.start, duration: s.duration, "\(owner) fixed time") }
            if let a = s.anchor {
                if !conseillers.contains(a.conseiller) {
                    add(.danglingReference, "\(owner): anchor conseiller '\(a.conseiller)' does not exist")
                }
                checkStart(day: a.day, start: a.start, duration: s.duration, "\(owner) anchor")
            }
        }
        var inBaseline = Set<String>()
        for (i, b) in (instance.baseline ?? []).enumerated() {
            let owner = "baseline entry \(i + 1) (session '\(b.session)')"
            if !sessions.contains(b.session) { add(.danglingReference, "\(owner): session '\(b.session)' does not exist") }
            if !conseillers.contains(b.conseiller) { add(.danglingReference, "\(owner): conseiller '\(b.conseiller)' does not exist") }
            if !rooms.contains(b.room) { add(.danglingReference, "\(owner): room '\(b.room)' does not exist") }
            if !inBaseline.insert(b.session).inserted {
                add(.duplicateAssignment, "\(owner): session '\(b.session)' is placed twice in the baseline")
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
        func add(_ code: ValidationIssue.Code, _ message: String) {
            out.append(ValidationIssue(code: code, message: message))
        }
        if plan.format != Plan.formatTag {
            add(.wrongFormat, "format is '\(plan.format)', expected '\(Plan.formatTag)'")
        }
        let sessions = Dictionary(instance.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let conseillers = Set(instance.conseillers.map(\.id))
        let rooms = Set(instance.rooms.map(\.id))
        var seen = Set<String>()
        for (i, a) in plan.assignments.enumerated() {
            let owner = "assignment \(i + 1) (session '\(a.session)')"
            let session = sessions[a.session]
            if session == nil { add(.danglingReference, "\(owner): session '\(a.session)' does not exist") }
            if !conseillers.contains(a.conseiller) { add(.danglingReference, "\(owner): conseiller '\(a.conseiller)' does not exist") }
            if !rooms.contains(a.room) { add(.danglingReference, "\(owner): room '\(a.room)' does not exist") }
            if !seen.insert(a.session).inserted {
                add(.duplicateAssignment, "\(owner): session '\(a.session)' appears more than once in the plan")
            }
            if a.day < 0 || a.day >= instance.days {
                add(.timeOutsideWeek, "\(owner): day \(a.day) is outside the week (0…\(instance.days - 1))")
            } else if a.start < 0 || a.start + (session?.duration ?? 1) > instance.grainsPerDay {
                add(.timeOutsideWeek, "\(owner): start \(a.start) on day \(a.day) does not fit in the day")
            }
        }
        for u in plan.unassigned {
            if sessions[u.session] == nil {
                add(.danglingReference, "unassigned session '\(u.session)' does not exist")
            }
            if !seen.insert(u.session).inserted {
                add(.duplicateAssignment, "session '\(u.session)' appears more than once in the plan")
            }
        }
        for s in instance.sessions where !seen.contains(s.id) {
            add(.missingSession, "session '\(s.id)' is neither assigned nor unassigned")
        }
        return out
    }

    /// Throws `PlanningError.invalidPlan` when `plan` does not fit `instance`.
    package static func validate(_ plan: Plan, for instance: Instance) throws(PlanningError) {
        let found = issues(in: plan, for: instance)
        if !found.isEmpty { throw .invalidPlan(found) }
    }
}
