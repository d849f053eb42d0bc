import ProxyModel
import Testing

/// nginx-semantics.md sections 0 and 5: whether a location reuses upstream
/// connections at all, and why not.
struct UpstreamReuseTests {
    func reuse(_ config: NginxConfiguration) throws -> UpstreamReuse {
        try config.resolved().locations[0].reuse
    }

    @Test func classicUpstreamWithoutKeepaliveDirectiveNeverReuses() throws {
        let reuse = try reuse(ConfigurationFixtures.config(ConfigurationFixtures.classic, location: {
            $0.proxyHTTPVersion = .http11
            $0.connectionHeader = .fixed(.empty)
        }))
        #expect(reuse == .inactive([.noKeepaliveDirective]))
    }

    @Test func classicKeepaliveAloneIsNotEnoughBecauseOfHTTP10AndConnectionClose() throws {
        let reuse = try reuse(ConfigurationFixtures.config(ConfigurationFixtures.classic, block: {
            $0.keepalive = UpstreamKeepaliveDirective(connections: 16)
        }))
        #expect(reuse == .inactive([.http10Upstream, .connectionCloseSent(viaUpgradeMap: false)]))
    }

    @Test func classicKeepaliveWithHTTP11AndEmptyConnectionHeaderReuses() throws {
        #expect(try reuse(ConfigurationFixtures.classicWithReuse(connections: 16)) == .active(capacity: 16, local: false))
    }

    @Test func modernUpstreamBlockReusesByDefaultWith32LocalSlots() throws {
        #expect(try reuse(ConfigurationFixtures.config(ConfigurationFixtures.modern)) == .active(capacity: 32, local: true))
    }

    @Test func modernExplicitKeepaliveWithoutLocalIsNotLocal() throws {
        let reuse = try reuse(ConfigurationFixtures.config(ConfigurationFixtures.modern, block: {
            $0.keepalive = UpstreamKeepaliveDirective(connections: 8)
        }))
        #expect(reuse == .active(capacity: 8, local: false))
    }

    @Test func modernKeepaliveZeroTurnsReuseOff() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, block: { $0.keepalive = UpstreamKeepaliveDirective(connections: 0) })
        let resolved = try config.resolved()
        #expect(resolved.locations[0].reuse == .inactive([.keepaliveZero]))
        #expect(resolved.upstreams[0].cache == .absent(.keepaliveZero))
    }

    @Test(arguments: [ConfigurationFixtures.classic, ConfigurationFixtures.modern])
    func implicitUpstreamNeverReusesInAnyVersion(version: NginxVersion) throws {
        let config = NginxConfiguration(
            version: version,
            locations: [ProxyLocation(path: "/", proxyPass: .address("10.0.0.1:8080"), proxyHTTPVersion: .http11,
                                      connectionHeader: .fixed(.empty))])
        let resolved = try config.resolved()
        #expect(resolved.locations[0].reuse == .inactive([.implicitUpstream]))
        #expect(resolved.upstreams[0].isImplicit)
        #expect(resolved.upstreams[0].servers == [UpstreamServer(address: "10.0.0.1:8080")])
    }

    @Test(arguments: ["least_conn", "hash", "hash_consistent", "ip_hash"])
    func classicBalancerDeclaredAfterKeepaliveSilentlyDisablesReuse(method: String) throws {
        var config = ConfigurationFixtures.classicWithReuse()
        config.upstreams[0].balancing = method
        if method.hasPrefix("hash") { config.upstreams[0].hashKey = "$request_uri" }
        config.upstreams[0].balancingDeclaredAfterKeepalive = true
        let resolved = try config.resolved()
        let balancing = try #require(BalancingMethod(name: method))
        #expect(resolved.locations[0].reuse == .inactive([.balancerDeclaredAfterKeepalive(balancing)]))
        #expect(resolved.upstreams[0].balancing == balancing)
        #expect(resolved.warnings.contains(ConfigurationWarning(scope: "upstream app",
                                                                message: "load balancing method redefined")))
    }

    @Test func classicBalancerDeclaredBeforeKeepaliveKeepsReuse() throws {
        var config = ConfigurationFixtures.classicWithReuse()
        config.upstreams[0].balancing = "least_conn"
        #expect(try reuse(config).isActive)
    }

    @Test func modernBalancerOrderDoesNotMatter() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, block: {
            $0.balancing = "least_conn"
            $0.keepalive = UpstreamKeepaliveDirective(connections: 4)
            $0.balancingDeclaredAfterKeepalive = true
        })
        #expect(try reuse(config) == .active(capacity: 4, local: false))
        #expect(try config.resolved().warnings.isEmpty)
    }

    @Test func upgradeMapDefaultingToCloseDisablesReuse() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, location: {
            $0.connectionHeader = .upgradeMap(plainRequests: .close)
        })
        #expect(try reuse(config) == .inactive([.connectionCloseSent(viaUpgradeMap: true)]))
    }

    @Test func upgradeMapSendingNothingForPlainRequestsKeepsReuse() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, location: {
            $0.connectionHeader = .upgradeMap(plainRequests: .empty)
        })
        #expect(try reuse(config).isActive)
    }

    @Test func keepAliveConnectionHeaderKeepsReuse() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, location: { $0.connectionHeader = .fixed(.keepAlive) })
        #expect(try reuse(config).isActive)
    }

    @Test func modernProxyHTTPVersion10DisablesReuse() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, location: { $0.proxyHTTPVersion = .http10 })
        #expect(try reuse(config) == .inactive([.http10Upstream]))
    }

    @Test func modernConnectionCloseDisablesReuse() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, location: { $0.connectionHeader = .fixed(.close) })
        #expect(try reuse(config) == .inactive([.connectionCloseSent(viaUpgradeMap: false)]))
    }

    @Test(arguments: [0, 1])
    func upstreamKeepaliveRequestsOfAtMostOneDisablesReuse(requests: Int) throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, block: { $0.keepaliveRequests = requests })
        #expect(try reuse(config) == .inactive([.keepaliveRequestsAtMostOne(requests)]))
    }

    @Test func upstreamKeepaliveTimeoutZeroDisablesReuse() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, block: { $0.keepaliveTimeout = .zero })
        #expect(try reuse(config) == .inactive([.keepaliveTimeoutZero]))
    }

    @Test func inactiveReuseReadsAsAWarningNamingTheDirective() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, location: { $0.proxyHTTPVersion = .http10 })
        let resolved = try config.resolved()
        #expect(resolved.locations[0].reuse.description == "upstream keepalive is inactive: proxy_http_version is 1.0")
        #expect(resolved.warnings.count == 1)
        #expect(resolved.warnings[0].scope == "location /")
        #expect(resolved.warnings[0].message.hasPrefix("upstream keepalive is inactive: proxy_http_version is 1.0"))
        #expect(resolved.warnings[0].message.contains("set proxy_http_version 1.1"))
    }

    @Test func everyInactiveReasonHasADistinctReportName() {
        let reasons: [UpstreamReuseInactiveReason] = [
            .implicitUpstream, .noKeepaliveDirective, .keepaliveZero, .balancerDeclaredAfterKeepalive(.leastConn),
            .keepaliveRequestsAtMostOne(1), .keepaliveTimeoutZero, .http10Upstream,
            .connectionCloseSent(viaUpgradeMap: false),
        ]
        #expect(Set(reasons.map(\.reportName)).count == reasons.count)
        #expect(reasons.allSatisfy { !$0.description.isEmpty && !$0.remedy.isEmpty })
    }
}
