// A weekly plan, as written to a `relais-schedule-plan/1` file.

import Foundation

/// The soft score terms of SCHEDULING.md, in the order they are printed.
package enum ScoreTerm: String, CaseIterable, Codable, Sendable, Hashable {
    case unassigned
    case coverage
    case balance
    case continuity
    case undesired
    case preferredSite = "preferred_site"
    case siteChange = "site_change"
    case disruption

    /// Position in `ScoreTerms.values`.
    package var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// The value of every soft term.
package struct ScoreTerms: Sendable, Hashable, Codable {
    /// Indexed by `ScoreTerm.index`.
    package var values: [Int]

    package init() { values = Array(repeating: 0, count: ScoreTerm.allCases.count) }

    package subscript(term: ScoreTerm) -> Int {
        get { values[term.index] }
        set { values[term.index] = newValue }
    }

    /// The sum of every term: the `soft` score.
    package var total: Int { values.reduce(0, +) }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init()
        for term in ScoreTerm.allCases {
            self[term] = try c.decodeIfPresent(Int.self, forKey: Key(stringValue: term.rawValue)) ?? 0
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for term in ScoreTerm.allCases {
            try c.encode(self[term], forKey: Key(stringValue: term.rawValue))
        }
    }
}

/// `hard` (number of violated hard-rule instances) and `soft` with its terms.
package struct Score: Sendable, Hashable, Codable {
    package var hard: Int
    package var soft: Int
    package var terms: ScoreTerms

    package init(hard: Int, terms: ScoreTerms) {
        self.hard = hard
        self.soft = terms.total
        self.terms = terms
    }
}

/// A session left out of the plan, with why.
package struct UnassignedSession: Codable, Sendable, Hashable {
    package var session: String
    package var reasons: [String]

    package init(session: String, reasons: [String]) {
        self.session = session
        self.reasons = reasons
    }
}

/// A `relais-schedule-plan/1` document.
package struct Plan: Codable, Sendable, Hashable {
    package static let formatTag = "relais-schedule-plan/1"

    package var format: String
    package var instance: String
    package var assignments: [Assignment]
    package var unassigned: [UnassignedSession]
    package var score: Score?

    package init(instance: String, assignments: [Assignment], unassigned: [UnassignedSession], score: Score?) {
        self.format = Self.formatTag
        self.instance = instance
        self.assignments = assignments
        self.unassigned = unassigned
        self.score = score
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        instance = try c.decodeIfPresent(String.self, forKey: .instance) ?? ""
        assignments = try c.decodeIfPresent([Assignment].self, forKey: .assignments) ?? []
        unassigned = try c.decodeIfPresent([UnassignedSession].self, forKey: .unassigned) ?? []
        score = try c.decodeIfPresent(Score.self, forKey: .score)
    }
}
