import Foundation
import Testing
@testable import RelaisPlanning

/// Every structural error a user can meet, with its message.
@Suite struct ValidationTests {
    private func messages(_ change: (inout Instance) -> Void) -> [String] {
        var instance = Tiny.instance()
        change(&instance)
        return Validator.issues(in: instance).map(\.message)
    }

    private func codes(_ change: (inout Instance) -> Void) -> [ValidationIssue.Code] {
        var instance = Tiny.instance()
        change(&instance)
        return Validator.issues(in: instance).map(\.code)
    }

    @Test func tinyIsWellFormed() {
        #expect(Validator.issues(in: Tiny.instance()).isEmpty)
    }

    @Test func wrongFormat() {
        #expect(messages { $0.format = "relais-schedule-instance/9" }
            == ["format is 'relais-schedule-instance/9', expected 'relais-schedule-instance/1'"])
    }

    @Test func badTimeGrid() {
        #expect(messages { $0.middayGrain = 9 } == ["midday_grain 9 is outside the day (0…8)"])
        #expect(messages { $0.days = 0 } == ["days 0 is not between 1 and 7"])
        #expect(messages { $0.dayStart = "8h" } == ["day_start '8h' is not HH:MM"])
    }

    @Test func duplicateId() {
        #expect(messages { $0.sessions.append(Session(id: "w1", duration: 1)) } == ["session 'w1' appears twice in sessions"])
        #expect(codes { $0.rooms.append($0.rooms[0]) } == [.duplicateId])
    }

    @Test func danglingReferences() {
        #expect(messages { $0.rooms[0].site = "nowhere" } == ["room 'r1': site 'nowhere' does not exist"])
        #expect(messages { $0.sites[1].neighbourhood = "atlantis" } == ["site 's2': neighbourhood 'atlantis' does not exist"])
        #expect(messages { $0.sessions[1].sites = ["s9"] } == ["session 'w2': allowed site 's9' does not exist"])
        #expect(messages { $0.sessions[0].preferredSites = ["s9"] } == ["session 'w1': preferred site 's9' does not exist"])
        #expect(messages { $0.sessions[0].anchor = Anchor(conseiller: "zoe", day: 0, start: 0) }
            == ["session 'w1': anchor conseiller 'zoe' does not exist"])
        #expect(messages { $0.baseline = [Tiny.at("w1", "a", "r9", day: 0, start: 0)] }
            == ["baseline entry 1 (session 'w1'): room 'r9' does not exist"])
    }

    @Test func intervalOutsideDay() {
        #expect(messages { $0.conseillers[0].available[0].end = 30 }
            == ["conseiller 'a': interval 0–30 on day 0 is outside the day (0…8)"])
        #expect(messages { $0.rooms[1].open[0].day = 6 } == ["room 'r2': day 6 is outside the week (0…1)"])
    }

    @Test func emptyInterval() {
        #expect(messages { $0.rooms[1].open = [Interval(day: 0, start: 5, end: 5)] }
            == ["room 'r2': interval 5–5 on day 0 is empty"])
    }

    @Test func nonPositiveDuration() {
        #expect(messages { $0.sessions[0].duration = -2 } == ["session 'w1': duration -2 is not positive"])
        #expect(codes { $0.sessions[0].duration = 0 } == [.nonPositiveDuration])
    }

    @Test func negativeValues() {
        #expect(messages { $0.rooms[0].capacity = -1 } == ["room 'r1': capacity -1 is negative"])
        #expect(messages { $0.conseillers[1].maxGrainsPerWeek = -4 } == ["conseiller 'b': max_grains_per_week -4 is negative"])
        #expect(messages { $0.sessions[2].priority = -1 } == ["session 'w3': priority -1 is negative"])
    }

    @Test func fixedOutsideTheDay() {
        #expect(messages { $0.sessions[3].fixed = FixedTime(day: 0, start: 7) }
            == ["session 'p1' fixed time: start 7 on day 0 does not fit in the day (0…8)"])
    }

    @Test func duplicateBaselineEntry() {
        #expect(codes {
            $0.baseline = [Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w1", "a", "r1", day: 0, start: 2)]
        } == [.duplicateAssignment])
    }

    @Test func errorDescriptionIsOneLineWithCount() {
        var instance = Tiny.instance()
        instance.sessions[0].duration = -2
        instance.rooms[0].capacity = -1
        #expect(throws: PlanningError.self) { try Validator.validate(instance) }
        let error = PlanningError.invalidInstance(Validator.issues(in: instance))
        #expect(error.localizedDescription == "invalid instance: room 'r1': capacity -1 is negative (and 1 more problems)")
    }

    @Test func planProblems() {
        let tiny = Tiny.instance()
        var plan = Plan(
            instance: "tiny",
            assignments: [Tiny.at("w1", "a", "r1", day: 0, start: 0), Tiny.at("w1", "zoe", "r1", day: 0, start: 2)],
            unassigned: [UnassignedSession(session: "w2", reasons: [])], score: nil)
        let found = Validator.issues(in: plan, for: tiny).map(\.message)
        #expect(found == [
            "assignment 2 (session 'w1'): conseiller 'zoe' does not exist",
            "assignment 2 (session 'w1'): session 'w1' appears more than once in the plan",
            "session 'w3' is neither assigned nor unassigned",
            "session 'p1' is neither assigned nor unassigned",
            "session 'w4' is neither assigned nor unassigned",
        ])
        plan.assignments = [Tiny.at("w1", "a", "r1", day: 0, start: 7)]
        plan.unassigned = ["w2", "w3", "p1", "w4"].map { UnassignedSession(session: $0, reasons: []) }
        #expect(Validator.issues(in: plan, for: tiny).map(\.message)
            == ["assignment 1 (session 'w1'): start 7 on day 0 does not fit in the day"])
    }

    @Test func unreadableAndMalformedFiles() throws {
        #expect(throws: PlanningError.self) { try PlanningFiles.loadInstance("/nonexistent/week.json") }
        do {
            _ = try PlanningFiles.loadInstance("/nonexistent/week.json")
        } catch {
            #expect(error.description == "cannot read /nonexistent/week.json: no such file")
        }
        let notJSON = TemporaryFile("{ nope")
        do {
            _ = try PlanningFiles.loadInstance(notJSON.path)
            Issue.record("accepted bad JSON")
        } catch {
            #expect(error.description == "\(notJSON.path) is not valid JSON for this format: not JSON")
        }
        let missing = TemporaryFile(#"{"format": "relais-schedule-instance/1", "sessions": [{"id": "x"}]}"#)
        do {
            _ = try PlanningFiles.loadInstance(missing.path)
            Issue.record("accepted a session without duration")
        } catch {
            #expect(error.description == "\(missing.path) is not valid JSON for this format: missing field 'duration' at .sessions[0]")
        }
        let badKind = TemporaryFile(#"{"format": "relais-schedule-instance/1", "sessions": [{"id": "x", "duration": 1, "kind": "party"}]}"#)
        do {
            _ = try PlanningFiles.loadInstance(badKind.path)
            Issue.record("accepted an unknown kind")
        } catch {
            #expect(error.description.contains("bad value at .sessions[0].kind"))
        }
    }

    @Test func roundTripThroughJSON() throws {
        let tiny = Tiny.instance(baseline: [Tiny.at("w1", "a", "r1", day: 0, start: 0)])
        let file = TemporaryFile("")
        try PlanningFiles.write(tiny, to: file.path)
        let back = try PlanningFiles.loadInstance(file.path)
        #expect(back == tiny)
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text.contains("\"preferred_sites\""))
        #expect(text.contains("\"max_grains_per_week\""))
    }
}
