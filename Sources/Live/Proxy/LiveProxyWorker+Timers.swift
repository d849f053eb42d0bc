import ProxyModel

/// The worker's deadlines on the loop's timers (`LazyLoopTimer`): a timer
/// that fires before its connection's current deadline re-arms itself; one
/// that is due feeds the worker, which checks the deadline again itself.
/// Four callbacks of one shape on purpose: a generic one over key paths
/// (tried) cost the proxy a fifth of its requests per second (`bench live`).
extension LiveProxyWorker {
    /// keepalive_timeout (and keepalive_min_timeout) of a client connection.
    func armClientTimer(_ state: ProxyClientConnection, at deadline: Instant) {
        state.timer.arm(at: deadline, on: loop) { [unowned self, state] in
            guard state.isOpenAtWorker else { return }
            let now = loop.now
            guard state.timer.loopTimerFired(now: now) else {
                armClientTimer(state, at: state.timer.deadline)
                return
            }
            worker.clientTimerFired(state.handle, now: now, actions: &actions)
            perform()
        }
    }

    /// client_header_timeout: no request head since the accept.
    func armHeaderTimer(_ state: ProxyClientConnection, at deadline: Instant) {
        state.headerTimer.arm(at: deadline, on: loop) { [unowned self, state] in
            guard state.isOpenAtWorker, state.inFlight == nil, state.reading == nil else { return }
            let now = loop.now
            guard state.headerTimer.loopTimerFired(now: now) else {
                armHeaderTimer(state, at: state.headerTimer.deadline)
                return
            }
            counters.headerTimeouts += 1
            endAtWorker(state)
            state.connection.close()
            releaseClientSlotIfDone(Int32(state.connection.tag))
        }
    }

    /// proxy_connect_timeout, then proxy_read_timeout, of an upstream connection.
    func armUpstreamTimer(_ state: ProxyUpstreamConnection, at deadline: Instant) {
        state.timer.arm(at: deadline, on: loop) { [unowned self, state] in
            guard state.isOpenAtWorker else { return }
            let now = loop.now
            guard state.timer.loopTimerFired(now: now) else {
                armUpstreamTimer(state, at: state.timer.deadline)
                return
            }
            zones.state.withLock { zones in
                worker.upstreamTimerFired(state.handle, now: now, zones: &zones, actions: &actions)
            }
            perform()
        }
    }

    /// An upstream block's keepalive cache idle timer (keepalive_timeout in `upstream`).
    func armCacheTimer(upstream u: Int, at deadline: Instant) {
        cacheTimers[u].arm(at: deadline, on: loop) { [unowned self] in
            let now = loop.now
            guard cacheTimers[u].loopTimerFired(now: now) else {
                armCacheTimer(upstream: u, at: cacheTimers[u].deadline)
                return
            }
            worker.cacheTimerFired(upstream: u, now: now, actions: &actions)
            perform()
        }
    }
}
