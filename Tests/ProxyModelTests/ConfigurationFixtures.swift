import ProxyModel

/// Small configurations the tests vary one directive at a time.
enum ConfigurationFixtures {
    static let classic = NginxVersion.debianBookworm
    static let modern = NginxVersion.firstModern

    /// One upstream block `app` with the given servers and one location `/` proxying to it.
    static func config(
        _ version: NginxVersion, servers: [UpstreamServer] = [UpstreamServer(address: "10.0.0.1:80")],
        block: (inout UpstreamBlock) -> Void = { _ in }, location: (inout ProxyLocation) -> Void = { _ in }
    ) -> NginxConfiguration {
        var upstream = UpstreamBlock(name: "app", servers: servers)
        block(&upstream)
        var proxy = ProxyLocation(path: "/", proxyPass: .upstream("app"))
        location(&proxy)
        return NginxConfiguration(version: version, upstreams: [upstream], locations: [proxy])
    }

    /// The classic setup that does reuse: keepalive N, proxy_http_version 1.1, Connection "".
    static func classicWithReuse(connections: Int = 16) -> NginxConfiguration {
        config(classic, block: { $0.keepalive = UpstreamKeepaliveDirective(connections: connections) }, location: {
            $0.proxyHTTPVersion = .http11
            $0.connectionHeader = .fixed(.empty)
        })
    }

    /// SplitMix64: a tiny deterministic generator for randomized tests.
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }
}
