import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard streams and whether a person is watching them.
public enum Terminal {
    /// Whether standard input is a terminal (interactive prompts need one).
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    /// Whether standard error is a terminal (progress is shown only then).
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes to standard error.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes to standard output without an added newline.
    public static func write(_ text: String) {
        print(text, terminator: "")
    }
}

/// A one-line progress display on a terminal; silent when standard error is piped.
public final class ProgressLine {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private var lastShown = Date.distantPast
    private var lastPercent = -1

    public init(_ label: String, total: Int, enabled: Bool = Terminal.stderrIsTerminal) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
    }

    /// Shows `done` of `total`, at most ten times a second.
    public func update(_ done: Int) {
        guard enabled else { return }
        let percent = min(100, done * 100 / total)
        let now = Date()
        guard percent != lastPercent, now.timeIntervalSince(lastShown) > 0.1 || percent == 100 else { return }
        lastPercent = percent
        lastShown = now
        Terminal.error("\r\(label) \(percent)% (\(done)/\(total))\u{1B}[K")
    }

    /// Clears the line.
    public func finish() {
        guard enabled else { return }
        Terminal.error("\r\u{1B}[K")
    }
}
