import ProxyModel
import Randomness

/// Backends: accepting, queueing for a worker, the CPU and waiting parts of
/// service, the response, the keepalive decision and the idle close.
extension World {
    /// A request reaches the backend on connection `c`.
    mutating func onRequestArrivesAtBackend(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        // The backend closed this connection before the request got there:
        // the request meets a closed socket (RST); nginx learns from the FIN/RST.
        guard upstreamConnections[i].generation == event.generation, upstreamConnections[i].backendOpen else { return }
        let b = Int(upstreamConnections[i].backend)
        kernel.cancel(upstreamConnections[i].backendIdleTimer)
        if upstreamConnections[i].backendRequests == 0, !upstreamConnections[i].backendBusy {
            if metrics.measuring { backends[b].accepted += 1 }
            backends[b].openConnections.increment(at: now)
            backends[b].handshakeCPUNanoseconds = TimeSpan.saturatingSum(backends[b].handshakeCPUNanoseconds,
                                                                         metrics.measuring ? upstreamConnections[i].setupCPU.nanoseconds : 0)
        }
        upstreamConnections[i].backendBusy = true
        observe(now, .requestAtBackend, request: upstreamConnections[i].request, upstreamConnection: c)
        backends[b].inFlight.increment(at: now)
        if metrics.measuring { backends[b].requests += 1 }
        releaseWorkersDue(backend: b, now: now, kernel: &kernel)
        if backends[b].workers.count < tables.backendWorkers[b] {
            startService(c, backend: b, queuedSince: now, now: now, kernel: &kernel)
        } else {
            upstreamConnections[i].backendIdleSince = now  // reused here as "queued since"
            backends[b].queue.append(c, generation: upstreamConnections[i].generation)
            wakeWhenAWorkerComesFree(backend: b, kernel: &kernel)
        }
    }

    /// A backend worker takes the request on `c` at `now`. Its whole service
    /// is sampled here — the CPU part, serialised on the worker, then the
    /// waiting part, which holds the worker only on a blocking server — so
    /// the moment the worker comes free is known now and needs no event of
    /// its own (see `BusyWorkers`); one event marks the response written.
    mutating func startService(_ c: Int32, backend b: Int, queuedSince: Instant, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        leaveBackendAcceptQueue(c)  // a worker taking a connection's first request accepts it
        backends[b].busy.increment(at: now)
        if metrics.measuring {
            backends[b].queueWaitNanoseconds = TimeSpan.saturatingSum(backends[b].queueWaitNanoseconds, (now - queuedSince).nanoseconds)
            backends[b].queueWait.record(now.nanoseconds - queuedSince.nanoseconds)
            backends[b].queueWaits += 1
        }
        let cpu = TimeSpan(sampledMilliseconds: tables.backendCPUMs[b].sample(using: &serviceRandom[b])) + upstreamConnections[i].setupCPU
            + tables.backendServerRequestCPU[b]
        upstreamConnections[i].setupCPU = .zero
        let wait = TimeSpan(sampledMilliseconds: tables.backendWaitMs[b].sample(using: &serviceRandom[b]))
        let h = tables.backendHost[b]
        guard h >= 0 else {
            backends[b].workers.occupy(until: runService(c, backend: b, cpu: cpu, wait: wait, start: now, kernel: &kernel))
            return
        }
        // On a shared host the CPU part needs a core. The worker is taken now;
        // until it has a core, when it comes free is not known.
        let generation = upstreamConnections[i].generation
        let continuing = backends[b].cpuRanUntil == now
        if let start = requestCore(.backendService(connection: c, generation: generation, backend: Int32(b)), host: h,
                                   continuing: continuing, now: now) {
            backends[b].workers.occupy(until: runService(c, backend: b, cpu: cpu, wait: wait, start: start, kernel: &kernel))
            kernel.schedule(WorldEvent(.hostCoreFree, Int32(h)), at: start + cpu)
        } else {
            upstreamConnections[i].pendingCPU = cpu
            upstreamConnections[i].pendingWait = wait
            backends[b].workers.occupy(until: .distantFuture)
        }
    }

    /// The request's service from `start`, when its worker runs its CPU part:
    /// schedules the moment the response is written (the wait is a timer: on
    /// a libuv backend it ends on the loop's millisecond clock) and returns
    /// when the worker comes free (after the CPU, or on a blocking server
    /// after the wait too).
    private mutating func runService(_ c: Int32, backend b: Int, cpu: TimeSpan, wait: TimeSpan, start: Instant,
                                     kernel: inout SimulationKernel<WorldEvent>) -> Instant {
        let written = tables.backendEventLoop[b].responseWritten(serviceStart: start, cpu: cpu, wait: wait)
        backends[b].cpuRanUntil = start + cpu
        kernel.schedule(WorldEvent(.backendResponseWritten, c, generation: upstreamConnections[Int(c)].generation), at: written)
        return tables.backendWaitHoldsWorker[b] ? written : start + cpu
    }

    /// A backend worker on a shared host gets its core at `now` for the
    /// request on `c` that waited for one (`World+Hosts`).
    mutating func startBackendCPU(_ c: Int32, generation: UInt32, backend b: Int, at now: Instant,
                                  kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        let h = tables.backendHost[b]
        guard upstreamConnections[i].generation == generation, upstreamConnections[i].backendOpen,
              upstreamConnections[i].backendBusy
        else {
            // nginx closed the connection while the request waited: the worker
            // drops it, and the core goes to the next process.
            backends[b].workers.reschedule(from: .distantFuture, to: now)
            releaseWorkersDue(backend: b, now: now, kernel: &kernel)
            releaseCore(host: h, now: now, kernel: &kernel)
            return
        }
        let cpu = upstreamConnections[i].pendingCPU
        let free = runService(c, backend: b, cpu: cpu, wait: upstreamConnections[i].pendingWait, start: now, kernel: &kernel)
        backends[b].workers.reschedule(from: .distantFuture, to: free)
        kernel.schedule(WorldEvent(.hostCoreFree, Int32(h)), at: now + cpu)
        wakeWhenAWorkerComesFree(backend: b, kernel: &kernel)
    }

    /// Applies backend `b`'s worker releases due by `now`, in time order: each
    /// frees its worker at its moment, and the request that has waited
    /// longest (FIFO) takes it then. Called before anything reads or changes
    /// the backend's workers, so the busy gauge sees its changes in order.
    /// A release with requests waiting always has a wake-up event at its
    /// moment, so a request never starts later than it would have.
    mutating func releaseWorkersDue(backend b: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        while let free = backends[b].workers.earliest, free <= now {
            _ = backends[b].workers.releaseEarliest()
            backends[b].busy.decrement(at: free)
            while let next = backends[b].queue.popFirst() {
                let n = Int(next.id)
                guard upstreamConnections[n].generation == next.generation, upstreamConnections[n].backendOpen,
                      upstreamConnections[n].backendBusy
                else { continue }  // closed (and perhaps reused) while it waited
                startService(next.id, backend: b, queuedSince: upstreamConnections[n].backendIdleSince, now: free, kernel: &kernel)
                break
            }
        }
        wakeWhenAWorkerComesFree(backend: b, kernel: &kernel)
    }

    /// While requests wait, the backend must look again when its first busy
    /// worker comes free.
    mutating func wakeWhenAWorkerComesFree(backend b: Int, kernel: inout SimulationKernel<WorldEvent>) {
        // A worker waiting for a core (`.distantFuture`) comes free when it has had one.
        guard !backends[b].queue.isEmpty, let free = backends[b].workers.earliest, free != .distantFuture else { return }
        kernel.arm(workerFreeTimers[b], at: free, event: WorldEvent(.backendWorkerFree, Int32(b)))
    }

    mutating func onBackendResponseWritten(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        guard upstreamConnections[Int(c)].generation == event.generation else { return }
        finishService(c, now: now, kernel: &kernel)
    }

    /// The response is written: decide whether to keep the connection, and send the response.
    mutating func finishService(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        let b = Int(upstreamConnections[i].backend)
        let keepalive = tables.backendKeepalive[b]
        releaseWorkersDue(backend: b, now: now, kernel: &kernel)
        backends[b].inFlight.decrement(at: now)
        upstreamConnections[i].backendBusy = false
        upstreamConnections[i].backendRequests += 1
        upstreamConnections[i].responseStatus = tables.backendErrorRate[b] > 0 && errorRandom[b].nextUnitInterval() < tables.backendErrorRate[b] ? 500 : 200
        metrics.audit.backendResponses.add(Int(upstreamConnections[i].responseStatus))
        let saturated = backends[b].workers.count >= tables.backendWorkers[b] && !backends[b].queue.isEmpty
        let askedToClose = upstreamConnections[i].requestAsksClose
        var closeReason: BackendSideCloseReason? = nil
        var announced = false
        switch keepalive.afterResponse(requestNumber: Int(upstreamConnections[i].backendRequests), saturated: saturated) {
        case .keepOpen:
            if askedToClose { closeReason = .askedToClose; announced = true }
        case .closeAfterResponse(let reason, let said):
            closeReason = BackendSideCloseReason(reason); announced = said
        }
        let r = upstreamConnections[i].request
        let bytes = r >= 0 ? requests[Int(r)].responseBytes : 0
        // What the response's head says, as nginx classifies it for reuse (u->keepalive).
        upstreamConnections[i].responseEnd = UpstreamResponseEnd(
            status: Int(upstreamConnections[i].responseStatus), statusLineVersion: .http11, connectionClose: announced,
            body: .contentLength(Int(clamping: bytes)), method: r >= 0 ? requests[Int(r)].method : .get, bodyFullyRead: true)
        let arrival = now + delay(tables.backendLink) + tables.backendLink.transferTime(bytes: bytes)
        let generation = upstreamConnections[i].generation
        kernel.schedule(WorldEvent(.responseArrivesAtProxy, c, generation: generation), at: arrival)
        guard let closeReason else {
            upstreamConnections[i].backendIdleSince = now
            let deadline = keepalive.idleCloseDeadline(responseWrittenAt: now)
            if deadline != .distantFuture {
                kernel.arm(upstreamConnections[i].backendIdleTimer, at: deadline,
                           event: WorldEvent(.backendIdleTimeout, c, generation: generation))
            }
            if keepalive.closesIdleConnectionsEarly(saturated: saturated) {
                closeIdleConnectionsUnderLoad(backend: b, now: now, kernel: &kernel)
            }
            return
        }
        if announced && !tables.backendFinWithResponse[b] {
            // Both sides close: nginx finalizes on the last byte and closes
            // first; the backend's close becomes the passive one.
            upstreamConnections[i].backendClosesAfterResponse = true
            countBackendClose(b, closeReason)
            return
        }
        // The backend closes right behind its response (FIN or RST travels with it).
        closeAtBackend(c, reason: closeReason, now: now, finArrival: arrival, kernel: &kernel)
    }

    /// The backend closes its end of `c` first (idle timeout, request limit, load).
    mutating func closeAtBackend(_ c: Int32, reason: BackendSideCloseReason, now: Instant, finArrival: Instant?,
                                 kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        let b = Int(upstreamConnections[i].backend)
        leaveBackendAcceptQueue(c)
        upstreamConnections[i].backendOpen = false
        upstreamConnections[i].backendClosedAt = now
        kernel.cancel(upstreamConnections[i].backendIdleTimer)
        backends[b].openConnections.decrement(at: now)
        countBackendClose(b, reason)
        if !tables.backendClosesWithRST[b] {
            backends[b].backendTimeWait.add(at: now)
            metrics.backendTimeWait.add(at: now)
        }
        let arrival = finArrival ?? now + delay(tables.backendLink)
        kernel.schedule(WorldEvent(.backendCloseArrivesAtProxy, c, generation: upstreamConnections[i].generation), at: arrival)
    }

    /// The backend's idle close moment (the profile's real one, e.g. Node.js timeout + 1 s).
    mutating func onBackendIdleTimeout(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard upstreamConnections[i].generation == event.generation, upstreamConnections[i].backendOpen,
              !upstreamConnections[i].backendBusy
        else { return }
        closeAtBackend(c, reason: .idleTimeout, now: now, finArrival: nil, kernel: &kernel)
    }

    /// nginx's FIN reaches the backend: it closes its end (passively).
    mutating func onProxyCloseArrivesAtBackend(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard upstreamConnections[i].generation == event.generation, upstreamConnections[i].backendOpen else { return }
        let b = Int(upstreamConnections[i].backend)
        leaveBackendAcceptQueue(c)
        upstreamConnections[i].backendOpen = false
        kernel.cancel(upstreamConnections[i].backendIdleTimer)
        backends[b].openConnections.decrement(at: now)
        if !upstreamConnections[i].backendClosesAfterResponse { countBackendClose(b, .proxyClosedFirst) }
        if upstreamConnections[i].backendBusy {
            // The request was abandoned (timeout): the backend finishes into the void.
            upstreamConnections[i].backendBusy = false
        }
        upstreamConnectionFinished(c, now: now)
    }

    /// Apache event MPM: when saturated, idle keep-alive connections are closed early.
    mutating func closeIdleConnectionsUnderLoad(backend b: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        for index in upstreamConnections.indices
        where upstreamConnections[index].backend == Int32(b) && upstreamConnections[index].backendOpen
            && !upstreamConnections[index].backendBusy && upstreamConnections[index].proxyHandle >= 0 {
            closeAtBackend(Int32(index), reason: .underLoad, now: now, finArrival: nil, kernel: &kernel)
        }
    }

    mutating func countBackendClose(_ b: Int, _ reason: BackendSideCloseReason) {
        if metrics.measuring { backends[b].closedByReason[reason.rawValue] += 1 }
    }
}
