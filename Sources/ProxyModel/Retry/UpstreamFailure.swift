/// Why an attempt failed before a response header was accepted
/// (the `ft_type` passed to `ngx_http_upstream_next`).
public enum UpstreamFailure: Hashable, Sendable {
    /// `NGX_HTTP_UPSTREAM_FT_ERROR`: connect refused or unreachable, a socket
    /// error, end-of-stream or reset while sending or reading the header, a
    /// write error (broken pipe). A stale cached connection fails this way.
    case error
    /// `NGX_HTTP_UPSTREAM_FT_TIMEOUT`: connect, send or read-the-header timer.
    case timeout
    /// `NGX_HTTP_UPSTREAM_FT_INVALID_HEADER`: unparsable or too big a header.
    case invalidHeader

    /// The `proxy_next_upstream` condition that allows retrying it.
    @inlinable
    public var condition: NextUpstreamConditions {
        switch self {
        case .error: return .error
        case .timeout: return .timeout
        case .invalidHeader: return .invalidHeader
        }
    }

    /// The status nginx answers with when it gives up: 504 for a timeout, 502 otherwise.
    @inlinable
    public var clientStatus: Int { self == .timeout ? 504 : 502 }
}
