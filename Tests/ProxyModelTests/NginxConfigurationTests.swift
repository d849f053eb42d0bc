import ProxyModel
import Testing

/// Resolution: defaults applied and listed, written values kept, derived facts.
struct NginxConfigurationTests {
    @Test func everyAppliedDefaultIsListedWithItsScopeAndValue() throws {
        let resolved = try ConfigurationFixtures.config(ConfigurationFixtures.modern).resolved()
        let listed = Set(resolved.appliedDefaults.map(\.description))
        for expected in [
            "main: worker_processes 1", "events: worker_connections 512", "events: accept_mutex off",
            "http: keepalive_timeout 75s", "http: keepalive_requests 1000", "http: keepalive_time 1h",
            "upstream app: keepalive 32 local", "upstream app: keepalive_timeout 1m",
            "upstream app: keepalive_requests 1000", "location /: proxy_http_version 1.1",
            "location /: proxy_set_header Connection \"\" (not sent)", "location /: proxy_next_upstream error timeout",
            "location /: proxy_next_upstream_tries 0", "location /: proxy_read_timeout 1m",
            "location /: proxy_buffering on",
        ] {
            #expect(listed.contains(expected), "missing \(expected)")
        }
    }

    @Test func writtenDirectivesAreNotListedAsDefaults() throws {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern, block: { $0.keepaliveTimeout = .seconds(4) },
                                     location: { $0.proxyReadTimeout = .seconds(5) })
        config.workerProcesses = 4
        let resolved = try config.resolved()
        let directives = resolved.appliedDefaults.map { "\($0.scope): \($0.directive)" }
        #expect(!directives.contains("main: worker_processes"))
        #expect(!directives.contains("upstream app: keepalive_timeout"))
        #expect(!directives.contains("location /: proxy_read_timeout"))
        #expect(resolved.workerProcesses == 4)
        #expect(resolved.upstreams[0].cache.settings?.keepaliveTimeout == .seconds(4))
        #expect(resolved.locations[0].proxyReadTimeout == .seconds(5))
    }

    @Test func directivesAVersionLacksAreListedAsNone() throws {
        var config = ConfigurationFixtures.config(NginxVersion(1, 15, 2), block: {
            $0.keepalive = UpstreamKeepaliveDirective(connections: 4)
        })
        config.locations[0].proxyHTTPVersion = .http11
        let resolved = try config.resolved()
        let listed = Set(resolved.appliedDefaults.map(\.description))
        #expect(listed.contains("upstream app: keepalive_timeout none (added in nginx 1.15.3)"))
        #expect(listed.contains("upstream app: keepalive_time none (added in nginx 1.19.10)"))
        #expect(listed.contains("http: keepalive_time none (added in nginx 1.19.10)"))
        #expect(resolved.upstreams[0].cache.settings?.keepaliveTimeout == nil)
        #expect(resolved.upstreams[0].cache.settings?.keepaliveRequests == nil)
    }

    @Test func implicitUpstreamsAreSharedByLocationsWithTheSameAddress() throws {
        let config = NginxConfiguration(
            version: ConfigurationFixtures.modern,
            upstreams: [UpstreamBlock(name: "app", servers: [UpstreamServer(address: "10.0.0.1:80")])],
            locations: [
                ProxyLocation(path: "/a", proxyPass: .address("10.0.0.9:80")),
                ProxyLocation(path: "/b", proxyPass: .upstream("app")),
                ProxyLocation(path: "/c", proxyPass: .address("10.0.0.9:80")),
            ])
        let resolved = try config.resolved()
        #expect(resolved.upstreams.map(\.name) == ["app", "10.0.0.9:80"])
        #expect(resolved.locations.map(\.upstreamIndex) == [1, 0, 1])
    }

    @Test func serversWithTheSameAddressShareOneCacheKey() throws {
        let config = ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [
            UpstreamServer(address: "a:80"), UpstreamServer(address: "b:80"), UpstreamServer(address: "a:80"),
        ])
        #expect(try config.resolved().upstreams[0].addressKeys == [0, 1, 0])
    }

    @Test func zoneSharesBalancerStateAcrossWorkers() throws {
        let plain = try ConfigurationFixtures.config(ConfigurationFixtures.modern).resolved()
        let zoned = try ConfigurationFixtures.config(ConfigurationFixtures.modern, block: { $0.zone = "app_zone" }).resolved()
        #expect(!plain.upstreams[0].sharesBalancerStateAcrossWorkers)
        #expect(zoned.upstreams[0].sharesBalancerStateAcrossWorkers)
    }

    /// Section 8.1: with buffering the connection goes back when the response is read from upstream.
    @Test func upstreamConnectionIsReleasedWhenReadWithBufferingAndWhenSentWithout() throws {
        let buffered = try ConfigurationFixtures.config(ConfigurationFixtures.modern).resolved()
        let unbuffered = try ConfigurationFixtures.config(ConfigurationFixtures.modern, location: { $0.proxyBuffering = false }).resolved()
        #expect(buffered.locations[0].releasePoint == .whenResponseReadFromUpstream)
        #expect(unbuffered.locations[0].releasePoint == .whenResponseSentToClient)
    }

    @Test func sentNonIdempotentRequestsAreRetriedOnlyWithNonIdempotentOrBefore1_9_13() throws {
        let plain = try ConfigurationFixtures.config(ConfigurationFixtures.modern).resolved()
        let allowed = try ConfigurationFixtures.config(ConfigurationFixtures.modern, location: {
            $0.proxyNextUpstream = [.error, .timeout, .nonIdempotent]
        }).resolved()
        let old = try ConfigurationFixtures.config(NginxVersion(1, 9, 12)).resolved()
        #expect(!plain.locations[0].nonIdempotentRequestsMayBeRetried)
        #expect(allowed.locations[0].nonIdempotentRequestsMayBeRetried)
        #expect(old.locations[0].nonIdempotentRequestsMayBeRetried)
    }

    @Test func cachedConnectionErrorsWereAlwaysRetriedBefore1_9_13() throws {
        #expect(try ConfigurationFixtures.config(NginxVersion(1, 9, 12)).resolved().locations[0].cachedConnectionErrorsAlwaysRetried)
        #expect(try !ConfigurationFixtures.config(NginxVersion(1, 9, 13)).resolved().locations[0].cachedConnectionErrorsAlwaysRetried)
    }

    @Test func twoWorkerConnectionsAreAcceptedButWarnedAbout() throws {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern)
        config.workerConnections = 2
        let resolved = try config.resolved()
        #expect(resolved.warnings.contains { $0.scope == "events" && $0.message.contains("worker_connections 2") })
    }
}
