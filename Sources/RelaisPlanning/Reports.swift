// Reading and writing planning files, and the text and JSON reports of solve and check.
// The executable only parses arguments and calls these.

import Foundation

/// File input and output for instances and plans.
package enum PlanningFiles {
    private static func read(_ path: String) throws(PlanningError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "unreadable" : "no such file"
            throw .unreadableFile(path: path, reason: reason)
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(path(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
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
            throw .malformedJSON(path: path, reason: describe(error))
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
            throw .malformedJSON(path: path, reason: describe(error))
        }
        try Validator.validate(plan, for: instance)
        return plan
    }

    /// Pretty JSON with stable key order.
    package static func json<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// Writes `value` as JSON to `path`.
    package static func write<T: Encodable>(_ value: T, to path: String) throws(PlanningError) {
        do {
            try (json(value) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
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

    /// "soft 1234" then one line per term.
    package static func scoreText(_ score: Score) -> String {
        var lines = ["hard \(score.hard), soft \(score.soft)"]
        for term in ScoreTerm.allCases {
            let value = score.terms[term]
            let name = term.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
            let pad = String(repeating: " ", count: max(0, 8 - String(value).count))
            lines.append("  \(name)\(pad)\(value)")
        }
        return lines.joined(separator: "\n")
    }

    package static func checkText(_ report: CheckReport) -> String {
        var lines: [String] = []
        lines.append("instance \(report.instance): \(report.assigned) sessions assigned, \(report.unassigned) unassigned")
        if report.violations.isEmpty {
            lines.append("hard rules: all satisfied")
        } else {
            lines.append("hard rules: \(report.hard) violation\(report.hard == 1 ? "" : "s")")
            for v in report.violations { lines.append("  [\(v.rule.rawValue)] \(v.message)") }
        }
        lines.append("score: " + scoreText(report.score))
        if report.storedScoreMatches == false { lines.append("note: the score stored in the plan differs from this recomputation") }
        return lines.joined(separator: "\n")
    }

    package static func solveReport(_ result: SolverResult, instance: Instance) -> SolveReport {
        SolveReport(
            instance: instance.name, sessions: instance.sessions.count, assigned: result.plan.assignments.count,
            score: result.evaluation.score, unassigned: result.plan.unassigned, statistics: result.statistics)
    }

    package static func solveText(_ report: SolveReport) -> String {
        var lines: [String] = []
        let st = report.statistics
        lines.append("instance \(report.instance): \(report.assigned) of \(report.sessions) sessions placed "
            + "(\(st.strategy), seed \(st.seed), \(st.iterations) iterations in \(String(format: "%.2f", st.seconds)) s)")
        lines.append("score: " + scoreText(report.score))
        if !report.unassigned.isEmpty {
            lines.append("unassigned:")
            for u in report.unassigned {
                lines.append("  \(u.session)")
                for r in u.reasons { lines.append("    - \(r)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
