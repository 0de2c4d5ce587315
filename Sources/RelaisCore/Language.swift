/// The language of a message shown to a person: French or English.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case fr
    case en

    /// The language for a POSIX locale value (`LC_ALL`, `LANG`): French when it starts with `fr`, else English.
    ///
    /// - Parameter locale: a locale identifier such as `fr_FR.UTF-8`, or `nil` when unset.
    public init(locale: String?) {
        let value = (locale ?? "").lowercased()
        self = value.hasPrefix("fr") ? .fr : .en
    }
}
