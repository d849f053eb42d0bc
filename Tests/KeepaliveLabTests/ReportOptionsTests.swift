import Foundation
import Testing

/// Issue 15's command-line pieces: `--events-filter`, `--log-y`/`--linear-y`,
/// and a model argument that is really an nginx.conf or an access log.
@Suite struct ReportOptionsTests {
    func eventKinds(filter: String?) throws -> Set<String> {
        let model = try TestModelFile()
        defer { model.remove() }
        let path = model.sibling("events.jsonl")
        let run = try ToolRun.run(["simulate", model.path, "--events", path, "--format", "json"]
            + (filter.map { ["--events-filter", $0] } ?? []))
        #expect(run.status == 0, "\(run.standardError)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return Set(text.split(separator: "\n").compactMap { line in
            line.range(of: #""event": ""#).map { String(line[$0.upperBound...].prefix { $0 != "\"" }) }
        })
    }

    static let connectionSteps: Set = ["client_open", "client_close", "upstream_open", "upstream_handshake_done",
                                       "upstream_reuse", "upstream_idle", "upstream_close", "stale_failure"]

    @Test func eventsFilterConnectionKeepsOnlyConnectionSteps() throws {
        let kinds = try eventKinds(filter: "connection")
        #expect(!kinds.isEmpty && kinds.isSubset(of: Self.connectionSteps), "\(kinds)")
        #expect(kinds.contains("upstream_open"))
    }

    @Test func eventsFilterRequestKeepsOnlyRequestSteps() throws {
        let kinds = try eventKinds(filter: "request")
        #expect(kinds.isDisjoint(with: Self.connectionSteps), "\(kinds)")
        #expect(kinds.isSuperset(of: ["request_sent", "request_at_proxy", "request_at_backend", "response"]))
    }

    @Test func eventsWithoutFilterWritesBothKinds() throws {
        let kinds = try eventKinds(filter: nil)
        #expect(kinds.contains("upstream_open") && kinds.contains("request_sent"))
    }

    @Test(arguments: [
        (["simulate", "m.json5", "--events-filter", "connection"], "--events-filter chooses what --events writes; give --events FILE.jsonl as well"),
        (["simulate", "m.json5", "--events", "e.jsonl", "--events-filter", "conn"], "invalid value for --events-filter"),
        (["sweep", "m.json5", "--vary", "traffic.rate=1,2", "--log-y"], "--log-y shapes the chart: give --plot FILE.svg as well"),
        (["sweep", "m.json5", "--vary", "traffic.rate=1,2", "--plot", "p.svg", "--log-y", "--linear-y"],
         "--log-y and --linear-y contradict each other; give one"),
        (["sweep", "merge", "a.csv", "--linear-y"], "--linear-y shapes the chart: give --plot FILE.svg as well"),
    ])
    func misusedReportOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let run = try ToolRun.run(arguments)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains(message), "\(run.standardError)")
    }

    @Test func simulatingAnNginxConfNamesNginxImport() throws {
        let model = try TestModelFile(contents: "worker_processes 2;\nevents { worker_connections 512; }\nhttp {\n  server { listen 80; }\n}\n",
                                      name: "nginx.conf")
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("\(model.path): this looks like an nginx configuration, not a model file (JSON5); "
            + "read it into a model with: keepalive-lab nginx import \(model.path) --out MODEL.json5"), "\(run.standardError)")
    }

    @Test func sweepingAnAccessLogNamesTraceImport() throws {
        let log = #"192.0.2.7 - - [04/Dec/2026:07:40:31 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5.0""# + "\n"
        let model = try TestModelFile(contents: log + log, name: "access.log")
        defer { model.remove() }
        let run = try ToolRun.run(["sweep", model.path, "--vary", "traffic.rate=1,2", "--out", model.sibling("x.csv")])
        #expect(run.status == 1)
        #expect(run.standardError.contains("this looks like an nginx access log, not a model file (JSON5); "
            + "turn it into a trace with: keepalive-lab trace import \(model.path)"), "\(run.standardError)")
    }
}
