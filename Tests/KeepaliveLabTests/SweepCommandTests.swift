import Foundation
import Testing

/// `sweep`, `sweep merge` and `plan` through the built binary, in a scratch
/// directory holding a small model (so default outputs land in its own notebooks-data/).
@Suite struct SweepCommandTests {
    static let model = """
        {
          nginx: { version: "1.29.7", worker_processes: 1,
            upstreams: { app: { servers: ["10.0.0.1:8080"], keepalive: 8 } },
            locations: { "/": { proxy_pass: "app" } } },
          backends: { app: { profile: "node-26", workers: 4, service: { cpu: { constant: "1ms" } } } },
          traffic: { rate: 50, spacing: "poisson", clients: 10 },
          run: { duration: "3s", warmup: "1s", seed: 1 },
        }
        """

    /// A fresh directory with `small.json5` in it.
    final class Scratch {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-tests-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try SweepCommandTests.model.write(toFile: path + "/small.json5", atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }
        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolRun {
            try ToolRun.run(arguments, environment: environment, workingDirectory: path)
        }
    }

    static let grid = ["--vary", "nginx.upstreams.app.keepalive=1..4x2", "--vary", "traffic.rate=30,60", "-r", "3"]

    @Test func theCSVIsByteIdenticalWithOneOrFourJobs() throws {
        let scratch = try Scratch()
        let one = try scratch.run(["sweep", "small.json5"] + Self.grid + ["--jobs", "1", "--out", "one.csv"])
        let four = try scratch.run(["sweep", "small.json5"] + Self.grid + ["--jobs", "4", "--out", "four.csv"])
        #expect(one.status == 0, "\(one.standardError)")
        #expect(four.status == 0, "\(four.standardError)")
        #expect(try scratch.read("one.csv") == scratch.read("four.csv"))
        #expect(one.standardOutput == four.standardOutput)
        #expect(one.standardOutput.contains("nginx.upstreams.app.keepalive"))
        #expect(try scratch.read("one.csv").contains(
            "# command: keepalive-lab sweep small.json5 --vary nginx.upstreams.app.keepalive=1..4x2 --vary traffic.rate=30,60 "
                + "--replications 3 --seed 1\n"))
    }

    @Test func theDefaultOutputIsInNotebooksData() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["sweep", "small.json5", "--vary", "traffic.rate=30", "-r", "2"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(scratch.exists("notebooks-data/small-sweep.csv"))
        #expect(run.standardError.contains("wrote notebooks-data/small-sweep.csv: 2 simulations (1 points x 2 replications)"))
        // stderr is not a terminal here: no progress bar.
        #expect(!run.standardError.contains("\r"))
    }

    @Test func shardPartsMergeIntoTheOneMachineCSV() throws {
        let scratch = try Scratch()
        #expect(try scratch.run(["sweep", "small.json5"] + Self.grid + ["--out", "whole.csv"]).status == 0)
        for index in 1...3 {
            let part = try scratch.run(["sweep", "small.json5"] + Self.grid + ["--shard", "\(index)/3"])
            #expect(part.status == 0, "\(part.standardError)")
            #expect(part.standardOutput.isEmpty)
        }
        #expect(scratch.exists("notebooks-data/small-sweep.part-2-of-3.csv"))
        let merge = try scratch.run(["sweep", "merge", "notebooks-data/small-sweep.part-3-of-3.csv",
                                     "notebooks-data/small-sweep.part-1-of-3.csv", "notebooks-data/small-sweep.part-2-of-3.csv",
                                     "--out", "merged.csv", "--plot", "merged.svg"])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(try scratch.read("merged.csv") == scratch.read("whole.csv"))
        #expect(try scratch.read("merged.svg").hasPrefix("<svg "))
    }

    @Test func shardAutoReadsKubernetesAndSlurmIndices() throws {
        let scratch = try Scratch()
        #expect(try scratch.run(["sweep", "small.json5"] + Self.grid + ["--out", "whole.csv"]).status == 0)
        let kubernetes = try scratch.run(["sweep", "small.json5"] + Self.grid + ["--shard", "auto", "--shard-count", "2"],
                                         environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(kubernetes.status == 0, "\(kubernetes.standardError)")
        let slurm = try scratch.run(["sweep", "small.json5"] + Self.grid + ["--shard", "auto"],
                                    environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(slurm.status == 0, "\(slurm.standardError)")
        let merge = try scratch.run(["sweep", "merge", "notebooks-data/small-sweep.part-1-of-2.csv",
                                     "notebooks-data/small-sweep.part-2-of-2.csv", "--out", "merged.csv"])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(try scratch.read("merged.csv") == scratch.read("whole.csv"))
    }

    @Test func shardAutoWithoutABatchSystemIsAnError() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["sweep", "small.json5", "--vary", "traffic.rate=30", "--shard", "auto"],
                                  environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("pass --shard-count N or set KEEPALIVE_LAB_SHARD_COUNT"))
    }

    @Test func anUnknownPathStopsTheSweepBeforeAnythingRuns() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["sweep", "small.json5", "--vary", "nginx.upstreams.app.keepalvie=8"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("did you mean 'keepalive'?"))
        #expect(run.standardError.contains("valid paths near nginx.upstreams.app.keepalvie: nginx.upstreams.app.keepalive"))
        #expect(!scratch.exists("notebooks-data"))
    }

    @Test func usageMistakesExit64() throws {
        let scratch = try Scratch()
        for arguments in [["sweep", "small.json5"], ["sweep", "small.json5", "--vary", "a=1", "--metric", "latency_p99"],
                          ["sweep", "small.json5", "--vary", "a=1", "--shard", "3/2"],
                          ["sweep", "small.json5", "--vary", "a=1", "--shard", "1/2", "--plot", "x.svg"],
                          ["plan", "small.json5", "--target", "handshakes=3"]] {
            let run = try scratch.run(arguments)
            #expect(run.status == 64, "\(arguments): \(run.standardError)")
        }
    }

    @Test func planRecommendsDirectivesWithReasons() throws {
        let scratch = try Scratch()
        // Ten seconds, so that the few connections a big pool still opens are few per 1,000 requests.
        try Self.model.replacingOccurrences(of: "\"3s\"", with: "\"10s\"").write(toFile: scratch.path + "/longer.json5",
                                                                                 atomically: true, encoding: .utf8)
        let run = try scratch.run(["plan", "longer.json5", "-r", "3", "--target", "handshakes_per_1k=50"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("upstream app {\n      keepalive "))
        #expect(run.standardOutput.contains("keepalive_timeout 60s: below the backend's idle close at 66s (node-26)"))
        #expect(run.standardOutput.contains("worker_processes 1;  # as written"))
    }

    @Test func planExitsOneWhenNothingMeetsTheTargets() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["plan", "small.json5", "-r", "2", "--target", "p99_ms=0.1", "--max-keepalive", "4"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("no setting meets every target: even with keepalive 4"))
        #expect(run.standardError.contains("latency_p99_ms"))
    }
}
