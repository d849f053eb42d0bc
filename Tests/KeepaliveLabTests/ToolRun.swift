import Foundation
import Testing

/// One run of the built `keepalive-lab` executable as a subprocess.
struct ToolRun {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// The executable, built next to the test bundle because the test target depends on it.
    static let executableURL: URL = {
        let testBinary = Bundle.main.executableURL
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On platforms where the test bundle is a directory, climb out of it.
        while directory.pathComponents.count > 1, directory.path.contains(".xctest") {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("keepalive-lab")
    }()

    /// Runs `keepalive-lab` with these arguments; standard output and error go
    /// to temporary files so that neither can fill a pipe and block the child.
    /// `environment` adds variables to the test's own; `workingDirectory` is where the tool runs.
    static func run(_ arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolRun {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("keepalive-lab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)", sourceLocation: sourceLocation)
        return ToolRun(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outURL, encoding: .utf8),
            standardError: try String(contentsOf: errURL, encoding: .utf8))
    }
}
