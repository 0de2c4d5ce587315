import Testing
@testable import RelaisPlanning

/// Each hard rule and each score term on `Tiny`, with the numbers worked out by hand.
@Suite struct EvaluatorTests {
    let tiny = Tiny.instance()

    private func rules(_ assignments: [Assignment]) -> [HardRule: Int] {
        var out: [HardRule: Int] = [:]
        for v in Evaluator.evaluate(tiny, assignments: assignments).violations { out[v.rule, default: 0] += 1 }
        return out
    }

    private func terms(_ assignments: [Assignment], _ instance: Instance? = nil) -> ScoreTerms {
        Evaluator.evaluate(instance ?? tiny, assignments: assignments).terms
    }

    @Test func feasiblePlanScoresEveryTermByHand() {
        let plan = [
            Tiny.at("w1", "a", "r1", day: 0, start: 0),
            Tiny.at("w2", "b", "r2", day: 0, start: 0),
            Tiny.at("p1", "a", "r1", day: 0, start: 4),
        ]
        let e = Evaluator.evaluate(tiny, assignments: plan)
        #expect(e.violations.isEmpty)
        // w3: 1000 × 1 × 2; w4: 1000 × 2 × 1.
        #expect(e.terms[.unassigned] == 4000)
        // n1 wants 6 grains, gets w1 + p1 = 4 → 5 × 2; n2 wants 0.
        #expect(e.terms[.coverage] == 10)
        // a: |4 − 5| × 2 = 2; b: |2 − 0| × 2 = 4.
        #expect(e.terms[.balance] == 6)
        #expect(e.terms[.continuity] == 0)
        // p1 is 2 grains in a's undesired Monday afternoon: 3 × 2.
        #expect(e.terms[.undesired] == 6)
        #expect(e.terms[.preferredSite] == 0)
        #expect(e.terms[.siteChange] == 0)
        #expect(e.terms[.disruption] == 0)
        #expect(e.score.soft == 4022)
        #expect(e.score.hard == 0)
    }

    @Test func skill() {
        #expect(rules([Tiny.at("w2", "a", "r2", day: 0, start: 0)]) == [.skill: 1])
    }

    @Test func available() {
        #expect(rules([Tiny.at("w3", "a", "r1", day: 1, start: 5)]) == [.available: 1])
    }

    @Test func open() {
        #expect(rules([Tiny.at("w3", "a", "r2", day: 1, start: 0)]) == [.open: 1])
    }

    @Test func roomFitsCountsOncePerSession() {
        // r2 has 4 seats for 8 people and no laptops: still one violation.
        #expect(rules([Tiny.at("w1", "a", "r2", day: 0, start: 0)]) == [.roomFits: 1])
    }

    @Test func siteAllowed() {
        #expect(rules([Tiny.at("w2", "b", "r1", day: 0, start: 0)]) == [.siteAllowed: 1])
    }

    @Test func fixed() {
        #expect(rules([Tiny.at("p1", "a", "r1", day: 0, start: 0)]) == [.fixed: 1])
    }

    @Test func halfDay() {
        #expect(rules([Tiny.at("w1", "a", "r1", day: 0, start: 3)]) == [.halfDay: 1])
    }

    @Test func personOverlap() {
        #expect(rules([Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w3", "a", "r3", day: 0, start: 1)])
            == [.personOverlap: 1])
    }

    @Test func roomOverlap() {
        #expect(rules([Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w3", "b", "r1", day: 0, start: 1)])
            == [.roomOverlap: 1])
    }

    @Test func oneSitePerHalfDay() {
        #expect(rules([Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w3", "a", "r2", day: 0, start: 2)])
            == [.oneSitePerHalfDay: 1])
    }

    @Test func dailyMaximum() {
        // a: 2 + 1 + 2 = 5 grains on Monday, maximum 4.
        #expect(rules([
            Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w3", "a", "r1", day: 0, start: 2),
            Tiny.at("p1", "a", "r1", day: 0, start: 4),
        ]) == [.dailyMaximum: 1])
    }

    @Test func weeklyMaximum() {
        // a: 4 on Monday + 3 on Tuesday = 7, maximum 6.
        #expect(rules([
            Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("p1", "a", "r1", day: 0, start: 4),
            Tiny.at("w3", "a", "r1", day: 1, start: 0), Tiny.at("w4", "a", "r1", day: 1, start: 1),
        ]) == [.weeklyMaximum: 1])
    }

    @Test func continuity() {
        // Anchor a / Monday / grain 0. Tuesday at 1: +10 day, +5 start.
        #expect(terms([Tiny.at("w1", "a", "r1", day: 1, start: 1)])[.continuity] == 15)
        // Same day and start, another conseiller: +30.
        #expect(terms([Tiny.at("w1", "b", "r1", day: 0, start: 0)])[.continuity] == 30)
        // Same day, another start, another conseiller: 30 + 5.
        #expect(terms([Tiny.at("w1", "b", "r1", day: 0, start: 2)])[.continuity] == 35)
    }

    @Test func preferredSite() {
        #expect(terms([Tiny.at("w3", "a", "r1", day: 0, start: 0)])[.preferredSite] == 4)
        #expect(terms([Tiny.at("w3", "a", "r2", day: 0, start: 0)])[.preferredSite] == 0)
    }

    @Test func siteChangeAndUndesired() {
        let t = terms([Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w3", "a", "r2", day: 0, start: 5)])
        #expect(t[.siteChange] == 8)
        #expect(t[.undesired] == 3)   // 1 grain on Monday afternoon
    }

    @Test func coverageAndBalance() {
        let t = terms([Tiny.at("w4", "b", "r2", day: 0, start: 0)])
        #expect(t[.coverage] == 30)   // n1: 6 wanted, 0 placed
        #expect(t[.balance] == 14)    // a: |0 − 5| × 2 = 10; b: |2 − 0| × 2 = 4
    }

    @Test func disruption() {
        let baseline = [
            Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w2", "b", "r2", day: 0, start: 0),
            Tiny.at("w3", "a", "r1", day: 0, start: 2),
        ]
        let instance = Tiny.instance(baseline: baseline)
        // w1: another conseiller (+20); w2: another start (+15); w3 unassigned: nothing.
        let t = terms([Tiny.at("w1", "b", "r1", day: 0, start: 0), Tiny.at("w2", "b", "r2", day: 0, start: 4)], instance)
        #expect(t[.disruption] == 35)
        // Another room only: +5.
        #expect(terms([Tiny.at("w3", "a", "r3", day: 0, start: 2)], instance)[.disruption] == 5)
    }

    @Test func checkReportListsViolationsThenTerms() {
        let plan = Plan(
            instance: "tiny",
            assignments: [Tiny.at("w2", "a", "r2", day: 0, start: 0)],
            unassigned: ["w1", "w3", "p1", "w4"].map { UnassignedSession(session: $0, reasons: []) },
            score: nil)
        let report = Reports.check(plan, instance: tiny)
        #expect(report.hard == 1)
        let text = Reports.checkText(report)
        #expect(text.contains("[skill] session 'w2' (a, r2, Monday 08:00): a lacks skill 'sante'"))
        #expect(text.contains("unassigned          8000"))
    }
}
