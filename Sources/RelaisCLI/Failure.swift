import ArgumentParser
import Foundation
import RelaisCore
import RelaisStore

/// Exit codes shared by every program (documented in docs/administration.md).
public enum ExitStatus {
    /// Bad input, a refused operation, or a validation error: nothing was written.
    public static let refused: Int32 = 1
    /// The database could not be reached, is damaged, read-only, or has an unknown schema.
    public static let database: Int32 = 3
    /// Wrong command-line usage (ArgumentParser's own code).
    public static let usage: Int32 = 64
}

/// A refusal a command raises itself, with its message in both languages.
public struct CommandFailure: Error, LocalizedError, Sendable {
    public let english: String
    public let french: String
    public let status: Int32

    public init(en: String, fr: String, status: Int32 = ExitStatus.refused) {
        english = en
        french = fr
        self.status = status
    }

    public var errorDescription: String? { english }

    public func message(_ language: Language) -> String { language == .fr ? french : english }
}

/// Runs a command body and turns any error into one line on stderr and the right exit code.
///
/// No stack trace, no bound values: store errors carry safe messages, validation errors name the
/// field. ArgumentParser's own errors (usage, `--help`) pass through untouched.
public func runCommand(_ language: Language, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        let (message, status) = describe(error, language)
        Terminal.error((language == .fr ? "erreur : " : "error: ") + message + "\n")
        throw ExitCode(status)
    }
}

/// The one-line message and exit code for an error.
public func describe(_ error: any Error, _ language: Language) -> (String, Int32) {
    switch error {
    case let e as CommandFailure:
        return (e.message(language), e.status)
    case let e as RelaisCore.ValidationError:
        return (e.message(language), ExitStatus.refused)
    case let e as TransitionRefusal:
        return (e.message(language), ExitStatus.refused)
    case let e as StoreError:
        switch e.code {
        case .connection, .corrupt, .readOnly, .schemaTooNew, .migrationEdited, .invalidLocation, .notInitialised, .busy:
            return (e.message, ExitStatus.database)
        default:
            return (e.message, ExitStatus.refused)
        }
    case let e as CSVError:
        return (e.message(language), ExitStatus.refused)
    case let e as LocalizedError:
        return (e.errorDescription ?? String(describing: error), ExitStatus.refused)
    default:
        return (String(describing: error), ExitStatus.refused)
    }
}
