/// The `Connection` header of a client's request, as nginx classifies it
/// (`r->headers_in.connection_type`).
public enum ClientConnectionHeader: Hashable, Sendable {
    case absent
    case close
    case keepAlive
}

/// Whether a client connection stays open after a response.
public enum ClientKeepaliveDecision: Hashable, Sendable {
    /// The response is sent without `Connection: close`; the idle timer starts once it finished.
    case keepAlive
    /// The response carries `Connection: close` and the connection ends after it.
    case close(ClientKeepaliveCloseReason)

    @inlinable
    public var keepsAlive: Bool {
        if case .keepAlive = self { return true }
        return false
    }
}
