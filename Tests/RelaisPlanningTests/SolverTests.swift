import Testing
@testable import RelaisPlanning

/// The best soft score over every plan that breaks no hard rule, by exhaustive search.
/// Independent of the solver: candidates are the single placements the reference evaluator
/// accepts, combinations are checked by hand-written rules 8–12, leaves scored by the evaluator.
func exhaustiveOptimum(_ instance: Instance) -> Int {
    let cons = Dictionary(uniqueKeysWithValues: instance.conseillers.map { ($0.id, $0) })
    let site = Dictionary(uniqueKeysWithValues: instance.rooms.map { ($0.id, $0.site) })
    let duration = Dictionary(uniqueKeysWithValues: instance.sessions.map { ($0.id, $0.duration) })
    // Each candidate with its placement-only cost (continuity, undesired, preferred_site,
    // disruption): these terms only grow as sessions are added, so their sum bounds a branch.
    var candidates: [[(a: Assignment, cost: Int)]] = []
    let placementTerms: [ScoreTerm] = [.continuity, .undesired, .preferredSite, .disruption]
    for s in instance.sessions {
        var list: [(a: Assignment, cost: Int)] = []
        for c in instance.conseillers {
            for r in instance.rooms {
                for day in 0..<instance.days {
                    for start in 0..<instance.grainsPerDay {
                        let a = Assignment(session: s.id, conseiller: c.id, room: r.id, day: day, start: start)
                        guard start + s.duration <= instance.grainsPerDay else { continue }
                        let e = Evaluator.evaluate(instance, assignments: [a])
                        if e.violations.isEmpty { list.append((a, placementTerms.map { e.terms[$0] }.reduce(0, +))) }
                    }
                }
            }
        }
        candidates.append(list.sorted { $0.cost < $1.cost })
    }
    func compatible(_ a: Assignment, _ chosen: [Assignment]) -> Bool {
        let da = duration[a.session]!
        var day = da, week = da
        for b in chosen where b.conseiller == a.conseiller || b.room == a.room {
            let db = duration[b.session]!
            let overlap = a.day == b.day && a.start < b.start + db && b.start < a.start + da
            if overlap { return false }
            guard b.conseiller == a.conseiller else { continue }
            week += db
            if b.day == a.day {
                day += db
                let sameHalf = (a.start < instance.middayGrain) == (b.start < instance.middayGrain)
                if sameHalf && site[a.room] != site[b.room] { return false }
            }
        }
        let c = cons[a.conseiller]!
        return day <= c.maxGrainsPerDay && week <= c.maxGrainsPerWeek
    }
    var best = Int.max
    var chosen: [Assignment] = []
    func dfs(_ i: Int, _ bound: Int) {
        if bound >= best { return }
        if i == instance.sessions.count {
            best = min(best, Evaluator.evaluate(instance, assignments: chosen).score.soft)
            return
        }
        for (a, cost) in candidates[i] where compatible(a, chosen) {
            chosen.append(a)
            dfs(i + 1, bound + cost)
            chosen.removeLast()
        }
        let s = instance.sessions[i]
        dfs(i + 1, bound + 1000 * s.duration * s.priority)
    }
    dfs(0, 0)
    return best
}

@Suite struct SolverTests {
    static let tinyVariants: [(String, Instance)] = {
        var tight = Tiny.instance()
        tight.conseillers[0].maxGrainsPerWeek = 3
        tight.conseillers[1].available = [Interval(day: 0, start: 0, end: 4)]
        var anchored = Tiny.instance(baseline: [
            Tiny.at("w1", "b", "r1", day: 0, start: 2), Tiny.at("w4", "a", "r3", day: 0, start: 0),
        ])
        anchored.sessions[4].anchor = Anchor(conseiller: "b", day: 0, start: 6)
        anchored.sessions.remove(at: 2)   // w3: keeps the exhaustive search short
        tight.sessions.remove(at: 4)      // w4
        return [("tiny", Tiny.instance()), ("tight", tight), ("anchored-baseline", anchored)]
    }()

    /// Each computed once, on first use, and separately, so that the tests needing different
    /// optima run their exhaustive searches in parallel instead of waiting for all three.
    private static let optimum0 = exhaustiveOptimum(tinyVariants[0].1)
    private static let optimum1 = exhaustiveOptimum(tinyVariants[1].1)
    private static let optimum2 = exhaustiveOptimum(tinyVariants[2].1)

    static func optimum(_ index: Int) -> Int {
        switch index {
        case 0: return optimum0
        case 1: return optimum1
        default: return optimum2
        }
    }

    @Test(arguments: 0..<3)
    func reachesTheExhaustiveOptimumOnTinyInstances(_ index: Int) throws {
        let (name, instance) = Self.tinyVariants[index]
        let optimum = Self.optimum(index)
        let result = try Solver.solve(instance, options: SolverOptions(timeLimit: nil, iterations: 20_000, seed: 3))
        #expect(result.evaluation.score.hard == 0, "\(name)")
        #expect(result.evaluation.score.soft == optimum, "\(name): solver \(result.evaluation.score.soft), optimum \(optimum)")
    }

    @Test func tabuAlsoReachesTheOptimumOnTiny() throws {
        let instance = Tiny.instance()
        let result = try Solver.solve(
            instance, options: SolverOptions(timeLimit: nil, iterations: 2_000, seed: 5, strategy: .tabu))
        #expect(result.evaluation.score.soft == Self.optimum(0))
    }

    @Test func sameSeedAndIterationsGiveTheSamePlan() throws {
        let instance = Generator.generate(size: .s, tightness: 0.9, seed: 4)
        let options = SolverOptions(timeLimit: nil, iterations: 4_000, seed: 11)
        let first = try Solver.solve(instance, options: options)
        let second = try Solver.solve(instance, options: options)
        #expect(first.plan == second.plan)
    }

    @Test(arguments: [(InstanceSize.xs, 0.75), (.xs, 0.9), (.s, 0.75), (.s, 0.9)])
    func generatedFamiliesArePlannedCompletelyWithoutBreakingARule(_ size: InstanceSize, _ tightness: Double) throws {
        let instance = Generator.generate(size: size, tightness: tightness, seed: 1)
        let result = try Solver.solve(instance, options: SolverOptions(timeLimit: nil, iterations: 500, seed: 1))
        let check = Reports.check(result.plan, instance: instance)
        #expect(check.hard == 0)
        #expect(check.storedScoreMatches == true)
        #expect(result.plan.unassigned.isEmpty, "\(size.rawValue) \(tightness): \(result.plan.unassigned.count) unassigned")
        #expect(Validator.issues(in: result.plan, for: instance).isEmpty)
    }

    @Test(arguments: [InstanceSize.xs, .s])
    func overConstrainedWeeksLeaveTheExcessUnassignedAndExplained(_ size: InstanceSize) throws {
        let instance = Generator.generate(size: size, tightness: 1.05, seed: 2)
        let demand = instance.sessions.map(\.duration).reduce(0, +)
        let contracts = instance.conseillers.map(\.maxGrainsPerWeek).reduce(0, +)
        #expect(demand > contracts)
        let result = try Solver.solve(instance, options: SolverOptions(timeLimit: nil, iterations: 2_000, seed: 1))
        #expect(Reports.check(result.plan, instance: instance).hard == 0)
        #expect(!result.plan.unassigned.isEmpty)
        #expect(result.plan.unassigned.allSatisfy { !$0.reasons.isEmpty })
        let placed = result.plan.assignments.map { a in instance.sessions.first { $0.id == a.session }!.duration }.reduce(0, +)
        #expect(placed <= contracts)
        #expect(result.plan.assignments.count + result.plan.unassigned.count == instance.sessions.count)
    }

    @Test func replanningAfterAnAbsenceMovesOnlyWhatHadTo() throws {
        let week = Generator.generate(size: .xs, tightness: 0.75, seed: 3)
        let published = try Solver.solve(week, options: SolverOptions(timeLimit: nil, iterations: 20_000, seed: 1)).plan
        // The conseiller with the most Tuesday sessions is away on Tuesday.
        let tuesday = published.assignments.filter { $0.day == 1 }
        let absent = Dictionary(grouping: tuesday, by: \.conseiller).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!.key
        let mustMove = Set(tuesday.filter { $0.conseiller == absent }.map(\.session))
        #expect(!mustMove.isEmpty)
        var repair = week
        repair.baseline = published.assignments
        let index = repair.conseillers.firstIndex { $0.id == absent }!
        repair.conseillers[index].available.removeAll { $0.day == 1 }
        let result = try Solver.solve(repair, options: SolverOptions(timeLimit: nil, iterations: 5_000, seed: 1))
        #expect(result.evaluation.score.hard == 0)
        let before = Dictionary(uniqueKeysWithValues: published.assignments.map { ($0.session, $0) })
        let after = Dictionary(uniqueKeysWithValues: result.plan.assignments.map { ($0.session, $0) })
        for (session, old) in before where !mustMove.contains(session) {
            #expect(after[session] == old, "\(session) moved without having to")
        }
        for session in mustMove {
            if let new = after[session] { #expect(!(new.conseiller == absent && new.day == 1)) }
        }
        #expect(result.evaluation.terms[.disruption] > 0)
    }

    @Test func incrementalScoreMatchesTheEvaluatorAfterEveryKindOfMove() throws {
        let instance = Generator.generate(size: .xs, tightness: 1.05, seed: 9)
        let model = try CompiledInstance(instance)
        let search = Search(model, options: SolverOptions(timeLimit: nil, iterations: 0, seed: 2), progress: nil)
        search.construct()
        var applied = 0
        for i in 0..<3_000 {
            guard let move = search.sampleMove() else { continue }
            let mark = search.state.mark
            if search.apply(move) && i % 3 != 0 {
                search.state.commit()
                applied += 1
            } else {
                search.state.rollback(to: mark)
            }
            if i % 500 == 0 {
                let e = Evaluator.evaluate(instance, assignments: search.state.assignments())
                #expect(e.violations.isEmpty)
                #expect(e.terms == search.state.scoreTerms)
            }
        }
        #expect(applied > 100)
        let e = Evaluator.evaluate(instance, assignments: search.state.assignments())
        #expect(e.violations.isEmpty)
        #expect(e.terms == search.state.scoreTerms)
    }
}

@Suite struct GeneratorTests {
    @Test(arguments: [InstanceSize.xs, .s, .m], [0.75, 0.9, 1.05])
    func hiddenPlanKeepsEveryRule(_ size: InstanceSize, _ tightness: Double) {
        let (instance, hidden) = Generator.generateWithHiddenPlan(size: size, tightness: tightness, seed: 5)
        #expect(Validator.issues(in: instance).isEmpty)
        #expect(instance.conseillers.count == size.conseillers)
        #expect(instance.rooms.count == size.rooms)
        #expect(instance.sites.count == size.sites)
        #expect(instance.sessions.count == size.sessions)
        #expect(instance.sessions.filter { $0.kind == .permanence }.count == size.permanences)
        #expect(Evaluator.evaluate(instance, assignments: hidden).violations.isEmpty)
        if tightness <= 0.9 { #expect(hidden.count == size.sessions) }
        let demand = Double(instance.sessions.map(\.duration).reduce(0, +))
        let contracted = Double(instance.conseillers.map(\.targetGrains).reduce(0, +))
        #expect(abs(demand / contracted - tightness) < 0.05)
        let skills = instance.conseillers.map(\.skills.count)
        #expect(skills.allSatisfy { (3...6).contains($0) })
        let anchored = instance.sessions.filter { $0.anchor != nil }.count
        #expect(anchored > 0)
    }

    @Test func sameSeedSameInstance() {
        #expect(Generator.generate(size: .s, tightness: 0.9, seed: 7) == Generator.generate(size: .s, tightness: 0.9, seed: 7))
        #expect(Generator.generate(size: .s, tightness: 0.9, seed: 7) != Generator.generate(size: .s, tightness: 0.9, seed: 8))
    }
}
