import ProxyModel

/// The worker's deadlines on the loop's timers (`LazyLoopTimer`): a timer
/// that fires before its connection's current deadline re-arms itself; one
/// that is due feeds the worker, which checks the deadline again itself.
extension LiveProxyWorker {
    /// keepalive_timeout (and keepalive_min_timeout) of a client connection.
    func armClientTimer(_ state: ProxyClientConnection, at deadline: Instant) {
        armLazily(state, \.timer, at: deadline, while: { state.isOpenAtWorker }) { [unowned self] now in
            worker.clientTimerFired(state.handle, now: now, actions: &actions)
            perform()
        }
    }

    /// client_header_timeout: no request head since the accept.
    func armHeaderTimer(_ state: ProxyClientConnection, at deadline: Instant) {
        armLazily(state, \.headerTimer, at: deadline,
                  while: { state.isOpenAtWorker && state.inFlight == nil && state.reading == nil }) { [unowned self] _ in
            counters.headerTimeouts += 1
            endAtWorker(state)
            state.connection.close()
            releaseClientSlotIfDone(Int32(state.connection.tag))
        }
    }

    /// proxy_connect_timeout, then proxy_read_timeout, of an upstream connection.
    func armUpstreamTimer(_ state: ProxyUpstreamConnection, at deadline: Instant) {
        armLazily(state, \.timer, at: deadline, while: { state.isOpenAtWorker }) { [unowned self] now in
            zones.state.withLock { zones in
                worker.upstreamTimerFired(state.handle, now: now, zones: &zones, actions: &actions)
            }
            perform()
        }
    }

    /// An upstream block's keepalive cache idle timer (keepalive_timeout in `upstream`).
    func armCacheTimer(upstream u: Int, at deadline: Instant) {
        armLazily(self, \.cacheTimers[u], at: deadline, while: { true }) { [unowned self] now in
            worker.cacheTimerFired(upstream: u, now: now, actions: &actions)
            perform()
        }
    }

    /// Arms `owner`'s lazy timer for `deadline`. When the loop timer fires,
    /// nothing happens unless `isLive` still holds; a deadline moved later
    /// meanwhile re-arms; a due one runs `fire` with the loop's time.
    private func armLazily<Owner: AnyObject>(
        _ owner: Owner, _ timer: ReferenceWritableKeyPath<Owner, LazyLoopTimer>, at deadline: Instant,
        while isLive: @escaping () -> Bool, fire: @escaping (Instant) -> Void
    ) {
        owner[keyPath: timer].arm(at: deadline, on: loop) { [unowned self, owner] in
            guard isLive() else { return }
            let now = loop.now
            guard owner[keyPath: timer].loopTimerFired(now: now) else {
                armLazily(owner, timer, at: owner[keyPath: timer].deadline, while: isLive, fire: fire)
                return
            }
            fire(now)
        }
    }
}
