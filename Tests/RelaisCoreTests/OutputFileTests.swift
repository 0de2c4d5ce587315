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
        // Owner-only through a link too; a link to nowhere says why.
        try OutputFile.write(Data("{}".utf8), to: link, ownerOnly: true)
        #expect(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int == 0o600)
        let dangling = dir.appendingPathComponent("dangling.json").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.appendingPathComponent("missing/x").path)
        #expect(throws: OutputFile.Failure(path: dangling, reason: "No such file or directory")) {
            try OutputFile.write(Data("{}".utf8), to: dangling)
        }
        #expect(throws: OutputFile.Failure(path: dir.path + "/missing/plan.json", reason: "No such file or directory")) {
            try OutputFile.write(Data("{}".utf8), to: dir.path + "/missing/plan.json")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["dangling.json", "link.ics", "real.ics"],
                "no partial file left behind")
    }

    @Test func devNullStaysADevice() throws {
        #expect(OutputFile.isWrittenThrough("/dev/null"))
        try OutputFile.write(Data("thrown away\n".utf8), to: "/dev/null")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect(!OutputFile.isWrittenThrough("/nonexistent-relais/x.json"))
        #expect(!OutputFile.isWrittenThrough(FileManager.default.temporaryDirectory.path))
        let mode = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.posixPermissions] as? Int
        try OutputFile.write(Data("x".utf8), to: "/dev/null", ownerOnly: true)
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.posixPermissions] as? Int == mode, "a device keeps its mode")
    }
}
