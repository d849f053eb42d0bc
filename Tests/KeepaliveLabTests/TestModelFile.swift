import Foundation

/// A model file in a temporary directory of its own, for `simulate` tests;
/// `remove()` deletes the directory.
struct TestModelFile {
    let directory: URL
    let path: String

    /// Ten seconds of 50 requests/s through two nginx workers to two
    /// backends, with some POSTs: quick, yet every part of the report has numbers.
    static let smallModel = """
        // A test model: small and quick.
        {
          nginx: {
            version: "1.29.7",
            worker_processes: 2,
            upstreams: {
              app: {
                servers: [{ address: "10.0.0.1:8080" }, { address: "10.0.0.2:8080" }],
                keepalive: 4,
              },
            },
            locations: { "/": { proxy_pass: "app" } },
          },
          backends: {
            app: { profile: "node-20", idle_timeout: "1s", workers: 4 },
          },
          traffic: { rate: 50, clients: 20, methods: { GET: 7, POST: 3 } },
          run: { duration: "10s", warmup: "1s", seed: 3 },
        }
        """

    /// The stale-connection race of nginx-semantics.md section 2, from a trace:
    /// a node-20 backend closes the idle connection 6 s after request 1's
    /// response is written (at 2.5 ms); request 2 leaves the client at
    /// 6002.25 ms, reaches nginx as the backend closes, and is sent on the
    /// cached connection just before the FIN arrives. The trace is `race.csv`
    /// next to the model (see `init(contents:name:files:)`).
    static let staleRaceModel = """
        {
          nginx: {
            version: "1.29.7",
            upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }], keepalive: 4 } },
            locations: { "/": { proxy_pass: "app" } },
            // An infinitely fast nginx, so that the story's times are round numbers.
            cpu: { accept: "0s", connect: "0s", request: "0s", response: "0s", close: "0s", tls_handshake: "0s" },
          },
          backends: { app: { profile: "node-20", service: { cpu: { constant: "1ms" } } } },
          traffic: { trace: "race.csv", clients: 1 },
          run: { duration: "10s", warmup: "0s", seed: 1 },
        }
        """

    /// The trace of `staleRaceModel`, the second request with `method`.
    static func staleRaceTrace(secondMethod method: String) -> String {
        "time_ms,client,method\n0,0,GET\n6002.25,0,\(method)\n"
    }

    /// Writes the model, and `files` (name to contents) next to it.
    init(contents: String = smallModel, name: String = "model.json5", files: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keepalive-lab-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        for (fileName, fileContents) in files {
            try fileContents.write(toFile: directory.appendingPathComponent(fileName).path, atomically: true, encoding: .utf8)
        }
    }

    /// A path in the same directory, for output files.
    func sibling(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
