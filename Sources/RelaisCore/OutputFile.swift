import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file a command was told to write (`--out`, `--plan-out`, an export).
///
/// A file is replaced whole: written beside the target, then renamed over it, so a reader never
/// sees half of it. But a path that is not a plain file — `/dev/null`, `/dev/stdout`, a named pipe,
/// a symbolic link — is written through, as it is: renaming onto it would replace the device or
/// the link itself (run as root, `--out /dev/null` used to turn /dev/null into a plain file).
public enum OutputFile {
    /// Writes `data` to `path`; `ownerOnly` creates a new file readable by its owner only.
    public static func write(_ data: Data, to path: String, ownerOnly: Bool = false) throws {
        if isWrittenThrough(path) {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            defer { try? handle.close() }
            try? handle.truncate(atOffset: 0)  // a link to a file; devices and pipes have nothing to cut
            try handle.write(contentsOf: data)
            return
        }
        if ownerOnly {
            guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } else {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
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
}
