/// The simulated world's events: a kind and the id of the entity it concerns
/// (a request, a connection, a worker), with that entity slot's generation so
/// an event for a connection that has since closed — and whose slot was
/// reused — is recognised and dropped. 12 bytes, trivially copyable.
public struct WorldEvent: SimulationEvent, Hashable, Sendable {
    public var kind: Kind
    public var id: Int32
    public var generation: UInt32

    @inlinable
    public init(_ kind: Kind, _ id: Int32, generation: UInt32 = 0) {
        self.kind = kind; self.id = id; self.generation = generation
    }

    @inlinable public var fingerprintKind: UInt32 { UInt32(kind.rawValue) }
    @inlinable public var fingerprintActor: UInt32 { UInt32(bitPattern: id) }

    public enum Kind: UInt8, Sendable, CaseIterable {
        // Traffic.
        /// The open-loop generator's next request (or page) is due. id: unused.
        case arrival
        /// A trace's next record is due.
        case traceArrival
        /// A closed-loop connection's think time is over. id: client connection.
        case thinkTimeOver

        // Client <-> nginx (network events at the worker, unless noted).
        /// A client connection's handshake completes at nginx: accept. id: client connection.
        case clientConnectionArrives
        /// A request's bytes reach nginx. id: request.
        case requestArrivesAtProxy
        /// A response reaches the client (not a worker event). id: request.
        case responseArrivesAtClient
        /// nginx's FIN reaches the client (not a worker event). id: client connection.
        case proxyCloseArrivesAtClient

        // nginx <-> backend.
        /// A new upstream connection's handshakes complete at nginx: it writes the request. id: upstream connection.
        case upstreamConnected
        /// A request (on a new or reused connection) reaches the backend. id: upstream connection.
        case requestArrivesAtBackend
        /// The request's service (CPU part, then waiting part) is over: the
        /// response is written. id: upstream connection.
        case backendResponseWritten
        /// The response reaches nginx. id: upstream connection.
        case responseArrivesAtProxy
        /// The backend's FIN or RST reaches nginx. id: upstream connection.
        case backendCloseArrivesAtProxy
        /// nginx's FIN reaches the backend. id: upstream connection.
        case proxyCloseArrivesAtBackend

        // Timers.
        /// nginx's client keepalive_timeout. id: client connection.
        case clientIdleTimeout
        /// A worker's upstream cache has an idle connection due to time out. id: worker * upstreams + upstream.
        case upstreamCacheIdleTimeout
        /// The backend's idle close moment. id: upstream connection.
        case backendIdleTimeout
        /// A backend worker comes free while requests wait for one. id: backend.
        case backendWorkerFree
        /// proxy_read_timeout / proxy_connect_timeout while waiting for a response. id: upstream connection.
        case upstreamResponseTimeout
        /// A worker's event loop finished a busy stretch: run its next pass. id: worker.
        case workerPassEnd

        // Run control.
        /// The warm-up is over: statistics start.
        case warmupEnds
        /// No more requests start: connection statistics freeze (what happens
        /// afterwards is the model winding down, not the traffic).
        case trafficEnds

        // Kinds added later go last: the raw value is part of every fingerprint.
        /// `proxy_buffering off`: the response's last byte left nginx for the client. id: upstream connection.
        case upstreamResponseRelayed
        /// The kernel's timer for a SYN the backend's full accept queue dropped:
        /// send it again, or give up (not a worker event). id: upstream connection.
        case upstreamSYNRetransmit
        /// A closed loop's load-generator thread runs a pass over the responses
        /// that reached it (only when it is placed on a host). id: thread.
        case loadGeneratorPass
        /// A backend's request CPU is done: its core goes to the host's next
        /// waiting process (only for backends placed on a host). id: host.
        case hostCoreFree
        /// HTTP/2: the client learns that nginx did not process a stream (it
        /// met a closed connection, came after GOAWAY, or beyond the stream
        /// limit) and sends the request again (not a worker event). id: request.
        case streamRefusedArrivesAtClient
    }

    /// Whether the event is handled by an nginx worker's event loop (and so
    /// waits while that worker is busy).
    @inlinable
    public var isWorkerEvent: Bool {
        switch kind {
        case .clientConnectionArrives, .requestArrivesAtProxy, .upstreamConnected, .responseArrivesAtProxy, .upstreamResponseRelayed,
             .backendCloseArrivesAtProxy, .clientIdleTimeout, .upstreamCacheIdleTimeout, .upstreamResponseTimeout:
            return true
        default:
            return false
        }
    }
}
