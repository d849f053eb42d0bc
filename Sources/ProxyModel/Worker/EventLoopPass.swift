/// What an nginx worker's event loop does with the events that were ready
/// when a pass began (`ngx_process_events_and_timers`): first every network
/// event, in `SameLoopPassOrder`, then the timers that had expired, then the
/// next pass. A driver whose worker is busy (CPU time) collects the events
/// that arrive meanwhile here, and runs them in this order when it is free.
/// (A request and an idle-timeout expiry in one pass: the request wins.)
public struct EventLoopPass<Event: Sendable>: Sendable {
    /// How an event reaches the loop.
    public enum Kind: Sendable {
        /// A network event; `backendClose`: a backend's FIN or RST.
        case network(backendClose: Bool)
        /// An expired timer.
        case timer
    }

    public let order: SameLoopPassOrder
    @usableFromInline var network: [(event: Event, backendClose: Bool)] = []
    @usableFromInline var timers: [Event] = []

    public init(order: SameLoopPassOrder) { self.order = order }

    public var isEmpty: Bool { network.isEmpty && timers.isEmpty }

    /// Adds an event that became ready while the worker was busy.
    @inlinable
    public mutating func add(_ event: Event, _ kind: Kind) {
        switch kind {
        case .network(let backendClose): network.append((event, backendClose))
        case .timer: timers.append(event)
        }
    }

    /// Takes the pass's events out, in the order nginx handles them.
    public mutating func takeInOrder(into ordered: inout [Event]) {
        ordered.removeAll(keepingCapacity: true)
        switch order {
        case .arrival:
            for item in network { ordered.append(item.event) }
        case .backendCloseFirst:
            for item in network where item.backendClose { ordered.append(item.event) }
            for item in network where !item.backendClose { ordered.append(item.event) }
        case .requestFirst:
            for item in network where !item.backendClose { ordered.append(item.event) }
            for item in network where item.backendClose { ordered.append(item.event) }
        }
        ordered.append(contentsOf: timers)
        network.removeAll(keepingCapacity: true)
        timers.removeAll(keepingCapacity: true)
    }
}
