import ProxyModel

/// One of a closed loop's load-generator threads (wrk's `-t`): an event loop
/// that handles its connections' responses one at a time, each costing
/// `traffic.closed_loop.cpu_per_request`, then sends the connection's next
/// request (after the think time).
struct LoadGeneratorThread {
    /// Busy until then: a response that arrives earlier waits.
    var busyUntil = Instant.zero
    // On a shared host only:
    /// Connections whose response reached the thread and waits for its next pass.
    var pending: [Int32] = []
    /// A pass is scheduled, or the thread waits in the run queue for a core.
    var passScheduled = false
    /// The thread has just been given a core: its next pass runs whoever waits.
    var freshTurn = false
}

/// The closed loop's generator threads: when the next request of a
/// connection whose response arrived can leave.
extension World {
    /// The thread of connection `c` (connection i belongs to thread i mod threads, as in wrk).
    @inline(__always)
    func loadGeneratorThread(of c: Int32) -> Int { Int(c) % loadGeneratorThreads.count }

    /// The response on closed-loop connection `c` reached its thread at `now`:
    /// its next request leaves after the thread has handled it, then the think time.
    mutating func loadGeneratorReceived(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard tables.loadGeneratorHost >= 0 else {
            guard let think = tables.thinkTimeMs else { return }
            let pause = TimeSpan(sampledMilliseconds: think.sample(using: &thinkRandom))
            armThinkTimer(c, at: loadGeneratorHandled(c, now: now) + pause, kernel: &kernel)
            return
        }
        // On a shared host the thread needs a core: responses wait for its next pass.
        let t = loadGeneratorThread(of: c)
        loadGeneratorThreads[t].pending.append(c)
        guard !loadGeneratorThreads[t].passScheduled else { return }
        loadGeneratorThreads[t].passScheduled = true
        if let start = requestCore(.loadGeneratorThread(Int32(t)), host: tables.loadGeneratorHost, continuing: false, now: now) {
            loadGeneratorThreads[t].freshTurn = true
            kernel.schedule(WorldEvent(.loadGeneratorPass, Int32(t)), at: start)
        }
    }

    /// When thread of connection `c` has handled a response that arrived at
    /// `now` (each costs `cpu_per_request`, one at a time).
    @inline(__always)
    mutating func loadGeneratorHandled(_ c: Int32, now: Instant) -> Instant {
        let cost = tables.loadGeneratorCPU
        guard cost.nanoseconds > 0 else { return now }
        let t = loadGeneratorThread(of: c)
        let done = max(now, loadGeneratorThreads[t].busyUntil) + cost
        loadGeneratorThreads[t].busyUntil = done
        return done
    }

    /// A thread on a shared host holds a core at `now`: one pass over the
    /// responses that reached it, or it gives the core up (nothing to do, or
    /// its turn is over and others wait).
    mutating func onLoadGeneratorPass(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let t = Int(event.id)
        let h = tables.loadGeneratorHost
        loadGeneratorThreads[t].passScheduled = false
        let step = loopStep(hasWork: !loadGeneratorThreads[t].pending.isEmpty, freshTurn: loadGeneratorThreads[t].freshTurn, host: h)
        loadGeneratorThreads[t].freshTurn = false
        switch step {
        case .sleep:
            releaseCore(host: h, now: now, kernel: &kernel)
            return
        case .yield:
            loadGeneratorThreads[t].passScheduled = true
            yieldCore(.loadGeneratorThread(Int32(t)), host: h, now: now, kernel: &kernel)
            return
        case .runPass:
            break
        }
        let pending = loadGeneratorThreads[t].pending
        loadGeneratorThreads[t].pending.removeAll(keepingCapacity: true)
        for c in pending {
            let done = loadGeneratorHandled(c, now: now)
            guard let think = tables.thinkTimeMs else { continue }
            armThinkTimer(c, at: done + TimeSpan(sampledMilliseconds: think.sample(using: &thinkRandom)), kernel: &kernel)
        }
        if loadGeneratorThreads[t].busyUntil > now {
            loadGeneratorThreads[t].passScheduled = true
            kernel.schedule(WorldEvent(.loadGeneratorPass, Int32(t)), at: loadGeneratorThreads[t].busyUntil)
        } else {
            releaseCore(host: h, now: now, kernel: &kernel)
        }
    }

    mutating func armThinkTimer(_ c: Int32, at time: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        kernel.arm(clientConnections[i].thinkTimer, at: time,
                   event: WorldEvent(.thinkTimeOver, c, generation: clientConnections[i].generation))
    }
}
