import Foundation

/// Every failure of the store, with a stable code callers can match.
///
/// The description says what went wrong and what to do; it never contains bound values or
/// passwords (PostgreSQL's DETAIL lines, which quote values, are dropped).
public struct StoreError: Error, LocalizedError, Sendable, Equatable {
    /// Stable codes, the same on both backends.
    public enum Code: String, Sendable, Hashable {
        case uniqueViolation = "unique_violation"
        case foreignKeyViolation = "foreign_key_violation"
        case notNullViolation = "not_null_violation"
        case checkViolation = "check_violation"
        case busy
        case connection
        case syntax
        case invalidValue = "invalid_value"
        case readOnly = "read_only"
        case corrupt
        case invalidLocation = "invalid_location"
        case schemaTooNew = "schema_too_new"
        case migrationEdited = "migration_edited"
        case notInitialised = "not_initialised"
        case notFound = "not_found"
        case conflict
        case unsupported
        case other
    }

    /// What kind of failure.
    public let code: Code
    /// A message safe to print: no bound values, no secrets.
    public let message: String
    /// The constraint or object involved, when the backend names it.
    public let constraint: String?

    public init(_ code: Code, _ message: String, constraint: String? = nil) {
        self.code = code
        self.message = message
        self.constraint = constraint
    }

    public var errorDescription: String? { message }

    /// Lets `catch let e as StoreError where e ~= .uniqueViolation` read naturally.
    public static func ~= (code: Code, error: StoreError) -> Bool { error.code == code }
}

extension StoreError: CustomStringConvertible {
    public var description: String { message }
}
