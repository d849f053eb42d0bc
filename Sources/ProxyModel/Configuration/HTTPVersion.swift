/// The HTTP/1.x versions the model distinguishes: the client's request line and
/// `proxy_http_version` (nginx's `ngx_http_proxy_http_version` enum also has `2`,
/// which the model does not cover).
public enum HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    case http10
    case http11

    /// As written in nginx.conf and in a request line: `1.0`, `1.1`.
    public var number: String {
        switch self {
        case .http10: return "1.0"
        case .http11: return "1.1"
        }
    }

    public var description: String { "HTTP/\(number)" }

    /// Reads `1.0` or `1.1` (the values `proxy_http_version` accepts); nil otherwise.
    public init?(number: String) {
        switch number {
        case "1.0": self = .http10
        case "1.1": self = .http11
        default: return nil
        }
    }
}
