import ProxyModel
import Scenario
import Testing

/// Listen backlogs in the model: `nginx.listen_backlog`, `backends.NAME.listen_backlog`,
/// `network.somaxconn`, and `listen ... backlog=` in nginx.conf import and export.
@Suite struct ListenBacklogReadingTests {
    static func model(nginx: String = "", backend: String = "{ profile: 'node-20' }", network: String = "{}") -> String {
        "{ nginx: { upstreams: { app: { servers: ['a:1'] } } \(nginx) }, backends: { app: \(backend) }, network: \(network) }"
    }

    @Test func nginxListensWithBacklog511UnlessTheModelSaysOtherwise() throws {
        #expect(try ScenarioFixtures.load(Self.model()).model.proxyListenBacklog == .connections(511))
        let written = try ScenarioFixtures.load(Self.model(nginx: ", listen_backlog: 4096"))
        #expect(written.model.proxyListenBacklog == .connections(4096))
        #expect(written.canonical.contains("listen_backlog: 4096"))
    }

    @Test func backendsListenWithTheirProfilesBacklogOrTheWrittenOne() throws {
        #expect(try ScenarioFixtures.load(Self.model()).model.backends[0].listenBacklog == .connections(511))
        #expect(try ScenarioFixtures.load(Self.model(backend: "{ profile: 'go-default' }")).model.backends[0].listenBacklog == .somaxconn)
        #expect(try ScenarioFixtures.load(Self.model(backend: "{ profile: 'tomcat', listen_backlog: 'somaxconn' }")).model.backends[0].listenBacklog
            == .somaxconn)
        let loaded = try ScenarioFixtures.load(Self.model(backend: "{ profile: 'jetty', listen_backlog: 64 }"))
        #expect(loaded.model.backends[0].listenBacklog == .connections(64))
        #expect(try ScenarioFixtures.load(Self.model()).canonical.contains("listen_backlog: 511, // default (profile node-20)"))
    }

    @Test func somaxconnDefaultsTo4096AsSinceLinux54() throws {
        #expect(try ScenarioFixtures.load(Self.model()).model.network.somaxconn == 4096)
        #expect(try ScenarioFixtures.load(Self.model(network: "{ somaxconn: 128 }")).model.network.somaxconn == 128)
    }

    @Test func badBacklogsAreRefusedWithWhatIsValid() {
        let zero = ScenarioFixtures.problems(Self.model(nginx: ", listen_backlog: 0"))
        #expect(zero.count == 1 && zero[0].contains("nginx.listen_backlog: must be"), "\(zero)")
        let word = ScenarioFixtures.problems(Self.model(backend: "{ profile: 'node-20', listen_backlog: 'lots' }"))
        #expect(word.count == 1 && word[0].contains("backends.app.listen_backlog: must be a number of connections"), "\(word)")
        let somaxconn = ScenarioFixtures.problems(Self.model(network: "{ somaxconn: 0 }"))
        #expect(somaxconn.count == 1 && somaxconn[0].contains("network.somaxconn: must be"), "\(somaxconn)")
    }

    @Test func exportWritesTheBacklogOnTheListenLineAndImportReadsItBack() throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        try files.write("model.json5", Self.model(nginx: ", listen_backlog: 1024"))
        let exported = try NginxConfExport.exportModel(path: files.path("model.json5"), options: NginxConfExport.Options(prefix: files.directory))
        #expect(exported.text.contains("listen 127.0.0.1:18000 backlog=1024;"), "\(exported.text)")
        try files.write("nginx.conf", exported.text)
        #expect(try files.importedModel("nginx.conf").proxyListenBacklog == .connections(1024))
        // Without it written, nothing is added: nginx's own default applies.
        try files.write("plain.json5", Self.model())
        let plain = try NginxConfExport.exportModel(path: files.path("plain.json5"), options: NginxConfExport.Options(prefix: files.directory))
        #expect(!plain.text.contains("backlog="))
    }

    @Test func importRefusesABacklogNginxRefuses() throws {
        let conf = """
            events {}
            http { upstream app { server 10.0.0.1:80; } server { listen 80 backlog=0; location / { proxy_pass http://app; } } }
            """
        let files = try NginxConfFiles(["nginx.conf": conf])
        defer { files.remove() }
        guard case .failure(let error) = files.importing("nginx.conf") else {
            Issue.record("backlog=0 was accepted")
            return
        }
        #expect(error.description.contains("invalid backlog \"backlog=0\""), "\(error)")
    }
}
