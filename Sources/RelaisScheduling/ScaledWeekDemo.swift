import Foundation
import RelaisCore
import RelaisStore

/// A metropolis-sized week for the `plan` benchmark: by default 50 conseillers, 12 sites
/// (30 rooms), a catalogue of 12 workshops and 400 sessions to place in one week
/// (workshops, 60 weekly permanences, individual appointments, association series).
package struct ScaledWeekDemo: Sendable {
    package var conseillers = 50
    package var sites = 12
    package var sessions = 400
    package var permanences = 60
    package var seed: UInt64 = 1

    package init(conseillers: Int = 50, sites: Int = 12, sessions: Int = 400, permanences: Int = 60, seed: UInt64 = 1) {
        self.conseillers = conseillers
        self.sites = sites
        self.sessions = sessions
        self.permanences = min(permanences, sessions)
        self.seed = seed
    }

    /// What was written.
    package struct Summary: Sendable {
        package var sites = 0, rooms = 0, conseillers = 0, workshops = 0, sessions = 0, permanences = 0
    }

    static let catalogue: [(String, String, Theme, WorkshopLevel, Int, Int, Set<RoomEquipment>)] = [
        ("premiers-pas", "Premiers pas sur l’ordinateur", .prendreEnMainDuMateriel, .debutant, 120, 8, [.laptops]),
        ("smartphone", "Bien utiliser son smartphone", .prendreEnMainDuMateriel, .debutant, 120, 10, []),
        ("messagerie", "Créer et utiliser sa messagerie", .email, .debutant, 120, 8, [.laptops]),
        ("demarches", "Mes démarches en ligne", .aideAuxDemarchesAdministratives, .intermediaire, 150, 8, [.laptops]),
        ("arnaques", "Se protéger des arnaques", .securiteNumerique, .debutant, 90, 12, [.projector]),
        ("cv", "Écrire un CV", .bureautique, .intermediaire, 180, 8, [.laptops]),
        ("ia", "L’IA au quotidien", .intelligenceArtificielle, .debutant, 90, 15, [.projector]),
        ("ent", "Suivre la scolarité de son enfant", .scolariteEtNumerique, .debutant, 120, 10, [.laptops]),
        ("site-asso", "Le site de son association", .creerAvecLeNumerique, .intermediaire, 180, 8, [.laptops, .projector]),
        ("banque", "Banque et achats en ligne", .banqueEtAchatsEnLigne, .debutant, 120, 8, [.laptops]),
        ("sante", "Ma santé en ligne", .sante, .debutant, 120, 8, [.laptops]),
        ("photos", "Ranger ses photos", .gereSesContenusNumeriques, .debutant, 90, 8, [.tablets]),
    ]

    /// Fills an empty database with the town and `week`'s demand; returns what it created.
    @discardableResult
    package func populate(_ db: Database, week: IsoWeek, actor: String = "bench") throws -> Summary {
        var rng = SplitMix64(state: seed &+ 0x9E37_79B9_7F4A_7C15)
        var summary = Summary()
        let neighbourhoods = ["village-sud", "essarts-surieux", "ouest", "centre", "est", "nord"]
        var siteCodes: [String] = []
        try db.transaction { db in
            for s in 0..<sites {
                let code = "site-\(s + 1)"
                var hours: [OpeningInterval] = []
                for day in Weekday.allCases.prefix(s % 4 == 3 ? 6 : 5) {
                    hours.append(try OpeningInterval(weekday: day, startMinute: 510, endMinute: 720))
                    hours.append(try OpeningInterval(weekday: day, startMinute: 810, endMinute: 1080))
                }
                try ScheduleStore.addSite(
                    db, try Site(code: code, name: "Lieu \(s + 1)", kind: s % 3 == 2 ? .library : .mdh,
                                 neighbourhood: neighbourhoods[s % neighbourhoods.count], openingHours: hours), actor: actor)
                siteCodes.append(code)
                summary.sites += 1
                let roomCount = s < sites / 2 ? 3 : 2
                for r in 0..<roomCount {
                    let equipment: Set<RoomEquipment> = r == 0 ? [.laptops, .projector] : r == 1 ? [.laptops, .projector, .tablets] : []
                    let capacity = r == 0 ? [10, 12, 15][s % 3] : r == 1 ? 20 : 4
                    let roomCode = "\(code)-salle-\(r + 1)"
                    try ScheduleStore.addRoom(
                        db, try Room(code: roomCode, siteCode: code, name: "Salle \(r + 1)", capacity: capacity, equipment: equipment), actor: actor)
                    summary.rooms += 1
                }
            }
            let themes = Self.catalogue.map(\.2)
            try ScheduleStore.addWorkshops(
                db, try Self.catalogue.map { try Workshop(code: $0.0, title: $0.1, theme: $0.2, level: $0.3, durationMinutes: $0.4, capacity: $0.5, equipmentNeeded: $0.6) },
                actor: actor)
            summary.workshops = Self.catalogue.count
            for c in 0..<conseillers {
                var skills = Set<Theme>()
                let wanted = 3 + Int(rng.next() % 4)
                while skills.count < wanted { skills.insert(themes[Int(rng.next() % UInt64(themes.count))]) }
                skills.insert(.aideAuxDemarchesAdministratives)
                var available: [WeeklyHalfDay] = []
                for day in Weekday.allCases.prefix(6) {
                    for half in [RelaisCore.HalfDay.am, .pm] where rng.next() % 100 < (day == .saturday ? 20 : 80) {
                        available.append(WeeklyHalfDay(weekday: day, half: half))
                    }
                }
                let contracted = [35, 35, 35, 28, 24][c % 5] * 60
                let member = try StaffMember(
                    code: "c-\(c + 1)", firstName: "Conseiller", lastName: "N\(c + 1)", role: .conseiller, skills: skills,
                    siteCodes: [siteCodes[c % siteCodes.count]], contractedMinutesPerWeek: contracted)
                let undesired = [WeeklyHalfDay(weekday: Weekday(rawValue: c % 5) ?? .monday, half: .pm)]
                try ScheduleStore.addStaff(db, member, details: StaffChanges(maxMinutesPerDay: 420, available: available, undesired: undesired), actor: actor)
                summary.conseillers += 1
            }
            // Weekly permanences: mornings and afternoons at every site, on the grid.
            for p in 0..<permanences {
                let site = siteCodes[p % siteCodes.count]
                let day = Weekday(rawValue: (p / siteCodes.count) % 5) ?? .monday
                let morning = (p / (siteCodes.count * 5)) % 2 == 0
                try ScheduleStore.addPermanence(
                    db, siteCode: site, weekday: day, startMinute: morning ? 540 : 840, durationMinutes: 180,
                    skill: .aideAuxDemarchesAdministratives, actor: actor)
                summary.permanences += 1
            }
            try ScheduleStore.materialisePermanences(db, week: week, actor: actor)
            summary.sessions += permanences
            // The rest: workshops (a fifth of them in association series) and appointments.
            let others = max(0, sessions - permanences)
            let appointments = others / 6
            for n in 0..<(others - appointments) {
                let entry = Self.catalogue[Int(rng.next() % UInt64(Self.catalogue.count))]
                let site = siteCodes[Int(rng.next() % UInt64(siteCodes.count))]
                if n % 5 == 0 {
                    try ScheduleStore.addSeries(
                        db, code: "serie-\(week.year)-\(week.week)-\(n)", association: "Association \(n)", workshopCode: "site-asso",
                        startWeek: week, conseillerCode: nil, siteCode: nil, count: 1, actor: actor)
                } else {
                    try ScheduleStore.addWorkshopSession(db, week: week, workshopCode: entry.0, siteCode: site, actor: actor)
                }
                summary.sessions += 1
            }
            for n in 0..<appointments {
                try ScheduleStore.addSlot(
                    db, week: week, kind: .appointment, siteCode: siteCodes[n % siteCodes.count], skill: themes[n % themes.count],
                    durationMinutes: 60, actor: actor)
                summary.sessions += 1
            }
        }
        return summary
    }
}

