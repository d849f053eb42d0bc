import ProxyModel

/// The worker's actions as syscalls, in the order the worker gave them (the
/// simulator's `World+ProxyDriver.swift` turns the same actions into events).
extension LiveProxyWorker {
    /// Carries out the actions buffered so far, then the client work they
    /// left (a pipelined request to start, a client close to report). Not
    /// re-entrant: an input fed while actions are carried out (a connect that
    /// fails at once, a relayed response) appends to the same buffer, and
    /// the loop below reaches those actions in turn.
    func perform() {
        guard !isPerforming else { return }
        isPerforming = true
        defer { isPerforming = false }
        repeat {
            var index = 0
            while index < actions.count {
                let action = actions[index]
                index += 1
                carryOut(action)
            }
            actions.removeAll()
            resumeClients()
        } while !actions.isEmpty
    }

    private func carryOut(_ action: NginxWorkerAction) {
        switch action {
        case .rejectClient(let c):
            counters.clientConnectionsRejected += 1
            closeClient(c)
        case .respond(let c, let status, let closeReason, let cause, let timerAt):
            respond(c, status: Int(status), closeReason: closeReason, cause: cause, timerAt: timerAt)
        case .armClientTimer(let c, let deadline):
            if let state = clients[Int(c)] { armClientTimer(state, at: deadline) }
        case .cancelClientTimer(let c):
            clients[Int(c)]?.timer.cancel()
        case .closeClient(let c, let reason):
            counters.clientClosesByCause[reason.rawValue] += 1
            closeClient(c)
        case .connect(let handle, let c, let u, let server, let timeoutAt):
            connect(handle, client: c, upstream: Int(u), server: Int(server), timeoutAt: timeoutAt)
        case .send(let uc, let c, let cached, _, let timerAt):
            send(upstream: uc, client: c, cached: cached, timerAt: timerAt)
        case .cancelUpstreamTimer(let uc):
            upstreams[Int(uc)]?.timer.cancel()
        case .relay(let uc, _):
            // The response is already read in full (it is buffered whole), so
            // its last byte leaves nginx now, as far as the worker can tell.
            guard let state = upstreams[Int(uc)] else { return }
            let now = loop.now
            zones.state.withLock { zones in
                worker.responseRelayed(state.handle, now: now, zones: &zones, actions: &actions)
            }
        case .storedIdle(let uc):
            upstreams[Int(uc)]?.client = -1
            idleUpstream += 1
            counters.peakIdleUpstream = max(counters.peakIdleUpstream, idleUpstream)
        case .closeUpstream(let uc, let reason, let wasIdle):
            counters.upstreamClosesByReason[reason.reportName, default: 0] += 1
            if wasIdle { idleUpstream -= 1 }
            openUpstream -= 1
            guard let state = upstreams[Int(uc)] else { return }
            state.isOpenAtWorker = false
            state.timer.cancel()
            state.connection.close()
            releaseUpstreamSlotIfDone(uc)
        case .armCacheTimer(let u, let deadline):
            armCacheTimer(upstream: Int(u), at: deadline)
        case .cancelCacheTimer(let u):
            cacheTimers[Int(u)].cancel()
        case .attemptFailed(_, _, let cause, let retried):
            if cause == .noWorkerConnectionSlot { counters.upstreamAttempts += 1 }
            if cause.isStaleConnection {
                if retried { counters.staleFailuresRetried += 1 } else { counters.staleFailuresSurfaced += 1 }
            }
        case .retry(let c):
            guard let state = clients[Int(c)], !state.retried else { return }
            state.retried = true
            counters.retriedRequests += 1
        }
    }

    // MARK: Client side

    /// The client gets the backend's response (`cause == nil`) or nginx's own.
    private func respond(_ c: Int32, status: Int, closeReason: ClientCloseCause?, cause: NginxErrorCause?, timerAt: Instant) {
        guard let state = clients[Int(c)] else { return }
        let request = state.inFlight
        let body = cause == nil ? state.response?.body ?? [] : HTTPMessageWriter.errorPage(status: status)
        state.inFlight = nil
        state.response = nil
        state.retried = false
        counters.responsesByStatus[status, default: 0] += 1
        if let cause { counters.errorCauses[cause.rawValue] += 1 }
        state.connection.send {
            HTTPMessageWriter.appendProxiedResponse(
                into: &$0, status: status, body: body, keepAlive: closeReason == nil, headRequest: request?.method == .head,
                clientVersion: request?.httpVersion ?? .http11)
        }
        if let closeReason {
            counters.clientClosesByCause[closeReason.rawValue] += 1
            state.isOpenAtWorker = false
            state.timer.cancel()
            state.connection.closeAfterFlush()
            releaseClientSlotIfDone(c)
        } else {
            armClientTimer(state, at: timerAt)
            if state.peerGone || state.hasQueuedRequest { clientsToResume.append(c) }
        }
    }

    /// nginx closes a client connection (FIN).
    private func closeClient(_ c: Int32) {
        guard let state = clients[Int(c)] else { return }
        state.isOpenAtWorker = false
        state.timer.cancel()
        state.headerTimer.cancel()
        state.connection.close()
        releaseClientSlotIfDone(c)
    }

    /// Work a response left on a client connection: the client already left
    /// (tell the worker now that it is idle), or a pipelined request waits.
    private func resumeClients() {
        guard !clientsToResume.isEmpty else { return }
        let slots = clientsToResume
        clientsToResume.removeAll(keepingCapacity: true)
        for c in slots {
            guard let state = clients[Int(c)], state.isOpenAtWorker, state.inFlight == nil else { continue }
            if state.peerGone {
                if worker.clientConnectionEnded(state.handle, now: loop.now, actions: &actions) { state.isOpenAtWorker = false }
                releaseClientSlotIfDone(c)
            } else if state.hasQueuedRequest {
                start(state.dequeue(), on: state)
            }
        }
    }

    // MARK: Upstream side

    /// A new connection to the chosen server. connect() failing at once is
    /// the worker's `upstreamConnectFailed` (EADDRNOTAVAIL is nginx's "no
    /// local port"; EMFILE and the like end the attempt the same way).
    private func connect(_ handle: UpstreamHandle, client c: Int32, upstream u: Int, server: Int, timeoutAt: Instant) {
        counters.upstreamAttempts += 1
        let connection: SocketConnection
        do {
            connection = try SocketConnection(connectingTo: configuration.servers[u][server], loop: loop, limits: configuration.limits,
                                            linkDelay: configuration.upstreamLinkDelay)
        } catch {
            counters.upstreamConnectFailures += 1
            let now = loop.now
            zones.state.withLock { zones in
                worker.upstreamConnectFailed(handle, .noLocalPort, now: now, zones: &zones, actions: &actions)
            }
            return
        }
        let slot = freeUpstreamSlots.popLast() ?? Int32(upstreams.count)
        if Int(slot) == upstreams.count { upstreams.append(nil) }
        connection.tag = -1 - Int(slot)
        connection.delegate = self
        let state = ProxyUpstreamConnection(connection: connection, handle: handle)
        state.client = c
        upstreams[Int(slot)] = state
        worker.bindUpstream(handle, driverID: slot)
        counters.upstreamConnectionsOpened += 1
        openUpstream += 1
        counters.peakOpenUpstream = max(counters.peakOpenUpstream, openUpstream)
        armUpstreamTimer(state, at: timeoutAt)
    }

    /// Writes the client's request on the connection (ngx_http_proxy_create_request).
    private func send(upstream uc: Int32, client c: Int32, cached: Bool, timerAt: Instant) {
        guard let state = upstreams[Int(uc)], let client = clients[Int(c)], let request = client.inFlight,
              let location = request.location else { return }
        if cached {
            counters.upstreamAttempts += 1
            counters.upstreamReused += 1
            idleUpstream -= 1
        }
        state.client = c
        state.method = request.method
        state.response = nil
        if request.method == .head { state.connection.expectResponseWithoutBody() }
        state.connection.send {
            HTTPMessageWriter.appendProxiedRequest(
                into: &$0, method: request.method, target: request.target,
                version: configuration.upstreamRequestVersion[location], host: configuration.upstreamHost[location],
                connection: configuration.upstreamConnectionHeader[location], forwardedFields: request.forwardedFields,
                body: request.body)
        }
        armUpstreamTimer(state, at: timerAt)
    }
}
