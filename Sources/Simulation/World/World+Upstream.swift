import ProxyModel

/// nginx's upstream side: choosing a server, taking a cached connection or
/// opening one, sending, reading the response, releasing the connection to
/// the cache or closing it, and the retry decisions of ngx_http_upstream_next.
extension World {
    /// Starts the upstream part of request `r` on worker `w`.
    mutating func startUpstream(_ r: Int32, worker w: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let ri = Int(r)
        let location = Int(requests[ri].location)
        let u = tables.upstreamOfLocation[location]
        let b = w * tables.upstreamCount + u
        balancers[b].beginRequest(reusing: &peerStates[ri])
        // Not `NextUpstreamState(…, balancer:)`: passing the balancer by value
        // copies it (retaining its arrays) on every request.
        requests[ri].retry = NextUpstreamState(policy: tables.retryPolicies[location], method: requests[ri].method,
                                               startedAt: now, balancerTries: balancers[b].initialTries,
                                               isSingleServer: balancers[b].isSingleServer)
        attempt(r, worker: w, now: now, kernel: &kernel)
    }

    /// One attempt: select a server, then reuse or connect, then send.
    mutating func attempt(_ r: Int32, worker w: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let ri = Int(r)
        let location = Int(requests[ri].location)
        let u = tables.upstreamOfLocation[location]
        guard let server = balancers[w * tables.upstreamCount + u].select(now: now, request: &peerStates[ri]) else {
            decide(r, .noLiveUpstreams, worker: w, upstream: u, server: -1, now: now, kernel: &kernel)
            return
        }
        requests[ri].server = Int32(server)
        if metrics.measuring { metrics.upstreamAttempts += 1 }
        let address = tables.addressKey[tables.serverIndex(upstream: u, server: server)]
        if caches[w * tables.upstreamCount + u] != nil, let cached = caches[w * tables.upstreamCount + u]!.take(address: address, location: Int32(location)) {
            let ci = Int(cached.rawValue)
            metrics.upstreamIdle.decrement(at: now)
            workers[w].idleUpstream.decrement(at: now)
            workers[w].budget.move(from: .idleUpstream, to: .activeUpstream)
            rearmCacheTimer(worker: w, upstream: u, kernel: &kernel)
            upstreamConnections[ci].proxySide = .active
            upstreamConnections[ci].request = r
            upstreamConnections[ci].location = Int32(location)
            upstreamConnections[ci].requestsServed += 1
            requests[ri].upstreamConnection = cached.rawValue
            requests[ri].attemptOnCachedConnection = true
            if metrics.measuring { metrics.reusedAttempts += 1 }
            observe(now, .upstreamReuse, request: r, upstreamConnection: cached.rawValue)
            sendUpstream(cached.rawValue, after: .zero, now: now, kernel: &kernel)
            return
        }
        // A new connection needs a worker_connections slot and a local port.
        guard workers[w].budget.acquire(.activeUpstream) else {
            decide(r, .noWorkerConnectionSlot, worker: w, upstream: u, server: server, now: now, kernel: &kernel)
            return
        }
        let b = Int(tables.backendOfServer[tables.serverIndex(upstream: u, server: server)])
        if backends[b].proxyPortsOpen + backends[b].proxyTimeWait.count(at: now) >= model.network.ephemeralPorts {
            // connect() fails with EADDRNOTAVAIL: ngx_event_connect_peer
            // declines, which is an FT_ERROR before anything was sent.
            workers[w].budget.release(.activeUpstream)
            metrics.portExhaustionFailures += metrics.measuring ? 1 : 0
            requests[ri].upstreamConnection = -1
            requests[ri].attemptOnCachedConnection = false
            decide(r, .attemptFailed(.error, on: .fresh(requestSent: false)), worker: w, upstream: u, server: server,
                   now: now, kernel: &kernel)
            return
        }
        let c = openUpstreamConnection(worker: w, upstream: u, server: server, backend: b, location: location, now: now, kernel: &kernel)
        upstreamConnections[Int(c)].request = r
        requests[ri].upstreamConnection = c
        requests[ri].attemptOnCachedConnection = false
        chargeWorker(w, model.proxyCosts.connect)
        let link = tables.backendLink
        let handshake = handshakeRoundTrips(link)
        let handshakeTime = link.roundTrip * handshake.roundTrips
        // Totals saturate like every time sum (TimeSpan.saturatingSum): 53k handshakes of a day each would overflow.
        if metrics.measuring { metrics.handshakeNanoseconds = TimeSpan.saturatingSum(metrics.handshakeNanoseconds, handshakeTime.nanoseconds) }
        if handshake.tls {
            let cost = handshake.tlsFull ? tables.backendTLSCPU[b] : TimeSpan(nanoseconds: tables.backendTLSCPU[b].nanoseconds / 10)
            upstreamConnections[Int(c)].setupCPU += cost
        }
        sendUpstream(c, after: handshakeTime, now: now, kernel: &kernel)
    }

    /// A new upstream connection record (nginx side connecting, backend side open).
    mutating func openUpstreamConnection(worker w: Int, upstream u: Int, server: Int, backend b: Int, location: Int,
                                         now: Instant, kernel: inout SimulationKernel<WorldEvent>) -> Int32 {
        let (index, isNew) = upstreamConnectionSlots.allocate()
        if isNew {
            upstreamConnections.append(UpstreamConnectionRecord(backendIdleTimer: kernel.makeTimer(), responseTimer: kernel.makeTimer()))
        }
        let i = Int(index)
        metrics.upstreamConnectionSerials += 1
        var record = upstreamConnections[i]
        record.serial = metrics.upstreamConnectionSerials
        record.worker = Int32(w); record.upstream = Int32(u); record.server = Int32(server); record.backend = Int32(b)
        record.location = Int32(location)
        record.proxySide = .connecting
        record.backendOpen = true
        record.backendBusy = false
        record.openedAt = now
        record.requestsServed = 1
        record.backendRequests = 0
        record.backendClosedAt = .distantFuture
        record.responseEnd = .reusable
        record.backendClosesAfterResponse = false
        record.setupCPU = tables.backendAcceptCPU[b]
        record.responseDeadline = .distantFuture
        upstreamConnections[i] = record
        backends[b].proxyPortsOpen += 1
        let use = Double(backends[b].proxyPortsOpen + backends[b].proxyTimeWait.count(at: now)) / Double(max(1, model.network.ephemeralPorts))
        if metrics.measuring, use > backends[b].peakPortUse { backends[b].peakPortUse = use }
        if metrics.measuring {
            metrics.upstreamOpened += 1
            workers[w].upstreamOpened += 1
        }
        metrics.upstreamOpen.increment(at: now)
        metrics.audit.upstreamOpened += 1
        workers[w].openUpstream.increment(at: now)
        observe(now, .upstreamOpen, request: -1, upstreamConnection: index)
        return index
    }

    /// nginx writes the request on connection `c` (after `handshake` for a
    /// new one) and arms the response timer.
    mutating func sendUpstream(_ c: Int32, after handshake: TimeSpan, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        upstreamConnections[i].proxySide = .active
        let location = Int(upstreamConnections[i].location)
        let sentAt = now + handshake
        let arrival = sentAt + delay(tables.backendLink)
        kernel.schedule(WorldEvent(.requestArrivesAtBackend, c, generation: upstreamConnections[i].generation), at: arrival)
        // proxy_connect_timeout covers the handshake, proxy_read_timeout the wait for the header.
        let deadline = sentAt + tables.readTimeout[location]
        upstreamConnections[i].responseDeadline = deadline
        kernel.arm(upstreamConnections[i].responseTimer, at: deadline,
                   event: WorldEvent(.upstreamResponseTimeout, c, generation: upstreamConnections[i].generation))
    }

    /// The response reaches nginx: pass it through (or retry on an http_XXX
    /// condition), release the connection to the cache or close it.
    mutating func onResponseArrivesAtProxy(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard upstreamConnections[i].generation == event.generation, upstreamConnections[i].proxySide == .active else { return }
        kernel.cancel(upstreamConnections[i].responseTimer)
        let r = upstreamConnections[i].request
        let ri = Int(r)
        let w = Int(upstreamConnections[i].worker)
        let u = Int(upstreamConnections[i].upstream)
        let server = Int(upstreamConnections[i].server)
        observe(now, .responseAtProxy, request: r, upstreamConnection: c)
        let status = Int(upstreamConnections[i].responseStatus)
        let decision = requests[ri].retry!.handle(.responseHeader(status: status), now: now)
        switch decision {
        case .passResponseThrough:
            balancers[w * tables.upstreamCount + u].release(server: server, outcome: .notFailed, now: now)
            releaseUpstreamConnection(c, failed: false, now: now, kernel: &kernel)
            respondToClient(r, status: status, now: now, kernel: &kernel)
        case .retry(let outcome):
            balancers[w * tables.upstreamCount + u].release(server: server, outcome: outcome, now: now)
            releaseUpstreamConnection(c, failed: true, now: now, kernel: &kernel)
            markRetried(r, now: now)
            attempt(r, worker: w, now: now, kernel: &kernel)
        case .respond(let clientStatus, let outcome):
            if let outcome { balancers[w * tables.upstreamCount + u].release(server: server, outcome: outcome, now: now) }
            releaseUpstreamConnection(c, failed: outcome == .failed, now: now, kernel: &kernel)
            respondToClient(r, status: clientStatus, now: now, kernel: &kernel)
        }
    }

    /// `peer.free` -> ngx_http_upstream_free_keepalive_peer: cache the
    /// connection or close it.
    mutating func releaseUpstreamConnection(_ c: Int32, failed: Bool, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        let w = Int(upstreamConnections[i].worker)
        let u = Int(upstreamConnections[i].upstream)
        upstreamConnections[i].request = -1
        guard caches[w * tables.upstreamCount + u] != nil else {
            let reason: UpstreamCloseReason = failed ? .failedAttempt : (upstreamConnections[i].responseEnd.closeReason ?? .reuseInactive)
            closeUpstreamAtProxy(c, reason: reason, now: now, kernel: &kernel)
            return
        }
        let end = UpstreamAttemptEnd(
            requestsServed: Int(upstreamConnections[i].requestsServed), openedAt: upstreamConnections[i].openedAt,
            response: upstreamConnections[i].responseEnd, attemptFailed: failed,
            // With the body's length known, nginx stops reading at its last
            // byte and never sees a FIN that follows it before the release:
            // the close handler finds it on the next loop pass instead.
            backendClosed: false)
        let address = tables.addressKey[tables.serverIndex(upstream: u, server: Int(upstreamConnections[i].server))]
        switch caches[w * tables.upstreamCount + u]!.release(UpstreamConnectionID(c), address: address, location: upstreamConnections[i].location,
                                             end: end, now: now) {
        case .stored(let evicted):
            // The evicted connection leaves the cache before the new one
            // enters it, so the idle count never exceeds the pool.
            if let evicted {
                closeUpstreamAtProxy(evicted.rawValue, reason: .cacheEviction, now: now, kernel: &kernel)
            }
            upstreamConnections[i].proxySide = .idle
            metrics.audit.largestCacheIdleCount = max(metrics.audit.largestCacheIdleCount, caches[w * tables.upstreamCount + u]!.count)
            workers[w].budget.move(from: .activeUpstream, to: .idleUpstream)
            metrics.upstreamIdle.increment(at: now)
            workers[w].idleUpstream.increment(at: now)
            observe(now, .upstreamIdle, request: -1, upstreamConnection: c)
            rearmCacheTimer(worker: w, upstream: u, kernel: &kernel)
        case .closed(let reason):
            closeUpstreamAtProxy(c, reason: reason, now: now, kernel: &kernel)
        }
    }

    /// Arms a worker's cache timer for the cache's earliest idle deadline.
    mutating func rearmCacheTimer(worker w: Int, upstream u: Int, kernel: inout SimulationKernel<WorldEvent>) {
        guard let cache = caches[w * tables.upstreamCount + u] else { return }
        let deadline = cache.nextIdleDeadline
        let timer = cacheTimers[w * tables.upstreamCount + u]
        if deadline == .distantFuture {
            kernel.cancel(timer)
        } else {
            kernel.arm(timer, at: deadline, event: WorldEvent(.upstreamCacheIdleTimeout, Int32(w * tables.upstreamCount + u)))
        }
    }

    /// Idle connections past upstream keepalive_timeout are closed by nginx.
    mutating func onUpstreamCacheIdleTimeout(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let w = Int(event.id) / tables.upstreamCount
        let u = Int(event.id) % tables.upstreamCount
        while let expired = caches[w * tables.upstreamCount + u]?.removeExpired(now: now) {
            closeUpstreamAtProxy(expired.rawValue, reason: .proxyIdleTimeout, now: now, kernel: &kernel)
        }
        rearmCacheTimer(worker: w, upstream: u, kernel: &kernel)
    }

    /// The backend's FIN or RST reaches nginx: an idle cached connection is
    /// removed by its close handler; a busy one fails the attempt — the
    /// stale-connection race (nginx-semantics.md section 2).
    mutating func onBackendCloseArrivesAtProxy(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard upstreamConnections[i].generation == event.generation else { return }
        let w = Int(upstreamConnections[i].worker)
        let u = Int(upstreamConnections[i].upstream)
        switch upstreamConnections[i].proxySide {
        case .idle:
            caches[w * tables.upstreamCount + u]?.remove(UpstreamConnectionID(c))
            rearmCacheTimer(worker: w, upstream: u, kernel: &kernel)
            closeUpstreamAtProxy(c, reason: .backendClosedWhileIdle, now: now, kernel: &kernel)
        case .active, .connecting:
            let r = upstreamConnections[i].request
            guard r >= 0 else {
                closeUpstreamAtProxy(c, reason: .backendClosedAfterResponse, now: now, kernel: &kernel)
                return
            }
            // "upstream prematurely closed connection" / "Connection reset by peer".
            kernel.cancel(upstreamConnections[i].responseTimer)
            let cached = requests[Int(r)].attemptOnCachedConnection
            observe(now, .staleFailure, request: r, upstreamConnection: c)
            let decision = failAttempt(r, connection: c, failure: .error, use: cached ? .cached : .fresh(requestSent: true),
                                       now: now, kernel: &kernel)
            if metrics.measuring {
                if decision.isRetry { metrics.staleRetried += 1 } else { metrics.staleSurfaced += 1 }
            }
        case .closed:
            upstreamConnectionFinished(c, now: now)
        }
    }

    /// proxy_read_timeout (or the connect timeout) expired while waiting for the response.
    mutating func onUpstreamResponseTimeout(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard upstreamConnections[i].generation == event.generation, upstreamConnections[i].proxySide == .active,
              upstreamConnections[i].request >= 0, upstreamConnections[i].responseDeadline <= now
        else { return }
        let r = upstreamConnections[i].request
        let cached = requests[Int(r)].attemptOnCachedConnection
        _ = failAttempt(r, connection: c, failure: .timeout, use: cached ? .cached : .fresh(requestSent: true), now: now, kernel: &kernel)
    }

    /// An attempt failed on connection `c`: ngx_http_upstream_next.
    @discardableResult
    mutating func failAttempt(_ r: Int32, connection c: Int32, failure: UpstreamFailure, use: UpstreamConnectionUse,
                              now: Instant, kernel: inout SimulationKernel<WorldEvent>) -> NextUpstreamDecision {
        let i = Int(c)
        let w = Int(upstreamConnections[i].worker)
        let u = Int(upstreamConnections[i].upstream)
        let server = Int(upstreamConnections[i].server)
        upstreamConnections[i].request = -1
        closeUpstreamAtProxy(c, reason: .failedAttempt, now: now, kernel: &kernel)
        return decide(r, .attemptFailed(failure, on: use), worker: w, upstream: u, server: server, now: now, kernel: &kernel)
    }

    /// Applies the retry machine's decision for request `r`.
    @discardableResult
    mutating func decide(_ r: Int32, _ event: NextUpstreamEvent, worker w: Int, upstream u: Int, server: Int,
                         now: Instant, kernel: inout SimulationKernel<WorldEvent>) -> NextUpstreamDecision {
        let ri = Int(r)
        let decision = requests[ri].retry!.handle(event, now: now)
        if let outcome = decision.releaseOutcome, server >= 0 {
            balancers[w * tables.upstreamCount + u].release(server: server, outcome: outcome, now: now)
        }
        switch decision {
        case .retry:
            markRetried(r, now: now)
            attempt(r, worker: w, now: now, kernel: &kernel)
        case .respond(let status, _):
            respondToClient(r, status: status, now: now, kernel: &kernel)
        case .passResponseThrough:
            break
        }
        return decision
    }

    mutating func markRetried(_ r: Int32, now: Instant) {
        let ri = Int(r)
        if !requests[ri].retried, requests[ri].measured { metrics.retried += 1 }
        requests[ri].retried = true
        observe(now, .retry, request: r, upstreamConnection: requests[ri].upstreamConnection)
    }

    /// nginx closes its end of connection `c`. If the backend's end is still
    /// open, nginx closed first: TIME_WAIT on nginx's host, and the backend
    /// learns one one-way delay later.
    mutating func closeUpstreamAtProxy(_ c: Int32, reason: UpstreamCloseReason, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        let w = Int(upstreamConnections[i].worker)
        let b = Int(upstreamConnections[i].backend)
        // The caller has taken an idle connection out of its cache (evicted,
        // expired, or closed by the backend); its idle bookkeeping ends here.
        switch upstreamConnections[i].proxySide {
        case .active, .connecting:
            workers[w].budget.release(.activeUpstream)
        case .idle:
            workers[w].budget.release(.idleUpstream)
            metrics.upstreamIdle.decrement(at: now)
            workers[w].idleUpstream.decrement(at: now)
        case .closed:
            return
        }
        kernel.cancel(upstreamConnections[i].responseTimer)
        upstreamConnections[i].proxySide = .closed
        chargeWorker(w, model.proxyCosts.close)
        metrics.upstreamOpen.decrement(at: now)
        metrics.audit.upstreamClosedByProxy += 1
        workers[w].openUpstream.decrement(at: now)
        backends[b].proxyPortsOpen -= 1
        // Who closed first: the backend if its close has already reached us.
        let backendFirst = !upstreamConnections[i].backendOpen
        if metrics.measuring {
            metrics.upstreamClosedByReason[Int(reason.rawValue)] += 1
            metrics.upstreamClosedBySide[backendFirst ? CloseSide.backend.rawValue : CloseSide.proxy.rawValue] += 1
        }
        observe(now, .upstreamClose, request: -1, upstreamConnection: c, detail: reason.reportName)
        if backendFirst {
            upstreamConnectionFinished(c, now: now)
        } else {
            backends[b].proxyTimeWait.add(at: now)
            metrics.proxyTimeWait.add(at: now)
            kernel.schedule(WorldEvent(.proxyCloseArrivesAtBackend, c, generation: upstreamConnections[i].generation),
                            at: now + delay(tables.backendLink))
        }
    }

    /// Both ends are closed: the slot can be reused.
    mutating func upstreamConnectionFinished(_ c: Int32, now: Instant) {
        let i = Int(c)
        guard upstreamConnections[i].proxySide == .closed, !upstreamConnections[i].backendOpen else { return }
        upstreamConnections[i].generation &+= 1
        upstreamConnectionSlots.release(c)
    }
}
