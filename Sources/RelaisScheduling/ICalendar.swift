import Foundation
import RelaisCore
import RelaisStore

/// iCalendar (RFC 5545) feeds of published sessions, one per conseiller or per site.
///
/// Times are local Europe/Paris times with a `VTIMEZONE`; each session keeps the same UID for
/// life; its SEQUENCE rises every time a publication changes it; a session cancelled, or one that
/// left this feed (reassigned, moved to another site), stays in the feed with
/// `STATUS:CANCELLED`, so a subscribed calendar drops it instead of keeping a stale copy.
package enum ICalendar {
    /// The UID of a session's event: stable across re-plans.
    package static func uid(_ session: SessionRecord) -> String { "\(session.code.lowercased())@relais.echirolles" }

    /// The whole feed as text, lines ended by CRLF and folded at 75 octets.
    package static func render(name: String, entries: [CalendarEntry], now: Date = Date()) -> String {
        var lines: [String] = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ville d'Echirolles//Relais 0.1//FR", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escape("Relais — \(name)"), "X-WR-TIMEZONE:Europe/Paris",
        ]
        lines += timezone
        let stamp = utc(now)
        for entry in entries {
            let s = entry.session
            guard let start = s.startsAt else { continue }
            let end = start.addingTimeInterval(Double(s.durationMinutes * 60))
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + uid(s))
            lines.append("DTSTAMP:" + stamp)
            lines.append("DTSTART;TZID=Europe/Paris:" + local(start))
            lines.append("DTEND;TZID=Europe/Paris:" + local(end))
            lines.append("SEQUENCE:\(s.icsSequence)")
            lines.append("STATUS:" + (entry.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("SUMMARY:" + escape((entry.cancelled ? "ANNULÉ — " : "") + s.title))
            let location = [entry.roomName, entry.siteName].filter { !$0.isEmpty }.joined(separator: ", ")
            if !location.isEmpty { lines.append("LOCATION:" + escape(location)) }
            var description = ["Séance \(s.code)", s.kind.labelFR]
            if !entry.conseillerName.isEmpty { description.append("Conseiller numérique : \(entry.conseillerName)") }
            if s.kind == .workshop { description.append("Places : \(s.capacity)") }
            lines.append("DESCRIPTION:" + escape(description.filter { !$0.isEmpty }.joined(separator: "\n")))
            lines.append("CATEGORIES:" + escape(s.kind.labelFR))
            lines.append("TRANSP:OPAQUE")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/Paris with the EU rules (last Sunday of March / October, 01:00 UTC).
    static let timezone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris", "X-LIC-LOCATION:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// `20261201T140000` in Paris time.
    static func local(_ date: Date) -> String {
        let (day, minute) = ParisTime.local(date)
        return String(format: "%04d%02d%02dT%02d%02d00", day.year, day.month, day.day, minute / 60, minute % 60)
    }

    /// `20261201T130000Z`.
    static func utc(_ date: Date) -> String {
        let (day, time) = LocalDate.split(unixSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", day.year, day.month, day.day, time / 3600, time % 3600 / 60, time % 60)
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 sequence (§3.1).
    static func fold(_ line: String) -> String {
        var out = ""
        var width = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += size
        }
        return out
    }
}
