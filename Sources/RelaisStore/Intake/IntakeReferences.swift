import Foundation
import RelaisCore

/// A site as the desk needs it: id, code, name, address and opening hours.
public struct SiteInfo: Sendable, Hashable {
    public let id: Int64
    public let code: String
    public let name: String
    public let address: String
    public let commune: String
    /// Opening hours, Monday first.
    public let hours: [OpeningInterval]
}

/// A staff member as intake needs one: id, code, names and role.
public struct StaffInfo: Sendable, Hashable {
    public let id: Int64
    public let code: String
    public let firstName: String
    public let lastName: String
    public let role: StaffRole
}

/// Looks up the reference data intake refers to by code (sites, staff, consent text).
public enum IntakeReferences {
    /// The database id of the active site with `code` (blanks and case ignored).
    /// - Throws: `IntakeError` `unknown_site` with the closest code and the known ones.
    public static func siteID(_ db: Database, code: String) throws -> Int64 {
        let wanted = TextRules.trimmedBlanks(code).lowercased()
        guard let id = try db.queryOne("SELECT id FROM sites WHERE code = $1 AND active", [.text(wanted)])?.int("id") else {
            throw IntakeError.unknownSite(code, known: try siteCodes(db))
        }
        return id
    }

    /// The site with database id `id`.
    public static func site(_ db: Database, id: Int64) throws -> SiteInfo {
        guard let row = try db.queryOne("SELECT id, code, name, address, commune FROM sites WHERE id = $1", [.integer(id)])
        else { throw StoreError(.notFound, "no site #\(id)") }
        return try siteInfo(db, row)
    }

    private static func siteInfo(_ db: Database, _ row: Row) throws -> SiteInfo {
        let id = row.int("id") ?? 0
        let hours = ScheduleStore.intervals(try db.query(
            "SELECT weekday, start_minute, end_minute FROM site_hours WHERE site_id = $1", [.integer(id)]))
        return SiteInfo(
            id: id, code: row.string("code") ?? "", name: row.string("name") ?? "",
            address: row.string("address") ?? "", commune: row.string("commune") ?? "", hours: hours)
    }

    /// Every active site code, sorted.
    public static func siteCodes(_ db: Database) throws -> [String] {
        try db.query("SELECT code FROM sites WHERE active ORDER BY code").compactMap { $0.string("code") }
    }

    /// The active staff member with `code`; `conseillerOnly` refuses desk agents and coordinators.
    /// - Throws: `IntakeError` `unknown_staff` with the closest code.
    public static func staff(_ db: Database, code: String, conseillerOnly: Bool = true) throws -> StaffInfo {
        let wanted = TextRules.trimmedBlanks(code).lowercased()
        let row = try db.queryOne(
            "SELECT id, code, first_name, last_name, role FROM staff WHERE code = $1 AND active", [.text(wanted)])
        guard let row, let role = row.string("role").flatMap(StaffRole.init(rawValue:)),
            !conseillerOnly || role == .conseiller
        else {
            let known = try db.query("SELECT code FROM staff WHERE active AND role = 'conseiller' ORDER BY code")
                .compactMap { $0.string("code") }
            throw IntakeError.unknownStaff(code, known: known)
        }
        return StaffInfo(
            id: row.int("id") ?? 0, code: row.string("code") ?? wanted, firstName: row.string("first_name") ?? "",
            lastName: row.string("last_name") ?? "", role: role)
    }

    /// The latest published consent text version, if any.
    public static func currentConsentVersion(_ db: Database) throws -> String? {
        try Documents.current(db, kind: .consent)?.version
    }
}
