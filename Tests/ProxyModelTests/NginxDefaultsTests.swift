import ProxyModel
import Testing

/// nginx-semantics.md section 0 and the defaults of sections 1, 5, 6, 7: every
/// default that changes between versions, read both from `NginxDefaults` and
/// from a resolved configuration that writes nothing.
struct NginxDefaultsTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var version: NginxVersion
        var upstreamKeepalive: UpstreamKeepaliveDirective?
        var upstreamKeepaliveTimeout: TimeSpan?
        var upstreamKeepaliveRequests: Int?
        var upstreamKeepaliveTime: TimeSpan?
        var clientKeepaliveRequests: Int
        var clientKeepaliveTime: TimeSpan?
        var clientKeepaliveMinTimeout: TimeSpan?
        var proxyHTTPVersion: HTTPVersion
        var connectionHeader: ConnectionHeaderValue
        var supportsLocal: Bool
        var balancerOrderMatters: Bool
        var supportsNonIdempotent: Bool
        var acceptMutex: Bool

        var testDescription: String { "nginx \(version)" }
    }

    static let local32 = UpstreamKeepaliveDirective(connections: 32, local: true)

    static let table: [Row] = [
        Row(version: NginxVersion(1, 9, 12), upstreamKeepalive: nil, upstreamKeepaliveTimeout: nil,
            upstreamKeepaliveRequests: nil, upstreamKeepaliveTime: nil, clientKeepaliveRequests: 100,
            clientKeepaliveTime: nil, clientKeepaliveMinTimeout: nil, proxyHTTPVersion: .http10,
            connectionHeader: .close, supportsLocal: false, balancerOrderMatters: true,
            supportsNonIdempotent: false, acceptMutex: true),
        Row(version: NginxVersion(1, 15, 2), upstreamKeepalive: nil, upstreamKeepaliveTimeout: nil,
            upstreamKeepaliveRequests: nil, upstreamKeepaliveTime: nil, clientKeepaliveRequests: 100,
            clientKeepaliveTime: nil, clientKeepaliveMinTimeout: nil, proxyHTTPVersion: .http10,
            connectionHeader: .close, supportsLocal: false, balancerOrderMatters: true,
            supportsNonIdempotent: true, acceptMutex: false),
        Row(version: NginxVersion(1, 15, 3), upstreamKeepalive: nil, upstreamKeepaliveTimeout: .seconds(60),
            upstreamKeepaliveRequests: 100, upstreamKeepaliveTime: nil, clientKeepaliveRequests: 100,
            clientKeepaliveTime: nil, clientKeepaliveMinTimeout: nil, proxyHTTPVersion: .http10,
            connectionHeader: .close, supportsLocal: false, balancerOrderMatters: true,
            supportsNonIdempotent: true, acceptMutex: false),
        Row(version: NginxVersion(1, 19, 9), upstreamKeepalive: nil, upstreamKeepaliveTimeout: .seconds(60),
            upstreamKeepaliveRequests: 100, upstreamKeepaliveTime: nil, clientKeepaliveRequests: 100,
            clientKeepaliveTime: nil, clientKeepaliveMinTimeout: nil, proxyHTTPVersion: .http10,
            connectionHeader: .close, supportsLocal: false, balancerOrderMatters: true,
            supportsNonIdempotent: true, acceptMutex: false),
        Row(version: NginxVersion(1, 19, 10), upstreamKeepalive: nil, upstreamKeepaliveTimeout: .seconds(60),
            upstreamKeepaliveRequests: 1000, upstreamKeepaliveTime: .hours(1), clientKeepaliveRequests: 1000,
            clientKeepaliveTime: .hours(1), clientKeepaliveMinTimeout: nil, proxyHTTPVersion: .http10,
            connectionHeader: .close, supportsLocal: false, balancerOrderMatters: true,
            supportsNonIdempotent: true, acceptMutex: false),
        Row(version: .debianBookworm, upstreamKeepalive: nil, upstreamKeepaliveTimeout: .seconds(60),
            upstreamKeepaliveRequests: 1000, upstreamKeepaliveTime: .hours(1), clientKeepaliveRequests: 1000,
            clientKeepaliveTime: .hours(1), clientKeepaliveMinTimeout: nil, proxyHTTPVersion: .http10,
            connectionHeader: .close, supportsLocal: false, balancerOrderMatters: true,
            supportsNonIdempotent: true, acceptMutex: false),
        Row(version: .lastClassic, upstreamKeepalive: nil, upstreamKeepaliveTimeout: .seconds(60),
            upstreamKeepaliveRequests: 1000, upstreamKeepaliveTime: .hours(1), clientKeepaliveRequests: 1000,
            clientKeepaliveTime: .hours(1), clientKeepaliveMinTimeout: .zero, proxyHTTPVersion: .http10,
            connectionHeader: .close, supportsLocal: false, balancerOrderMatters: true,
            supportsNonIdempotent: true, acceptMutex: false),
        Row(version: .firstModern, upstreamKeepalive: local32, upstreamKeepaliveTimeout: .seconds(60),
            upstreamKeepaliveRequests: 1000, upstreamKeepaliveTime: .hours(1), clientKeepaliveRequests: 1000,
            clientKeepaliveTime: .hours(1), clientKeepaliveMinTimeout: .zero, proxyHTTPVersion: .http11,
            connectionHeader: .empty, supportsLocal: true, balancerOrderMatters: false,
            supportsNonIdempotent: true, acceptMutex: false),
        Row(version: NginxVersion(1, 31, 5), upstreamKeepalive: local32, upstreamKeepaliveTimeout: .seconds(60),
            upstreamKeepaliveRequests: 1000, upstreamKeepaliveTime: .hours(1), clientKeepaliveRequests: 1000,
            clientKeepaliveTime: .hours(1), clientKeepaliveMinTimeout: .zero, proxyHTTPVersion: .http11,
            connectionHeader: .empty, supportsLocal: true, balancerOrderMatters: false,
            supportsNonIdempotent: true, acceptMutex: false),
    ]

    @Test(arguments: table)
    func everyVersionedDefaultFollowsTheVersionSwitch(row: Row) throws {
        let d = NginxDefaults(for: row.version)
        #expect(d.upstreamKeepalive == row.upstreamKeepalive)
        #expect(d.upstreamKeepaliveTimeout == row.upstreamKeepaliveTimeout)
        #expect(d.upstreamKeepaliveRequests == row.upstreamKeepaliveRequests)
        #expect(d.upstreamKeepaliveTime == row.upstreamKeepaliveTime)
        #expect(d.clientKeepaliveRequests == row.clientKeepaliveRequests)
        #expect(d.clientKeepaliveTime == row.clientKeepaliveTime)
        #expect(d.clientKeepaliveMinTimeout == row.clientKeepaliveMinTimeout)
        #expect(d.proxyHTTPVersion == row.proxyHTTPVersion)
        #expect(d.upstreamConnectionHeader == .fixed(row.connectionHeader))
        #expect(d.supportsLocalKeepalive == row.supportsLocal)
        #expect(d.acceptsKeepaliveZero == row.supportsLocal)
        #expect(d.balancerAfterKeepaliveDisablesCache == row.balancerOrderMatters)
        #expect(d.supportsNonIdempotent == row.supportsNonIdempotent)
        #expect(d.cachedConnectionErrorsAlwaysRetried == !row.supportsNonIdempotent)
        #expect(d.acceptMutex == row.acceptMutex)

        // The same defaults reach a configuration that writes nothing but an upstream
        // block (with keepalive 8 where the version has no default cache) and a location.
        let writtenKeepalive = row.upstreamKeepalive == nil ? UpstreamKeepaliveDirective(connections: 8) : nil
        let config = try NginxConfiguration(
            version: row.version,
            upstreams: [UpstreamBlock(name: "app", servers: [UpstreamServer(address: "10.0.0.1:80")],
                                      keepalive: writtenKeepalive)],
            locations: [ProxyLocation(path: "/", proxyPass: .upstream("app"))]
        ).resolved()
        let settings = try #require(config.upstreams[0].cache.settings)
        #expect(settings.capacity == (row.upstreamKeepalive ?? writtenKeepalive)?.connections)
        #expect(settings.local == (row.upstreamKeepalive?.local ?? false))
        #expect(settings.keepaliveTimeout == row.upstreamKeepaliveTimeout)
        #expect(settings.keepaliveRequests == row.upstreamKeepaliveRequests)
        #expect(settings.keepaliveTime == row.upstreamKeepaliveTime)
        #expect(config.client.keepaliveRequests == row.clientKeepaliveRequests)
        #expect(config.client.keepaliveTime == row.clientKeepaliveTime)
        #expect(config.client.keepaliveMinTimeout == row.clientKeepaliveMinTimeout)
        #expect(config.locations[0].proxyHTTPVersion == row.proxyHTTPVersion)
        #expect(config.locations[0].connectionHeader == .fixed(row.connectionHeader))
        #expect(config.locations[0].cachedConnectionErrorsAlwaysRetried == !row.supportsNonIdempotent)
        #expect(config.acceptMutex == row.acceptMutex)
        #expect(config.locations[0].reuse.isActive == row.version.hasModernDefaults)
    }

    @Test(arguments: [NginxVersion(1, 9, 12), .debianBookworm, .firstModern, NginxVersion(1, 31, 5)])
    func defaultsThatNoVersionChanged(version: NginxVersion) {
        let d = NginxDefaults(for: version)
        #expect(d.workerProcesses == 1)
        #expect(d.workerConnections == 512)
        #expect(d.acceptMutexDelay == .milliseconds(500))
        #expect(d.multiAccept == false)
        #expect(d.reuseport == false)
        #expect(d.clientKeepaliveTimeout == .seconds(75))
        #expect(d.proxyNextUpstream == [.error, .timeout])
        #expect(d.proxyNextUpstreamTries == 0)
        #expect(d.proxyNextUpstreamTimeout == .zero)
        #expect(d.proxyConnectTimeout == .seconds(60))
        #expect(d.proxyReadTimeout == .seconds(60))
        #expect(d.proxySendTimeout == .seconds(60))
        #expect(d.proxyBuffering)
        #expect(d.proxyRequestBuffering)
    }
}
