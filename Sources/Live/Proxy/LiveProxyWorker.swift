import ProxyModel

/// One worker of the built-in proxy: an event loop driving one `NginxWorker`,
/// the very machine the simulator drives. Socket events become the worker's
/// inputs (this file), the worker's actions become syscalls
/// (`LiveProxyWorker+Actions.swift`), and its deadlines loop timers
/// (`LiveProxyWorker+Timers.swift`). Nothing nginx decides is decided here:
/// which connection to reuse, when to close, whether to retry, what status
/// the client gets. What this driver adds is HTTP on the wire: reading
/// requests and responses, writing them on, and answering bytes that are
/// not HTTP (400), a target no location matches (404) and a body over the
/// limit (413) — requests the model never sees.
///
/// Connections carry the driver's slot in `SocketConnection.tag`: a client's
/// slot as is, an upstream connection's as `-1 - slot`. Slots are the ids
/// the worker's actions name (`driverID`).
final class LiveProxyWorker: ConnectionDelegate {
    let index: Int
    let configuration: LiveProxyConfiguration
    unowned let loop: EventLoop
    var worker: NginxWorker
    var actions = NginxWorkerActions()
    let zones: LiveUpstreamZones
    let matcher: LocationMatcher
    var counters = LiveProxyCounters()
    var clients: [ProxyClientConnection?] = []
    var freeClientSlots: [Int32] = []
    var upstreams: [ProxyUpstreamConnection?] = []
    var freeUpstreamSlots: [Int32] = []
    /// Each upstream block's keepalive cache idle timer.
    var cacheTimers: [LazyLoopTimer]
    /// Client slots with work left once the current actions are carried out
    /// (a pipelined request to start, a close to report).
    var clientsToResume: [Int32] = []
    var openUpstream = 0
    var idleUpstream = 0
    var listener: Listener?
    /// `perform` is carrying out actions (it is not re-entered).
    var isPerforming = false

    init(index: Int, configuration: LiveProxyConfiguration, zones: LiveUpstreamZones, loop: EventLoop) throws {
        self.index = index
        self.configuration = configuration
        self.loop = loop
        self.zones = zones
        worker = try NginxWorker(index: index, plan: configuration.plan)
        matcher = LocationMatcher(paths: configuration.locationPaths)
        cacheTimers = Array(repeating: LazyLoopTimer(), count: configuration.plan.upstreamCount)
    }

    /// Starts accepting on `listener`'s socket (see `LiveProxy`).
    func listen(sharing fd: FileDescriptor, address: SocketAddress, exclusive: Bool, owns: Bool) throws {
        listener = try Listener(
            sharing: fd, address: address, loop: loop, exclusive: exclusive, ownsDescriptor: owns,
            onAccept: { [unowned self] fd in accept(fd) },
            onError: { [unowned self] error in
                counters.acceptFailures += 1
                if counters.firstAcceptFailure == nil { counters.firstAcceptFailure = error.description }
            })
    }

    // MARK: Client connections

    private func accept(_ fd: FileDescriptor) {
        let connection: SocketConnection
        do { connection = try SocketConnection(accepted: fd, loop: loop, kind: .request, limits: configuration.limits,
                                                  linkDelay: configuration.clientLinkDelay) } catch {
            try? System.close(fd)
            counters.acceptFailures += 1
            if counters.firstAcceptFailure == nil { counters.firstAcceptFailure = error.description }
            return
        }
        let slot = freeClientSlots.popLast() ?? Int32(clients.count)
        if Int(slot) == clients.count { clients.append(nil) }
        connection.tag = Int(slot)
        connection.delegate = self
        let now = loop.now
        let outcome = worker.clientConnectionAccepted(driverID: slot, now: now, actions: &actions)
        let state = ProxyClientConnection(connection: connection, handle: ClientHandle(-1))
        clients[Int(slot)] = state
        if case .accepted(let handle, _) = outcome {
            state.handle = handle
            counters.clientConnectionsAccepted += 1
            armHeaderTimer(state, at: now.addingSaturating(configuration.clientHeaderTimeout))
        } else {
            state.isOpenAtWorker = false
        }
        perform()
    }

    func connection(_ connection: SocketConnection, didRead event: HTTPReadEvent) {
        if connection.tag < 0 { upstreamDidRead(event, on: connection); return }
        guard let state = clients[connection.tag] else { return }
        switch event {
        case .head(let head):
            state.headerTimer.cancel()
            state.reading = request(from: head, reader: connection.reader)
        case .body(let range):
            guard state.reading != nil else { return }
            if state.reading!.body.count + range.count > configuration.maximumBodyBytes {
                state.reading!.bodyTooLarge = true
            } else if !state.reading!.bodyTooLarge {
                state.reading!.body.append(contentsOf: connection.reader.bodyBytes(range))
            }
        case .end:
            guard let request = state.reading else { return }
            state.reading = nil
            if state.inFlight == nil && !state.hasQueuedRequest {
                start(request, on: state)
            } else if state.queued.count - state.queuedHead < ProxyClientConnection.maximumQueuedRequests,
                      state.queuedBodyBytes + request.body.count <= configuration.maximumBodyBytes {
                state.queuedBodyBytes += request.body.count
                state.queued.append(request)
            } else {
                counters.protocolErrors += 1
                connection.close()
            }
        }
    }

    /// The facts of a request head the worker and the upstream request need.
    private func request(from head: HTTPHead, reader: HTTPMessageReader) -> ProxyClientConnection.Request {
        let target = Array(reader.headBytes(head.target))
        let path = target.prefix { $0 != UInt8(ascii: "?") }
        var forwarded: [UInt8] = []
        for field in head.fields where !Self.isRewrittenByProxy(reader.headBytes(field.name)) {
            forwarded.append(contentsOf: reader.headBytes(field.name))
            forwarded.append(contentsOf: ": ".utf8)
            forwarded.append(contentsOf: reader.headBytes(field.value))
            forwarded.append(contentsOf: "\r\n".utf8)
        }
        return .init(
            method: head.method ?? .get, methodIsKnown: head.method != nil, location: matcher.location(forTarget: path),
            httpVersion: head.versionMinor == 0 ? .http10 : .http11,
            connectionHeader: head.connectionClose ? .close : head.connectionKeepAlive ? .keepAlive : .absent,
            target: target, forwardedFields: forwarded)
    }

    /// Fields nginx does not pass on as the client sent them: it writes its
    /// own Host and Connection (proxy_set_header defaults), drops Keep-Alive,
    /// and frames the body itself.
    private static func isRewrittenByProxy(_ name: ArraySlice<UInt8>) -> Bool {
        HTTPBytes.equalsIgnoringCase(name, "host") || HTTPBytes.equalsIgnoringCase(name, "connection")
            || HTTPBytes.equalsIgnoringCase(name, "keep-alive") || HTTPBytes.equalsIgnoringCase(name, "content-length")
            || HTTPBytes.equalsIgnoringCase(name, "transfer-encoding") || HTTPBytes.equalsIgnoringCase(name, "te")
    }

    /// Hands a complete request to the worker, or answers it here when it is
    /// outside the model (a method the model does not know: 501; body over
    /// the limit: 413; no location: 404).
    func start(_ request: ProxyClientConnection.Request, on state: ProxyClientConnection) {
        guard state.isOpenAtWorker else { return }
        guard request.methodIsKnown, !request.bodyTooLarge, let location = request.location else {
            answerOutsideModel(state, status: !request.methodIsKnown ? 501 : request.bodyTooLarge ? 413 : 404, request: request)
            return
        }
        state.inFlight = request
        counters.requests += 1
        let proxied = ProxiedRequest(
            method: request.method, location: location, httpVersion: request.httpVersion,
            connectionHeader: request.connectionHeader, clientAddress: Self.loopbackAddress,
            clientAddressKey: Self.loopbackAddressKey, uriKey: HashKey(bytes: request.target))
        let now = loop.now
        let accepted = zones.state.withLock { zones in
            worker.requestReceived(state.handle, proxied, now: now, zones: &zones, actions: &actions)
        }
        if !accepted { state.inFlight = nil }
        perform()
    }

    /// Every client of the live rig is on loopback: `$remote_addr` is 127.0.0.1.
    static let loopbackAddress: UInt32 = 0x7f00_0001
    static let loopbackAddressKey = HashKey("127.0.0.1")

    /// A response the proxy makes without the worker (a request the model
    /// cannot carry); the connection closes after it, and the worker is told
    /// it ended.
    private func answerOutsideModel(_ state: ProxyClientConnection, status: Int, request: ProxyClientConnection.Request?) {
        counters.protocolErrors += 1
        counters.responsesByStatus[status, default: 0] += 1
        state.connection.send {
            HTTPMessageWriter.appendProxiedResponse(
                into: &$0, status: status, body: HTTPMessageWriter.errorPage(status: status), keepAlive: false,
                headRequest: request?.method == .head, clientVersion: request?.httpVersion ?? .http11)
        }
        endAtWorker(state)
        state.connection.closeAfterFlush()
    }

    /// Tells the worker a client connection ended outside its decisions.
    func endAtWorker(_ state: ProxyClientConnection) {
        guard state.isOpenAtWorker else { return }
        if worker.clientConnectionEnded(state.handle, now: loop.now, actions: &actions) {
            state.isOpenAtWorker = false
            perform()
        }
    }

    func connection(_ connection: SocketConnection, didReceiveInvalidHTTP error: HTTPParseError) {
        guard connection.tag >= 0, let state = clients[connection.tag] else { return }
        // ngx_http_parse_request_line and friends: 400 and close (only between requests).
        guard state.inFlight == nil else { counters.protocolErrors += 1; return }
        answerOutsideModel(state, status: error.responseStatus, request: nil)
    }

    func connection(_ connection: SocketConnection, didEnd end: ConnectionEnd) {
        if connection.tag < 0 { upstreamDidEnd(connection, end); return }
        guard let state = clients[connection.tag] else { return }
        state.timer.cancel()
        state.headerTimer.cancel()
        if state.isOpenAtWorker {
            counters.clientClosesByPeer += 1
            if state.inFlight != nil { state.peerGone = true } else { endAtWorker(state) }
        }
        releaseClientSlotIfDone(Int32(connection.tag))
    }

    /// A client slot is reused once its socket is closed and the worker has forgotten it.
    func releaseClientSlotIfDone(_ slot: Int32) {
        guard let state = clients[Int(slot)], state.connection.isClosed, !state.isOpenAtWorker else { return }
        clients[Int(slot)] = nil
        freeClientSlots.append(slot)
    }

    // MARK: Upstream connections

    func connectionDidConnect(_ connection: SocketConnection) {
        guard connection.tag < 0, let state = upstreams[-1 - connection.tag], state.isOpenAtWorker else { return }
        state.isConnected = true
        worker.upstreamConnected(state.handle, now: loop.now, actions: &actions)
        perform()
    }

    private func upstreamDidRead(_ event: HTTPReadEvent, on connection: SocketConnection) {
        guard let state = upstreams[-1 - connection.tag], state.isOpenAtWorker else { return }
        switch event {
        case .head(let head):
            // An interim 1xx (100 Continue) is not the response.
            if head.status >= 100 && head.status < 200 && head.status != 101 { return }
            let body: UpstreamResponseEnd.Body =
                head.isChunked ? .chunked : head.contentLength.map { .contentLength(Int(clamping: $0)) } ?? .untilClose
            state.response = .init(status: head.status, versionMinor: head.versionMinor,
                                   connectionClose: head.connectionClose, body: body)
        case .body(let range):
            guard state.response != nil, state.response!.bytes.count + range.count <= configuration.maximumBodyBytes else { return }
            state.response!.bytes.append(contentsOf: connection.reader.bodyBytes(range))
        case .end:
            guard let response = state.response, state.client >= 0, let client = clients[Int(state.client)] else {
                // Bytes on an idle cached connection: nginx closes it
                // (ngx_http_upstream_keepalive_close_handler), as for a FIN.
                upstreamClosedByPeer(state)
                return
            }
            state.response = nil
            client.response = (response.status, response.bytes)
            let end = UpstreamResponseEnd(
                status: response.status, statusLineVersion: response.versionMinor == 0 ? .http10 : .http11,
                connectionClose: response.connectionClose, body: response.body, method: state.method, bodyFullyRead: true)
            let now = loop.now
            zones.state.withLock { zones in
                _ = worker.responseReceived(state.handle, status: response.status, end: end, now: now, zones: &zones,
                                            actions: &actions)
            }
            perform()
        }
    }

    private func upstreamDidEnd(_ connection: SocketConnection, _ end: ConnectionEnd) {
        let slot = -1 - connection.tag
        guard let state = upstreams[slot] else { return }
        state.timer.cancel()
        // Refused, reset, closed or garbled while the worker holds it: the
        // worker decides (an idle one leaves the cache; a busy one fails its attempt).
        if state.isOpenAtWorker { upstreamClosedByPeer(state) }
        releaseUpstreamSlotIfDone(Int32(slot))
    }

    /// An upstream slot is reused once its socket is closed and the worker has forgotten it.
    func releaseUpstreamSlotIfDone(_ slot: Int32) {
        guard let state = upstreams[Int(slot)], state.connection.isClosed, !state.isOpenAtWorker else { return }
        upstreams[Int(slot)] = nil
        freeUpstreamSlots.append(slot)
    }

    private func upstreamClosedByPeer(_ state: ProxyUpstreamConnection) {
        let now = loop.now
        zones.state.withLock { zones in
            _ = worker.upstreamClosedByPeer(state.handle, now: now, zones: &zones, actions: &actions)
        }
        perform()
    }
}
