/// Every default the model applies, for one nginx version: the only place
/// that knows which nginx release changed what (nginx-semantics.md sections
/// 0, 1, 5, 6, 7). `nil` means "this version has no such directive"; the
/// model then behaves as that version did (no limit, no timer).
///
/// | change | version |
/// |---|---|
/// | `accept_mutex` default on -> off | 1.11.3 |
/// | `proxy_next_upstream non_idempotent` added; before, errors on cached connections were always retried | 1.9.13 |
/// | upstream `keepalive_timeout` (60s) and `keepalive_requests` (100) added | 1.15.3 |
/// | `keepalive_requests` 100 -> 1000 (both contexts), `keepalive_time` 1h added (both contexts) | 1.19.10 |
/// | `keepalive_min_timeout` added | 1.27.4 |
/// | HTTP/2 connections follow `keepalive_timeout`/`keepalive_requests` (`http2_idle_timeout`, `http2_max_requests` removed) | 1.19.7 |
/// | `http2 on` directive (before: `listen ... http2`) | 1.25.1 |
/// | `proxy_http_version 2` | 1.29.4 |
/// | upstream cache on by default (`keepalive 32 local`), `proxy_http_version 1.1`, no `Connection` header, `local` added, directive order no longer matters | 1.29.7 |
public struct NginxDefaults: Hashable, Sendable {
    public let version: NginxVersion

    public init(for version: NginxVersion) { self.version = version }

    /// `accept_mutex` became `off` by default in this release.
    public static let acceptMutexOffSince = NginxVersion(1, 11, 3)
    /// `keepalive_min_timeout` was added in this release.
    public static let keepaliveMinTimeoutAdded = NginxVersion(1, 27, 4)

    // MARK: main and events context (ngx_event.c, nginx.c)

    /// `worker_processes 1`.
    public var workerProcesses: Int { 1 }
    /// `worker_connections 512` (the compiled default; Debian's shipped nginx.conf says 768, nginx's own 1024).
    public var workerConnections: Int { 512 }
    /// `accept_mutex off` since 1.11.3, `on` before (ngx_event_core_init_conf).
    public var acceptMutex: Bool { version < Self.acceptMutexOffSince }
    /// `accept_mutex_delay 500ms`.
    public var acceptMutexDelay: TimeSpan { .milliseconds(500) }
    /// `multi_accept off`.
    public var multiAccept: Bool { false }
    /// `listen ... reuseport`: not set unless written.
    public var reuseport: Bool { false }

    // MARK: http / server context: client keepalive (ngx_http_core_module.c)

    /// `keepalive_timeout 75s`.
    public var clientKeepaliveTimeout: TimeSpan { .seconds(75) }
    /// `keepalive_requests 1000` (100 before 1.19.10).
    public var clientKeepaliveRequests: Int { version >= NginxVersion.keepaliveTimeAdded ? 1000 : 100 }
    /// `keepalive_time 1h`; nil before 1.19.10 (no age limit).
    public var clientKeepaliveTime: TimeSpan? { version >= NginxVersion.keepaliveTimeAdded ? .hours(1) : nil }
    /// `keepalive_min_timeout 0`; nil before 1.27.4.
    public var clientKeepaliveMinTimeout: TimeSpan? { version >= Self.keepaliveMinTimeoutAdded ? .zero : nil }

    // MARK: server context: HTTP/2 with clients (ngx_http_v2_module.c)

    /// `http2 off` (and no `http2` parameter on `listen`).
    public var http2: Bool { false }
    /// `http2_max_concurrent_streams 128`.
    public var http2MaxConcurrentStreams: Int { 128 }

    /// What keeps an HTTP/2 client connection, given the http context's
    /// client keepalive. From 1.19.7 the HTTP/1.x directives
    /// (ngx_http_v2_state_headers checks `keepalive_timeout`,
    /// `keepalive_requests` and `keepalive_time` as each stream starts;
    /// ngx_http_v2_handle_connection arms `keepalive_timeout` when the last
    /// stream ends); before, `http2_idle_timeout 3m` and `http2_max_requests
    /// 1000` (no limit before 1.11.6), which the model applies as defaults.
    /// `keepalive_min_timeout` never applies: an idle HTTP/2 connection is
    /// reusable at once (ngx_reusable_connection(c, 1) in ngx_http_v2_handle_connection).
    public func http2Keepalive(client: ClientKeepalivePolicy) -> ClientKeepalivePolicy {
        guard version < NginxVersion.http2FollowsKeepaliveDirectives else {
            return ClientKeepalivePolicy(keepaliveTimeout: client.keepaliveTimeout, keepaliveRequests: client.keepaliveRequests,
                                         keepaliveTime: client.keepaliveTime, keepaliveMinTimeout: nil)
        }
        return ClientKeepalivePolicy(
            keepaliveTimeout: .minutes(3),
            keepaliveRequests: version >= NginxVersion.http2MaxRequestsAdded ? 1000 : Int.max,
            keepaliveTime: nil, keepaliveMinTimeout: nil)
    }

    // MARK: upstream context (ngx_http_upstream_keepalive_module.c)

    /// The `keepalive` an `upstream{}` block gets when none is written:
    /// `keepalive 32 local` from 1.29.7 (ngx_http_upstream_keepalive_init_main_conf),
    /// nil before (no cache).
    public var upstreamKeepalive: UpstreamKeepaliveDirective? {
        version.hasModernDefaults ? UpstreamKeepaliveDirective(connections: 32, local: true) : nil
    }
    /// Upstream `keepalive_timeout 60s`; nil before 1.15.3 (a cached connection had no idle timer).
    public var upstreamKeepaliveTimeout: TimeSpan? {
        version >= NginxVersion.upstreamKeepaliveTimeoutAdded ? .seconds(60) : nil
    }
    /// Upstream `keepalive_requests 1000` (100 from 1.15.3 to 1.19.9); nil before 1.15.3 (no limit).
    public var upstreamKeepaliveRequests: Int? {
        if version >= NginxVersion.keepaliveTimeAdded { return 1000 }
        return version >= NginxVersion.upstreamKeepaliveTimeoutAdded ? 100 : nil
    }
    /// Upstream `keepalive_time 1h`; nil before 1.19.10 (no age limit).
    public var upstreamKeepaliveTime: TimeSpan? { version >= NginxVersion.keepaliveTimeAdded ? .hours(1) : nil }
    /// Whether `keepalive N local` is accepted (1.29.7+).
    public var supportsLocalKeepalive: Bool { version.hasModernDefaults }
    /// Whether `keepalive 0` is accepted (1.29.7+; it turns the default cache off).
    /// Older versions refuse it: "invalid value "0" in "keepalive" directive".
    public var acceptsKeepaliveZero: Bool { version.hasModernDefaults }
    /// Up to 1.29.6 the `keepalive` directive wrapped whatever balancer was
    /// declared before it; `least_conn`/`hash`/`ip_hash` declared after it replace
    /// the wrapper and the cache silently never runs (ngx_http_upstream_keepalive
    /// sets `peer.init_upstream` at parse time). From 1.29.7 the cache is
    /// attached after parsing, so the order no longer matters.
    public var balancerAfterKeepaliveDisablesCache: Bool { !version.hasModernDefaults }

    // MARK: location context: proxy module (ngx_http_proxy_module.c, ngx_http_upstream.c)

    /// `proxy_http_version 1.1` from 1.29.7, `1.0` before.
    public var proxyHTTPVersion: HTTPVersion { version.hasModernDefaults ? .http11 : .http10 }
    /// The `Connection` header sent upstream: `close` up to 1.29.6, not sent from 1.29.7.
    public var upstreamConnectionHeader: UpstreamConnectionHeader {
        .fixed(version.hasModernDefaults ? .empty : .close)
    }
    /// `proxy_next_upstream error timeout`.
    public var proxyNextUpstream: NextUpstreamConditions { .nginxDefault }
    /// `proxy_next_upstream_tries 0` (no cap).
    public var proxyNextUpstreamTries: Int { 0 }
    /// `proxy_next_upstream_timeout 0` (off).
    public var proxyNextUpstreamTimeout: TimeSpan { .zero }
    /// `proxy_connect_timeout 60s`.
    public var proxyConnectTimeout: TimeSpan { .seconds(60) }
    /// `proxy_read_timeout 60s`.
    public var proxyReadTimeout: TimeSpan { .seconds(60) }
    /// `proxy_send_timeout 60s`.
    public var proxySendTimeout: TimeSpan { .seconds(60) }
    /// `proxy_buffering on`.
    public var proxyBuffering: Bool { true }
    /// `proxy_request_buffering on`.
    public var proxyRequestBuffering: Bool { true }
    /// Whether `proxy_next_upstream non_idempotent` exists (1.9.13+).
    public var supportsNonIdempotent: Bool { version >= NginxVersion.nonIdempotentAdded }
    /// Before 1.9.13 `ngx_http_upstream_next` skipped every give-up check for an
    /// error on a cached connection (`status = 0; tries++`): it was retried
    /// whatever the method, the `proxy_next_upstream` mask or the tries left,
    /// unless the request had been sent with `proxy_request_buffering off`.
    public var cachedConnectionErrorsAlwaysRetried: Bool { version < NginxVersion.nonIdempotentAdded }
}
