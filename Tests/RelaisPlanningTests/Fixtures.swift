import Foundation
@testable import RelaisPlanning

/// A tiny hand-built week: 2 days of 8 grains, midday at grain 4.
///
/// - sites s1 (neighbourhood n1, target 6) and s2 (n2, target 0)
/// - rooms r1 @s1 10 seats + laptops, open both days; r2 @s2 4 seats, day 0 only;
///   r3 @s1 2 seats, day 0 only
/// - conseiller a: bureautique; max 4/day, 6/week; target 5; day 0 all day, day 1 morning;
///   dislikes day 0 afternoon
/// - conseiller b: sante + bureautique; max 8/day, 8/week; target 0; day 0 only
/// - sessions w1 (2 grains, bureautique, 8 people, laptops, prefers s1, anchor a/day 0/0),
///   w2 (2, sante, 3 people, only at s2), w3 (1, any skill, priority 2, prefers s2),
///   p1 (2, fixed day 0 at 4), w4 (2, any skill)
enum Tiny {
    static func instance(baseline: [Assignment]? = nil) -> Instance {
        Instance(
            name: "tiny", grainMinutes: 30, dayStart: "08:00", grainsPerDay: 8, middayGrain: 4, days: 2,
            neighbourhoods: [Neighbourhood(id: "n1", targetGrains: 6), Neighbourhood(id: "n2", targetGrains: 0)],
            sites: [Site(id: "s1", neighbourhood: "n1"), Site(id: "s2", neighbourhood: "n2")],
            rooms: [
                Room(id: "r1", site: "s1", capacity: 10, equipment: ["laptops"],
                     open: [Interval(day: 0, start: 0, end: 8), Interval(day: 1, start: 0, end: 8)]),
                Room(id: "r2", site: "s2", capacity: 4, open: [Interval(day: 0, start: 0, end: 8)]),
                Room(id: "r3", site: "s1", capacity: 2, open: [Interval(day: 0, start: 0, end: 8)]),
            ],
            conseillers: [
                Conseiller(id: "a", skills: ["bureautique"], maxGrainsPerDay: 4, maxGrainsPerWeek: 6, targetGrains: 5,
                           available: [Interval(day: 0, start: 0, end: 8), Interval(day: 1, start: 0, end: 4)],
                           undesired: [HalfDay(day: 0, half: .pm)]),
                Conseiller(id: "b", skills: ["sante", "bureautique"], maxGrainsPerDay: 8, maxGrainsPerWeek: 8,
                           targetGrains: 0, available: [Interval(day: 0, start: 0, end: 8)]),
            ],
            sessions: [
                Session(id: "w1", duration: 2, skill: "bureautique", attendees: 8, equipment: ["laptops"],
                        preferredSites: ["s1"], anchor: Anchor(conseiller: "a", day: 0, start: 0)),
                Session(id: "w2", duration: 2, skill: "sante", attendees: 3, sites: ["s2"]),
                Session(id: "w3", duration: 1, preferredSites: ["s2"], priority: 2),
                Session(id: "p1", kind: .permanence, duration: 2, fixed: FixedTime(day: 0, start: 4)),
                Session(id: "w4", duration: 2),
            ],
            baseline: baseline)
    }

    static func at(_ session: String, _ conseiller: String, _ room: String, day: Int, start: Int) -> Assignment {
        Assignment(session: session, conseiller: conseiller, room: room, day: day, start: start)
    }
}

/// A temporary file removed at deinit.
final class TemporaryFile {
    let path: String

    init(_ contents: String) {
        path = NSTemporaryDirectory() + "relais-planning-\(UUID().uuidString).json"
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
