import Foundation
import Testing
import RelaisCore

/// Output files are replaced whole, but devices, pipes and links are written through.
@Suite struct OutputFileTests {
    @Test func aPlainFileIsReplacedAndAnOwnerOnlyOneIsCreatedSo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relais-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("plan.json").path
        try OutputFile.write(Data("first, longer\n".utf8), to: path)
        try OutputFile.write(Data("second\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        let secret = dir.appendingPathComponent("export.json").path
        try OutputFile.write(Data("{}".utf8), to: secret, ownerOnly: true)
        let mode = try FileManager.default.attributesOfItem(atPath: secret)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aLinkIsWrittenThroughAndStaysALink() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relais-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("real.ics").path
        let link = dir.appendingPathComponent("link.ics").path
        try Data("an older, longer calendar\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(OutputFile.isWrittenThrough(link))
        try OutputFile.write(Data("BEGIN:VCALENDAR\n".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "BEGIN:VCALENDAR\n")
    }

    @Test func devNullStaysADevice() throws {
        #expect(OutputFile.isWrittenThrough("/dev/null"))
        try OutputFile.write(Data("thrown away\n".utf8), to: "/dev/null")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect(!OutputFile.isWrittenThrough("/nonexistent-relais/x.json"))
        #expect(!OutputFile.isWrittenThrough(FileManager.default.temporaryDirectory.path))
    }
}
