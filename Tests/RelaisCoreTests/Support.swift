import RelaisCore

/// The validation error `body` throws, or `nil` when it succeeds.
func validationError<T>(_ body: () throws(ValidationError) -> T) -> ValidationError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The refusal `body` throws, or `nil` when it succeeds.
func refusal<T>(_ body: () throws(TransitionRefusal) -> T) -> TransitionRefusal? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// A date known to be valid, for fixtures.
func date(_ text: String) -> LocalDate {
    // Fixtures are literals checked by the tests that use them.
    try! LocalDate(parsing: text)
}
