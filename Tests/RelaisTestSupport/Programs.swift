import Foundation

/// What a finished child process left behind.
public struct ProgramResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs the suite's built programs, as swift-argument-parser's `AssertExecuteCommand` does.
public enum Programs {
    /// The folder holding the built executables (next to the test bundle), or `RELAIS_BIN_DIR`.
    public static let binDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["RELAIS_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("relais-admin").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
    }()

    /// Starts `program` with `arguments` and returns without waiting.
    public static func launch(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
    ) throws -> RunningProgram {
        try RunningProgram(binDirectory.appendingPathComponent(program), arguments, environment: environment, stdin: stdin)
    }

    /// Runs `program` to completion.
    public static func run(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
    ) throws -> ProgramResult {
        try launch(program, arguments, environment: environment, stdin: stdin).wait()
    }
}

/// A child process whose output goes to temporary files (no pipe can fill up and block it).
public final class RunningProgram: @unchecked Sendable {
    // Owned by the launching test only; `wait()` is called once from that test.
    private let process = Process()
    private let outURL: URL
    private let errURL: URL

    init(_ executable: URL, _ arguments: [String], environment: [String: String], stdin: String?) throws {
        let tmp = FileManager.default.temporaryDirectory
        outURL = tmp.appendingPathComponent("relais-out-\(UUID().uuidString)")
        errURL = tmp.appendingPathComponent("relais-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["RELAIS_DATABASE"] = nil
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdin {
            let inURL = tmp.appendingPathComponent("relais-in-\(UUID().uuidString)")
            try Data(stdin.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    /// Waits for the process and collects its output.
    public func wait() -> ProgramResult {
        process.waitUntilExit()
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return ProgramResult(status: process.terminationStatus, stdout: out, stderr: err)
    }
}
