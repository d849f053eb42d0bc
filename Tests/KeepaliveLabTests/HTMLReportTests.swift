import Foundation
import Testing

/// `--report FILE.html` without a browser: what the page holds, that it is
/// self-contained and deterministic, and the usage rules around it.
@Suite struct HTMLReportTests {
    func report(_ arguments: [String], model: TestModelFile, name: String = "report.html") throws -> String {
        let run = try ToolRun.run(arguments + ["--report", model.sibling(name)])
        #expect(run.status == 0, "\(run.standardError)")
        return try String(contentsOfFile: model.sibling(name), encoding: .utf8)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func simulateReportHoldsEveryChartAndNothingFromTheNetwork() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let html = try report(["simulate", model.path], model: model)
        for title in ["Latency CDF", "Upstream connections open, per worker", "Idle connections in keepalive caches, per worker",
                      "New upstream connections per second", "Pool occupancy", "Upstream connections closed, by reason",
                      "Errors by cause"] {
            #expect(html.contains(">\(title)</text>"), "no chart '\(title)'")
        }
        #expect(Self.count("<svg ", in: html) == 7)
        #expect(html.contains("worker 1"))
        for external in ["src=", "href=", "@import", "<script", "url("] {
            #expect(!html.contains(external), "the page refers to something outside it: \(external)")
        }
    }

    @Test func simulateReportIsTheSameBytesForTheSameSeed() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let first = try report(["simulate", model.path], model: model, name: "a.html")
        let second = try report(["simulate", model.path], model: model, name: "b.html")
        // The command line (which names the file) is in the provenance line; everything else must match.
        #expect(first.replacingOccurrences(of: "a.html", with: "b.html") == second)
        let otherSeed = try report(["simulate", model.path, "--seed", "9"], model: model, name: "c.html")
        #expect(otherSeed.replacingOccurrences(of: "c.html", with: "b.html") != second)
    }

    @Test func sweepReportIsTheSameBytesForAnyJobs() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let arguments = ["sweep", model.path, "--vary", "nginx.upstreams.app.keepalive=1,4", "--replications", "3",
                         "--out", model.sibling("sweep.csv")]
        let one = try report(arguments + ["--jobs", "1"], model: model, name: "one.html")
        let two = try report(arguments + ["--jobs", "2"], model: model, name: "two.html")
        #expect(one == two)
        #expect(Self.count("<svg ", in: one) == 3)
        #expect(one.contains("upstream_connections_per_1k by nginx.upstreams.app.keepalive"))
    }

    @Test func reportCannotReplaceTheModel() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path, "--report", model.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("--report \(model.path) is the model file"))
    }

    @Test func reportOfAShardIsAUsageError() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try ToolRun.run(["sweep", model.path, "--vary", "nginx.upstreams.app.keepalive=1,4", "--shard", "1/2",
                                   "--report", model.sibling("r.html")])
        #expect(run.status == 64)
        #expect(run.standardError.contains("--report goes with the merged parts"))
    }

    @Test func reportWithPrintModelIsAUsageError() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path, "--print-model", "--report", model.sibling("r.html")])
        #expect(run.status == 64)
        #expect(run.standardError.contains("cannot be combined with --report"))
    }
}

extension HTMLReportTests {
    @Test func reportToStandardOutputIsAUsageError() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path, "--report", "-"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("--report writes an HTML file"))
    }
}
