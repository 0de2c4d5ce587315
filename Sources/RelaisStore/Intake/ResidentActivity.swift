import Foundation
import RelaisCore

/// One of a resident's workshop registrations, as `resident show` lists it.
public struct RegistrationLine: Sendable, Hashable {
    public let sessionCode: String
    /// The workshop's title, or the session's kind for an appointment or a permanence.
    public let title: String
    public let startsAt: Date?
    public let week: String
    public let siteCode: String?
    public let status: RegistrationStatus
    public let attendance: Attendance?
}

/// One of a resident's loans (a device, SIM cards or data top-ups), as `resident show` lists it.
public struct LoanLine: Sendable, Hashable {
    public let number: String
    /// The device lent, if it is a device.
    public let assetTag: String?
    public let deviceKind: DeviceKind?
    /// The stock item's label (SIM cards, data top-ups), if it is not a device.
    public let stockLabel: String?
    public let lentOn: LocalDate
    public let dueOn: LocalDate?
    public let returnedOn: LocalDate?
    public let status: LoanStatus

    /// `PC-0042 (Ordinateur portable)` for a device, the stock item's label otherwise.
    public func item(_ lang: Language) -> String {
        guard let assetTag else { return stockLabel ?? "" }
        return assetTag + (deviceKind.map { " (\($0.label(lang)))" } ?? "")
    }
}

/// The registrations and loans of a resident (written by relais-schedule and the lending desk).
public enum ResidentActivity {
    /// At most this many lines of each kind, newest first.
    public static let limit = 200

    /// Registrations, newest session first.
    public static func registrations(_ db: Database, residentID: Int64) throws -> [RegistrationLine] {
        try db.query(
            """
            SELECT s.code, COALESCE(w.title, s.kind) AS title, s.starts_at, s.week, si.code AS site, r.status, r.attendance
            FROM registrations r
            JOIN sessions s ON s.id = r.session_id
            LEFT JOIN workshops w ON w.id = s.workshop_id
            LEFT JOIN sites si ON si.id = s.site_id
            WHERE r.resident_id = $1
            ORDER BY s.week DESC, s.starts_at DESC, r.id DESC
            LIMIT \(limit)
            """, [.integer(residentID)]
        ).map { row in
            RegistrationLine(
                sessionCode: row.string("code") ?? "", title: row.string("title") ?? "", startsAt: row.date("starts_at"),
                week: row.string("week") ?? "", siteCode: row.string("site"),
                status: try RegistrationStatus.parse(row.string("status") ?? ""),
                attendance: try Attendance.parseOptional(row.string("attendance")))
        }
    }

    /// Loans, newest first.
    public static func loans(_ db: Database, residentID: Int64) throws -> [LoanLine] {
        try db.query(
            """
            SELECT l.number, d.asset_tag, d.kind, st.label, CAST(l.lent_on AS TEXT) AS lent_on,
                   CAST(l.due_on AS TEXT) AS due_on, CAST(l.returned_on AS TEXT) AS returned_on, l.status
            FROM loans l
            LEFT JOIN devices d ON d.id = l.device_id
            LEFT JOIN stock_items st ON st.id = l.stock_item_id
            WHERE l.resident_id = $1
            ORDER BY l.lent_on DESC, l.id DESC
            LIMIT \(limit)
            """, [.integer(residentID)]
        ).map { row in
            LoanLine(
                number: row.string("number") ?? "", assetTag: row.string("asset_tag"),
                deviceKind: try DeviceKind.parseOptional(row.string("kind")), stockLabel: row.string("label"), lentOn: try LocalDate(parsing: row.string("lent_on") ?? ""),
                dueOn: try row.string("due_on").map { try LocalDate(parsing: $0) },
                returnedOn: try row.string("returned_on").map { try LocalDate(parsing: $0) },
                status: try LoanStatus.parse(row.string("status") ?? ""))
        }
    }
}
