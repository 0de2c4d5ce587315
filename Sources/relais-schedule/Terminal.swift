import Foundation
import RelaisPlanning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and the progress line on standard error (only on a terminal).
enum Terminal {
    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A progress callback when standard error is a terminal, else nil.
    static func progressPrinter() -> ((SolverProgress) -> Void)? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        return { p in
            let line = String(
                format: "\r%6.1f s  %9d it  best %9d  current %9d  placed %d/%d ",
                p.elapsed, p.iterations, p.bestSoft, p.currentSoft, p.total - p.unassigned, p.total)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    static func endProgress() {
        if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
