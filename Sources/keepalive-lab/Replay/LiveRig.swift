import Live
import ProxyModel
import Scenario

/// One live run: the model's backends on a thread of their own, a proxy (the
/// built-in one on its worker threads, or real nginx as a process), and the
/// load generator on the calling thread; the traffic runs in real time,
/// bounded by the model's duration plus a drain. Every thread and process it
/// starts is stopped before it returns, whatever happened.
enum LiveRig {
    /// Which proxy sits between the load generator and the backends.
    enum Proxy {
        case builtin
        case nginx(NginxRun.Settings)
        /// A proxy the user runs at `address`, its upstream servers the backends at `backends`.
        case external(SocketAddress, backends: [SocketAddress])
    }

    /// What a live run measured.
    struct Result {
        var generator: LoadGeneratorResult
        var backends: [LiveBackendCounters]
        /// The built-in proxy's workers.
        var proxyWorkers: [LiveProxyCounters]?
        /// Real nginx: what its logs say.
        var nginx: NginxRunSummary?
        /// Ctrl-C stopped the traffic early.
        var interrupted: Bool
        /// The drain ran out with requests still in flight.
        var timedOut: Bool
        /// From the first intended send to the end of the run.
        var elapsed: TimeSpan
        /// CPU the proxy's workers used during the run (threads or processes).
        var proxyCPU: TimeSpan
        /// CPU the load generator (the calling thread) and the backends' thread used during the run.
        var generatorCPU: TimeSpan
        var backendCPU: TimeSpan
        /// CPU the whole machine spent busy during the run, when /proc/stat could be read.
        var machineBusy: TimeSpan?
        /// The most sockets in TIME_WAIT seen (every 250 ms, from the kernel)
        /// toward the backends (the proxy's side) and at them (theirs); nil
        /// when the kernel's table could not be read.
        var timeWaitPeaks: (proxy: Int, backends: Int)?
    }

    /// The longest the rig waits after the traffic for requests in flight.
    static let maximumDrain = TimeSpan.seconds(60)

    /// `progress` hears, about twice a second, how long the traffic has run
    /// and how many requests were sent and answered (a status line).
    static func run(_ model: ScenarioModel, plan: LiveRigPlan, proxy: Proxy,
                    progress: ((_ elapsed: TimeSpan, _ sent: Int, _ answered: Int) -> Void)? = nil) throws(CommandFailure) -> Result {
        System.ignoreBrokenPipeSignal()
        // From the start: Ctrl-C while the rig comes up still ends in a report.
        InterruptRequest.watch()
        defer { InterruptRequest.stopWatching() }
        _ = try? System.raiseFileDescriptorLimit()
        let loop: EventLoop
        do { loop = try EventLoop() } catch { throw CommandFailure("cannot start the live rig: \(error)") }
        defer { loop.close() }

        let backends: LiveBackendGroup
        let nginxRun: NginxRun?
        do {
            switch proxy {
            case .builtin:
                backends = try LiveBackendGroup.start(plan.backends(realNginx: false))
                nginxRun = nil
            case .external(_, let addresses):
                // Its writes are not ours to delay, as real nginx's: our ends carry the round trip.
                backends = try LiveBackendGroup.start(plan.backends(realNginx: true), addresses: addresses)
                nginxRun = nil
            case .nginx(let settings):
                let ports = try NginxRun.reservePorts(backends: plan.backends.count)
                backends = try LiveBackendGroup.start(plan.backends(realNginx: true), addresses: ports.backends)
                do { nginxRun = try NginxRun.start(model: model, settings: settings, ports: ports) } catch {
                    backends.stop()
                    throw error
                }
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("cannot start the backends: \(error)")
        }
        defer { backends.stop() }

        var builtin: LiveProxy?
        defer { builtin?.stop() }
        let target: SocketAddress
        if let nginxRun {
            target = nginxRun.address
        } else if case .external(let address, _) = proxy {
            target = address
        } else {
            do {
                var configuration = try LiveProxyConfiguration(
                    configuration: model.nginx, servers: model.serverBackends.map { $0.map { backends.addresses[$0] } })
                (configuration.clientLinkDelay, configuration.upstreamLinkDelay) = plan.proxyLinkDelays
                configuration.listenBacklog = Int32(clamping: model.proxyListenBacklog.acceptQueueCapacity(somaxconn: model.network.somaxconn) - 1)
                builtin = try LiveProxy.start(configuration)
            } catch {
                throw CommandFailure("cannot start the built-in proxy: \(error)")
            }
            target = builtin!.address
        }

        let generator: LoadGenerator
        do { generator = try LoadGenerator(configuration: plan.generator(target: target, realNginx: builtin == nil), loop: loop) } catch {
            nginxRun?.stop()
            throw CommandFailure("cannot start the load generator: \(error)")
        }
        // The proxy's workers: the built-in proxy's threads, or nginx's processes (the user's own proxy: unknown).
        func proxyCPUSoFar() -> TimeSpan { builtin?.workerCPUTime() ?? nginxRun?.workerCPUTime() ?? .zero }
        let cpuBefore = proxyCPUSoFar()
        let generatorCPUBefore = System.threadCPUTime(), backendCPUBefore = backends.cpuTime()
        let machineBusyBefore = System.machineBusyTime()
        let startedAt = loop.now
        generator.start()
        let limit = plan.duration + min(model.run.drain, maximumDrain)  // saturating (TimeSpan +)
        var interrupted = false
        var timedOut = false
        let timeWait = TimeWaitSampler(ports: Set(backends.addresses.map(\.port)))
        defer { timeWait.stop() }
        let deadline = loop.now.addingSaturating(limit)
        // A periodic check, so Ctrl-C and the time bound are seen even when nothing else happens.
        var polls = 0
        func poll() {
            if InterruptRequest.isRequested { interrupted = true }
            polls += 1
            if polls % 5 == 0 {
                progress?(loop.now - startedAt, generator.result.requestsSent, generator.result.responses + generator.result.failures)
            }

            if loop.now >= deadline { timedOut = true }
            if !interrupted && !timedOut && !generator.isFinished { loop.schedule(after: .milliseconds(100), poll) }
        }
        poll()
        do {
            while !generator.isFinished && !interrupted && !timedOut { try loop.runOnce(blocking: true) }
        } catch {
            nginxRun?.stop()
            throw CommandFailure("the live run failed: \(error)")
        }
        let elapsed = loop.now - startedAt
        let timeWaitPeaks = timeWait.stop()
        let proxyCPU = proxyCPUSoFar() - cpuBefore
        let generatorCPU = System.threadCPUTime() - generatorCPUBefore, backendCPU = backends.cpuTime() - backendCPUBefore
        let machineBusy = System.machineBusyTime().flatMap { after in machineBusyBefore.map { after - $0 } }
        let proxyWorkers = builtin?.stop()
        let summary = nginxRun?.stopAndRead()
        return Result(generator: generator.result, backends: backends.stop(), proxyWorkers: proxyWorkers, nginx: summary,
                      interrupted: interrupted, timedOut: timedOut && !generator.isFinished, elapsed: elapsed,
                      proxyCPU: proxyCPU, generatorCPU: generatorCPU, backendCPU: backendCPU, machineBusy: machineBusy,
                      timeWaitPeaks: timeWaitPeaks)
    }
}
