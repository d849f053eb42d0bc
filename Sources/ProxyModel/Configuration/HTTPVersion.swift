/// The HTTP versions the model distinguishes: the client's request line and
/// `proxy_http_version` (nginx's `ngx_http_proxy_http_version` enum: `1.0`,
/// `1.1`, and from 1.29.4 `2`, which hands the request to
/// ngx_http_proxy_v2_module.c).
public enum HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    case http10
    case http11
    /// `proxy_http_version 2` (1.29.4+): one request at a time per upstream
    /// connection, kept alive in the keepalive cache like HTTP/1.1.
    case http2

    /// As written in nginx.conf and in a request line: `1.0`, `1.1`, `2`.
    public var number: String {
        switch self {
        case .http10: return "1.0"
        case .http11: return "1.1"
        case .http2: return "2"
        }
    }

    public var description: String { "HTTP/\(number)" }

    /// Reads `1.0`, `1.1` or `2` (the values `proxy_http_version` accepts); nil otherwise.
    public init?(number: String) {
        switch number {
        case "1.0": self = .http10
        case "1.1": self = .http11
        case "2": self = .http2
        default: return nil
        }
    }
}
