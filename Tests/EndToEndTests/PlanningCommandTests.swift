import Foundation
import RelaisTestSupport
import Testing

/// `relais-schedule solve | check | generate`, run as a user runs them: the built program, real
/// files, exit codes, the exact first line of every error, and no file left behind on refusal.
@Suite struct PlanningCommandTests {
    /// A folder of its own for each test, removed at the end.
    final class Folder {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("relais-plan-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func file(_ name: String) -> String { path + "/" + name }

        func write(_ name: String, _ text: String) throws -> String {
            try text.write(toFile: file(name), atomically: true, encoding: .utf8)
            return file(name)
        }

        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

        func read(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: file(name))) }
    }

    private func schedule(_ arguments: [String], environment: [String: String] = [:]) throws -> ProgramResult {
        try Programs.run("relais-schedule", arguments, environment: environment)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text.prefix(200))")
    }

    private func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Asserts a refusal: the exit code, one error line starting with `message`, nothing on stdout.
    private func expectRefused(
        _ result: ProgramResult, status: Int32 = 1, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == status, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix(message), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        if status == 1 {
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
    }

    // MARK: Fixtures

    /// Two days of 8 grains, one room, one conseiller, two sessions: small enough to reason about.
    static let tinyInstance = """
        {"format": "relais-schedule-instance/1", "name": "tiny", "grain_minutes": 30, "day_start": "08:00",
         "grains_per_day": 8, "midday_grain": 4, "days": 2,
         "neighbourhoods": [{"id": "n1", "target_grains": 4}],
         "sites": [{"id": "s1", "neighbourhood": "n1"}],
         "rooms": [{"id": "r1", "site": "s1", "capacity": 10, "equipment": ["laptops"],
                    "open": [{"day": 0, "start": 0, "end": 8}, {"day": 1, "start": 0, "end": 8}]}],
         "conseillers": [{"id": "a", "skills": ["bureautique"], "max_grains_per_day": 8, "max_grains_per_week": 8,
                          "target_grains": 4, "available": [{"day": 0, "start": 0, "end": 8}]}],
         "sessions": [{"id": "w1", "duration": 2, "skill": "bureautique", "attendees": 6},
                      {"id": "w2", "duration": 2}]}
        """

    /// A plan of `tiny` that puts both sessions in the same room, with the same person, at the same time.
    static let overlappingPlan = """
        {"format": "relais-schedule-plan/1", "instance": "tiny",
         "assignments": [{"session": "w1", "conseiller": "a", "room": "r1", "day": 0, "start": 0},
                         {"session": "w2", "conseiller": "a", "room": "r1", "day": 0, "start": 1}],
         "unassigned": []}
        """

    // MARK: Round trip

    @Test(arguments: [("S", "0.9"), ("XS", "1.05")])
    func generateSolveCheckRoundTrip(_ size: String, _ tightness: String) throws {
        let dir = try Folder()
        let generated = try schedule(["generate", "--size", size, "--tightness", tightness, "--seed", "1", "--out", dir.file("week.json")])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.isEmpty)
        let instance = try json(try dir.read("week.json"))
        #expect(instance["format"] as? String == "relais-schedule-instance/1")
        let sessions = try #require(instance["sessions"] as? [[String: Any]])
        #expect(sessions.count == (size == "S" ? 120 : 40))

        let solved = try schedule([
            "solve", "--instance", dir.file("week.json"), "--iterations", "3000", "--seed", "2",
            "--format", "json", "--out", dir.file("plan.json"),
        ])
        #expect(solved.status == 0, "\(solved.stderr)")
        let summary = try json(solved.stdout)
        let score = try #require(summary["score"] as? [String: Any])
        #expect(score["hard"] as? Int == 0)
        let terms = try #require(score["terms"] as? [String: Int])
        #expect(Set(terms.keys) == ["unassigned", "coverage", "balance", "continuity", "undesired", "preferred_site", "site_change", "disruption"])
        #expect(terms.values.reduce(0, +) == score["soft"] as? Int)
        let statistics = try #require(summary["statistics"] as? [String: Any])
        #expect(statistics["iterations"] as? Int == 3000)
        #expect(statistics["seed"] as? Int == 2)

        let plan = try json(try dir.read("plan.json"))
        #expect(plan["format"] as? String == "relais-schedule-plan/1")
        #expect(plan["instance"] as? String == instance["name"] as? String)
        let assignments = try #require(plan["assignments"] as? [[String: Any]])
        let unassigned = try #require(plan["unassigned"] as? [[String: Any]])
        #expect(assignments.count + unassigned.count == sessions.count)
        #expect(summary["assigned"] as? Int == assignments.count)
        if tightness == "1.05" {
            #expect(!unassigned.isEmpty, "an over-constrained week leaves sessions out")
            for entry in unassigned {
                let reasons = entry["reasons"] as? [String] ?? []
                #expect(!reasons.isEmpty, "\(entry["session"] ?? "?") has no reason")
            }
            #expect(terms["unassigned"]! > 0)
        } else {
            #expect(unassigned.isEmpty)
        }

        // check recomputes the same numbers independently, in JSON and in text.
        let checked = try schedule(["check", "--instance", dir.file("week.json"), "--plan", dir.file("plan.json"), "--format", "json"])
        #expect(checked.status == 0, "\(checked.stderr)")
        let report = try json(checked.stdout)
        #expect(report["hard"] as? Int == 0)
        #expect((report["violations"] as? [Any])?.isEmpty == true)
        #expect(report["stored_score_matches"] as? Bool == true)
        #expect((report["score"] as? [String: Any])?["soft"] as? Int == score["soft"] as? Int)
        #expect(report["assigned"] as? Int == assignments.count)
        #expect(report["unassigned"] as? Int == unassigned.count)

        let text = try schedule(["check", "--instance", dir.file("week.json"), "--plan", dir.file("plan.json")])
        #expect(text.status == 0)
        #expect(text.stdout.contains("hard rules: all satisfied"))
        #expect(text.stdout.contains("score: hard 0, soft \(score["soft"] as? Int ?? -1)"))
    }

    @Test func solveWithoutOutPrintsThePlanAndTextSummaryNamesTheTerms() throws {
        let dir = try Folder()
        let instance = try dir.write("tiny.json", Self.tinyInstance)
        let printed = try schedule(["solve", "--instance", instance, "--iterations", "200"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stderr.isEmpty, "no progress line when stderr is not a terminal: \(printed.stderr)")
        let plan = try json(printed.stdout)
        #expect(plan["format"] as? String == "relais-schedule-plan/1")
        #expect((plan["assignments"] as? [Any])?.count == 2)

        let summary = try schedule(["solve", "--instance", instance, "--iterations", "200", "--out", dir.file("plan.json")])
        #expect(summary.status == 0)
        let lines = summary.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("instance tiny: 2 of 2 sessions placed (late-acceptance, seed 1, 200 iterations in ") == true)
        #expect(lines.dropFirst().first?.hasPrefix("score: hard 0, soft ") == true)
        for term in ["unassigned", "coverage", "balance", "continuity", "undesired", "preferred_site", "site_change", "disruption"] {
            #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(term + " ") }, "term \(term)")
        }
    }

    // MARK: Determinism

    @Test func sameSeedAndIterationsGiveByteIdenticalPlans() throws {
        let dir = try Folder()
        for name in ["a.json", "b.json"] {
            let g = try schedule(["generate", "--size", "S", "--tightness", "0.9", "--seed", "3", "--out", dir.file(name)])
            #expect(g.status == 0)
        }
        #expect(try dir.read("a.json") == dir.read("b.json"), "generate is reproducible")
        for name in ["plan1.json", "plan2.json"] {
            let s = try schedule([
                "solve", "--instance", dir.file("a.json"), "--iterations", "4000", "--seed", "9", "--out", dir.file(name),
            ])
            #expect(s.status == 0, "\(s.stderr)")
        }
        let first = try dir.read("plan1.json"), second = try dir.read("plan2.json")
        #expect(!first.isEmpty)
        #expect(first == second, "two runs with --iterations and the same seed differ")
        let otherSeed = try schedule([
            "solve", "--instance", dir.file("a.json"), "--iterations", "4000", "--seed", "10", "--out", dir.file("plan3.json"),
        ])
        #expect(otherSeed.status == 0)
        #expect(try dir.read("plan3.json") != first, "the seed is used")
    }

    // MARK: Bad input

    @Test func missingInstanceFile() throws {
        let dir = try Folder()
        let missing = dir.file("nowhere.json")
        let solve = try schedule(["solve", "--instance", missing, "--iterations", "10", "--out", dir.file("plan.json")])
        expectRefused(solve, "error: cannot read \(missing): no such file")
        #expect(!dir.exists("plan.json"))
        let check = try schedule(["check", "--instance", missing, "--plan", dir.file("plan.json")])
        expectRefused(check, "error: cannot read \(missing): no such file")
    }

    @Test func missingPlanFile() throws {
        let dir = try Folder()
        let instance = try dir.write("tiny.json", Self.tinyInstance)
        let result = try schedule(["check", "--instance", instance, "--plan", dir.file("plan.json")])
        expectRefused(result, "error: cannot read \(dir.file("plan.json")): no such file")
    }

    @Test(arguments: [
        ("{ nope", "not JSON"),
        (#"{"format": "relais-schedule-instance/1", "sessions": [{"id": "x"}]}"#, "missing field 'duration' at .sessions[0]"),
        (#"{"format": "relais-schedule-instance/1", "sessions": [{"id": "x", "duration": 1, "kind": "party"}]}"#,
         "bad value at .sessions[0].kind"),
        (#"{"format": "relais-schedule-instance/1", "rooms": [{"id": "r", "site": "s", "capacity": "ten"}]}"#,
         "wrong type at .rooms[0].capacity"),
        ("", "not JSON"),
    ])
    func malformedInstanceJSON(_ text: String, _ reason: String) throws {
        let dir = try Folder()
        let instance = try dir.write("week.json", text)
        try "previous plan".write(toFile: dir.file("plan.json"), atomically: true, encoding: .utf8)
        let result = try schedule(["solve", "--instance", instance, "--iterations", "10", "--out", dir.file("plan.json")])
        expectRefused(result, "error: \(instance) is not valid JSON for this format: \(reason)")
        #expect(try String(contentsOfFile: dir.file("plan.json"), encoding: .utf8) == "previous plan", "the old plan is left alone")
    }

    @Test func malformedPlanJSON() throws {
        let dir = try Folder()
        let instance = try dir.write("tiny.json", Self.tinyInstance)
        let plan = try dir.write("plan.json", #"{"format": "relais-schedule-plan/1", "assignments": [{"session": "w1"}]}"#)
        let result = try schedule(["check", "--instance", instance, "--plan", plan])
        expectRefused(result, "error: \(plan) is not valid JSON for this format: missing field 'conseiller' at .assignments[0]")
    }

    /// Each broken instance is refused with a message naming the offending entry.
    @Test(arguments: [
        (#""duration": 2}]"#, #""duration": -2}]"#, "invalid instance: session 'w2': duration -2 is not positive"),
        (#""site": "s1", "capacity""#, #""site": "s9", "capacity""#, "invalid instance: room 'r1': site 's9' does not exist"),
        (#"{"id": "w2""#, #"{"id": "w1""#, "invalid instance: session 'w1' appears twice in sessions"),
        (#""max_grains_per_day": 8"#, #""max_grains_per_day": -1"#, "invalid instance: conseiller 'a': max_grains_per_day -1 is negative"),
        (#"{"day": 1, "start": 0, "end": 8}"#, #"{"day": 1, "start": 0, "end": 9}"#,
         "invalid instance: room 'r1': interval 0–9 on day 1 is outside the day (0…8)"),
        (#""relais-schedule-instance/1""#, #""relais-schedule-instance/2""#,
         "invalid instance: format is 'relais-schedule-instance/2', expected 'relais-schedule-instance/1'"),
        (#""attendees": 6}"#, #""attendees": 6, "fixed": {"day": 4, "start": 0}}"#,
         "invalid instance: session 'w1' fixed time: day 4 is outside the week (0…1)"),
    ])
    func invalidInstanceNamesTheEntry(_ find: String, _ replace: String, _ message: String) throws {
        let dir = try Folder()
        #expect(Self.tinyInstance.contains(find), "fixture drifted: \(find)")
        let instance = try dir.write("week.json", Self.tinyInstance.replacingOccurrences(of: find, with: replace))
        let solve = try schedule(["solve", "--instance", instance, "--iterations", "10", "--out", dir.file("plan.json")])
        expectRefused(solve, "error: \(message)")
        #expect(solve.stderr == "error: \(message)\n", "exactly one problem: \(solve.stderr)")
        #expect(!dir.exists("plan.json"))
        let plan = try dir.write("given.json", Self.overlappingPlan)
        let check = try schedule(["check", "--instance", instance, "--plan", plan])
        expectRefused(check, "error: \(message)")
    }

    @Test func severalProblemsAreCounted() throws {
        let dir = try Folder()
        let broken = Self.tinyInstance
            .replacingOccurrences(of: #""duration": 2}]"#, with: #""duration": 0}]"#)
            .replacingOccurrences(of: #""capacity": 10"#, with: #""capacity": -3"#)
        let instance = try dir.write("week.json", broken)
        let result = try schedule(["solve", "--instance", instance, "--iterations", "10", "--out", dir.file("plan.json")])
        expectRefused(result, "error: invalid instance: room 'r1': capacity -3 is negative (and 1 more problems)")
        #expect(!dir.exists("plan.json"))
    }

    @Test func planForAnotherInstanceIsRefused() throws {
        let dir = try Folder()
        for seed in ["1", "2"] {
            let g = try schedule(["generate", "--size", "XS", "--tightness", "0.9", "--seed", seed, "--out", dir.file("week\(seed).json")])
            #expect(g.status == 0)
        }
        let solved = try schedule(["solve", "--instance", dir.file("week1.json"), "--iterations", "500", "--out", dir.file("plan1.json")])
        #expect(solved.status == 0)
        let result = try schedule(["check", "--instance", dir.file("week2.json"), "--plan", dir.file("plan1.json")])
        expectRefused(result, "error: invalid plan: the plan is for instance 'gen-XS-0.90-s1', not 'gen-XS-0.90-s2'")
    }

    @Test func planWithUnknownOrMissingSessionsIsRefused() throws {
        let dir = try Folder()
        let instance = try dir.write("tiny.json", Self.tinyInstance)
        let unknown = try dir.write("unknown.json", Self.overlappingPlan.replacingOccurrences(of: #""conseiller": "a", "room": "r1", "day": 0, "start": 1"#, with: #""conseiller": "zoe", "room": "r1", "day": 0, "start": 1"#))
        expectRefused(try schedule(["check", "--instance", instance, "--plan", unknown]),
                      "error: invalid plan: assignment 2 (session 'w2'): conseiller 'zoe' does not exist")
        let missing = try dir.write("missing.json", #"{"format": "relais-schedule-plan/1", "instance": "tiny", "assignments": [], "unassigned": [{"session": "w1", "reasons": []}]}"#)
        expectRefused(try schedule(["check", "--instance", instance, "--plan", missing]),
                      "error: invalid plan: session 'w2' is neither assigned nor unassigned")
    }

    @Test func checkExitsWithTwoAndListsEveryViolation() throws {
        let dir = try Folder()
        let instance = try dir.write("tiny.json", Self.tinyInstance)
        let plan = try dir.write("plan.json", Self.overlappingPlan)
        let text = try schedule(["check", "--instance", instance, "--plan", plan])
        #expect(text.status == 2)
        #expect(text.stderr.isEmpty)
        #expect(text.stdout.contains("hard rules: 2 violations"))
        #expect(text.stdout.contains("  [person_overlap] a runs 'w1' and 'w2' at the same time on Monday"))
        #expect(text.stdout.contains("  [room_overlap] r1 holds 'w1' and 'w2' at the same time on Monday"))
        let machine = try schedule(["check", "--instance", instance, "--plan", plan, "--format", "json"])
        #expect(machine.status == 2)
        let report = try json(machine.stdout)
        #expect(report["hard"] as? Int == 2)
        let rules = (report["violations"] as? [[String: Any]])?.compactMap { $0["rule"] as? String }
        #expect(rules == ["person_overlap", "room_overlap"])
    }

    @Test func unwritableOutput() throws {
        let dir = try Folder()
        let instance = try dir.write("tiny.json", Self.tinyInstance)
        let target = dir.file("no-such-folder/plan.json")
        let result = try schedule(["solve", "--instance", instance, "--iterations", "10", "--out", target])
        expectRefused(result, "error: cannot write \(target):")
        let generated = try schedule(["generate", "--size", "XS", "--tightness", "0.9", "--out", target])
        expectRefused(generated, "error: cannot write \(target):")
    }

    /// Option values the program refuses before reading anything: usage errors (exit 64).
    @Test(arguments: [
        (["generate", "--size", "XXL", "--tightness", "0.9"], "Error: --size must be one of XS, S, M, L, XL"),
        (["generate", "--size", "M", "--tightness", "3"], "Error: --tightness must be in (0.1, 2]"),
        (["generate", "--size", "M", "--tightness", "0"], "Error: --tightness must be in (0.1, 2]"),
        (["generate", "--size", "M", "--tightness", "tight"], "Error: The value 'tight' is invalid for '--tightness <tightness>'"),
        (["generate", "--tightness", "0.9"], "Error: Missing expected argument '--size <size>'"),
        (["solve", "--instance", "I", "--time-limit=-1"], "Error: --time-limit must be positive"),
        (["solve", "--instance", "I", "--time-limit", "0"], "Error: --time-limit must be positive"),
        (["solve", "--instance", "I", "--time-limit", "-1"], "Error: Missing value for '--time-limit <time-limit>'"),
        (["solve", "--instance", "I", "--iterations=-5"], "Error: --iterations must not be negative"),
        (["solve", "--instance", "I", "--strategy", "greedy"], "Error: --strategy must be one of: late-acceptance, tabu"),
        (["solve", "--instance", "I", "--format", "xml"], "Error: The value 'xml' is invalid for '--format <format>'"),
        (["check", "--instance", "I"], "Error: Missing expected argument '--plan <plan>'"),
    ])
    func badOptionValuesAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let dir = try Folder()
        let args = arguments.map { $0 == "I" ? dir.file("week.json") : $0 } + ["--out", dir.file("out.json")]
        // check has no --out: drop it there so the only problem is the one under test.
        let result = try schedule(arguments.first == "check" ? Array(args.dropLast(2)) : args)
        #expect(result.status == 64, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!dir.exists("out.json"))
    }

    // MARK: Shared CLI: language and version

    @Test func frenchMessagesWithLangOrLocale() throws {
        let dir = try Folder()
        let missing = dir.file("nowhere.json")
        expectRefused(try schedule(["solve", "--instance", missing, "--lang", "fr"]),
                      "erreur : impossible de lire \(missing) : fichier introuvable")
        expectRefused(try schedule(["solve", "--instance", missing], environment: ["LANG": "fr_FR.UTF-8"]),
                      "erreur : impossible de lire \(missing) : fichier introuvable")
        expectRefused(try schedule(["solve", "--instance", missing, "--lang", "en"], environment: ["LANG": "fr_FR.UTF-8"]),
                      "error: cannot read \(missing): no such file")

        let broken = try dir.write("week.json", Self.tinyInstance.replacingOccurrences(of: #""duration": 2}]"#, with: #""duration": -2}]"#))
        expectRefused(try schedule(["solve", "--instance", broken, "--lang", "fr", "--out", dir.file("plan.json")]),
                      "erreur : instance invalide : séance 'w2' : la durée -2 n’est pas positive")
        #expect(!dir.exists("plan.json"))
        let notJSON = try dir.write("bad.json", "{ nope")
        expectRefused(try schedule(["solve", "--instance", notJSON, "--lang", "fr"]),
                      "erreur : \(notJSON) n’est pas un JSON valide pour ce format : ce n’est pas du JSON")

        let instance = try dir.write("tiny.json", Self.tinyInstance)
        let solved = try schedule(["solve", "--instance", instance, "--iterations", "100", "--out", dir.file("p.json"), "--lang", "fr"])
        #expect(solved.status == 0)
        #expect(solved.stdout.hasPrefix("instance tiny : 2 séances placées sur 2 (late-acceptance, graine 1, 100 itérations en "))
        #expect(solved.stdout.contains("score : infractions 0, pénalités "))
        let checked = try schedule(["check", "--instance", instance, "--plan", dir.file("p.json"), "--lang", "fr"])
        #expect(checked.status == 0)
        #expect(checked.stdout.contains("règles : toutes respectées"))
        let violations = try schedule(["check", "--instance", instance, "--plan", try dir.write("o.json", Self.overlappingPlan), "--lang", "fr"])
        #expect(violations.status == 2)
        #expect(violations.stdout.contains("règles : 2 infractions"))

        let usage = try schedule(["generate", "--size", "XXL", "--tightness", "0.9", "--lang", "fr"])
        #expect(usage.status == 64)
        #expect(usage.stderr.hasPrefix("Error: --size doit valoir XS, S, M, L ou XL"))
        expectRefused(try schedule(["solve", "--instance", missing, "--lang", "de"]), status: 64,
                      "Error: The value 'de' is invalid for '--lang <lang>'")
    }

    @Test func versionIsTheSuiteVersion() throws {
        let mine = try schedule(["--version"])
        let admin = try Programs.run("relais-admin", ["--version"])
        #expect(mine.status == 0)
        #expect(!mine.stdout.isEmpty)
        #expect(mine.stdout == admin.stdout)
    }
}
