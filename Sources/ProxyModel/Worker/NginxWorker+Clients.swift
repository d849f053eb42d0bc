/// The client side of a worker: accepting connections (ngx_event_accept),
/// reading requests, answering them, client keepalive (ngx_http_set_keepalive)
/// and closing idle connections early under slot pressure (ngx_drain_connections).
extension NginxWorker {
    /// What became of a new client connection.
    public enum AcceptOutcome: Hashable, Sendable {
        /// Accepted: the worker's handle for it, and the free slots it had
        /// before taking one (for `WorkerAssignment.recordAccept`).
        case accepted(ClientHandle, freeSlotsBefore: Int)
        /// No slot: closed at once (`NginxWorkerAction.rejectClient`).
        case rejected
    }

    /// A client connection's handshake completed and this worker accepts it.
    /// Under slot pressure the oldest idle connections are closed first.
    /// `http2`: the client speaks HTTP/2 on it (ALPN `h2`, or the preface on a
    /// plain port): it carries streams (`streamReceived`), never
    /// `requestReceived`; only when nginx offers HTTP/2 (`http2 on`).
    @inlinable
    public mutating func clientConnectionAccepted(driverID: Int32, http2: Bool = false, now: Instant,
                                                  actions: inout NginxWorkerActions) -> AcceptOutcome {
        drainReusableClientConnections(now: now, actions: &actions)
        let freeBefore = slots.free
        guard slots.acquire(.reusableClient) else {
            actions.append(.rejectClient(client: driverID))
            return .rejected
        }
        var state = ClientConnectionState(driverID: driverID, acceptedAt: now)
        if http2, plan.http2 != nil { state.kind = .http2 }
        return .accepted(ClientHandle(allocateClientEntry(state)), freeSlotsBefore: freeBefore)
    }

    /// A client table entry for a connection or a stream.
    @inlinable
    mutating func allocateClientEntry(_ state: ClientConnectionState) -> Int32 {
        let (handle, isNew) = clientSlots.allocate()
        if isNew {
            clients.append(state)
            // Any balancer's state will do: `beginRequest(reusing:)` makes it
            // right (and large enough) for the upstream the request goes to.
            peerStates.append(balancers[0].beginRequest())
        } else {
            clients[Int(handle)] = state
        }
        return handle
    }

    /// A request head was read on client connection `handle`. Takes the client
    /// keepalive decision (ngx_http_handler) and starts the upstream part.
    /// Returns false when the connection is no longer open at the worker (it
    /// closed it; the request met a closed socket) — nothing was done.
    @inlinable @discardableResult
    public mutating func requestReceived(
        _ handle: ClientHandle, _ request: ProxiedRequest, now: Instant, zones: inout SharedUpstreamZones,
        actions: inout NginxWorkerActions
    ) -> Bool {
        let h = Int(handle.rawValue)
        let phase = clients[h].phase
        guard clients[h].kind == .http1, phase == .waiting || phase == .protected else { return false }
        actions.append(.cancelClientTimer(client: clients[h].driverID))
        clients[h].phase = .active
        if phase == .waiting { slots.move(from: .reusableClient, to: .activeClient) }
        clients[h].requests += 1
        let decision = plan.client.decide(
            httpVersion: request.httpVersion, connectionHeader: request.connectionHeader,
            requestNumber: Int(clients[h].requests), connectionOpenedAt: clients[h].acceptedAt, now: now)
        switch decision {
        case .keepAlive: clients[h].closeReason = nil
        case .close(let reason): clients[h].closeReason = ClientCloseCause(reason)
        }
        startUpstream(handle, request, now: now, zones: &zones, actions: &actions)
        return true
    }

    /// nginx answers the client (the backend's response, or its own with
    /// `cause`) and applies the keepalive decision: idle timer or close.
    @inlinable
    mutating func respond(_ handle: ClientHandle, status: Int, cause: NginxErrorCause?, now: Instant,
                          actions: inout NginxWorkerActions) {
        let h = Int(handle.rawValue)
        if clients[h].kind == .stream {
            respondOnStream(h, status: status, cause: cause, now: now, actions: &actions)
            return
        }
        var closeReason = clients[h].closeReason
        // ngx_http_special_response_handler: some of nginx's own statuses end
        // keepalive; a backend's response passes through without it.
        if closeReason == nil, cause != nil,
           plan.client.afterNginxError(status: status, decision: .keepAlive) != .keepAlive {
            closeReason = .errorResponse
        }
        clients[h].retry = nil
        clients[h].upstream = -1
        let driverID = clients[h].driverID
        var timerAt = Instant.distantFuture
        if closeReason == nil {
            clients[h].idleSince = now
            if let protectedUntil = plan.client.protectedUntil(responseFinishedAt: now) {
                // ngx_http_set_keepalive with keepalive_min_timeout: not reusable yet.
                clients[h].phase = .protected
                timerAt = protectedUntil
            } else {
                slots.move(from: .activeClient, to: .reusableClient)
                clients[h].phase = .waiting
                timerAt = plan.client.idleDeadline(responseFinishedAt: now)
            }
        } else {
            slots.release(.activeClient)
            forgetClient(h)
        }
        actions.append(.respond(client: driverID, status: Int16(clamping: status), closeReason: closeReason, cause: cause,
                                timerAt: timerAt))
    }

    /// The client connection's timer fired: close it if it has been idle for
    /// `keepalive_timeout` (a stale or early timer changes nothing).
    /// A connection protected by `keepalive_min_timeout` becomes reusable
    /// when its first timer fires (ngx_http_keepalive_handler), and waits
    /// out the rest of `keepalive_timeout`.
    @inlinable
    public mutating func clientTimerFired(_ handle: ClientHandle, now: Instant, actions: inout NginxWorkerActions) {
        let h = Int(handle.rawValue)
        let deadline = keepalivePolicy(of: h).idleDeadline(responseFinishedAt: clients[h].idleSince)
        switch clients[h].phase {
        case .protected:
            guard let protectedUntil = plan.client.protectedUntil(responseFinishedAt: clients[h].idleSince),
                  protectedUntil <= now else { return }
            if deadline <= now {
                slots.move(from: .activeClient, to: .reusableClient)
                closeIdleClient(h, reason: .idleTimeout, actions: &actions)
                return
            }
            slots.move(from: .activeClient, to: .reusableClient)
            clients[h].phase = .waiting
            actions.append(.armClientTimer(client: clients[h].driverID, at: deadline))
        case .waiting:
            guard deadline <= now else { return }
            closeIdleClient(h, reason: .idleTimeout, actions: &actions)
        case .active, .closed:
            return
        }
    }

    /// The client connection ended without the worker deciding it: the
    /// client closed it (nginx read EOF or a reset: ngx_http_keepalive_handler
    /// reads 0 and calls ngx_http_close_connection), or no request head came
    /// within `client_header_timeout` of the accept (ngx_http_wait_request_handler,
    /// "client timed out"). An idle connection is forgotten and its slot
    /// freed; nginx names no close reason of its own (the report counts
    /// nginx's keepalive decisions). Returns false, doing nothing, while a
    /// request is active on it (the model lets the request finish, as
    /// `proxy_ignore_client_abort on` would; the driver reports the end again
    /// once the worker has answered) or after the worker closed it itself.
    /// Only a live driver has this input: the simulator's clients never
    /// leave a connection nginx still holds.
    public mutating func clientConnectionEnded(_ handle: ClientHandle, now: Instant, actions: inout NginxWorkerActions) -> Bool {
        let h = Int(handle.rawValue)
        switch clients[h].phase {
        case .waiting: slots.release(.reusableClient)
        // keepalive_min_timeout: not yet reusable, still counted as active.
        case .protected: slots.release(.activeClient)
        case .active, .closed: return false
        }
        actions.append(.cancelClientTimer(client: clients[h].driverID))
        forgetClient(h)
        return true
    }

    /// Under slot pressure nginx closes the oldest reusable (idle) client
    /// connections first (ngx_drain_connections; never cached upstream ones).
    @inlinable
    mutating func drainReusableClientConnections(now: Instant, actions: inout NginxWorkerActions) {
        var toClose = slots.reusableConnectionsToDrain
        guard toClose > 0 else { return }
        var candidates: [(since: Instant, driverID: Int32, handle: Int)] = []
        for h in clients.indices where clients[h].phase == .waiting {
            candidates.append((clients[h].idleSince, clients[h].driverID, h))
        }
        candidates.sort { ($0.since, $0.driverID) < ($1.since, $1.driverID) }
        for candidate in candidates where toClose > 0 {
            closeIdleClient(candidate.handle, reason: .idleTimeout, actions: &actions)
            toClose -= 1
        }
    }

    @inlinable
    mutating func closeIdleClient(_ h: Int, reason: ClientCloseCause, actions: inout NginxWorkerActions) {
        slots.release(.reusableClient)
        actions.append(.closeClient(client: clients[h].driverID, reason: reason))
        forgetClient(h)
    }

    @inlinable
    mutating func forgetClient(_ h: Int) {
        clients[h].phase = .closed
        clientSlots.release(Int32(h))
    }
}

/// What the worker needs of a request head.
public struct ProxiedRequest: Hashable, Sendable {
    public var method: HTTPMethod
    /// Index of the matching location.
    public var location: Int
    public var httpVersion: HTTPVersion
    public var connectionHeader: ClientConnectionHeader
    /// The request facts `hash` and `ip_hash` may hash (the worker picks
    /// the one its upstream's method uses): the client's IPv4 address, its
    /// text's hash key (`$remote_addr`), the URI's hash key (`$request_uri`).
    public var clientAddress: UInt32
    public var clientAddressKey: HashKey
    public var uriKey: HashKey
    /// The request has a body that was still arriving when its head was
    /// read (not pre-read with it): with `proxy_request_buffering off` it is
    /// streamed upstream and cannot be sent again (`r->request_body_no_buffering`).
    public var bodyStillArriving: Bool

    @inlinable
    public init(method: HTTPMethod, location: Int, httpVersion: HTTPVersion = .http11,
                connectionHeader: ClientConnectionHeader = .absent, clientAddress: UInt32 = 0,
                clientAddressKey: HashKey = .empty, uriKey: HashKey = .empty, bodyStillArriving: Bool = false) {
        self.method = method; self.location = location; self.httpVersion = httpVersion
        self.connectionHeader = connectionHeader
        self.clientAddress = clientAddress; self.clientAddressKey = clientAddressKey; self.uriKey = uriKey
        self.bodyStillArriving = bodyStillArriving
    }
}
