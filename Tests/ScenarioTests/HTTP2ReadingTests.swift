import ProxyModel
import Scenario
import Testing

/// `nginx.http2`, `nginx.http2_max_concurrent_streams`, `traffic.client_protocol`
/// and `proxy_http_version: "2"` as model files write them.
@Suite struct HTTP2ReadingTests {
    static func model(nginx: String = "http2: true,", location: String = "", backend: String = "", network: String = "",
                      traffic: String = "pages: { rate: 5, hosts: 3 }, client_protocol: \"h2\"") -> String {
        """
        {
          nginx: { version: "1.29.7", \(nginx) upstreams: { app: { servers: ["10.0.0.1:8080"] } },
                   locations: { "/": { proxy_pass: "app", \(location) } } },
          backends: { app: { \(backend) } },
          network: { \(network) },
          traffic: { \(traffic) },
        }
        """
    }

    @Test func http2ClientsAreReadAndPrinted() throws {
        let loaded = try ScenarioFixtures.load(Self.model(nginx: "http2: true, http2_max_concurrent_streams: 16,"))
        #expect(loaded.model.traffic.clientProtocol == .http2)
        #expect(loaded.model.nginx.http2?.maxConcurrentStreams == 16)
        #expect(loaded.canonical.contains("client_protocol: \"h2\""))
        #expect(loaded.canonical.contains("http2: true"))
        #expect(loaded.canonical.contains("http2_max_concurrent_streams: 16"))
        let plain = try ScenarioFixtures.load(Self.model(nginx: "", traffic: "rate: 10"))
        #expect(plain.model.traffic.clientProtocol == .http11)
        #expect(plain.model.nginx.http2 == nil)
        #expect(plain.canonical.contains("client_protocol: \"http/1.1\""))
    }

    @Test func http2ClientsWithoutNginxHttp2AreRefused() {
        let problems = ScenarioFixtures.problems(Self.model(nginx: ""))
        #expect(problems.contains { $0.contains("traffic.client_protocol: \"h2\" needs nginx to offer HTTP/2: write nginx.http2: true") },
                "\(problems)")
    }

    @Test(arguments: [
        ("closed_loop: { connections: 4 }, client_protocol: \"h2\"", "traffic.client_protocol: \"h2\" applies to rate, pattern, trace and pages"),
        ("pages: { rate: 5 }, client_protocol: \"h2\", connections_per_client: 6",
         "traffic.connections_per_client: does not apply with client_protocol \"h2\""),
        ("rate: 5, client_protocol: \"h3\"", "traffic.client_protocol: must be one of: http/1.1, h2"),
        ("rate: 5, client_protocol: \"h2\", clients_close_connections: true",
         "traffic.clients_close_connections: does not apply with client_protocol \"h2\""),
    ])
    func badClientProtocolsAreReportedAtTheirField(traffic: String, expected: String) {
        let problems = ScenarioFixtures.problems(Self.model(traffic: traffic))
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test func proxyHttpVersion2IsRefusedBefore1_29_4AtItsField() {
        let text = Self.model(location: "proxy_http_version: \"2\",", backend: "profile: \"envoy\"")
            .replacingOccurrences(of: "1.29.7", with: "1.29.3")
        let problems = ScenarioFixtures.problems(text)
        #expect(problems.contains { $0.contains("nginx.locations[\"/\"].proxy_http_version: invalid value \"2\"")
            && $0.contains("proxy_http_version 2 arrived in 1.29.4") }, "\(problems)")
    }

    @Test func proxyHttpVersion2NeedsBackendsThatSpeakHTTP2() throws {
        let deaf = ScenarioFixtures.problems(Self.model(location: "proxy_http_version: \"2\",", backend: "profile: \"node-20\""))
        #expect(deaf.contains { $0.contains("backend app (profile node-20: HTTP/1.x only) would answer nginx's HTTP/2 preface") },
                "\(deaf)")
        let plainGo = ScenarioFixtures.problems(Self.model(location: "proxy_http_version: \"2\",", backend: "profile: \"go-default\""))
        #expect(plainGo.contains { $0.contains("HTTP/2 only over TLS, and network.proxy_backend has no tls") }, "\(plainGo)")
        let envoy = try ScenarioFixtures.load(Self.model(location: "proxy_http_version: \"2\",", backend: "profile: \"envoy\""))
        #expect(envoy.model.nginx.locations[0].proxyHTTPVersion == .http2)
        #expect(envoy.model.nginx.locations[0].reuse.isActive)
        _ = try ScenarioFixtures.load(Self.model(location: "proxy_http_version: \"2\",", backend: "profile: \"go-default\"",
                                                 network: "proxy_backend: { tls: \"1.3\" }"))
    }
}
