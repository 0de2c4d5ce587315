import CSQLite
import Foundation
import RelaisCore

extension Database {
    /// Copies a SQLite database to `path` with SQLite's online backup API: a consistent snapshot
    /// even while other programs write. The copy is written beside the target and renamed into
    /// place, owner-only, so a failed backup never leaves a half file.
    /// - Throws: `StoreError.unsupported` on PostgreSQL (use `pg_dump`), or the SQLite error.
    public func backup(to path: String) throws {
        guard let sqlite = connection as? SQLiteConnection, let source = sqlite.rawHandle else {
            throw StoreError(
                .unsupported,
                "backup works on SQLite files; for PostgreSQL use pg_dump, for example: pg_dump --format=custom --file=relais.dump \"$RELAIS_DATABASE\"")
        }
        // Renaming the copy onto a device, a pipe or a link would replace it (/dev/null, as root).
        guard !OutputFile.isWrittenThrough(path) else {
            throw StoreError(.other, "the backup goes to a plain file path; '\(path)' is a device, a pipe or a link")
        }
        let fm = FileManager.default
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: temporary)
        guard fm.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(.connection, "cannot write the backup file '\(path)'; check the folder exists and is writable")
        }
        var destination: OpaquePointer?
        defer { sqlite3_close_v2(destination) }
        guard sqlite3_open_v2(temporary, &destination, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let destination else {
            try? fm.removeItem(atPath: temporary)
            throw StoreError(.connection, "cannot write the backup file '\(path)'")
        }
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            let message = String(cString: sqlite3_errmsg(destination))
            try? fm.removeItem(atPath: temporary)
            throw StoreError(.other, "cannot start the backup: \(message)")
        }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(50) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            try? fm.removeItem(atPath: temporary)
            throw SQLiteConnection.mapError(extended: rc, message: String(cString: sqlite3_errstr(rc)))
        }
        guard rename(temporary, path) == 0 else {
            try? fm.removeItem(atPath: temporary)
            throw StoreError(.connection, "cannot move the backup into place at '\(path)'")
        }
    }
}
