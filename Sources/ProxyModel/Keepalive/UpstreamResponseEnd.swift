/// How a response on an upstream connection ended, as far as reuse is
/// concerned: nginx's `u->keepalive` flag and why it is not set.
public enum UpstreamResponseEnd: Hashable, Sendable {
    /// `u->keepalive` set: whole body read (or a header-only response) and not marked close.
    case reusable
    /// `Connection: close`, an HTTP/1.0 status line, a close-delimited body, or extra data after the body.
    case markedClose
    /// `101 Switching Protocols`.
    case switchedProtocols
    /// The body was not fully read: client abort (499) with buffering off,
    /// an intercepted error page, an error mid-body.
    case finishedEarly

    /// How a response's body is delimited.
    public enum Body: Hashable, Sendable {
        /// `Content-Length: N`.
        case contentLength(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
        /// Neither: the body runs until the backend closes.
        case untilClose
    }

    /// Classifies a response the way ngx_http_proxy_process_status_line,
    /// ngx_http_proxy_process_header and the body filters set `u->keepalive`:
    /// 101 -> switched protocols; `Connection: close`, an HTTP/1.0 status line
    /// or a close-delimited body -> marked close; header-only responses (204,
    /// 304, HEAD, Content-Length 0) are reusable once the header is read;
    /// others only when the whole body was read.
    @inlinable
    public init(
        status: Int, statusLineVersion: HTTPVersion, connectionClose: Bool, body: Body, method: HTTPMethod,
        bodyFullyRead: Bool
    ) {
        if status == 101 { self = .switchedProtocols; return }
        if connectionClose || statusLineVersion == .http10 { self = .markedClose; return }
        let headerOnly = status == 204 || status == 304 || method.responseHasNoBody || body == .contentLength(0)
        if headerOnly { self = .reusable; return }
        if body == .untilClose { self = .markedClose; return }
        self = bodyFullyRead ? .reusable : .finishedEarly
    }

    /// The close reason when the response is not reusable.
    @inlinable
    public var closeReason: UpstreamCloseReason? {
        switch self {
        case .reusable: return nil
        case .markedClose: return .responseMarkedClose
        case .switchedProtocols: return .responseSwitchedProtocols
        case .finishedEarly: return .responseFinishedEarly
        }
    }
}
