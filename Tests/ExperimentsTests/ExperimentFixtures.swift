import Experiments
import Scenario

/// Small models the tests sweep: a few seconds of light traffic, so that a
/// sweep of dozens of simulations takes well under a second in release builds.
enum ExperimentFixtures {
    /// One nginx worker, one upstream `app` of one backend, Poisson arrivals.
    static func modelText(rate: Int = 50, duration: String = "3s", warmup: String = "1s", keepalive: Int? = 8) -> String {
        """
        // A small scenario for the Experiments tests.
        {
          nginx: {
            version: "1.29.7",
            worker_processes: 1,
            upstreams: {
              app: {
                servers: ["10.0.0.1:8080"],
                \(keepalive.map { "keepalive: \($0)," } ?? "")
              },
            },
            locations: { "/": { proxy_pass: "app" } },
          },
          backends: {
            app: { profile: "node-26", workers: 4, service: { cpu: { constant: "1ms" } } },
          },
          traffic: { rate: \(rate), spacing: "poisson", clients: 10 },
          run: { duration: "\(duration)", warmup: "\(warmup)", seed: 1 },
        }
        """
    }

    static func model(_ text: String = modelText()) throws -> ModelFile {
        try ModelFile(path: "test-model.json5", text: text)
    }

    /// A sweep of `vary` (each `PATH=VALUES`) over `model`.
    static func sweep(_ vary: [String], model: ModelFile, replications: Int = 3, seed: UInt64? = nil) throws -> Sweep {
        let parameters = try vary.map { try SweepParameter(parsing: $0, model: model.root) }
        return try Sweep(model: model, grid: try SweepGrid(parameters), replications: replications, seed: seed,
                         command: "keepalive-lab sweep test-model.json5 " + vary.map { "--vary " + $0 }.joined(separator: " "))
    }

    /// The CSV of a whole sweep (or one shard's part) run on `threads` threads.
    static func csv(_ sweep: Sweep, threads: Int, shard: Shard? = nil) throws -> String {
        let rows = sweep.run(tasks: sweep.tasks(in: shard), threads: threads)
        return sweep.table(rows, shard: shard).csv
    }
}
