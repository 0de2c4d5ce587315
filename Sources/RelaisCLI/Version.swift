import RelaisCore

/// The suite's version, printed by `--version`.
public enum RelaisVersion {
    public static let string = "0.1.0"
}

extension Language {
    /// Chooses the French or English text.
    public func pick(en: String, fr: String) -> String { self == .fr ? fr : en }
}
