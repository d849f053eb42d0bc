import ProxyModel
import Testing

/// Bad input: one test per validation error, each naming the directive and
/// what would be valid, in nginx's words where nginx refuses the same thing.
struct NginxConfigurationValidationTests {
    func problems(_ config: NginxConfiguration) -> [ConfigurationProblem] { config.problems() }

    @Test(arguments: [ConfigurationFixtures.classic, ConfigurationFixtures.modern])
    func keepaliveMinusOneIsAnInvalidValue(version: NginxVersion) {
        let found = problems(ConfigurationFixtures.config(version, block: { $0.keepalive = UpstreamKeepaliveDirective(connections: -1) }))
        #expect(found.count == 1)
        #expect(found.first?.directive == "keepalive")
        #expect(found.first?.description.hasPrefix("upstream app: invalid value \"-1\" in \"keepalive\" directive") == true)
    }

    @Test func keepaliveZeroIsRefusedBeforeModernAndAcceptedAfter() {
        let zero = { (u: inout UpstreamBlock) in u.keepalive = UpstreamKeepaliveDirective(connections: 0) }
        let classic = problems(ConfigurationFixtures.config(ConfigurationFixtures.classic, block: zero))
        #expect(classic == [.invalidValue(scope: "upstream app", directive: "keepalive", value: "0",
                                          expected: "a whole number >= 1 (nginx 1.22.1 has no keepalive 0)")])
        #expect(problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, block: zero)).isEmpty)
    }

    @Test func localOnAClassicVersionIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.classic, block: {
            $0.keepalive = UpstreamKeepaliveDirective(connections: 8, local: true)
        }))
        #expect(found == [.parameterNotInVersion(scope: "upstream app", directive: "keepalive", parameter: "local",
                                                 version: ConfigurationFixtures.classic, since: .firstModern)])
        #expect(found[0].description.contains("added in 1.29.7"))
    }

    @Test func weightZeroIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [UpstreamServer(address: "a:80", weight: 0)]))
        #expect(found.count == 1)
        #expect(found.first?.directive == "server a:80 weight")
        #expect(found.first?.description.contains("weight=N with N >= 1") == true)
    }

    @Test func negativeMaxFailsIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [UpstreamServer(address: "a:80", maxFails: -1)]))
        #expect(found.map(\.directive) == ["server a:80 max_fails"])
    }

    @Test func negativeFailTimeoutAndMaxConnsAreRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [
            UpstreamServer(address: "a:80", failTimeout: .seconds(-1), maxConns: -2),
        ]))
        #expect(found.map(\.directive) == ["server a:80 fail_timeout", "server a:80 max_conns"])
    }

    @Test func emptyServerAddressIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [UpstreamServer(address: "")]))
        #expect(found.map(\.directive) == ["server"])
    }

    @Test func unknownBalancingMethodListsTheValidNames() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, block: { $0.balancing = "random" }))
        #expect(found == [.unknownBalancingMethod(scope: "upstream app", name: "random")])
        #expect(found[0].description.contains("round_robin, least_conn, hash, hash_consistent, ip_hash"))
    }

    @Test(arguments: ["hash", "hash_consistent", "ip_hash"])
    func backupIsRefusedByHashAndIPHash(method: String) {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [
            UpstreamServer(address: "a:80"), UpstreamServer(address: "b:80", isBackup: true),
        ], block: {
            $0.balancing = method
            if method.hasPrefix("hash") { $0.hashKey = "$request_uri" }
        }))
        #expect(found.count == 1)
        #expect(found.first?.description.contains("does not support parameter \"backup\"") == true)
    }

    @Test(arguments: ["hash", "hash_consistent"])
    func hashNeedsAKeyTheModelKnows(method: String) {
        let missing = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, block: { $0.balancing = method }))
        #expect(missing.map(\.directive) == ["hash"])
        #expect(missing.first?.description.contains("$request_uri, $remote_addr") == true)
        let unknown = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, block: {
            $0.balancing = method
            $0.hashKey = "$cookie_session"
        }))
        #expect(unknown.first?.description.contains("$cookie_session") == true)
        let known = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, block: {
            $0.balancing = method
            $0.hashKey = "$remote_addr"
        }))
        #expect(known.isEmpty)
    }

    @Test func aHashKeyWithoutHashIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, block: {
            $0.balancing = "ip_hash"
            $0.hashKey = "$request_uri"
        }))
        #expect(found.first?.description.contains("only with balancing hash") == true)
    }

    @Test(arguments: ["round_robin", "least_conn"])
    func backupIsAcceptedByRoundRobinAndLeastConn(method: String) {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [
            UpstreamServer(address: "a:80"), UpstreamServer(address: "b:80", isBackup: true),
        ], block: { $0.balancing = method }))
        #expect(found.isEmpty)
    }

    @Test func upstreamWithNoServersIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: []))
        #expect(found == [.noServersInUpstream(scope: "upstream app")])
        #expect(found[0].description == "upstream app: no servers are inside upstream; add at least one server line")
    }

    @Test func upstreamWithOnlyBackupServersIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [UpstreamServer(address: "a:80", isBackup: true)]))
        #expect(found == [.noPrimaryServersInUpstream(scope: "upstream app")])
    }

    @Test(arguments: [0, -1])
    func workerProcessesBelowOneIsRefused(count: Int) {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern)
        config.workerProcesses = count
        #expect(problems(config).map(\.directive) == ["worker_processes"])
    }

    @Test(arguments: [1, 0, -5])
    func workerConnectionsBelowTwoAreNotEnough(count: Int) {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern)
        config.workerConnections = count
        let found = problems(config)
        #expect(found == [.workerConnectionsNotEnough(count)])
        #expect(found[0].description.contains("worker_connections are not enough for 1 listening sockets"))
    }

    @Test func keepaliveTimeBefore1_19_10IsAnUnknownDirectiveInBothContexts() {
        var config = ConfigurationFixtures.config(NginxVersion(1, 19, 9), block: {
            $0.keepalive = UpstreamKeepaliveDirective(connections: 4)
            $0.keepaliveTime = .minutes(10)
        })
        config.client.keepaliveTime = .minutes(10)
        let found = problems(config)
        #expect(found.map(\.scope) == ["http", "upstream app"])
        #expect(found.allSatisfy { $0.directive == "keepalive_time" })
        #expect(found[0].description.contains("unknown directive \"keepalive_time\""))
    }

    @Test func upstreamKeepaliveTimeoutAndRequestsBefore1_15_3AreUnknownDirectives() {
        let found = problems(ConfigurationFixtures.config(NginxVersion(1, 15, 2), block: {
            $0.keepalive = UpstreamKeepaliveDirective(connections: 4)
            $0.keepaliveTimeout = .seconds(30)
            $0.keepaliveRequests = 50
        }))
        #expect(found == [
            .directiveNotInVersion(scope: "upstream app", directive: "keepalive_timeout",
                                   version: NginxVersion(1, 15, 2), since: NginxVersion(1, 15, 3)),
            .directiveNotInVersion(scope: "upstream app", directive: "keepalive_requests",
                                   version: NginxVersion(1, 15, 2), since: NginxVersion(1, 15, 3)),
        ])
    }

    @Test func keepaliveMinTimeoutBefore1_27_4IsAnUnknownDirective() {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.classic)
        config.client.keepaliveMinTimeout = .seconds(1)
        #expect(problems(config).map(\.directive) == ["keepalive_min_timeout"])
    }

    @Test func nonIdempotentBefore1_9_13IsRefused() {
        let found = problems(ConfigurationFixtures.config(NginxVersion(1, 9, 12), location: {
            $0.proxyNextUpstream = [.error, .nonIdempotent]
        }))
        #expect(found == [.parameterNotInVersion(scope: "location /", directive: "proxy_next_upstream",
                                                 parameter: "non_idempotent", version: NginxVersion(1, 9, 12),
                                                 since: NginxVersion(1, 9, 13))])
    }

    @Test func negativeCountsAndDurationsAreRefused() {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern, block: {
            $0.keepaliveTimeout = .seconds(-1)
            $0.keepaliveRequests = -1
            $0.keepaliveTime = .seconds(-1)
        }, location: {
            $0.proxyNextUpstreamTries = -1
            $0.proxyNextUpstreamTimeout = .seconds(-1)
            $0.proxyConnectTimeout = .seconds(-1)
            $0.proxyReadTimeout = .seconds(-1)
            $0.proxySendTimeout = .seconds(-1)
        })
        config.client = ClientKeepaliveDirectives(keepaliveTimeout: .seconds(-1), keepaliveRequests: -1)
        config.acceptMutexDelay = .seconds(-1)
        let found = problems(config)
        #expect(found.map { "\($0.scope) \($0.directive)" } == [
            "events accept_mutex_delay", "http keepalive_timeout", "http keepalive_requests",
            "upstream app keepalive_timeout", "upstream app keepalive_requests", "upstream app keepalive_time",
            "location / proxy_next_upstream_tries", "location / proxy_next_upstream_timeout",
            "location / proxy_connect_timeout", "location / proxy_read_timeout", "location / proxy_send_timeout",
        ])
    }

    @Test func directivesTheSimulatorCannotRunAreRefusedNotIgnored() {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern)
        config.multiAccept = true
        config.acceptMutex = true
        config.acceptMutexDelay = .milliseconds(250)
        let found = problems(config)
        #expect(found.map(\.directive) == ["multi_accept", "accept_mutex_delay"])
        #expect(found.allSatisfy { $0.description.contains("not simulated") })
        config.multiAccept = false
        config.acceptMutex = false
        #expect(problems(config).isEmpty, "without accept_mutex its delay does nothing in nginx either")
    }

    @Test func proxyPassToAnUndefinedUpstreamNamesTheDefinedOnes() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, location: { $0.proxyPass = .upstream("api") }))
        #expect(found == [.unknownUpstream(scope: "location /", name: "api", defined: ["app"])])
        #expect(found[0].description.contains("defined upstreams: app"))
    }

    @Test func emptyProxyPassAddressIsRefused() {
        let found = problems(ConfigurationFixtures.config(ConfigurationFixtures.modern, location: { $0.proxyPass = .address("") }))
        #expect(found.map(\.directive) == ["proxy_pass"])
    }

    @Test func duplicateUpstreamsAndLocationsAreRefused() {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern)
        config.upstreams.append(config.upstreams[0])
        config.locations.append(config.locations[0])
        #expect(problems(config) == [.duplicateUpstream(name: "app"), .duplicateLocation(path: "/")])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.classic, servers: [UpstreamServer(address: "a:80", weight: 0)], block: {
            $0.keepalive = UpstreamKeepaliveDirective(connections: -1, local: true)
            $0.balancing = "fastest"
        })
        config.workerProcesses = 0
        #expect(problems(config).count == 5)
    }

    @Test func resolvingABadConfigurationThrowsEveryProblem() {
        var config = ConfigurationFixtures.config(ConfigurationFixtures.modern, servers: [])
        config.workerProcesses = 0
        #expect(throws: ConfigurationErrors(problems: [
            .invalidValue(scope: "main", directive: "worker_processes", value: "0", expected: "a whole number >= 1"),
            .noServersInUpstream(scope: "upstream app"),
        ])) {
            try config.resolved()
        }
    }
}

/// HTTP/2 directives by version: `http2` (1.9.5+ as a listen parameter),
/// `http2_max_concurrent_streams`, `proxy_http_version 2` (1.29.4+).
@Suite struct HTTP2ConfigurationValidationTests {
    static func problems(_ version: NginxVersion, _ change: (inout NginxConfiguration) -> Void) -> [String] {
        var configuration = ConfigurationFixtures.config(version)
        change(&configuration)
        return configuration.problems().map(\.description)
    }

    @Test func proxyHttpVersion2IsRefusedBefore1_29_4NamingTheVersion() {
        let problems = Self.problems(NginxVersion(1, 29, 3)) { $0.locations[0].proxyHTTPVersion = .http2 }
        #expect(problems == ["location /: invalid value \"2\" in \"proxy_http_version\" directive; expected 1.0 or 1.1 "
            + "(nginx 1.29.3 has no HTTP/2 to upstreams: proxy_http_version 2 arrived in 1.29.4)"])
        #expect(Self.problems(NginxVersion(1, 29, 4)) { $0.locations[0].proxyHTTPVersion = .http2 } == [])
    }

    @Test func proxyHttpVersion2SendsNoConnectionHeaderAndRefusesOne() throws {
        var configuration = ConfigurationFixtures.config(NginxVersion(1, 29, 4)) { _ in } location: { $0.proxyHTTPVersion = .http2 }
        // 1.29.4 sends Connection: close over HTTP/1.x by default, never over HTTP/2.
        let effective = try configuration.resolved()
        #expect(effective.locations[0].connectionHeader == .fixed(.empty))
        configuration.locations[0].connectionHeader = .fixed(.close)
        #expect(configuration.problems().map(\.description).first?.contains("HTTP/2 has no Connection header") == true)
    }

    @Test func http2IsRefusedBeforeNginxHadIt() {
        let problems = Self.problems(NginxVersion(1, 9, 4)) { $0.http2 = true }
        #expect(problems == ["server: unknown directive \"http2\": nginx 1.9.4 does not have it (added in 1.9.5)"])
        #expect(Self.problems(NginxVersion(1, 9, 5)) { $0.http2 = true } == [])
    }

    @Test func http2MaxConcurrentStreamsZeroIsRefused() {
        let problems = Self.problems(ConfigurationFixtures.modern) { $0.http2 = true; $0.http2MaxConcurrentStreams = 0 }
        #expect(problems == ["server: invalid value \"0\" in \"http2_max_concurrent_streams\" directive; "
            + "expected a whole number >= 1 (with 0 nginx refuses every stream)"])
    }
}
