/// Client-side keepalive directives of the `http`/`server` context as written
/// (ngx_http_core_module.c); nil means "not written".
public struct ClientKeepaliveDirectives: Hashable, Sendable {
    /// `keepalive_timeout`: idle time allowed between requests; 0 disables client keepalive. Default 75s.
    public var keepaliveTimeout: TimeSpan?
    /// `keepalive_requests`: the Nth request on a connection is answered with
    /// `Connection: close`. Default 1000 (100 before 1.19.10).
    public var keepaliveRequests: Int?
    /// `keepalive_time`: a request starting on a connection older than this is
    /// answered with `Connection: close`. Default 1h (1.19.10+; absent before).
    public var keepaliveTime: TimeSpan?
    /// `keepalive_min_timeout`: how long an idle client connection is protected
    /// from being closed early under connection pressure. Default 0 (1.27.4+; absent before).
    public var keepaliveMinTimeout: TimeSpan?

    public init(
        keepaliveTimeout: TimeSpan? = nil, keepaliveRequests: Int? = nil, keepaliveTime: TimeSpan? = nil,
        keepaliveMinTimeout: TimeSpan? = nil
    ) {
        self.keepaliveTimeout = keepaliveTimeout; self.keepaliveRequests = keepaliveRequests
        self.keepaliveTime = keepaliveTime; self.keepaliveMinTimeout = keepaliveMinTimeout
    }
}
