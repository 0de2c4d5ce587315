// The solver's public face: options, progress, result, and the `solve` entry point.

import Foundation

/// How the local search accepts a worse plan.
package enum SearchStrategy: String, Sendable, Codable, CaseIterable {
    /// Late acceptance hill climbing (Burke & Bykov): accept when not worse than the plan
    /// of L iterations ago. The default: measured better on the generated families.
    case lateAcceptance = "late-acceptance"
    /// Tabu search over a sample of moves, with the moved sessions tabu for a while.
    case tabu
}

/// Limits and knobs of one solver run.
package struct SolverOptions: Sendable {
    /// Wall-clock limit in seconds (nil: none; then `iterations` must be set).
    package var timeLimit: Double?
    /// Local-search iteration limit. With it and no time limit, a run is reproducible.
    package var iterations: Int?
    package var seed: UInt64
    package var strategy: SearchStrategy
    /// Late acceptance history length.
    package var historyLength: Int
    /// Tabu: moves sampled per iteration, and base tenure in iterations.
    package var tabuSample: Int
    package var tabuTenure: Int
    /// Seconds between two progress calls.
    package var progressInterval: Double

    package init(
        timeLimit: Double? = 10, iterations: Int? = nil, seed: UInt64 = 1,
        strategy: SearchStrategy = .lateAcceptance, historyLength: Int = 1000,
        tabuSample: Int = 12, tabuTenure: Int = 20, progressInterval: Double = 0.25
    ) {
        self.timeLimit = timeLimit
        self.iterations = iterations
        self.seed = seed
        self.strategy = strategy
        self.historyLength = historyLength
        self.tabuSample = tabuSample
        self.tabuTenure = tabuTenure
        self.progressInterval = progressInterval
    }
}

/// A snapshot of a run in progress, for a progress display.
package struct SolverProgress: Sendable {
    package var elapsed: Double
    package var iterations: Int
    package var bestSoft: Int
    package var currentSoft: Int
    package var unassigned: Int
    package var total: Int
}

/// One improvement of the best plan: when, and how good.
package struct TracePoint: Codable, Sendable, Hashable {
    package var seconds: Double
    package var soft: Int
    package var unassigned: Int
}

/// Figures about a run, for reports and the benchmark.
package struct SolverStatistics: Codable, Sendable, Hashable {
    package var iterations: Int
    package var seconds: Double
    package var constructionSoft: Int
    package var constructionSeconds: Double
    /// When the best plan first placed every session (nil: never).
    package var firstCompleteSeconds: Double?
    package var strategy: String
    package var seed: UInt64
    package var trace: [TracePoint]
}

/// A solved plan with its independent evaluation.
package struct SolverResult: Sendable {
    package var plan: Plan
    package var evaluation: Evaluation
    package var statistics: SolverStatistics
}

/// Entry point of the weekly solver.
package enum Solver {
    /// Solves `instance` (validated here) and returns a plan that breaks no hard rule, every
    /// session it could not place listed with its reasons.
    /// - Throws: `PlanningError.invalidInstance` for a malformed instance.
    package static func solve(
        _ instance: Instance, options: SolverOptions = SolverOptions(),
        progress: ((SolverProgress) -> Void)? = nil
    ) throws(PlanningError) -> SolverResult {
        try Validator.validate(instance)
        guard options.timeLimit != nil || options.iterations != nil else {
            throw .badArgument("give a time limit or an iteration limit")
        }
        let model = try CompiledInstance(instance)
        let search = Search(model, options: options, progress: progress)
        let stats = search.run()
        let state = search.state
        let assignments = state.assignments()
        let unassigned = Explainer(model: model, state: state).explainUnassigned()
        let evaluation = Evaluator.evaluate(instance, assignments: assignments)
        guard evaluation.violations.isEmpty, evaluation.terms == state.scoreTerms else {
            // The incremental state and the reference evaluator disagree: a solver bug.
            // Refuse to hand out a plan that might break a rule.
            throw .badArgument(
                "internal error: solver plan does not re-evaluate cleanly (hard \(evaluation.violations.count), "
                    + "soft \(evaluation.terms.total) vs \(state.soft)); please report it with the instance")
        }
        let plan = Plan(instance: instance.name, assignments: assignments, unassigned: unassigned, score: evaluation.score)
        return SolverResult(plan: plan, evaluation: evaluation, statistics: stats)
    }
}
