import ProxyModel

/// The simulator as the driver of its nginx workers (`NginxWorker`, in
/// ProxyModel): network events become the workers' inputs, and the workers'
/// actions become events on the virtual clock — packets on the links, kernel
/// facts (ports, TIME_WAIT), CPU time, and the measurements. No nginx rule is
/// decided here.
///
/// Every input is followed by `perform`, which carries out the actions in the
/// order the worker gave them. A `connect` that fails at once (no local port)
/// feeds the worker again while its actions are carried out; the worker makes
/// `connect` the last action of its call, so this keeps nginx's order.
extension World {
    /// The worker handling events of client connection `c` (chosen at accept).
    @inline(__always) func workerOf(clientConnection c: Int32) -> Int { Int(clientConnections[Int(c)].worker) }

    // MARK: Inputs

    /// A client connection's handshake completed at nginx: a worker accepts it.
    mutating func onClientConnectionArrives(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard clientConnections[i].generation == event.generation, clientConnections[i].state == .connecting else { return }
        let w = clientConnections[i].worker >= 0 ? Int(clientConnections[i].worker) : chooseWorker(now: now)
        clientConnections[i].worker = Int32(w)
        let outcome = proxy.workers[w].clientConnectionAccepted(driverID: c, http2: clientConnections[i].isHTTP2, now: now,
                                                                actions: &proxy.actions)
        if case .accepted(let handle, let freeBefore) = outcome {
            clientConnections[i].proxyHandle = handle.rawValue
            proxy.assignment.recordAccept(worker: w, freeSlotsBefore: freeBefore)
            proxy.stats[w].clientConnectionsAccepted += metrics.measuring ? 1 : 0
            clientConnections[i].state = .idle  // until its request is read, right after
            clientConnections[i].idleSince = now
            if clientConnections[i].synsDropped > 0 { resendAfterRetransmittedSYN(c, now: now, kernel: &kernel) }
        }
        perform(worker: w, now: now, kernel: &kernel)
        proxy.status[w].freeSlots = proxy.workers[w].budget.free
        // HTTP/2: the requests that waited for the handshake follow it as streams.
        if clientConnections[i].isHTTP2, clientConnections[i].proxyHandle >= 0 {
            sendWaitingStreams(c, afterHandshake: true, now: now, kernel: &kernel)
        }
    }

    /// The worker a new connection lands on (nginx-semantics.md section 6).
    mutating func chooseWorker(now: Instant) -> Int {
        for w in proxy.workers.indices {
            proxy.status[w].freeSlots = proxy.workers[w].budget.free
            proxy.status[w].idleSince = workersHaveCosts ? (proxy.stats[w].busyUntil <= now ? proxy.stats[w].idleSince : nil) : .zero
        }
        let draw = acceptRandom.next()
        return proxy.assignment.chooseWorker(now: now, workers: proxy.status, randomDraw: draw) ?? 0
    }

    /// A request's bytes reach nginx.
    mutating func onRequestArrivesAtProxy(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let r = Int(event.id)
        guard requests[r].generation == event.generation else { return }
        let c = requests[r].clientConnection
        let ci = Int(c)
        if clientConnections[ci].h2Connection >= 0 {
            onStreamArrivesAtProxy(Int32(r), now: now, kernel: &kernel)
            return
        }
        // nginx already closed this connection (its FIN is on the way): the
        // request meets a closed socket; the client resends when the FIN lands.
        let handle = clientConnections[ci].proxyHandle
        guard handle >= 0, clientConnections[ci].state != .closed else { return }
        let w = Int(clientConnections[ci].worker)
        let request = proxiedRequest(Int32(r))
        // false: the worker had already closed it; it asks nothing then.
        guard proxy.workers[w].requestReceived(ClientHandle(handle), request, now: now, zones: &proxy.zones,
                                               actions: &proxy.actions) else { return }
        clientConnections[ci].state = .busy
        if metrics.measuring { proxy.stats[w].requests += 1 }
        metrics.proxyInFlight.increment(at: now)
        observe(now, .requestAtProxy, request: Int32(r), clientConnection: c, worker: Int32(w))
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// What nginx reads of request `r`'s head.
    func proxiedRequest(_ r: Int32) -> ProxiedRequest {
        let ri = Int(r)
        let client = Int(requests[ri].client)
        return ProxiedRequest(method: requests[ri].method, location: Int(requests[ri].location),
                              connectionHeader: tables.clientsClose ? .close : .absent,
                              clientAddress: clients[client].address, clientAddressKey: clients[client].addressKey,
                              uriKey: requests[ri].uriKey,
                              // A body that takes time on the client link was not pre-read with the head.
                              bodyStillArriving: tables.clientLink.transferTime(bytes: requests[ri].requestBytes) > .zero)
    }

    /// nginx's client keepalive timer.
    mutating func onClientIdleTimeout(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let ci = Int(event.id)
        guard clientConnections[ci].generation == event.generation, clientConnections[ci].proxyHandle >= 0 else { return }
        let w = Int(clientConnections[ci].worker)
        proxy.workers[w].clientTimerFired(ClientHandle(clientConnections[ci].proxyHandle), now: now, actions: &proxy.actions)
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// The upstream connection's handshake completed at nginx.
    mutating func onUpstreamConnected(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard let (w, handle) = nginxEnd(of: event) else { return }
        proxy.workers[w].upstreamConnected(handle, now: now, actions: &proxy.actions)
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// The worker and its handle for the upstream connection an event is
    /// about, while nginx has its end open (nil: a stale event, or nginx closed it).
    @inline(__always)
    func nginxEnd(of event: WorldEvent) -> (worker: Int, handle: UpstreamHandle)? {
        let i = Int(event.id)
        guard upstreamConnections[i].generation == event.generation, upstreamConnections[i].proxyHandle >= 0 else { return nil }
        return (Int(upstreamConnections[i].worker), UpstreamHandle(upstreamConnections[i].proxyHandle))
    }

    /// The response reaches nginx.
    mutating func onResponseArrivesAtProxy(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard let (w, handle) = nginxEnd(of: event) else { return }
        let i = Int(event.id)
        let r = upstreamConnections[i].request
        let handled = proxy.workers[w].responseReceived(
            handle, status: Int(upstreamConnections[i].responseStatus), end: upstreamConnections[i].responseEnd,
            now: now, zones: &proxy.zones, actions: &proxy.actions)
        if handled { observe(now, .responseAtProxy, request: r, upstreamConnection: event.id) }
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// `proxy_buffering off`: the last byte of a response left nginx for the client.
    mutating func onUpstreamResponseRelayed(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard let (w, handle) = nginxEnd(of: event) else { return }
        proxy.workers[w].responseRelayed(handle, now: now, zones: &proxy.zones, actions: &proxy.actions)
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// The backend's FIN or RST reaches nginx.
    mutating func onBackendCloseArrivesAtProxy(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard upstreamConnections[Int(event.id)].generation == event.generation else { return }
        guard let (w, handle) = nginxEnd(of: event) else {
            upstreamConnectionFinished(event.id, now: now)
            return
        }
        proxy.workers[w].upstreamClosedByPeer(handle, now: now, zones: &proxy.zones, actions: &proxy.actions)
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// The connect or read timer of an upstream connection.
    mutating func onUpstreamResponseTimeout(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard let (w, handle) = nginxEnd(of: event) else { return }
        proxy.workers[w].upstreamTimerFired(handle, now: now, zones: &proxy.zones, actions: &proxy.actions)
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// A worker's keepalive cache idle timer.
    mutating func onUpstreamCacheIdleTimeout(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let (w, u) = proxy.workerAndUpstream(ofCacheTimer: Int(event.id))
        proxy.workers[w].cacheTimerFired(upstream: u, now: now, actions: &proxy.actions)
        perform(worker: w, now: now, kernel: &kernel)
    }

    // MARK: Actions

    /// Carries out worker `w`'s actions in order, then empties the buffer.
    mutating func perform(worker w: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        var index = 0
        while index < proxy.actions.count {
            let action = proxy.actions[index]
            index += 1
            switch action {
            case .rejectClient(let c):
                // Its request will fail at the client with a reset: nginx's doing.
                metrics.audit.sentToClients.add(0)
                metrics.audit.generatedResponses.add(0)
                closeClientConnectionAtProxy(c, cause: .noWorkerSlot, charge: false, now: now, kernel: &kernel)
            case .respond(let c, let status, let closeReason, let cause, let timerAt):
                respondToClient(c, status: status, closeReason: closeReason, cause: cause, worker: w, now: now, kernel: &kernel)
                // A stream's answer arms nothing (`timerAt` distant): its connection's timer is nginx's own action.
                if closeReason == nil, timerAt < .distantFuture { armClientTimer(c, at: timerAt, kernel: &kernel) }
            case .armClientTimer(let c, let deadline):
                armClientTimer(c, at: deadline, kernel: &kernel)
            case .cancelClientTimer(let c):
                kernel.cancel(clientConnections[Int(c)].idleTimer)
            case .closeClient(let c, let reason):
                closeClientConnectionAtProxy(c, cause: reason, charge: true, now: now, kernel: &kernel)
            case .connect(let handle, let c, let u, let server, let timeoutAt):
                if metrics.measuring { metrics.upstreamAttempts += 1 }
                connectUpstream(handle, client: c, worker: w, upstream: Int(u), server: Int(server), timeoutAt: timeoutAt,
                                now: now, kernel: &kernel)
            case .send(let uc, let c, let cached, let asksToClose, let deadline):
                if cached, metrics.measuring { metrics.upstreamAttempts += 1 }
                upstreamConnections[Int(uc)].requestAsksClose = asksToClose
                sendUpstream(uc, client: c, cached: cached, worker: w, now: now, kernel: &kernel)
                let i = Int(uc)
                kernel.arm(upstreamConnections[i].responseTimer, at: deadline,
                           event: WorldEvent(.upstreamResponseTimeout, uc, generation: upstreamConnections[i].generation))
            case .cancelUpstreamTimer(let uc):
                kernel.cancel(upstreamConnections[Int(uc)].responseTimer)
            case .relay(let uc, let c):
                let r = clientConnections[Int(c)].request
                requests[Int(r)].relayed = true
                kernel.schedule(WorldEvent(.upstreamResponseRelayed, uc, generation: upstreamConnections[Int(uc)].generation),
                                at: now + extraRelayTime(r))
            case .storedIdle(let uc):
                let u = Int(upstreamConnections[Int(uc)].upstream)
                metrics.audit.largestCacheIdleCount = max(metrics.audit.largestCacheIdleCount, proxy.workers[w].idleCount(upstream: u))
                metrics.upstreamIdle.increment(at: now)
                proxy.stats[w].idleUpstream.increment(at: now)
                observe(now, .upstreamIdle, request: -1, upstreamConnection: uc)
            case .closeUpstream(let uc, let reason, let wasIdle):
                closeUpstreamAtProxy(uc, reason: reason, wasIdle: wasIdle, now: now, kernel: &kernel)
            case .armCacheTimer(let u, let deadline):
                let timer = proxy.cacheTimerIndex(worker: w, upstream: Int(u))
                kernel.arm(proxy.cacheTimers[timer], at: deadline, event: WorldEvent(.upstreamCacheIdleTimeout, Int32(timer)))
            case .cancelCacheTimer(let u):
                kernel.cancel(proxy.cacheTimers[proxy.cacheTimerIndex(worker: w, upstream: Int(u))])
            case .attemptFailed(let c, let uc, let cause, let retried):
                attemptFailed(client: c, upstream: uc, cause: cause, retried: retried, now: now)
            case .retry(let c):
                markRetried(client: c, now: now)
            }
        }
        proxy.actions.removeAll()
    }

    /// nginx sends the response to the client; with `closeReason`, its FIN
    /// follows on the same path.
    mutating func respondToClient(_ c: Int32, status: Int16, closeReason: ClientCloseCause?, cause: NginxErrorCause?,
                                  worker w: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let ci = Int(c)
        let r = clientConnections[ci].request
        let ri = Int(r)
        requests[ri].status = status
        metrics.audit.sentToClients.add(Int(status))
        if let cause {
            // nginx's own answer (its error page), whatever the backend said.
            metrics.audit.generatedResponses.add(Int(status))
            if requests[ri].measured { metrics.errorCauses[cause.rawValue] += 1 }
        } else {
            metrics.audit.relayedResponses.add(Int(status))
        }
        metrics.proxyInFlight.decrement(at: now)
        // A backend's response reaches the client after its bytes crossed the
        // client link (already spent when it was relayed before the release).
        let relay = cause == nil && !requests[ri].relayed ? extraRelayTime(r) : .zero
        let arrival = now + relay + delay(tables.clientLink)
        kernel.schedule(WorldEvent(.responseArrivesAtClient, r, generation: requests[ri].generation), at: arrival)
        if let closeReason {
            requests[ri].clientKeepsAlive = false
            clientConnections[ci].proxyHandle = -1
            clientConnections[ci].closingAt = now
            countClientClose(closeReason)
            chargeWorker(w, model.proxyCosts.close)
        } else {
            requests[ri].clientKeepsAlive = true
            clientConnections[ci].state = .idle
            clientConnections[ci].idleSince = now
        }
    }

    /// nginx closes an idle (or just-accepted) client connection; the client
    /// learns when the FIN arrives. A connection rejected at accept still
    /// carries its first request: the client learns of the close and sends
    /// it again.
    mutating func closeClientConnectionAtProxy(_ c: Int32, cause: ClientCloseCause, charge: Bool, now: Instant,
                                               kernel: inout SimulationKernel<WorldEvent>) {
        let ci = Int(c)
        if charge { chargeWorker(Int(clientConnections[ci].worker), model.proxyCosts.close) }
        clientConnections[ci].proxyHandle = -1
        kernel.cancel(clientConnections[ci].idleTimer)
        clientConnections[ci].closingAt = now
        countClientClose(cause)
        kernel.schedule(WorldEvent(.proxyCloseArrivesAtClient, c, generation: clientConnections[ci].generation),
                        at: now + delay(tables.clientLink))
    }

    mutating func countClientClose(_ cause: ClientCloseCause) {
        if metrics.measuring { metrics.clientClosedByCause[cause.rawValue] += 1 }
    }

    /// The client connection's `keepalive_timeout` timer.
    @inline(__always)
    mutating func armClientTimer(_ c: Int32, at deadline: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let ci = Int(c)
        kernel.arm(clientConnections[ci].idleTimer, at: deadline,
                   event: WorldEvent(.clientIdleTimeout, c, generation: clientConnections[ci].generation))
    }

    /// An attempt failed: stale-connection failures are counted and logged.
    /// (One for want of a slot never reached `connect`: it counts as an attempt here.)
    mutating func attemptFailed(client c: Int32, upstream uc: Int32, cause: NginxErrorCause, retried: Bool, now: Instant) {
        if cause == .noWorkerConnectionSlot, metrics.measuring { metrics.upstreamAttempts += 1 }
        guard cause.isStaleConnection else { return }
        observe(now, .staleFailure, request: clientConnections[Int(c)].request, upstreamConnection: uc)
        if metrics.measuring {
            let b = Int(upstreamConnections[Int(uc)].backend)
            if retried {
                metrics.staleRetried += 1
                backends[b].staleRetried += 1
            } else {
                metrics.staleSurfaced += 1
                backends[b].staleSurfaced += 1
            }
        }
    }

    /// nginx passes a request to another attempt (counted once per request).
    mutating func markRetried(client c: Int32, now: Instant) {
        let r = clientConnections[Int(c)].request
        let ri = Int(r)
        if !requests[ri].retried, requests[ri].measured { metrics.retried += 1 }
        requests[ri].retried = true
        observe(now, .retry, request: r, clientConnection: c)
    }
}
