import Foundation
import Testing
import Traffic

/// `keepalive-lab trace import`, `inspect` and `generate` on the command line,
/// and an imported access log replayed by `simulate`.
@Suite struct TraceCommandTests {
    @Test(arguments: [["trace", "--help"], ["trace", "import", "--help"], ["trace", "inspect", "-h"], ["trace", "generate", "--help"]])
    func everyTraceCommandHasHelp(arguments: [String]) throws {
        let run = try ToolRun.run(arguments)
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("OVERVIEW: "))
    }

    /// The model of `TestModelFile.smallModel`, replaying `trace.csv` instead of its rate.
    static func traceModel(_ trace: String) -> String {
        TestModelFile.smallModel.replacingOccurrences(
            of: "traffic: { rate: 50, clients: 20, methods: { GET: 7, POST: 3 } }", with: "traffic: { trace: \(trace) }")
    }

    /// A log in both time formats ($time_local to the second, $msec to the
    /// millisecond), with lines that are not requests, gzip-compressed for
    /// one of them, imported and then simulated.
    @Test(arguments: [(SyntheticAccessLog.Style.combined, false), (.exported, true), (.combinedWithTimings, true)])
    func anImportedAccessLogFeedsSimulate(style: SyntheticAccessLog.Style, compressed: Bool) throws {
        let log = SyntheticAccessLog(style: style, requests: 400, ratePerSecond: 60, malformedEvery: 37, seed: 11).make()
        let files = try TestModelFile(contents: Self.traceModel("\"imported.csv\""), files: ["access.log": log.text])
        defer { files.remove() }
        var logPath = files.sibling("access.log")
        if compressed {
            let gzip = try Process.run(URL(fileURLWithPath: "/usr/bin/gzip"), arguments: ["-n", logPath])
            gzip.waitUntilExit()
            logPath += ".gz"
        }
        let trace = files.sibling("imported.csv")
        let imported = try ToolRun.run(["trace", "import", logPath, "--log-format", style.formatText, "--out", trace])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.isEmpty)
        #expect(imported.standardError.contains("imported \(log.requestLines) requests"), "\(imported.standardError)")
        #expect(imported.standardError.contains("\(log.badLines) not imported"))
        for line in log.badLineNumbers { #expect(imported.standardError.contains("\(logPath):\(line): ")) }
        if compressed { #expect(imported.standardError.contains("gzip")) }
        let simulated = try ToolRun.run(["simulate", files.path, "--format", "json"])
        #expect(simulated.status == 0, "\(simulated.standardError)")
        #expect(simulated.standardOutput.contains("\"sent\""))
        let inspected = try ToolRun.run(["trace", "inspect", trace])
        #expect(inspected.status == 0, "\(inspected.standardError)")
        #expect(inspected.standardOutput.contains("requests          \(log.requestLines)") || inspected.standardOutput.contains("\(log.requestLines)"))
        #expect(inspected.standardOutput.contains("rate over time"))
        if style != .combined { #expect(inspected.standardOutput.contains("upstream reuse")) }
    }

    @Test func importSaysWhyALogOfAnotherFormatGivesNothingAndExitsOne() throws {
        let log = SyntheticAccessLog(style: .exported, requests: 20, seed: 2).make()
        let files = try TestModelFile(files: ["access.log": log.text])
        defer { files.remove() }
        let run = try ToolRun.run(["trace", "import", files.sibling("access.log"), "--out", files.sibling("t.csv")])
        #expect(run.status == 1)
        #expect(run.standardError.contains("access.log:1: "))
        #expect(run.standardError.contains("is --log-format the log_format the log was written with?"))
        #expect(!FileManager.default.fileExists(atPath: files.sibling("t.csv")), "no empty trace left behind")
    }

    @Test(arguments: [["trace", "import", "x.log", "--log-format", "$status$body_bytes_sent"],
                      ["trace", "import", "x.log", "--reorder-window", "soon"],
                      ["trace", "import"], ["trace", "inspect"], ["trace", "generate"], ["trace", "frobnicate"]])
    func badCommandLinesAreUsageErrors(arguments: [String]) throws {
        let run = try ToolRun.run(arguments)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(!run.standardError.isEmpty)
    }

    @Test func generateWritesAPageFanOutOverHostsThatSimulateReplays() throws {
        let model = TestModelFile.smallModel.replacingOccurrences(
            of: "traffic: { rate: 50, clients: 20, methods: { GET: 7, POST: 3 } }",
            with: "traffic: { pages: { rate: 2, requests_per_page: 12, hosts: 3 }, connections_per_client: 6, clients: 5 }")
        let files = try TestModelFile(contents: model)
        defer { files.remove() }
        let trace = files.sibling("generated.csv")
        let run = try ToolRun.run(["trace", "generate", files.path, "--out", trace])
        #expect(run.status == 0, "\(run.standardError)")
        let rows = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count % 12 == 0 && rows.count > 0, "whole pages of 12 calls")
        // Each page's 12 calls: 4 to each of its browser's 3 hosts (clients browser * 3 + host).
        let firstPage = rows.prefix(12).map { Int($0.split(separator: ",")[1])! }
        #expect(Set(firstPage).count == 3)
        #expect(Set(firstPage.map { $0 / 3 }).count == 1, "one browser")
        let again = try ToolRun.run(["trace", "generate", files.path])
        #expect(again.standardOutput == (try String(contentsOfFile: trace, encoding: .utf8)), "same model, same seed, same trace")
        let replay = try TestModelFile(contents: Self.traceModel("{ file: \"\(trace)\", speed: 2 }"))
        defer { replay.remove() }
        let simulated = try ToolRun.run(["simulate", replay.path])
        #expect(simulated.status == 0, "\(simulated.standardError)")
    }

    @Test func generateRefusesAClosedLoopWithTheReason() throws {
        let model = TestModelFile.smallModel.replacingOccurrences(
            of: "traffic: { rate: 50, clients: 20, methods: { GET: 7, POST: 3 } }", with: "traffic: { closed_loop: { connections: 4 } }")
        let files = try TestModelFile(contents: model)
        defer { files.remove() }
        let run = try ToolRun.run(["trace", "generate", files.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("closed-loop"))
    }

    @Test func inspectNamesTheLineOfABadTrace() throws {
        let files = try TestModelFile(files: ["bad.csv": "time_ms,client\n0,0\n5,x\n"])
        defer { files.remove() }
        let run = try ToolRun.run(["trace", "inspect", files.sibling("bad.csv")])
        #expect(run.status == 1)
        #expect(run.standardError.contains("bad.csv:3: client must be an integer"))
    }
}
