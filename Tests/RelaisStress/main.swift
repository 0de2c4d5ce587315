// A test helper: one of several processes writing into the same database at once.
// Usage: relais-stress DATABASE WRITER ROWS
// Each row is its own transaction: a numbered anonymous resident plus its audit event.
import Foundation
import RelaisStore

let arguments = CommandLine.arguments
guard arguments.count == 4, let writer = Int(arguments[2]), let rows = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: relais-stress DATABASE WRITER ROWS\n".utf8))
    exit(64)
}
do {
    let db = try Database.openMigrated(try DatabaseLocation(parsing: arguments[1]))
    for n in 0..<rows {
        try db.transaction { db in
            let number = try NumberSequence.next(db, scope: "stress", year: 2026)
            let id = try db.queryOne(
                """
                INSERT INTO residents (kind, commune, postcode, created_at, created_by, last_activity_at)
                VALUES ('anonymous', $1, '38130', $2, $3, $2) RETURNING id
                """, [.text("stress-\(number)"), .timestamp(Date()), .text("writer-\(writer)")])?.int("id") ?? 0
            try AuditTrail.record(db, AuditEvent(actor: "writer-\(writer)", entity: "resident", entityID: id, action: "stress", note: "\(n)"))
        }
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
    exit(1)
}
