import ProxyModel
import Scenario
import Testing

/// HTTP/2 in nginx.conf by version: `listen ... http2` (1.9.5+), the `http2`
/// directive (1.25.1+), `http2_max_concurrent_streams`; export writes the
/// form the model's version has, and import reads both.
@Suite struct NginxConfHTTP2Tests {
    static func model(version: String) -> String {
        """
        {
          nginx: { version: "\(version)", http2: true, http2_max_concurrent_streams: 32,
                   upstreams: { app: { servers: ["10.0.0.1:8080"] } } },
        }
        """
    }

    @Test(arguments: [("1.22.1", ":18000 http2;"), ("1.29.7", "http2 on;")])
    func theExportWritesTheVersionsFormAndTheImportReadsItBack(version: String, written: String) throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        try files.write("model.json5", Self.model(version: version))
        let exported = try NginxConfExport.exportModel(path: files.path("model.json5"),
                                                       options: NginxConfExport.Options(prefix: files.directory))
        #expect(exported.text.contains(written), "\(exported.text)")
        #expect(exported.text.contains("http2_max_concurrent_streams 32;"))
        try files.write("nginx.conf", exported.text)
        let imported = try files.importedModel("nginx.conf", options: NginxConfFiles.options(version: NginxVersion(parsing: version)!))
        #expect(imported.nginx.http2?.maxConcurrentStreams == 32)
    }

    @Test func theHttp2DirectiveBefore1_25_1IsAnUnknownDirective() throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        try files.write("nginx.conf", """
            events {}
            http {
                upstream app { server 10.0.0.1:8080; }
                server { listen 80; http2 on; location / { proxy_pass http://app; } }
            }
            """)
        guard case .failure(let error) = files.importing("nginx.conf") else { Issue.record("imported"); return }
        #expect(error.description.contains("unknown directive \"http2\": nginx 1.22.1 does not have it (added in 1.25.1"),
                "\(error)")
    }
}
