import Foundation

/// Runs the built `keepalive-lab` as a subprocess with a time and a memory
/// bound, for the fuzz tests: a run that outlives its time is killed and
/// reported as a hang, and one that would take more than 1 GiB of address
/// space fails to allocate (and dies by a signal) instead of pushing the
/// machine into swap; either fails its test instead of stalling the suite.
struct BoundedToolRun {
    /// The address-space limit of each run, in KiB (`ulimit -v`).
    static let memoryBoundKiB = 1 << 20

    enum Outcome: Equatable {
        case exited(Int32)
        case killedBySignal(Int32)
        case timedOut
    }

    var outcome: Outcome
    var standardError: String

    /// Runs `arguments` in `directory`; output goes to files (never a pipe that could fill up).
    /// `fileDescriptors`: also limit open files (`ulimit -n`), soft and hard.
    static func run(_ arguments: [String], in directory: String, bound: TimeInterval = 30,
                    fileDescriptors: Int? = nil) throws -> BoundedToolRun {
        let errPath = directory + "/stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let process = Process()
        // The shell sets the limit, then becomes the tool (exec), so the pid and the exit status are the tool's.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let files = fileDescriptors.map { " && ulimit -n \($0)" } ?? ""
        process.arguments = ["-c", "ulimit -v \(memoryBoundKiB)\(files) && exec \"$0\" \"$@\"", ToolRun.executableURL.path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(bound)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            process.terminate()
        }
        process.waitUntilExit()
        try err.close()
        // Enough of standard error to say what happened; a test only quotes it.
        let text = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let outcome: Outcome = timedOut ? .timedOut
            : process.terminationReason == .uncaughtSignal ? .killedBySignal(process.terminationStatus)
            : .exited(process.terminationStatus)
        return BoundedToolRun(outcome: outcome, standardError: String(text.prefix(2_000)))
    }

    /// The promise every run keeps: exit 0 (success), 1 (failure) or 64 (usage error).
    var keepsTheExitCodePromise: Bool {
        if case .exited(let status) = outcome { return [0, 1, 64].contains(status) }
        return false
    }
}
