import Foundation

/// A state machine's named refusal: a stable code and a message saying what to do instead.
///
/// Messages name the request, device or session (by number, tag or code), never a resident.
public struct TransitionRefusal: Error, LocalizedError, Sendable, Hashable {
    /// A stable identifier callers may match, e.g. `request.reopen_first`.
    public let code: String
    /// The English message.
    public let messageEN: String
    /// The French message.
    public let messageFR: String

    /// Creates a refusal; other modules may define their own.
    public init(code: String, en: String, fr: String) {
        self.code = code
        self.messageEN = en
        self.messageFR = fr
    }

    /// The message in `lang`.
    public func message(_ lang: Language) -> String {
        lang == .fr ? messageFR : messageEN
    }

    /// The English message (what ArgumentParser prints).
    public var errorDescription: String? { messageEN }
}
