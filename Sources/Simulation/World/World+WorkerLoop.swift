import ProxyModel

/// An nginx worker's event loop when handling events costs CPU time.
///
/// A worker is single-threaded: while it is busy, events that reach it wait.
/// When it gets to them it runs a pass as `ngx_process_events_and_timers`
/// does: first every network event that was ready when the pass began, in
/// arrival order, then the timers that had expired by then. Events arriving
/// during the pass wait for the next one. This order decides, for example,
/// whether a response frees a cached connection before a waiting request
/// looks for one — what makes a small pool thrash under load.
///
/// With all costs zero (the default) none of this runs: events are handled
/// when they arrive, and the kernel's same-instant rule (network before
/// timers) gives the same order.
extension World {
    /// The worker an event concerns.
    @inline(__always)
    func worker(for event: WorldEvent) -> Int {
        switch event.kind {
        case .clientConnectionArrives, .clientIdleTimeout:
            return Int(clientConnections[Int(event.id)].worker)
        case .requestArrivesAtProxy:
            return Int(clientConnections[Int(requests[Int(event.id)].clientConnection)].worker)
        case .responseArrivesAtProxy, .backendCloseArrivesAtProxy, .upstreamResponseTimeout, .upstreamConnected, .upstreamResponseRelayed:
            return Int(upstreamConnections[Int(event.id)].worker)
        case .upstreamCacheIdleTimeout:
            return proxy.workerAndUpstream(ofCacheTimer: Int(event.id)).worker
        default:
            return 0
        }
    }

    /// Queues a worker event if its worker is busy, or handles it at once.
    mutating func enqueueForWorker(_ event: WorldEvent, kernel: inout SimulationKernel<WorldEvent>) {
        let now = kernel.now
        if event.kind == .clientConnectionArrives {
            // The kernel picks the worker when the connection arrives, before
            // the worker's loop gets to the accept.
            let c = Int(event.id)
            guard clientConnections[c].generation == event.generation, !clientConnectGivesUp(event.id, now: now, kernel: &kernel)
            else { return }
            if clientConnections[c].worker < 0 { clientConnections[c].worker = Int32(chooseWorker(now: now)) }
        }
        if event.kind == .requestArrivesAtProxy {
            let r = Int(event.id)
            guard requests[r].generation == event.generation,
                  clientConnections[Int(requests[r].clientConnection)].worker >= 0 else { return }
        }
        let w = worker(for: event)
        guard w >= 0 else { return }
        let h = tables.nginxHost
        if proxy.stats[w].busyUntil <= now && !proxy.stats[w].passScheduled && h < 0 {
            runHandler(event, worker: w, at: now, kernel: &kernel)
            finishStretch(worker: w, kernel: &kernel)
            return
        }
        // The worker is busy (or, on a shared host, asleep until it has a core):
        // a new connection waits in its listener's accept queue, if there is room.
        if event.kind == .clientConnectionArrives, !joinProxyAcceptQueue(event.id, worker: w, now: now, kernel: &kernel) { return }
        switch event.kind {
        case .clientIdleTimeout, .upstreamCacheIdleTimeout, .upstreamResponseTimeout:
            proxy.stats[w].pending.add(event, .timer)
        default:
            proxy.stats[w].pending.add(event, .network(backendClose: event.kind == .backendCloseArrivesAtProxy))
        }
        guard !proxy.stats[w].passScheduled else { return }
        proxy.stats[w].passScheduled = true
        guard h >= 0 else {
            kernel.schedule(WorldEvent(.workerPassEnd, Int32(w)), at: max(now, proxy.stats[w].busyUntil))
            return
        }
        // The event wakes the worker from epoll_wait; it runs once it has a core.
        if let start = requestCore(.nginxWorker(Int32(w)), host: h, continuing: false, now: now) {
            proxy.stats[w].freshTurn = true
            kernel.schedule(WorldEvent(.workerPassEnd, Int32(w)), at: start)
        }
    }

    /// The worker is free: one pass over what waited. On a shared host the
    /// worker holds a core here, and first gives it up if it has nothing to
    /// do, or if its turn is over and others wait for one.
    mutating func onWorkerPassEnd(_ event: WorldEvent, kernel: inout SimulationKernel<WorldEvent>) {
        let w = Int(event.id)
        let h = tables.nginxHost
        proxy.stats[w].passScheduled = false
        if h >= 0 {
            let step = loopStep(hasWork: !proxy.stats[w].pending.isEmpty, freshTurn: proxy.stats[w].freshTurn, host: h)
            proxy.stats[w].freshTurn = false
            switch step {
            case .sleep:
                proxy.stats[w].idleSince = kernel.now
                releaseCore(host: h, now: kernel.now, kernel: &kernel)
                return
            case .yield:
                proxy.stats[w].passScheduled = true
                yieldCore(.nginxWorker(Int32(w)), host: h, now: kernel.now, kernel: &kernel)
                return
            case .runPass:
                break
            }
        }
        proxy.stats[w].pending.takeInOrder(into: &proxy.passEvents)
        for e in proxy.passEvents {
            if e.kind == .clientConnectionArrives { leaveProxyAcceptQueue(worker: w) }
            runHandler(e, worker: w, at: max(kernel.now, proxy.stats[w].busyUntil), kernel: &kernel)
        }
        finishStretch(worker: w, kernel: &kernel)
    }

    /// Handles one event on worker `w` starting at `start`; its effects
    /// happen when the handling is done.
    mutating func runHandler(_ event: WorldEvent, worker w: Int, at start: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        proxy.stats[w].busyUntil = start
        let base = baseCost(of: event.kind)
        proxy.stats[w].busyUntil = start + base
        handleNow(event, at: start + base, kernel: &kernel)
        proxy.stats[w].busyNanoseconds = TimeSpan.saturatingSum(proxy.stats[w].busyNanoseconds, (proxy.stats[w].busyUntil - start).nanoseconds)
    }

    /// After a stretch of work: if the worker is now busy into the future,
    /// come back when it is free (new arrivals queue meanwhile).
    mutating func finishStretch(worker w: Int, kernel: inout SimulationKernel<WorldEvent>) {
        if proxy.stats[w].busyUntil > kernel.now, !proxy.stats[w].passScheduled {
            proxy.stats[w].passScheduled = true
            kernel.schedule(WorldEvent(.workerPassEnd, Int32(w)), at: proxy.stats[w].busyUntil)
        } else if !proxy.stats[w].passScheduled {
            proxy.stats[w].idleSince = kernel.now
            // On a shared host a pass that took no time ends the worker's turn at once.
            if tables.nginxHost >= 0 { releaseCore(host: tables.nginxHost, now: kernel.now, kernel: &kernel) }
        }
    }

    /// CPU charged for handling an event of this kind, before its effects
    /// (connects and closes it causes are charged on top, by `chargeWorker`).
    @inline(__always)
    func baseCost(of kind: WorldEvent.Kind) -> TimeSpan {
        let costs = model.proxyCosts
        switch kind {
        case .clientConnectionArrives: return costs.accept + (model.network.clientToProxy.tls != nil ? costs.tlsHandshake : .zero)
        case .requestArrivesAtProxy: return costs.request
        case .responseArrivesAtProxy: return costs.response
        default: return .zero
        }
    }

    /// Adds CPU time to worker `w`'s current stretch.
    mutating func chargeWorker(_ w: Int, _ cost: TimeSpan) {
        guard workersHaveCosts, cost.nanoseconds > 0 else { return }
        proxy.stats[w].busyUntil = proxy.stats[w].busyUntil + cost
    }
}
