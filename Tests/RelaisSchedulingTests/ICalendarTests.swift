import Foundation
import RelaisCore
import RelaisScheduling
@testable import RelaisStore
import Testing

@Suite struct ICalendarTests {
    static func entry(cancelled: Bool, sequence: Int, title: String = "Atelier, tableur; niveau 1") -> CalendarEntry {
        let day = try! LocalDate(parsing: "2026-07-14")
        let session = SessionRecord(
            id: 7, code: "S-2026-W29-N7", kind: .workshop, workshopCode: "tableur", title: title, skill: "bureautique", level: .debutant,
            equipment: [], seriesID: nil, seriesCode: nil, seriesIndex: nil, week: "2026-W29", siteCode: "mdh-a", siteRequired: false,
            roomCode: "salle", conseillerCode: "c-ana", startsAt: ParisTime.instant(day, minute: 14 * 60), durationMinutes: 90,
            capacity: 8, status: cancelled ? "cancelled" : "planned", locked: false, priority: 1, fixedWeekday: nil, fixedStartMinute: nil,
            icsSequence: sequence)
        return CalendarEntry(session: session, siteName: "Maison des habitants Surieux", roomName: "Salle 1", conseillerName: "Amina Khelifi", cancelled: cancelled)
    }

    @Test func eventsUseParisLocalTimeStableUIDsSequenceAndStatus() {
        let text = ICalendar.render(name: "Amina", entries: [Self.entry(cancelled: false, sequence: 0)], now: Date(timeIntervalSince1970: 1_795_995_045.7))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("\r\nDTSTART;TZID=Europe/Paris:20260714T140000\r\n"), "summer time: 14:00 local")
        #expect(text.contains("\r\nDTEND;TZID=Europe/Paris:20260714T153000\r\n"))
        #expect(text.contains("\r\nUID:s-2026-w29-n7@relais.echirolles\r\n"))
        #expect(text.contains("\r\nSEQUENCE:0\r\nSTATUS:CONFIRMED\r\n"))
        #expect(text.contains("SUMMARY:Atelier\\, tableur\\; niveau 1"))
        #expect(text.contains("\r\nDTSTAMP:20261129T233045Z\r\n"), "UTC, seconds truncated")
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris"))
        let cancelled = ICalendar.render(name: "Amina", entries: [Self.entry(cancelled: true, sequence: 3)])
        #expect(cancelled.contains("\r\nSEQUENCE:3\r\nSTATUS:CANCELLED\r\n"))
        #expect(cancelled.contains("UID:s-2026-w29-n7@relais.echirolles"), "the UID survives cancellation")
    }

    @Test func longLinesAreFoldedAt75OctetsWithoutSplittingCharacters() {
        let title = String(repeating: "Démarches é ", count: 20)
        let text = ICalendar.render(name: "x", entries: [Self.entry(cancelled: false, sequence: 0, title: title)])
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + title))
    }
}
