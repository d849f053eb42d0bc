import Foundation

/// A small model file in a temporary directory, for `simulate` tests; the
/// directory is removed when the value is dropped... by `remove()`.
struct TestModelFile {
    let directory: URL
    let path: String

    /// A few seconds of traffic through two workers and two backends whose idle
    /// timeout is short enough for stale-connection races, with some POSTs.
    static let smallModel = """
        // A test model: small and quick, with every kind of lifecycle event.
        { seed: 3, duration: "10s", warmup: "1s", rate: 50, keepalive: 4, workers: 2, servers: 2,
          backend_idle_timeout: "1s", post_share: 0.3 }
        """

    init(contents: String = smallModel, name: String = "model.json5") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keepalive-lab-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A path in the same directory, for output files.
    func sibling(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
