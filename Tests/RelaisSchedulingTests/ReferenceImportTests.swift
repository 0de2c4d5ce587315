import Foundation
import RelaisCore
import RelaisScheduling
import Testing

@Suite struct ReferenceImportTests {
    @Test func catalogueRowsBecomeWorkshopsAndABadLineIsNamed() throws {
        let header = ReferenceImport.workshopColumns
        func row(_ line: Int, _ values: [String]) -> (line: Int, values: [String: String]) { (line, Dictionary(uniqueKeysWithValues: zip(header, values))) }
        let good = try ReferenceImport.workshops(header: header, rows: [
            row(2, ["tableur", "Le tableur", "bureautique", "debutant", "120", "8", "laptops|projector"]),
            row(3, ["ia", "L’IA", "intelligence_artificielle", "debutant", "90", "15", ""]),
        ])
        #expect(good.map(\.workshop.code) == ["tableur", "ia"])
        #expect(good.map(\.line) == [2, 3])
        #expect(good[0].workshop.equipmentNeeded == [.laptops, .projector])
        let bad = #expect(throws: TransitionRefusal.self) {
            try ReferenceImport.workshops(header: header, rows: [
                row(2, ["tableur", "Le tableur", "bureautique", "debutant", "120", "8", ""]),
                row(3, ["ia", "L’IA", "intelligence_artificiele", "debutant", "90", "15", ""]),
            ])
        }
        #expect(bad?.messageEN.hasPrefix("line 3:") == true)
        #expect(bad?.messageEN.contains("intelligence_artificielle") == true, "suggests the right code")
        let duplicate = #expect(throws: TransitionRefusal.self) {
            try ReferenceImport.workshops(header: header, rows: [
                row(2, ["tableur", "Le tableur", "bureautique", "debutant", "120", "8", ""]),
                row(5, ["tableur", "Encore", "bureautique", "debutant", "120", "8", ""]),
            ])
        }
        #expect(duplicate?.messageEN == "line 5: code 'tableur' already appears on line 2")
        let header2 = #expect(throws: TransitionRefusal.self) { try ReferenceImport.workshops(header: ["code", "title"], rows: []) }
        #expect(header2?.messageEN.hasPrefix("line 1: missing column(s) theme") == true)
    }

    @Test func staffRowsCarrySkillsSitesAndHalfDays() throws {
        let header = ReferenceImport.staffColumns
        let values = ["c-ines", "Inès", "Moreau", "conseiller", "", "24,5", "7", "bureautique|email", "mdh-a", "mon-am|tue-pm", "fri-pm"]
        let entries = try ReferenceImport.staff(header: header, rows: [(2, Dictionary(uniqueKeysWithValues: zip(header, values)))])
        #expect(entries[0].member.contractedMinutesPerWeek == 1470)
        #expect(entries[0].member.skills == [.bureautique, .email])
        #expect(entries[0].details.available?.map(\.description) == ["mon-am", "tue-pm"])
        #expect(entries[0].details.undesired?.map(\.description) == ["fri-pm"])
        var badValues = values
        badValues[9] = "lun-soir"
        let bad = #expect(throws: TransitionRefusal.self) {
            try ReferenceImport.staff(header: header, rows: [(4, Dictionary(uniqueKeysWithValues: zip(header, badValues)))])
        }
        #expect(bad?.messageEN.hasPrefix("line 4:") == true)
    }
}
