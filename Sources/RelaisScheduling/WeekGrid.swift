import Foundation
import RelaisCore
import RelaisStore

/// One placed (or unplaced) session of a plan version, ready to print.
package struct WeekEntry: Sendable, Hashable {
    package var sessionCode: String
    package var title: String
    package var kind: SessionKind
    package var date: LocalDate?
    package var startMinute: Int?
    package var endMinute: Int?
    package var siteCode: String?
    package var siteName: String?
    package var roomCode: String?
    package var roomName: String?
    package var conseillerCode: String?
    package var conseillerName: String?
    package var registered: Int
    package var capacity: Int
    package var unassignedReason: String?
}

/// A plan version as a week grid: what `show` prints and the HTML page for the MDH door.
package enum WeekGrid {
    /// The entries of `version`, placed ones by day and time, then the unplaced.
    package static func entries(_ db: Database, week: IsoWeek, version: PlanVersion) throws -> [WeekEntry] {
        let sessions = Dictionary(try ScheduleStore.sessions(db, week: week).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let rooms = Dictionary(try ScheduleStore.rooms(db, includeRetired: true).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let sites = Dictionary(try ScheduleStore.sites(db, includeRetired: true).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let staff = Dictionary(try ScheduleStore.staff(db, includeRetired: true).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var counts: [String: Int] = [:]
        for row in try db.query(
            """
            SELECT se.code, count(*) AS n FROM registrations g JOIN sessions se ON se.id = g.session_id
            WHERE se.week = $1 AND g.status = 'registered' GROUP BY se.code
            """, [.text(week.description)])
        {
            counts[row.string("code") ?? ""] = Int(row.int("n") ?? 0)
        }
        return version.lines.compactMap { line -> WeekEntry? in
            guard let session = sessions[line.sessionCode] else { return nil }
            let room = line.roomCode.flatMap { rooms[$0] }
            let site = (room?.siteCode ?? session.siteCode).flatMap { sites[$0] }
            let start = line.startGrain.map(ScheduleGrid.minute(ofGrain:))
            return WeekEntry(
                sessionCode: session.code, title: session.title, kind: session.kind,
                date: line.day.map { week.monday.adding(days: $0) }, startMinute: start,
                endMinute: start.map { $0 + session.durationMinutes }, siteCode: site?.code, siteName: site?.name,
                roomCode: room?.code, roomName: room?.name, conseillerCode: line.conseillerCode,
                conseillerName: line.conseillerCode.flatMap { staff[$0]?.displayName }, registered: counts[session.code] ?? 0,
                capacity: session.capacity, unassignedReason: line.unassignedReason)
        }.sorted { a, b in
            switch (a.date, b.date) {
            case (nil, nil): return a.sessionCode < b.sessionCode
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                return (x, a.startMinute ?? 0, a.siteCode ?? "", a.sessionCode) < (y, b.startMinute ?? 0, b.siteCode ?? "", b.sessionCode)
            }
        }
    }

    /// A printable HTML page of one site's week, days as columns (for the MDH door).
    package static func html(siteName: String, week: IsoWeek, entries: [WeekEntry], version: PlanVersion, _ lang: Language) -> String {
        let days = (0..<6).map { week.monday.adding(days: $0) }
        let placed = entries.filter { $0.date != nil }
        let heading = lang == .fr ? "Programme de la semaine" : "This week's programme"
        var html = """
            <!DOCTYPE html>
            <html lang="\(lang == .fr ? "fr" : "en")">
            <head>
            <meta charset="utf-8">
            <title>\(escape(siteName)) — \(week)</title>
            <style>
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5cm; color: #111; }
            h1 { font-size: 22pt; margin: 0 0 .2em; } h2 { font-size: 14pt; font-weight: normal; margin: 0 0 1em; }
            table { width: 100%; border-collapse: collapse; table-layout: fixed; }
            th { background: #1d4f91; color: #fff; padding: .4em; font-size: 12pt; }
            td { border: 1px solid #999; vertical-align: top; padding: .3em; font-size: 11pt; }
            .event { margin: 0 0 .6em; padding: .3em; border-left: 4px solid #1d4f91; background: #eef3fb; }
            .permanence { border-left-color: #2e7d32; background: #edf7ee; }
            .appointment { border-left-color: #8e6c00; background: #fbf6e6; }
            .time { font-weight: bold; } .where, .who { font-size: 10pt; }
            footer { margin-top: 1em; font-size: 9pt; color: #555; }
            @page { size: A4 landscape; margin: 1cm; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            <h1>\(escape(siteName))</h1>
            <h2>\(heading) — \(lang == .fr ? "semaine du \(week.monday.french)" : "week of \(week.monday.iso)") (\(week))</h2>
            <table>
            <thead><tr>
            """
        for day in days {
            html += "<th>\(escape(day.weekday.label(lang).capitalized)) \(lang == .fr ? day.french.prefix(5) : day.iso.suffix(5))</th>"
        }
        html += "</tr></thead>\n<tbody><tr>\n"
        for day in days {
            html += "<td>"
            for e in placed where e.date == day {
                let time = "\(OpeningInterval.clock(e.startMinute ?? 0))–\(OpeningInterval.clock(e.endMinute ?? 0))"
                html += "<div class=\"event \(e.kind.code)\"><div class=\"time\">\(time)</div><div class=\"title\">\(escape(e.title))</div>"
                html += "<div class=\"where\">\(escape(e.roomName ?? ""))</div>"
                if let who = e.conseillerName { html += "<div class=\"who\">\(escape(who))</div>" }
                if e.kind == .workshop {
                    let left = max(0, e.capacity - e.registered)
                    html += "<div class=\"who\">" + (lang == .fr ? "\(left) place\(left > 1 ? "s" : "") libre\(left > 1 ? "s" : "")" : "\(left) seat\(left == 1 ? "" : "s") left") + "</div>"
                }
                html += "</div>"
            }
            html += "</td>\n"
        }
        html += "</tr></tbody>\n</table>\n"
        html += "<footer>" + escape(lang == .fr
            ? "Inscriptions à l’accueil. Planning version \(version.version) (\(version.status == "published" ? "publié" : "brouillon"))."
            : "Register at the front desk. Plan version \(version.version) (\(version.status)).") + "</footer>\n</body>\n</html>\n"
        return html
    }

    /// Escapes text for HTML.
    package static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
