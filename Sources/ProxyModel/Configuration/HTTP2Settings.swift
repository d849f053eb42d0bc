/// What governs nginx's HTTP/2 client connections (ngx_http_v2_module.c),
/// resolved for the modelled version: the stream limit and the keepalive
/// rules of a connection that multiplexes its requests.
public struct HTTP2Settings: Hashable, Sendable {
    /// `http2_max_concurrent_streams`: ngx_http_v2_state_headers answers a
    /// stream beyond it with RST_STREAM (REFUSED_STREAM); browsers honour the
    /// limit nginx announces in SETTINGS_MAX_CONCURRENT_STREAMS and queue the rest.
    public var maxConcurrentStreams: Int
    /// When the connection ends: `keepalive_timeout` once no stream is in
    /// progress, `keepalive_requests` counting streams and `keepalive_time`,
    /// checked as each stream starts (the Nth stream makes nginx send GOAWAY;
    /// the connection closes once its streams are done). Before 1.19.7
    /// `http2_idle_timeout` and `http2_max_requests` (`NginxDefaults.http2Keepalive`).
    public var keepalive: ClientKeepalivePolicy

    public init(maxConcurrentStreams: Int, keepalive: ClientKeepalivePolicy) {
        self.maxConcurrentStreams = maxConcurrentStreams; self.keepalive = keepalive
    }
}
