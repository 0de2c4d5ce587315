import Foundation
import RelaisCore
import RelaisStore

/// Runs an intake command body: like `runCommand`, and turns intake refusals (unknown site,
/// resident…), a rejected import (every bad row with its line) and a cancelled dialogue into
/// messages in the chosen language with exit code 1.
public func runIntake(_ language: Language, _ body: () throws -> Void) throws {
    try runCommand(language) {
        do {
            try body()
        } catch let error as IntakeError {
            throw CommandFailure(en: error.messageEN, fr: error.messageFR)
        } catch let error as ImportRejected {
            for issue in error.issues {
                Terminal.error(language.pick(en: "line \(issue.line): ", fr: "ligne \(issue.line) : ") + issue.message(language) + "\n")
            }
            let bad = Set(error.issues.map(\.line)).count
            throw CommandFailure(
                en: "\(bad) bad line(s) out of \(error.rows) row(s); nothing was imported",
                fr: "\(bad) ligne(s) en erreur sur \(error.rows) ; rien n’a été importé")
        } catch is PromptCancelled {
            throw CommandFailure(en: "cancelled; nothing was recorded", fr: "abandon ; rien n’a été enregistré")
        }
    }
}

/// The desk's small settings file: the agent's usual site.
///
/// `$XDG_CONFIG_HOME/relais/intake.conf`, else `~/.config/relais/intake.conf`; lines `key = value`.
public struct IntakeConfig: Sendable, Equatable {
    /// The site code `new` proposes first.
    public var site: String?

    public init(site: String? = nil) { self.site = site }

    /// Where the file lives.
    public static func path(environment: [String: String] = ProcessEnvironment.subset(["XDG_CONFIG_HOME", "HOME"])) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        }
        return base + "/relais/intake.conf"
    }

    /// Reads the file; a missing or unreadable file gives empty settings.
    public static func load(from path: String = IntakeConfig.path()) -> IntakeConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return IntakeConfig() }
        var config = IntakeConfig()
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if key == "site", !value.isEmpty { config.site = value }
        }
        return config
    }

    /// Writes the file (creating its folder), readable by its owner only.
    public func save(to path: String = IntakeConfig.path()) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = "# relais-intake settings (written by relais-intake new)\n"
        if let site { text += "site = \(site)\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}

/// Dates and times as the desk reads them (Europe/Paris).
public enum IntakeClock {
    /// `2026-11-29 14:05` (or `29/11/2026 14:05` in French); `spelledOut`, for a resident:
    /// `Sunday 2026-11-29 at 14:05` (`dimanche 29/11/2026 à 14:05`).
    public static func dateTime(_ date: Date, _ language: Language, spelledOut: Bool = false) -> String {
        let (day, minute) = ParisTime.local(date)
        guard spelledOut else { return Self.day(day, language) + " " + OpeningInterval.clock(minute) }
        return day.weekday.label(language) + " " + Self.day(day, language) + (language == .fr ? " à " : " at ")
            + OpeningInterval.clock(minute)
    }

    /// A day as the language writes it.
    public static func day(_ date: LocalDate, _ language: Language) -> String { language == .fr ? date.french : date.iso }
}

/// Parsing helpers shared by the intake commands.
public enum IntakeInput {
    /// A request number, `D-2026-000123`.
    public static func number(_ text: String) throws -> RequestNumber { try RequestNumber(parsing: text) }

    /// A resident id: `42` or `#42`.
    public static func residentID(_ text: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        guard let id = Int64(digits), id > 0 else {
            throw RelaisCore.ValidationError.invalidFormat("resident", expected: "42")
        }
        return id
    }


    /// A deadline: a date, not in the past.
    public static func deadline(_ text: String?, today: LocalDate) throws -> LocalDate? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let day = try LocalDate(parsing: text, field: "deadline")
        if day < today { throw IntakeError.deadlineInPast(day, today: today) }
        return day
    }
}
