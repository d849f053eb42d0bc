import ProxyModel
import Randomness

/// An HTTP/1.1 server on loopback that behaves like one of the model's
/// backends: ProxyModel's `BackendKeepalivePolicy` decides when it closes
/// (idle close at idle_timeout + idle_close_delay, max_requests announced or
/// silent, always_close, load shedding) and whether with FIN or RST; a
/// `BackendWorkerPool` emulates its workers and service time with timers;
/// it draws service times and errors from the simulator's streams for it.
/// The response size is the model's draw, made by the load generator (the
/// simulator draws it with the request) and sent in `X-Response-Bytes`. Runs on one
/// event loop; read `counters` there. Per-connection state: `BackendConnectionState.swift`.
public final class LiveBackend: ConnectionDelegate {
    public let configuration: LiveBackendConfiguration
    public private(set) var counters = LiveBackendCounters()
    public var address: SocketAddress { listener.address }
    private unowned let loop: EventLoop
    private var listener: Listener!
    private let pool: BackendWorkerPool
    private var serviceRandom: RandomStream
    private var errorRandom: RandomStream
    /// Connections by slot (`SocketConnection.tag`); a slot is reused after its connection ends.
    var connections: [BackendConnectionState?] = []
    private var freeSlots: [Int] = []
    /// The most body bytes one response carries: filler is built in memory.
    public static let maximumResponseBytes = 64 << 20
    /// The request field that says how large the response body is.
    public static let responseBytesField: StaticString = "x-response-bytes"

    /// Listens on `address` (default 127.0.0.1, an ephemeral port).
    public init(
        configuration: LiveBackendConfiguration, address: SocketAddress = .loopback(), loop: EventLoop
    ) throws {
        self.configuration = try configuration.validated()
        self.loop = loop
        pool = BackendWorkerPool(workers: configuration.workers, loop: loop)
        let seeds = SeedSequence(masterSeed: configuration.seed, replication: configuration.replication)
        serviceRandom = seeds.stream(named: "service", index: UInt64(configuration.index))
        errorRandom = seeds.stream(named: "errors", index: UInt64(configuration.index))
        listener = try Listener(
            address: address, loop: loop, backlog: configuration.listenBacklog,
            onAccept: { [unowned self] fd in accept(fd) },
            onError: { [unowned self] _ in counters.acceptFailures += 1 })
    }

    /// Stops listening and closes every connection (FIN).
    public func close() {
        listener.close(loop: loop)
        for slot in connections.indices { connections[slot]?.connection.close() }
    }

    // MARK: Accepting

    private func accept(_ fd: FileDescriptor) {
        let connection: SocketConnection
        do { connection = try SocketConnection(accepted: fd, loop: loop, kind: .request, linkDelay: configuration.linkDelay) } catch {
            try? System.close(fd)
            counters.acceptFailures += 1
            return
        }
        let slot = freeSlots.popLast() ?? connections.count
        if slot == connections.count { connections.append(nil) }
        connection.tag = slot
        connection.delegate = self
        let state = BackendConnectionState(connection: connection)
        connections[slot] = state
        counters.acceptedConnections += 1
        counters.openConnections += 1
        counters.peakOpenConnections = Swift.max(counters.peakOpenConnections, counters.openConnections)
        if configuration.acceptCPU > .zero {
            state.acceptDone = false
            pool.submit(.init(holdsWorker: configuration.acceptCPU, cpu: configuration.acceptCPU, waitsAfter: .zero) { [unowned self, state] in
                state.acceptDone = true
                startNextRequest(on: state)
            })
        }
    }

    // MARK: ConnectionDelegate

    public func connection(_ connection: SocketConnection, didRead event: HTTPReadEvent) {
        guard let state = connections[connection.tag] else { return }
        switch event {
        case .head(let head):
            state.cancelIdleTimer(on: loop)
            let size = connection.reader.fieldValue(head, named: Self.responseBytesField).flatMap { Int($0) } ?? 0
            state.reading = .init(isHEAD: head.method == .head, clientKeepAlive: head.isKeepAlive,
                                  responseBytes: Swift.min(Swift.max(size, 0), Self.maximumResponseBytes))
        case .body:
            break
        case .end:
            guard let request = state.reading else { return }
            state.reading = nil
            state.waiting.append(request)
            counters.requests += 1
            startNextRequest(on: state)
        }
    }

    public func connection(_ connection: SocketConnection, didReceiveInvalidHTTP error: HTTPParseError) {
        counters.badRequests += 1
        connection.send { HTTPMessageWriter.appendResponse(into: &$0, status: error.responseStatus, bodyLength: 0, keepAlive: false) }
        connection.closeAfterFlush()
    }

    public func connectionDidFlush(_ connection: SocketConnection) {
        guard let state = connections[connection.tag], !state.inService else { return }
        if !state.waiting.isEmpty {
            startNextRequest(on: state)
        } else if state.reading == nil {
            armIdleTimer(on: state)
        }
    }

    public func connection(_ connection: SocketConnection, didEnd end: ConnectionEnd) {
        guard let state = connections[connection.tag] else { return }
        state.cancelIdleTimer(on: loop)
        state.isClosed = true
        switch end {
        case .peerClosed: counters.clientCloses += 1
        case .peerReset: counters.resetsReceived += 1
        case .closedLocally, .connectFailed, .invalidHTTP, .failed: break
        }
        connections[connection.tag] = nil
        freeSlots.append(connection.tag)
        counters.openConnections -= 1
    }

    // MARK: Serving

    /// Starts the oldest waiting request if the connection is free: HTTP/1.1
    /// answers in order, so a pipelined request waits for the one before it.
    func startNextRequest(on state: BackendConnectionState) {
        guard state.acceptDone, !state.inService, !state.isClosed, !state.waiting.isEmpty,
              state.connection.pendingOutputCount == 0 else { return }
        let request = state.waiting.removeFirst()
        state.inService = true
        // CPU, then wait, from the "service" stream: the simulator's order (World+Backends).
        let cpu = TimeSpan(sampledMilliseconds: configuration.cpuTimeMs.sample(using: &serviceRandom))
        let wait = TimeSpan(sampledMilliseconds: configuration.waitTimeMs.sample(using: &serviceRandom))
        // Each part is at most 10^18 ns (TimeSpan(sampledMilliseconds:)), so the sum cannot overflow.
        let holds = configuration.waitHoldsWorker ? cpu + wait : cpu
        pool.submit(.init(holdsWorker: holds, cpu: cpu, waitsAfter: configuration.waitHoldsWorker ? .zero : wait,
                          eventLoop: configuration.eventLoop) { [unowned self, state] in
            respond(to: request, on: state)
        })
        if configuration.keepalive.closesIdleConnectionsEarly(saturated: pool.isSaturated) { closeIdleConnections() }
    }

    private func respond(to request: BackendConnectionState.Request, on state: BackendConnectionState) {
        state.inService = false
        guard !state.isClosed else { return }
        state.answered += 1
        let policy = configuration.keepalive
        let decision = policy.afterResponse(requestNumber: state.answered, saturated: pool.isSaturated)
        let failed = configuration.errorRate > 0 && errorRandom.nextUnitInterval() < configuration.errorRate
        var keepAliveHeader = request.clientKeepAlive
        var close: (style: BackendCloseStyle, reason: BackendCloseReason?)?
        switch decision {
        case .keepOpen:
            if !request.clientKeepAlive { close = (.fin, nil) }
        case .closeAfterResponse(let reason, let announced):
            if announced { keepAliveHeader = false }
            close = (policy.closeStyle, reason)
        }
        if failed { counters.errorResponses += 1 } else { counters.okResponses += 1 }
        state.lastResponseWrittenAt = loop.now
        state.connection.send {
            HTTPMessageWriter.appendResponse(into: &$0, status: failed ? 500 : 200, bodyLength: request.responseBytes,
                                             keepAlive: keepAliveHeader, headRequest: request.isHEAD)
        }
        guard let close else { return }
        count(close.reason, style: close.style)
        state.connection.closeAfterFlush(style: close.style)
    }

    /// The idle close at the policy's real moment: idle_timeout + idle_close_delay
    /// after the response was written (`BackendKeepalivePolicy.idleCloseDeadline`)
    /// — written by the server, even if a link delay holds its bytes a while.
    private func armIdleTimer(on state: BackendConnectionState) {
        let deadline = configuration.keepalive.idleCloseDeadline(responseWrittenAt: state.lastResponseWrittenAt ?? loop.now)
        guard deadline != .distantFuture, state.idleTimer == nil else { return }
        state.idleTimer = loop.schedule(at: deadline) { [unowned self, state] in
            state.idleTimer = nil
            closeByPolicy(state, reason: .idleTimeout)
        }
    }

    /// Apache event MPM: a saturated server closes its idle keep-alive connections, in slot order.
    private func closeIdleConnections() {
        for slot in connections.indices {
            guard let state = connections[slot], state.isIdleKeepAlive else { continue }
            state.cancelIdleTimer(on: loop)
            closeByPolicy(state, reason: .underLoad)
        }
    }

    private func closeByPolicy(_ state: BackendConnectionState, reason: BackendCloseReason) {
        guard !state.isClosed else { return }
        let style = configuration.keepalive.closeStyle
        count(reason, style: style)
        state.connection.close(style: style)
    }

    private func count(_ reason: BackendCloseReason?, style: BackendCloseStyle) {
        if let reason { counters.backendCloses[Int(reason.rawValue)] += 1 } else { counters.closesRequestedByClient += 1 }
        if style == .rst { counters.resetsSent += 1 }
    }
}
