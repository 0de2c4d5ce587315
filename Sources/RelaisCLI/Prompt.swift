import Foundation
import RelaisCore

/// The person left an interactive dialogue (end of input): nothing was recorded.
public struct PromptCancelled: Error, LocalizedError, Sendable {
    public init() {}
    public var errorDescription: String? { "cancelled: nothing was recorded" }
}

/// Interactive questions on a terminal: defaults in brackets, choices by number or by typing the
/// start of a code or label, re-asked until the answer is valid.
///
/// Reads standard input line by line. `RELAIS_FORCE_INTERACTIVE=1` lets tests (and scripts
/// that know what they are doing) drive a dialogue through a pipe: a documented test hook.
public final class Prompter {
    private let readLineFrom: () -> String?
    private let writeTo: (String) -> Void
    /// The language of the prompts.
    public let language: Language

    /// Whether a dialogue may start: standard input is a terminal, or the test hook is set.
    public static func isAvailable(environment: [String: String] = ProcessEnvironment.subset(["RELAIS_FORCE_INTERACTIVE"])) -> Bool {
        Terminal.stdinIsTerminal || environment["RELAIS_FORCE_INTERACTIVE"] == "1"
    }

    public init(
        language: Language, input: @escaping () -> String? = { readLine(strippingNewline: true) },
        output: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
    ) {
        self.language = language
        self.readLineFrom = input
        self.writeTo = output
    }

    /// Writes text as is.
    public func say(_ text: String) { writeTo(text) }

    /// Asks a free-text question; Enter takes the default (when there is one).
    /// - Throws: `PromptCancelled` at the end of input.
    /// An answer holding a control character (an arrow key sends ESC sequences) is asked again.
    public func ask(_ question: String, default value: String? = nil) throws -> String {
        while true {
            writeTo(question + (value.map { " [\($0)]" } ?? "") + ": ")
            guard let line = readLineFrom() else {
                writeTo("\n")
                throw PromptCancelled()
            }
            if TextRules.hasControlCharacter(line) {
                writeTo(language == .fr
                    ? "  ! la réponse contient un caractère de contrôle (une touche fléchée ?) ; retapez-la\n"
                    : "  ! the answer holds a control character (an arrow key?); type it again\n")
                continue
            }
            let answer = line.trimmingCharacters(in: .whitespaces)
            return answer.isEmpty ? (value ?? "") : answer
        }
    }

    /// Asks until `parse` accepts the answer, showing its error each time.
    public func ask<T>(_ question: String, default value: String? = nil, parse: (String) throws -> T) throws -> T {
        while true {
            let answer = try ask(question, default: value)
            do {
                return try parse(answer)
            } catch {
                writeTo("  ! " + describe(error, language).0 + "\n")
            }
        }
    }

    /// Yes or no; Enter takes the default.
    public func confirm(_ question: String, default value: Bool) throws -> Bool {
        let hint = language == .fr ? (value ? "O/n" : "o/N") : (value ? "Y/n" : "y/N")
        while true {
            writeTo("\(question) [\(hint)]: ")
            guard let line = readLineFrom() else {
                writeTo("\n")
                throw PromptCancelled()
            }
            let answer = CodeSuggester.fold(line)
            if answer.isEmpty { return value }
            if ["y", "yes", "o", "oui"].contains(answer) { return true }
            if ["n", "no", "non"].contains(answer) { return false }
            writeTo(language == .fr ? "  ! répondez o (oui) ou n (non)\n" : "  ! answer y (yes) or n (no)\n")
        }
    }

    /// One choice among numbered options, by number or by the start of its code or label.
    public func choose<T>(_ question: String, _ options: [(code: String, label: String, value: T)], default index: Int? = nil) throws -> T {
        try chooseIndices(question, options.map { ($0.code, $0.label) }, default: index, many: false).first.map { options[$0].value }!
    }

    /// Several choices (separated by commas or spaces); Enter gives none (or the defaults).
    public func chooseMany<T>(_ question: String, _ options: [(code: String, label: String, value: T)], defaults: [Int] = []) throws -> [T] {
        try chooseIndices(question, options.map { ($0.code, $0.label) }, default: nil, many: true, defaults: defaults).map { options[$0].value }
    }

    private func chooseIndices(
        _ question: String, _ options: [(code: String, label: String)], default index: Int?, many: Bool, defaults: [Int] = []
    ) throws -> [Int] {
        for (n, option) in options.enumerated() {
            writeTo("  \(String(n + 1).leftPadded(2)) \(option.label) (\(option.code))\n")
        }
        let defaultText = many ? (defaults.isEmpty ? (language == .fr ? "aucun" : "none") : defaults.map { options[$0].code }.joined(separator: ","))
            : index.map { options[$0].code }
        while true {
            let answer = try ask(question, default: defaultText)
            if many && (answer.isEmpty || answer == "aucun" || answer == "none") && defaults.isEmpty { return [] }
            if many && answer == defaultText { return defaults }
            let parts = many ? answer.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init) : [answer]
            var picked: [Int] = []
            var problem: String?
            for part in parts {
                switch Self.match(part, options) {
                case .one(let i): if !picked.contains(i) { picked.append(i) }
                case .none: problem = language == .fr ? "« \(part) » ne correspond à aucun choix" : "'\(part)' matches no choice"
                case .several(let codes):
                    problem = language == .fr
                        ? "« \(part) » est ambigu : \(codes.joined(separator: ", "))"
                        : "'\(part)' is ambiguous: \(codes.joined(separator: ", "))"
                }
            }
            if let problem {
                writeTo("  ! \(problem)\n")
                continue
            }
            if !picked.isEmpty { return picked }
        }
    }

    enum Match: Equatable { case one(Int), none, several([String]) }

    /// A number, an exact code, or the start of exactly one code or label (accents and case ignored).
    static func match(_ text: String, _ options: [(code: String, label: String)]) -> Match {
        let wanted = CodeSuggester.fold(text)
        if let n = Int(wanted), (1...options.count).contains(n) { return .one(n - 1) }
        if let exact = options.firstIndex(where: { CodeSuggester.fold($0.code) == wanted }) { return .one(exact) }
        guard !wanted.isEmpty else { return .none }
        let hits = options.indices.filter { i in
            CodeSuggester.fold(options[i].code).hasPrefix(wanted) || CodeSuggester.fold(options[i].label).hasPrefix(wanted)
        }
        switch hits.count {
        case 0: return .none
        case 1: return .one(hits[0])
        default: return .several(hits.map { options[$0].code })
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
