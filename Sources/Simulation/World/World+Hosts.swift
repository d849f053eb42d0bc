import ProxyModel

/// Cores that processes share (`hosts` in a model; `HostRunQueue`). nginx
/// workers, the closed loop's generator threads and backend workers placed
/// on a host ask it for a core when they have work; each kind's own file
/// says when its turn starts and ends (`World+WorkerLoop`,
/// `World+LoadGenerator`, `World+Backends`). Here: the asking, the giving up,
/// and handing a freed core to the process that waited longest.
extension World {
    /// `process` has work at `now`: when it gets a core at once, the moment its
    /// turn starts (after the wake-up latency, unless it is `continuing` a
    /// turn that just ended); nil when it waits in the run queue, and
    /// `releaseCore` starts its turn later.
    mutating func requestCore(_ process: HostProcess, host h: Int, continuing: Bool, now: Instant) -> Instant? {
        guard hosts[h].acquire(process, now: now, measuring: metrics.measuring) else { return nil }
        return continuing ? now : now + hosts[h].wakeUpLatency
    }

    /// What a looping process (an nginx worker, a generator thread) does when
    /// it holds a core and its loop comes round: sleep when it has nothing to
    /// do; go to the back of the queue when others wait and its turn is over
    /// (a turn just handed to it is not); else run a pass.
    enum LoopStep { case sleep, yield, runPass }

    func loopStep(hasWork: Bool, freshTurn: Bool, host h: Int) -> LoopStep {
        if !hasWork { return .sleep }
        return !freshTurn && hosts[h].hasWaiting ? .yield : .runPass
    }

    /// A process's turn ended at `now` and it has more to do, but others are
    /// waiting: its core goes to the first of them and it queues behind them.
    mutating func yieldCore(_ process: HostProcess, host h: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        releaseCore(host: h, now: now, kernel: &kernel)
        let granted = hosts[h].acquire(process, now: now, measuring: metrics.measuring)
        assert(!granted, "a process yields only to waiting ones, which take every core")
    }

    /// A process gives its core up at `now`: the process that has waited
    /// longest starts its turn on it, or the core goes idle.
    mutating func releaseCore(host h: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard let next = hosts[h].release(now: now, measuring: metrics.measuring) else { return }
        switch next {
        case .nginxWorker(let w):
            proxy.stats[Int(w)].freshTurn = true
            kernel.schedule(WorldEvent(.workerPassEnd, w), at: now)
        case .loadGeneratorThread(let t):
            loadGeneratorThreads[Int(t)].freshTurn = true
            kernel.schedule(WorldEvent(.loadGeneratorPass, t), at: now)
        case .backendService(let c, let generation, let b):
            startBackendCPU(c, generation: generation, backend: Int(b), at: now, kernel: &kernel)
        }
    }
}
