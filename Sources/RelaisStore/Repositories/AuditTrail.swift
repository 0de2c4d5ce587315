import Foundation

/// One line of the audit trail: who changed what, when, from which value to which.
public struct AuditEvent: Sendable, Hashable {
    public var at: Date
    public var actor: String
    public var entity: String
    public var entityID: Int64
    public var action: String
    public var field: String?
    public var oldValue: String?
    public var newValue: String?
    public var note: String?

    public init(
        at: Date = Date(), actor: String, entity: String, entityID: Int64, action: String,
        field: String? = nil, oldValue: String? = nil, newValue: String? = nil, note: String? = nil
    ) {
        self.at = at
        self.actor = actor
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.note = note
    }
}

/// Reads and writes the audit trail; every change to a request or a loan goes through here.
public enum AuditTrail {
    /// Appends an event; call inside the transaction that makes the change.
    public static func record(_ db: Database, _ event: AuditEvent) throws {
        try db.execute(
            """
            INSERT INTO audit_events (at, actor, entity, entity_id, action, field, old_value, new_value, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [.timestamp(event.at), .text(event.actor), .text(event.entity), .integer(event.entityID),
             .text(event.action), .optional(event.field), .optional(event.oldValue), .optional(event.newValue),
             .optional(event.note)])
    }

    /// The events of one record, oldest first.
    public static func events(_ db: Database, entity: String, id: Int64) throws -> [AuditEvent] {
        try db.query(
            """
            SELECT at, actor, entity, entity_id, action, field, old_value, new_value, note
            FROM audit_events WHERE entity = $1 AND entity_id = $2 ORDER BY id
            """, [.text(entity), .integer(id)]
        ).map { row in
            AuditEvent(
                at: row.date("at") ?? Date(timeIntervalSince1970: 0), actor: row.string("actor") ?? "",
                entity: row.string("entity") ?? entity, entityID: row.int("entity_id") ?? id,
                action: row.string("action") ?? "", field: row.string("field"), oldValue: row.string("old_value"),
                newValue: row.string("new_value"), note: row.string("note"))
        }
    }
}
