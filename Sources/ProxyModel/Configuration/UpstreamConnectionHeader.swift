/// A value of the `Connection` header nginx sends upstream.
public enum ConnectionHeaderValue: Hashable, Sendable, CustomStringConvertible {
    /// `""`: the header is not sent at all (nginx drops headers whose value is empty).
    case empty
    /// `close`: the backend closes the connection after its response.
    case close
    /// `keep-alive`.
    case keepAlive

    /// As written after `proxy_set_header Connection`.
    public var written: String {
        switch self {
        case .empty: return "\"\""
        case .close: return "close"
        case .keepAlive: return "keep-alive"
        }
    }

    public var description: String { written }
}

/// `proxy_set_header Connection ...`: what nginx sends upstream in the
/// `Connection` header of an ordinary (non-WebSocket) request.
///
/// Default: `close` up to 1.29.6 (the proxy module's built-in header list),
/// not sent from 1.29.7 on (nginx-semantics.md sections 0 and 5).
public enum UpstreamConnectionHeader: Hashable, Sendable, CustomStringConvertible {
    /// `proxy_set_header Connection <value>;`
    case fixed(ConnectionHeaderValue)
    /// `proxy_set_header Connection $connection_upgrade;` with a
    /// `map $http_upgrade $connection_upgrade { default upgrade; '' <value>; }`.
    /// Ordinary requests carry no `Upgrade` header, so they get `<value>`.
    /// The map in nginx's WebSocket docs uses `close`, which silently
    /// disables upstream reuse (the trap of section 5).
    case upgradeMap(plainRequests: ConnectionHeaderValue)

    /// What an ordinary request carries; the only value that matters for reuse.
    public var valueForPlainRequests: ConnectionHeaderValue {
        switch self {
        case .fixed(let value): return value
        case .upgradeMap(let value): return value
        }
    }

    /// As written in nginx.conf (the map shown as a comment).
    public var description: String {
        switch self {
        case .fixed(let value):
            return "proxy_set_header Connection \(value.written)"
        case .upgradeMap(let value):
            return "proxy_set_header Connection $connection_upgrade (map: '' \(value.written))"
        }
    }
}
