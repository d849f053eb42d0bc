/// Why a `SocketConnection` ended.
public enum ConnectionEnd: Hashable, Sendable {
    /// This side closed it (`close(style:)`).
    case closedLocally
    /// The peer closed cleanly (FIN) between messages.
    case peerClosed
    /// The peer reset it (ECONNRESET; EPIPE on a write to a reset connection).
    case peerReset
    /// A non-blocking connect failed (ECONNREFUSED...).
    case connectFailed(SystemError)
    /// The peer sent bytes that are not HTTP, or closed inside a message.
    case invalidHTTP(HTTPParseError)
    /// Any other failed call.
    case failed(SystemError)
}
