import ProxyModel

extension World {
    /// Reports a lifecycle step to the observer, if one is installed.
    /// `mutating` only so that `self` is passed by reference: as a plain
    /// method, called from the mutating handlers, it made the optimiser copy
    /// the whole world (~2.9 KB) at some call sites.
    @inline(__always)
    mutating func observe(_ time: Instant, _ kind: LifecycleEvent.Kind, request r: Int32, clientConnection c: Int32 = -1,
                 upstreamConnection u: Int32 = -1, worker: Int32 = -1, detail: @autoclosure () -> String = "") {
        guard let observer else { return }
        let requestSerial = r >= 0 ? requests[Int(r)].serial : -1
        var connection: Int64 = -1
        var w = worker
        var backend: Int32 = -1
        if u >= 0 {
            connection = upstreamConnections[Int(u)].serial
            w = upstreamConnections[Int(u)].worker
            backend = upstreamConnections[Int(u)].backend
        } else if c >= 0 {
            connection = clientConnections[Int(c)].serial
            if w < 0 { w = clientConnections[Int(c)].worker }
        }
        observer.record(LifecycleEvent(time: time, kind: kind, request: requestSerial, connection: connection,
                                       worker: w, backend: backend, detail: detail()))
    }

    /// The warm-up is over: counters start, gauges restart their windows.
    mutating func onWarmupEnds(now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        // Workers that came free before now count as busy only until then.
        for b in backends.indices { releaseWorkersDue(backend: b, now: now, kernel: &kernel) }
        metrics.measuring = true
        metrics.measuringSince = now
        metrics.upstreamOpen.restartWindow(at: now)
        metrics.upstreamIdle.restartWindow(at: now)
        metrics.clientOpen.restartWindow(at: now)
        metrics.proxyInFlight.restartWindow(at: now)
        for w in workers.indices {
            workers[w].openUpstream.restartWindow(at: now)
            workers[w].idleUpstream.restartWindow(at: now)
            workers[w].busyNanoseconds = 0
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
    }
}
