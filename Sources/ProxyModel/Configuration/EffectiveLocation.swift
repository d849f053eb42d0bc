/// When a proxied request gives its upstream connection back (nginx-semantics.md section 8.1).
public enum UpstreamReleasePoint: Hashable, Sendable {
    /// `proxy_buffering on` (default): as soon as the whole response was read
    /// from upstream, even while the client is still downloading it.
    case whenResponseReadFromUpstream
    /// `proxy_buffering off`: only after all of it went to the client.
    case whenResponseSentToClient
}

/// A proxying location with every default applied and the facts derived from them.
public struct EffectiveLocation: Hashable, Sendable {
    /// The location's path.
    public internal(set) var path: String
    /// Index into `EffectiveConfiguration.upstreams`. (The location index that
    /// `UpstreamKeepaliveCache` compares under `local` is this location's own
    /// index in `EffectiveConfiguration.locations`.)
    public internal(set) var upstreamIndex: Int
    /// `proxy_http_version`.
    public internal(set) var proxyHTTPVersion: HTTPVersion
    /// The `Connection` header sent upstream (`proxy_set_header Connection`).
    public internal(set) var connectionHeader: UpstreamConnectionHeader
    /// `proxy_next_upstream`.
    public internal(set) var proxyNextUpstream: NextUpstreamConditions
    /// `proxy_next_upstream_tries`: 0 = no cap; otherwise counts the first attempt.
    public internal(set) var proxyNextUpstreamTries: Int
    /// `proxy_next_upstream_timeout`: zero = off; runs from the upstream start, checked only at a failure.
    public internal(set) var proxyNextUpstreamTimeout: TimeSpan
    /// `proxy_connect_timeout` (fresh connections only; cached ones skip the connect step).
    public internal(set) var proxyConnectTimeout: TimeSpan
    /// `proxy_read_timeout`.
    public internal(set) var proxyReadTimeout: TimeSpan
    /// `proxy_send_timeout`.
    public internal(set) var proxySendTimeout: TimeSpan
    /// `proxy_buffering`.
    public internal(set) var proxyBuffering: Bool
    /// `proxy_request_buffering`: when off, a request already sent is never retried.
    public internal(set) var proxyRequestBuffering: Bool
    /// Whether this location's requests reuse upstream connections, and why not.
    public internal(set) var reuse: UpstreamReuse
    /// True when a POST, LOCK or PATCH that was already sent may be passed to the
    /// next server: `proxy_next_upstream non_idempotent`, or any version before
    /// 1.9.13 (which had no such check).
    public internal(set) var nonIdempotentRequestsMayBeRetried: Bool
    /// Before 1.9.13 an error on a cached connection was retried whatever the
    /// mask, method or tries left (`NginxDefaults.cachedConnectionErrorsAlwaysRetried`).
    public internal(set) var cachedConnectionErrorsAlwaysRetried: Bool

    /// When the upstream connection is released: derived from `proxy_buffering`.
    public var releasePoint: UpstreamReleasePoint {
        proxyBuffering ? .whenResponseReadFromUpstream : .whenResponseSentToClient
    }
}
