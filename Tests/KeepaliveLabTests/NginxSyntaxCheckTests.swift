import Foundation
import Testing

/// Real nginx accepts the export of every bundled model: `nginx -t` with a
/// temporary prefix, so nothing touches /var/log/nginx or /run. CI (CI=true)
/// installs Debian's nginx-light and must run this; elsewhere, without
/// nginx, the test is skipped.
@Suite struct NginxSyntaxCheckTests {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// models/*.json5, models/claims/*.json5 and models/small-pools/*.json5.
    static var bundledModels: [String] {
        ["models", "models/claims", "models/validation", "models/small-pools"].flatMap { directory -> [String] in
            let path = repositoryRoot + "/" + directory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { $0.hasSuffix(".json5") }.sorted().map { path + "/" + $0 }
        }
    }

    /// nginx on PATH or at Debian's location.
    static let nginx: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/nginx" } + ["/usr/sbin/nginx"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    @Test func theBundledModelsAreFound() {
        #expect(Self.bundledModels.count >= 20, "\(Self.bundledModels)")
    }

    @Test(arguments: bundledModels)
    func nginxAcceptsTheExportOfEveryBundledModel(model: String) throws {
        guard let nginx = Self.nginx else {
            if Self.isCI { Issue.record("nginx is not installed: .ci/run installs Debian's nginx-light; this test needs it on CI") }
            return
        }
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("keepalive-lab-nginx-t-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let conf = prefix + "/nginx.conf"
        let export = try ToolRun.run(["nginx", "export", model, "--out", conf, "--prefix", prefix])
        #expect(export.status == 0, "\(model): \(export.standardError)")

        let check = Process()
        check.executableURL = URL(fileURLWithPath: nginx)
        check.arguments = ["-t", "-q", "-c", conf, "-p", prefix + "/", "-e", prefix + "/error.log"]
        let output = Pipe()
        check.standardOutput = output
        check.standardError = output
        try check.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "nginx -t refuses the export of \(model):\n\(text)")
    }
}
