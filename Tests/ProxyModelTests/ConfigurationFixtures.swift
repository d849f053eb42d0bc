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

}
