/// Short, stable, human numbers (`D-2026-000123`, `PC-0042`) allocated from a counter row.
///
/// The counter row is locked by the increment for the rest of the caller's transaction, so two
/// desks never get the same number and numbering never scans the numbered table.
public enum NumberSequence {
    /// The next value of `scope` for `year` (use 0 for counters that do not restart yearly).
    /// Call inside the transaction that stores the numbered record.
    public static func next(_ db: Database, scope: String, year: Int) throws -> Int64 {
        if let value = try db.queryOne(
            "UPDATE number_sequences SET last_value = last_value + 1 WHERE scope = $1 AND year = $2 RETURNING last_value",
            [.text(scope), .integer(Int64(year))])?.int("last_value")
        {
            return value
        }
        // First number of the scope: insert, or bump the row a concurrent writer just inserted.
        return try db.queryOne(
            """
            INSERT INTO number_sequences (scope, year, last_value) VALUES ($1, $2, 1)
            ON CONFLICT (scope, year) DO UPDATE SET last_value = number_sequences.last_value + 1
            RETURNING last_value
            """, [.text(scope), .integer(Int64(year))])?.int("last_value") ?? 1
    }

    /// Makes sure later numbers come after `value` (used after importing or generating numbered rows).
    public static func advance(_ db: Database, scope: String, year: Int, atLeast value: Int64) throws {
        try db.execute(
            """
            INSERT INTO number_sequences (scope, year, last_value) VALUES ($1, $2, $3)
            ON CONFLICT (scope, year) DO UPDATE SET last_value =
                CASE WHEN number_sequences.last_value > $3 THEN number_sequences.last_value ELSE $3 END
            """, [.text(scope), .integer(Int64(year)), .integer(value)])
    }
}
