import ProxyModel

/// The run's phases: the warm-up ends (statistics start), the traffic ends
/// (connection statistics freeze).
extension World {
    /// The warm-up is over: counters start, gauges restart their windows.
    mutating func onWarmupEnds(now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        releaseWorkersDueAtEveryBackend(now: now, kernel: &kernel)
        metrics.measuring = true
        metrics.measuringSince = now
        metrics.upstreamOpen.restartWindow(at: now)
        metrics.upstreamIdle.restartWindow(at: now)
        metrics.clientOpen.restartWindow(at: now)
        metrics.proxyInFlight.restartWindow(at: now)
        for w in proxy.stats.indices {
            proxy.stats[w].openUpstream.restartWindow(at: now)
            proxy.stats[w].idleUpstream.restartWindow(at: now)
            proxy.stats[w].busyNanoseconds = 0
        }
        metrics.proxyTimeWait.resetPeak(at: now)
        metrics.backendTimeWait.resetPeak(at: now)
        for b in backends.indices {
            backends[b].openConnections.restartWindow(at: now)
            backends[b].busy.restartWindow(at: now)
            backends[b].inFlight.restartWindow(at: now)
            backends[b].proxyTimeWait.resetPeak(at: now)
            backends[b].backendTimeWait.resetPeak(at: now)
        }
        for h in hosts.indices { hosts[h].restartWindows(at: now) }
    }

    /// No more requests start: connection statistics freeze as they stand.
    mutating func onTrafficEnds(now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        releaseWorkersDueAtEveryBackend(now: now, kernel: &kernel)
        frozenAtTrafficEnd = statisticsNow
    }

    /// Before gauges are read or restarted: backend workers that came free
    /// before now count as busy only until then (releases are applied lazily,
    /// see `BusyWorkers`).
    mutating func releaseWorkersDueAtEveryBackend(now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        for b in backends.indices { releaseWorkersDue(backend: b, now: now, kernel: &kernel) }
    }

    /// The connection statistics as they stand (a copy).
    var statisticsNow: FrozenStatistics {
        FrozenStatistics(metrics: metrics, workers: proxy.stats.elements, backends: backends.elements, hosts: hosts)
    }
}
