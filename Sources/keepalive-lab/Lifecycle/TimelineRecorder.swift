import Simulation

/// `simulate --timeline N`: keeps the lifecycle events of requests 1...N (or,
/// for `demo`, of N requests from a later one) and of the connections they
/// used, for `TimelineDiagram`.
///
/// A connection is followed from the moment one of those requests uses it
/// until it closes or a later request takes it over (from then on it belongs
/// to someone else's story). Every connection the diagram shows is shown from
/// its open, also when it was opened for a request outside the first N (a
/// later one, whose connection one of the first N then reuses): the open of
/// every connection still open is kept aside until it closes, and added when
/// one of the first N first touches that connection. Memory is bounded by N
/// and by the connections open at once, whatever the run's length.
final class TimelineRecorder: LifecycleObserver {
    let requestLimit: Int64
    /// The first request followed; requests before it are not part of the story.
    let firstRequest: Int64
    private(set) var events: [LifecycleEvent] = []
    /// Connections whose latest request is one of the first N, by serial.
    private var followedClientConnections: Set<Int64> = []
    private var followedUpstreamConnections: Set<Int64> = []
    /// The open events of connections open now whose open is not in `events`
    /// (looked up by connection, never iterated).
    private var unshownClientOpens: [Int64: LifecycleEvent] = [:]
    private var unshownUpstreamOpens: [Int64: LifecycleEvent] = [:]

    init(requestLimit: Int, firstRequest: Int64 = 1) {
        self.requestLimit = Int64(requestLimit)
        self.firstRequest = max(1, firstRequest)
    }

    func record(_ event: LifecycleEvent) {
        let clientSide = event.kind.isAboutClientConnection
        let opens = event.kind == .upstreamOpen || event.kind == .clientConnectionOpen
        let closes = event.kind == .upstreamClose || event.kind == .clientConnectionClose
        guard event.request >= 1 else {
            // Idle and close events name only the connection.
            if closes, event.connection >= 0 { setUnshownOpen(event.connection, clientSide: clientSide, nil) }
            guard event.connection >= 0, isFollowed(event.connection, clientSide: clientSide) else { return }
            events.append(event)
            if closes { setFollowed(event.connection, clientSide: clientSide, false) }
            return
        }
        guard event.request >= firstRequest, event.request - firstRequest < requestLimit else {
            // Another request on a followed connection: the connection's story continues without us.
            if event.connection >= 0 { setFollowed(event.connection, clientSide: clientSide, false) }
            if opens, event.connection >= 0 { setUnshownOpen(event.connection, clientSide: clientSide, event) }
            return
        }
        if event.connection >= 0 {
            if !opens, let open = unshownOpen(event.connection, clientSide: clientSide) {
                events.append(open)
                setUnshownOpen(event.connection, clientSide: clientSide, nil)
            }
            setFollowed(event.connection, clientSide: clientSide, true)
        }
        events.append(event)
    }

    private func isFollowed(_ connection: Int64, clientSide: Bool) -> Bool {
        clientSide ? followedClientConnections.contains(connection) : followedUpstreamConnections.contains(connection)
    }

    private func setFollowed(_ connection: Int64, clientSide: Bool, _ followed: Bool) {
        switch (clientSide, followed) {
        case (true, true): followedClientConnections.insert(connection)
        case (true, false): followedClientConnections.remove(connection)
        case (false, true): followedUpstreamConnections.insert(connection)
        case (false, false): followedUpstreamConnections.remove(connection)
        }
    }

    private func unshownOpen(_ connection: Int64, clientSide: Bool) -> LifecycleEvent? {
        clientSide ? unshownClientOpens[connection] : unshownUpstreamOpens[connection]
    }

    private func setUnshownOpen(_ connection: Int64, clientSide: Bool, _ open: LifecycleEvent?) {
        if clientSide { unshownClientOpens[connection] = open } else { unshownUpstreamOpens[connection] = open }
    }
}
