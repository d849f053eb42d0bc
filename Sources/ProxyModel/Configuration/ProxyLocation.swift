/// Where `proxy_pass` sends a location's requests.
public enum ProxyPassTarget: Hashable, Sendable, CustomStringConvertible {
    /// `proxy_pass http://NAME` where `upstream NAME {}` exists.
    case upstream(String)
    /// `proxy_pass http://10.0.0.1:8080` (or a hostname, or a variable) with no
    /// `upstream{}` block: nginx makes an implicit upstream, which never gets a
    /// keepalive cache in any version (skipped in ngx_http_upstream_keepalive_init_main_conf).
    case address(String)

    public var description: String {
        switch self {
        case .upstream(let name): return "proxy_pass http://\(name)"
        case .address(let address): return "proxy_pass http://\(address)"
        }
    }
}

/// A `location` with `proxy_pass`, as the user wrote it: nil means "not
/// written" and takes the version's default (`NginxDefaults`).
public struct ProxyLocation: Hashable, Sendable {
    /// The location's path (`/`, `/api/`); names it in messages and tells
    /// locations apart for `keepalive ... local`.
    public var path: String
    /// `proxy_pass`.
    public var proxyPass: ProxyPassTarget
    /// `proxy_http_version`. Default 1.0 up to 1.29.6, 1.1 from 1.29.7.
    public var proxyHTTPVersion: HTTPVersion?
    /// `proxy_set_header Connection ...`. Default `close` up to 1.29.6, not sent from 1.29.7.
    public var connectionHeader: UpstreamConnectionHeader?
    /// `proxy_next_upstream`. Default `error timeout`.
    public var proxyNextUpstream: NextUpstreamConditions?
    /// `proxy_next_upstream_tries`. Default 0 (no cap); counts the first attempt.
    public var proxyNextUpstreamTries: Int?
    /// `proxy_next_upstream_timeout`. Default 0 (off).
    public var proxyNextUpstreamTimeout: TimeSpan?
    /// `proxy_connect_timeout`. Default 60s.
    public var proxyConnectTimeout: TimeSpan?
    /// `proxy_read_timeout`. Default 60s.
    public var proxyReadTimeout: TimeSpan?
    /// `proxy_send_timeout`. Default 60s.
    public var proxySendTimeout: TimeSpan?
    /// `proxy_buffering`. Default on.
    public var proxyBuffering: Bool?
    /// `proxy_request_buffering`. Default on.
    public var proxyRequestBuffering: Bool?

    public init(
        path: String, proxyPass: ProxyPassTarget, proxyHTTPVersion: HTTPVersion? = nil,
        connectionHeader: UpstreamConnectionHeader? = nil, proxyNextUpstream: NextUpstreamConditions? = nil,
        proxyNextUpstreamTries: Int? = nil, proxyNextUpstreamTimeout: TimeSpan? = nil,
        proxyConnectTimeout: TimeSpan? = nil, proxyReadTimeout: TimeSpan? = nil, proxySendTimeout: TimeSpan? = nil,
        proxyBuffering: Bool? = nil, proxyRequestBuffering: Bool? = nil
    ) {
        self.path = path; self.proxyPass = proxyPass; self.proxyHTTPVersion = proxyHTTPVersion
        self.connectionHeader = connectionHeader; self.proxyNextUpstream = proxyNextUpstream
        self.proxyNextUpstreamTries = proxyNextUpstreamTries; self.proxyNextUpstreamTimeout = proxyNextUpstreamTimeout
        self.proxyConnectTimeout = proxyConnectTimeout; self.proxyReadTimeout = proxyReadTimeout
        self.proxySendTimeout = proxySendTimeout; self.proxyBuffering = proxyBuffering
        self.proxyRequestBuffering = proxyRequestBuffering
    }
}
