import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file a command was told to write (`--out`, `--plan-out`, an export).
///
/// A file is replaced whole: written beside the target — owner-only from its creation when asked
/// — then renamed over it, so a reader never sees half of it and nobody else ever could read a
/// private one. But a path that is not a plain file — `/dev/null`, `/dev/stdout`, a named pipe, a
/// symbolic link — is written through, as it is: renaming onto it would replace the device or the
/// link itself (run as root, `--out /dev/null` used to turn /dev/null into a plain file).
public enum OutputFile {
    /// Why a file could not be written: the path and the system's reason.
    public struct Failure: Error, LocalizedError, Sendable, Equatable {
        public let path: String
        public let reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
        public var errorDescription: String? { "cannot write '\(path)': \(reason)" }
    }

    /// Writes `data` to `path`; `ownerOnly` makes the file readable by its owner only.
    public static func write(_ data: Data, to path: String, ownerOnly: Bool = false) throws {
        if isWrittenThrough(path) {
            let fd = open(path, O_WRONLY | O_TRUNC)  // a device or a pipe has nothing to cut
            guard fd >= 0 else { throw failure(path) }
            defer { close(fd) }
            var info = stat()
            if ownerOnly, fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG { fchmod(fd, 0o600) }
            try writeAll(fd, data, path: path)
            return
        }
        let temporary = path + ".partial-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY, ownerOnly ? 0o600 : 0o666)
        guard fd >= 0 else { throw failure(path) }
        do {
            try writeAll(fd, data, path: path)
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// Whether `path` exists and is something other than a plain file or a folder (a device, a
    /// pipe, a socket, a symbolic link): what must not be replaced by a rename.
    public static func isWrittenThrough(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    private static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path)
                }
                offset += written
            }
        }
    }

    private static func failure(_ path: String) -> Failure {
        Failure(path: path, reason: String(cString: strerror(errno)))
    }
}
