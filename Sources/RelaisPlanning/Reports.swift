// Reading and writing planning files, and the text and JSON reports of solve and check.
// The executable only parses arguments and calls these.

import Foundation
import RelaisCore

/// File input and output for instances and plans.
package enum PlanningFiles {
    private static func read(_ path: String) throws(PlanningError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, missing: !FileManager.default.fileExists(atPath: path))
        }
    }

    /// What is wrong with a file the decoder refused, in English and French.
    private static func describe(_ error: any Error) -> (en: String, fr: String) {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return ("missing field '\(key.stringValue)' at \(at)", "champ '\(key.stringValue)' manquant en \(at)")
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let at = path(context.codingPath)
            return ("wrong type at \(at): \(context.debugDescription)", "type incorrect en \(at) : \(context.debugDescription)")
        case DecodingError.dataCorrupted(let context):
            if context.codingPath.isEmpty { return ("not JSON", "ce n’est pas du JSON") }
            let at = path(context.codingPath)
            return ("bad value at \(at): \(context.debugDescription)", "valeur incorrecte en \(at) : \(context.debugDescription)")
        default:
            return ("\(error)", "\(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// Reads and validates an instance file.
    /// - Throws: `PlanningError` naming the file and, for a malformed instance, the offending entry.
    package static func loadInstance(_ path: String) throws(PlanningError) -> Instance {
        let data = try read(path)
        let instance: Instance
        do {
            instance = try JSONDecoder().decode(Instance.self, from: data)
        } catch {
            let reason = describe(error)
            throw .malformedJSON(path: path, reason: reason.en, reasonFR: reason.fr)
        }
        try Validator.validate(instance)
        return instance
    }

    /// Reads a plan file and checks it fits `instance`.
    package static func loadPlan(_ path: String, for instance: Instance) throws(PlanningError) -> Plan {
        let data = try read(path)
        let plan: Plan
        do {
            plan = try JSONDecoder().decode(Plan.self, from: data)
        } catch {
            let reason = describe(error)
            throw .malformedJSON(path: path, reason: reason.en, reasonFR: reason.fr)
        }
        try Validator.validate(plan, for: instance)
        return plan
    }

    /// Pretty JSON with keys sorted, so the same value always gives the same bytes (the
    /// encoder's own key order follows hashing, which changes from one run to the next).
    package static func json<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// Writes `value` as JSON to `path`.
    package static func write<T: Encodable>(_ value: T, to path: String) throws(PlanningError) {
        do {
            try OutputFile.write(json(value) + Data("\n".utf8), to: path)
        } catch {
            throw .unwritableFile(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}

/// What `check` found, as printed or written as JSON.
package struct CheckReport: Codable, Sendable {
    package var instance: String
    package var hard: Int
    package var violations: [HardViolation]
    package var score: Score
    package var assigned: Int
    package var unassigned: Int
    /// Whether the score stored in the plan (if any) equals the recomputed one.
    package var storedScoreMatches: Bool?

    enum CodingKeys: String, CodingKey {
        case instance, hard, violations, score, assigned, unassigned
        case storedScoreMatches = "stored_score_matches"
    }
}

/// What `solve` did, as printed or written as JSON.
package struct SolveReport: Codable, Sendable {
    package var instance: String
    package var sessions: Int
    package var assigned: Int
    package var score: Score
    package var unassigned: [UnassignedSession]
    package var statistics: SolverStatistics
}

/// Text renderings shared by the commands.
package enum Reports {
    /// Independent recomputation of a plan for `check`.
    package static func check(_ plan: Plan, instance: Instance) -> CheckReport {
        let evaluation = Evaluator.evaluate(instance, plan: plan)
        return CheckReport(
            instance: instance.name, hard: evaluation.violations.count, violations: evaluation.violations,
            score: evaluation.score, assigned: plan.assignments.count,
            unassigned: instance.sessions.count - plan.assignments.count,
            storedScoreMatches: plan.score.map { $0 == evaluation.score })
    }

    /// "hard 0, soft 1234" then one line per term (term names are the file's keys).
    package static func scoreText(_ score: Score, _ language: Language = .en) -> String {
        var lines = [language == .fr ? "infractions \(score.hard), pénalités \(score.soft)" : "hard \(score.hard), soft \(score.soft)"]
        for term in ScoreTerm.allCases {
            let value = score.terms[term]
            let name = term.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            let pad = String(repeating: " ", count: max(0, 8 - String(value).count))
            lines.append("  \(name)\(pad)\(value)")
        }
        return lines.joined(separator: "\n")
    }

    /// What `check` prints: counts, every violation, the score term by term.
    package static func checkText(_ report: CheckReport, _ language: Language = .en) -> String {
        let fr = language == .fr
        var lines: [String] = []
        lines.append(fr
            ? "instance \(report.instance) : \(report.assigned) séances placées, \(report.unassigned) non placées"
            : "instance \(report.instance): \(report.assigned) sessions assigned, \(report.unassigned) unassigned")
        if report.violations.isEmpty {
            lines.append(fr ? "règles : toutes respectées" : "hard rules: all satisfied")
        } else {
            let n = report.hard
            lines.append(fr
                ? "règles : \(n) infraction\(n == 1 ? "" : "s")"
                : "hard rules: \(n) violation\(n == 1 ? "" : "s")")
            for v in report.violations { lines.append("  [\(v.rule.rawValue)] \(v.message)") }
        }
        lines.append((fr ? "score : " : "score: ") + scoreText(report.score, language))
        if report.storedScoreMatches == false {
            lines.append(fr
                ? "remarque : le score enregistré dans le plan diffère de ce recalcul"
                : "note: the score stored in the plan differs from this recomputation")
        }
        return lines.joined(separator: "\n")
    }

    package static func solveReport(_ result: SolverResult, instance: Instance) -> SolveReport {
        SolveReport(
            instance: instance.name, sessions: instance.sessions.count, assigned: result.plan.assignments.count,
            score: result.evaluation.score, unassigned: result.plan.unassigned, statistics: result.statistics)
    }

    /// What `solve` prints: sessions placed, the run, the score, every unassigned session with its reasons.
    package static func solveText(_ report: SolveReport, _ language: Language = .en) -> String {
        let fr = language == .fr
        var lines: [String] = []
        let st = report.statistics
        let seconds = String(format: "%.2f", st.seconds)
        lines.append(fr
            ? "instance \(report.instance) : \(report.assigned) séances placées sur \(report.sessions) "
                + "(\(st.strategy), graine \(st.seed), \(st.iterations) itérations en \(seconds) s)"
            : "instance \(report.instance): \(report.assigned) of \(report.sessions) sessions placed "
                + "(\(st.strategy), seed \(st.seed), \(st.iterations) iterations in \(seconds) s)")
        lines.append((fr ? "score : " : "score: ") + scoreText(report.score, language))
        if !report.unassigned.isEmpty {
            lines.append(fr ? "non placées :" : "unassigned:")
            for u in report.unassigned {
                lines.append("  \(u.session)")
                for r in u.reasons { lines.append("    - \(r)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
