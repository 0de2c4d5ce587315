import Foundation
import RelaisCore

/// Where text comes in from people: command-line arguments are checked once, before any command
/// reads them, against `TextRules.checkCharacters` (control characters, a lone carriage return,
/// the right-to-left overrides). Answers at a prompt and CSV cells are checked where they are read.
public enum InputCheck {
    /// Exits with status 64 (wrong usage) and one line when an argument holds a refused character.
    public static func arguments(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        guard let n = arguments.firstIndex(where: TextRules.hasControlCharacter) else { return }
        // A usage error, worded like the argument parser's (in English, see the guides).
        Terminal.error(
            "Error: argument \(n + 1) " + TextRules.noControlCharacters.en + "\n")
        exit(64)
    }
}
