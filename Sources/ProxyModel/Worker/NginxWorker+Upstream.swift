/// The upstream side of a worker: choosing a server, taking a cached
/// connection or opening one, reading the response, and giving the
/// connection back to the keepalive cache or closing it
/// (ngx_http_upstream_connect, ngx_http_upstream_get_keepalive_peer,
/// ngx_http_upstream_free_keepalive_peer).
extension NginxWorker {
    /// Starts the upstream part of the request on client connection `handle`.
    @inlinable
    mutating func startUpstream(_ handle: ClientHandle, _ request: ProxiedRequest, now: Instant,
                                zones: inout SharedUpstreamZones, actions: inout NginxWorkerActions) {
        let h = Int(handle.rawValue)
        let location = request.location
        let u = Int(plan.upstreamOfLocation[location])
        clients[h].location = Int32(location)
        let key = plan.balancingKeys[u].key(of: request)
        if plan.zoned[u] {
            zones.balancers[u].beginRequest(reusing: &peerStates[h], key: key)
        } else {
            balancers[u].beginRequest(reusing: &peerStates[h], key: key)
        }
        // Not `NextUpstreamState(…, balancer:)`: that copies the balancer.
        let policy = plan.retryPolicies[location]
        clients[h].retry = NextUpstreamState(
            policy: policy, method: request.method, startedAt: now, balancerTries: balancers[u].initialTries,
            isSingleServer: balancers[u].isSingleServer,
            requestBodyStreamed: policy.streamsRequestBody(hasBody: request.bodyStillArriving, bodyFullyReceived: !request.bodyStillArriving))
        attempt(handle, now: now, zones: &zones, actions: &actions)
    }

    /// One attempt: select a server, then reuse a cached connection or open one.
    @inlinable
    mutating func attempt(_ handle: ClientHandle, now: Instant, zones: inout SharedUpstreamZones,
                          actions: inout NginxWorkerActions) {
        let h = Int(handle.rawValue)
        let location = Int(clients[h].location)
        let u = Int(plan.upstreamOfLocation[location])
        let selected = plan.zoned[u] ? zones.balancers[u].select(now: now, request: &peerStates[h])
                                     : balancers[u].select(now: now, request: &peerStates[h])
        guard let server = selected else {
            clients[h].server = -1
            decide(handle, .noLiveUpstreams, cause: .noLiveUpstreams, now: now, zones: &zones, actions: &actions)
            return
        }
        clients[h].server = Int32(server)
        let clientID = clients[h].driverID
        let address = plan.addressKeys[u][server]
        if caches[u] != nil, let cached = caches[u]!.take(address: address, location: Int32(location)) {
            let c = Int(cached.rawValue)
            slots.move(from: .idleUpstream, to: .activeUpstream)
            rearmCacheTimer(upstream: u, actions: &actions)
            upstreams[c].phase = .active
            upstreams[c].client = Int32(h)
            upstreams[c].location = Int32(location)
            upstreams[c].requests += 1
            upstreams[c].cached = true
            clients[h].upstream = Int32(c)
            send(c, now: now, actions: &actions)
            return
        }
        // A new connection needs a worker_connections slot.
        guard slots.acquire(.activeUpstream) else {
            decide(handle, .noWorkerConnectionSlot, cause: .noWorkerConnectionSlot, now: now, zones: &zones, actions: &actions)
            return
        }
        let state = UpstreamConnectionState(upstream: Int32(u), server: Int32(server), location: Int32(location),
                                            openedAt: now, client: Int32(h))
        let (slot, isNew) = upstreamSlots.allocate()
        let c = Int(slot)
        if isNew { upstreams.append(state) } else { upstreams[c] = state }
        let deadline = now.addingSaturating(plan.connectTimeout[location])
        upstreams[c].deadline = deadline
        clients[h].upstream = Int32(c)
        actions.append(.connect(UpstreamHandle(Int32(c)), client: clientID, upstream: Int32(u), server: Int32(server),
                                timeoutAt: deadline))
    }

    /// The connection the worker asked for is established: write the request.
    @inlinable
    public mutating func upstreamConnected(_ handle: UpstreamHandle, now: Instant, actions: inout NginxWorkerActions) {
        let c = Int(handle.rawValue)
        guard upstreams[c].phase == .connecting else { return }
        upstreams[c].phase = .active
        send(c, now: now, actions: &actions)
    }

    /// nginx writes the request on connection `c` and arms `proxy_read_timeout`.
    @inlinable
    mutating func send(_ c: Int, now: Instant, actions: inout NginxWorkerActions) {
        let deadline = now.addingSaturating(plan.readTimeout[Int(upstreams[c].location)])
        // ngx_http_proxy_create_request writes the version and Connection header the location says.
        upstreams[c].deadline = deadline
        let location = Int(upstreams[c].location)
        actions.append(.send(upstream: upstreams[c].driverID, client: clients[Int(upstreams[c].client)].driverID,
                             cached: upstreams[c].cached, asksToClose: plan.asksBackendToClose[location], timerAt: deadline))
    }

    /// A response header arrived on connection `handle` (the whole response:
    /// with buffering, the connection is released when the body is read).
    /// Passes it through, or retries on an http_XXX condition; releases the
    /// connection to the cache or closes it. Returns false when the
    /// connection is not waiting for a response (nothing was done).
    @inlinable @discardableResult
    public mutating func responseReceived(
        _ handle: UpstreamHandle, status: Int, end: UpstreamResponseEnd, now: Instant,
        zones: inout SharedUpstreamZones, actions: inout NginxWorkerActions
    ) -> Bool {
        let c = Int(handle.rawValue)
        guard upstreams[c].phase == .active else { return false }
        actions.append(.cancelUpstreamTimer(upstream: upstreams[c].driverID))
        let h = Int(upstreams[c].client)
        let u = Int(upstreams[c].upstream)
        let server = Int(upstreams[c].server)
        let decision = clients[h].retry!.handle(.responseHeader(status: status), now: now)
        switch decision {
        case .passResponseThrough where plan.releaseAfterSendingToClient[Int(upstreams[c].location)]:
            upstreams[c].phase = .relaying
            upstreams[c].relayedStatus = Int16(clamping: status)
            upstreams[c].relayedEnd = end
            upstreams[c].peerClosed = false
            actions.append(.relay(upstream: upstreams[c].driverID, client: clients[h].driverID))
        case .passResponseThrough:
            releaseServer(u, server, .notFailed, now: now, zones: &zones)
            releaseUpstreamConnection(c, end: end, failed: false, now: now, actions: &actions)
            respond(ClientHandle(Int32(h)), status: status, cause: nil, now: now, actions: &actions)
        case .retry(let outcome):
            releaseServer(u, server, outcome, now: now, zones: &zones)
            actions.append(.attemptFailed(client: clients[h].driverID, upstream: upstreams[c].driverID,
                                          cause: .upstreamErrorStatus, retried: true))
            releaseUpstreamConnection(c, end: end, failed: true, now: now, actions: &actions)
            actions.append(.retry(client: clients[h].driverID))
            attempt(ClientHandle(Int32(h)), now: now, zones: &zones, actions: &actions)
        case .respond(let clientStatus, let outcome):
            if let outcome { releaseServer(u, server, outcome, now: now, zones: &zones) }
            actions.append(.attemptFailed(client: clients[h].driverID, upstream: upstreams[c].driverID,
                                          cause: .upstreamErrorStatus, retried: false))
            releaseUpstreamConnection(c, end: end, failed: outcome == .failed, now: now, actions: &actions)
            respond(ClientHandle(Int32(h)), status: clientStatus, cause: .upstreamErrorStatus, now: now, actions: &actions)
        }
        return true
    }

    /// The last byte of a relayed response (`proxy_buffering off`) left
    /// nginx: the request is finalized, the server and the connection are
    /// released, the client's keepalive decision applies.
    @inlinable
    public mutating func responseRelayed(_ handle: UpstreamHandle, now: Instant, zones: inout SharedUpstreamZones,
                                         actions: inout NginxWorkerActions) {
        let c = Int(handle.rawValue)
        guard upstreams[c].phase == .relaying else { return }
        let h = Int(upstreams[c].client)
        releaseServer(Int(upstreams[c].upstream), Int(upstreams[c].server), .notFailed, now: now, zones: &zones)
        releaseUpstreamConnection(c, end: upstreams[c].relayedEnd, failed: false, backendClosed: upstreams[c].peerClosed,
                                  now: now, actions: &actions)
        respond(ClientHandle(Int32(h)), status: Int(upstreams[c].relayedStatus), cause: nil, now: now, actions: &actions)
    }

    /// `peer.free` -> ngx_http_upstream_free_keepalive_peer: cache the
    /// connection or close it.
    @inlinable
    mutating func releaseUpstreamConnection(_ c: Int, end response: UpstreamResponseEnd, failed: Bool, backendClosed: Bool = false,
                                            now: Instant, actions: inout NginxWorkerActions) {
        let u = Int(upstreams[c].upstream)
        upstreams[c].client = -1
        guard caches[u] != nil else {
            // No cache: closed after every request; a response marked close says so first.
            let reason = failed ? UpstreamCloseReason.withoutReuse(attemptFailed: true)
                                : response.closeReason ?? .withoutReuse(attemptFailed: false)
            closeUpstream(c, reason: reason, actions: &actions)
            return
        }
        let end = UpstreamAttemptEnd(
            requestsServed: Int(upstreams[c].requests), openedAt: upstreams[c].openedAt, response: response,
            attemptFailed: failed,
            // With the body's length known, nginx stops reading at its last
            // byte and never sees a FIN that follows it before the release:
            // the close handler finds it on the next loop pass instead. A
            // FIN that arrived while relaying was seen.
            backendClosed: backendClosed)
        let address = plan.addressKeys[u][Int(upstreams[c].server)]
        switch caches[u]!.release(UpstreamConnectionID(Int32(c)), address: address, location: upstreams[c].location,
                                  end: end, now: now) {
        case .stored(let evicted):
            // The evicted connection leaves the cache before the new one
            // enters it, so the idle count never exceeds the pool.
            if let evicted { closeUpstream(Int(evicted.rawValue), reason: .cacheEviction, actions: &actions) }
            upstreams[c].phase = .idle
            slots.move(from: .activeUpstream, to: .idleUpstream)
            actions.append(.storedIdle(upstream: upstreams[c].driverID))
            rearmCacheTimer(upstream: u, actions: &actions)
        case .closed(let reason):
            closeUpstream(c, reason: reason, actions: &actions)
        }
    }

    /// Asks for the cache's idle timer at its earliest idle deadline.
    @inlinable
    mutating func rearmCacheTimer(upstream u: Int, actions: inout NginxWorkerActions) {
        guard let cache = caches[u] else { return }
        let deadline = cache.nextIdleDeadline
        actions.append(deadline == .distantFuture ? .cancelCacheTimer(upstream: Int32(u)) : .armCacheTimer(upstream: Int32(u), at: deadline))
    }

    /// The cache's idle timer fired: idle connections past upstream
    /// `keepalive_timeout` are closed by nginx.
    @inlinable
    public mutating func cacheTimerFired(upstream u: Int, now: Instant, actions: inout NginxWorkerActions) {
        while let expired = caches[u]?.removeExpired(now: now) {
            closeUpstream(Int(expired.rawValue), reason: .proxyIdleTimeout, actions: &actions)
        }
        rearmCacheTimer(upstream: u, actions: &actions)
    }

    /// nginx closes its end of connection `c` (idle ones have left the cache).
    @inlinable
    mutating func closeUpstream(_ c: Int, reason: UpstreamCloseReason, actions: inout NginxWorkerActions) {
        let wasIdle: Bool
        switch upstreams[c].phase {
        case .active, .connecting, .relaying:
            slots.release(.activeUpstream)
            wasIdle = false
        case .idle:
            slots.release(.idleUpstream)
            wasIdle = true
        case .closed:
            return
        }
        actions.append(.closeUpstream(upstream: upstreams[c].driverID, reason: reason, wasIdle: wasIdle))
        upstreams[c].phase = .closed
        upstreams[c].client = -1
        upstreamSlots.release(Int32(c))
    }

    /// Releases a server to its balancer (the shared one under `zone`).
    @inlinable
    mutating func releaseServer(_ u: Int, _ server: Int, _ outcome: PeerReleaseOutcome, now: Instant,
                                zones: inout SharedUpstreamZones) {
        if plan.zoned[u] {
            zones.balancers[u].release(server: server, outcome: outcome, now: now)
        } else {
            balancers[u].release(server: server, outcome: outcome, now: now)
        }
    }
}
