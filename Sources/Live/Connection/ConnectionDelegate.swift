/// What a `SocketConnection` reports to its owner, on the loop's thread.
/// The owner may close the connection from any of these callbacks.
public protocol ConnectionDelegate: AnyObject {
    /// A client connection finished connecting.
    func connectionDidConnect(_ connection: SocketConnection)
    /// The next HTTP event from the peer.
    func connection(_ connection: SocketConnection, didRead event: HTTPReadEvent)
    /// Everything queued has been handed to the kernel.
    func connectionDidFlush(_ connection: SocketConnection)
    /// The peer sent bytes that are not valid HTTP; nothing more is read. A
    /// server answers (`responseStatus`) and closes; if the owner does not
    /// close, the connection closes once its output is flushed.
    func connection(_ connection: SocketConnection, didReceiveInvalidHTTP error: HTTPParseError)
    /// The connection is closed (its descriptor is gone); called once.
    func connection(_ connection: SocketConnection, didEnd end: ConnectionEnd)
}

extension ConnectionDelegate {
    public func connectionDidConnect(_ connection: SocketConnection) {}
    public func connectionDidFlush(_ connection: SocketConnection) {}
    public func connection(_ connection: SocketConnection, didReceiveInvalidHTTP error: HTTPParseError) {}
}
