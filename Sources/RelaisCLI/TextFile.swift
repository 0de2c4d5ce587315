import Foundation

/// Text files named on the command line.
public enum TextFile {
    /// The UTF-8 text of the file at `path`; with `standardInput`, `-` reads standard input.
    ///
    /// - Parameter saveAs: the format a user should save the file as when it is not UTF-8
    ///   (`UTF-8`, `CSV UTF-8`), named in the message.
    /// - Throws: `CommandFailure` when the file cannot be read or is not UTF-8.
    public static func read(_ path: String, standardInput: Bool = false, saveAs: String = "UTF-8") throws -> String {
        let data: Data
        if standardInput && path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(en: "cannot read '\(path)'; check the path", fr: "impossible de lire « \(path) » ; vérifiez le chemin")
            }
            data = read
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(
                en: "'\(path)' is not UTF-8 text; save it as \(saveAs) and try again",
                fr: "« \(path) » n’est pas un texte UTF-8 ; enregistrez-le en \(saveAs) et recommencez")
        }
        return text
    }
}
