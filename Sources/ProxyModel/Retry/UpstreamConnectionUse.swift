/// Which kind of upstream connection a failed attempt used, and how far it got.
public enum UpstreamConnectionUse: Hashable, Sendable {
    /// Taken from the keepalive cache (`pc->cached`). The request is written
    /// at once, and `request_sent` is set before the first write, so a
    /// cached attempt has always "sent" its request.
    case cached
    /// A new connection. `requestSent` is false when it failed while
    /// connecting (refused, unreachable, connect timeout), true once nginx
    /// started writing the request.
    case fresh(requestSent: Bool)

    @inlinable
    public var isCached: Bool {
        if case .cached = self { return true }
        return false
    }

    /// nginx's `u->request_sent` for this attempt.
    @inlinable
    public var requestSent: Bool {
        switch self {
        case .cached: return true
        case .fresh(let requestSent): return requestSent
        }
    }
}
