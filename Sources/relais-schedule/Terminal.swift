import Foundation
import RelaisCLI
import RelaisCore
import RelaisPlanning

/// The solver's progress line and raw JSON output, next to the suite's `Terminal` helpers.
extension Terminal {
    /// Writes `data` and a newline to standard output.
    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A progress callback drawing one line on standard error when it is a terminal, else nil.
    static func progressPrinter(_ language: Language = .en) -> ((SolverProgress) -> Void)? {
        guard stderrIsTerminal else { return nil }
        let format = language == .fr
            ? "\r%6.1f s  %9d it.  meilleur %9d  courant %9d  placées %d/%d "
            : "\r%6.1f s  %9d it  best %9d  current %9d  placed %d/%d "
        return { p in
            let line = String(format: format, p.elapsed, p.iterations, p.bestSoft, p.currentSoft, p.total - p.unassigned, p.total)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Ends the progress line (when one was drawn).
    static func endProgress() {
        if stderrIsTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
