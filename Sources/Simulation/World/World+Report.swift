import ProxyModel
import Measurement

/// Turns the world's counters into the report both modes share.
extension World {
    /// The report. Request outcomes count every measured request, whenever it
    /// completed; connection statistics are those of the traffic window
    /// (frozen when the traffic ended).
    func report(provenance: Provenance) -> RunReport {
        // A run stopped by overload reports the traffic up to the stop.
        let end = metrics.earlyStop.map { min($0.at, trafficEnd) } ?? trafficEnd
        let measured = max(1e-9, (end - warmupEnd).seconds)
        let frozen = frozenAtTrafficEnd ?? statisticsNow
        let live = metrics
        let metrics = frozen.metrics
        let workers = frozen.workers
        let backends = frozen.backends
        var requestsSummary = RequestSummary()
        requestsSummary.sent = live.sent
        requestsSummary.completed = live.completed
        requestsSummary.byStatus = live.statusCounts.enumerated().compactMap { status, count in
            count > 0 ? NamedCount(status == 0 ? "reset" : String(status), count) : nil
        }
        requestsSummary.retried = live.retried
        requestsSummary.errorCauses = NginxErrorCause.allCases.compactMap { cause in
            let n = live.errorCauses[cause.rawValue]
            return n > 0 ? NamedCount(cause.reportName, n) : nil
        }
        requestsSummary.upstreamAttempts = metrics.upstreamAttempts
        requestsSummary.completedPerSecond = Double(live.completed) / measured
        requestsSummary.meanInFlightAtProxy = metrics.proxyInFlight.timeWeightedAverage(until: end) ?? 0

        var upstream = UpstreamSummary()
        upstream.connectionsOpened = metrics.upstreamOpened
        upstream.reusedAttempts = metrics.reusedAttempts
        upstream.requestsPerConnection = metrics.upstreamOpened > 0 ? Double(metrics.upstreamAttempts) / Double(metrics.upstreamOpened) : 0
        upstream.connectionsPer1kRequests = metrics.upstreamAttempts > 0
            ? 1000 * Double(metrics.upstreamOpened) / Double(metrics.upstreamAttempts) : 0
        upstream.reuseRatio = metrics.upstreamAttempts > 0 ? Double(metrics.reusedAttempts) / Double(metrics.upstreamAttempts) : 0
        upstream.closedByReason = UpstreamCloseReason.allCases.compactMap { reason in
            let n = metrics.upstreamClosedByReason[Int(reason.rawValue)]
            return n > 0 ? NamedCount(reason.reportName, n) : nil
        }
        upstream.closedBySide = [NamedCount("proxy", metrics.upstreamClosedBySide[CloseSide.proxy.rawValue]),
                                 NamedCount("backend", metrics.upstreamClosedBySide[CloseSide.backend.rawValue])]
        upstream.staleFailuresRetried = live.staleRetried
        upstream.staleFailuresSurfaced = live.staleSurfaced
        upstream.peakOpen = metrics.upstreamOpen.peak
        upstream.peakIdle = metrics.upstreamIdle.peak
        upstream.handshakeSecondsPerSecond = Double(metrics.handshakeNanoseconds) / 1e9 / measured

        var client = ClientSummary()
        client.connectionsOpened = metrics.clientOpened
        client.closedByReason = ClientCloseCause.allCases.compactMap { cause in
            let n = metrics.clientClosedByCause[cause.rawValue]
            return n > 0 ? NamedCount(cause.reportName, n) : nil
        }
        client.peakOpen = metrics.clientOpen.peak
        client.staleRetries = metrics.clientStaleRetries
        client.queuedForConnection = live.clientQueued
        client.queueWaitMeanMs = live.clientQueueWait.mean.map { $0 / 1e6 }
        client.queueWaitP99Ms = live.clientQueueWait.percentile(99).map { Double($0) / 1e6 }
        if model.traffic.clientProtocol == .http2 {
            client.streamsPerConnection = metrics.clientOpened > 0 ? Double(metrics.clientStreams) / Double(metrics.clientOpened) : 0
            client.peakStreams = metrics.clientPeakStreams
        }

        var timeWait = TimeWaitSummary()
        timeWait.proxyPeak = metrics.proxyTimeWait.peak
        timeWait.backendPeak = metrics.backendTimeWait.peak
        timeWait.peakPortUse = backends.map(\.peakPortUse).max() ?? 0
        timeWait.portExhaustionFailures = metrics.portExhaustionFailures
        let overload = overloadSummary(metrics: metrics, backends: backends, timeWait: timeWait)

        let window = max(1, (end - metrics.measuringSince).nanoseconds)
        let workerSummaries = workers.enumerated().map { index, worker -> WorkerSummary in
            var s = WorkerSummary(index: index)
            s.clientConnectionsAccepted = worker.clientConnectionsAccepted
            s.requests = worker.requests
            s.upstreamConnectionsOpened = worker.upstreamOpened
            s.peakOpenUpstream = worker.openUpstream.peak
            s.peakIdleUpstream = worker.idleUpstream.peak
            s.meanBusyUpstream = (worker.openUpstream.timeWeightedAverage(until: end) ?? 0)
                - (worker.idleUpstream.timeWeightedAverage(until: end) ?? 0)
            s.busyFraction = min(1, Double(worker.busyNanoseconds) / Double(window))
            return s
        }
        let backendSummaries = backends.enumerated().map { index, state -> BackendSummary in
            let spec = model.backends[index]
            var s = BackendSummary(name: spec.name, address: spec.address)
            s.requests = state.requests
            s.connectionsAccepted = state.accepted
            s.peakOpenConnections = state.openConnections.peak
            s.utilisation = (state.busy.timeWeightedAverage(until: end) ?? 0) / Double(spec.workers)
            s.meanQueueWaitMs = state.queueWaits > 0 ? Double(state.queueWaitNanoseconds) / Double(state.queueWaits) / 1e6 : 0
            s.queueWaitP99Ms = state.queueWait.percentile(99).map { Double($0) / 1e6 }
            s.handshakeCPUSeconds = Double(state.handshakeCPUNanoseconds) / 1e9
            s.closedByReason = BackendSideCloseReason.allCases.compactMap { reason in
                state.closedByReason[reason.rawValue] > 0 ? NamedCount(reason.reportName, state.closedByReason[reason.rawValue]) : nil
            }
            s.meanInFlight = state.inFlight.timeWeightedAverage(until: end) ?? 0
            s.peakSecondUtilisation = state.busy.peakWindowAverage(until: end).map { min(1, $0 / Double(spec.workers)) }
            (s.secondsMeasured, s.saturatedSeconds) = state.busy.windowCounts(until: end)
            s.staleFailuresRetried = self.backends[index].staleRetried
            s.staleFailuresSurfaced = self.backends[index].staleSurfaced
            return s
        }
        let latency = LatencySummary(live.latency), latencyFromSend = LatencySummary(live.latencyFromSend)
        var report = RunReport(
            provenance: provenance, measuredSeconds: measured, requests: requestsSummary,
            latency: latency, latencyFromSend: latencyFromSend,
            upstream: upstream, client: client, timeWait: timeWait, workers: workerSummaries, backends: backendSummaries,
            warnings: warnings(workers: workerSummaries, backends: backendSummaries, timeWait: timeWait,
                               client: client, latency: latency, fromSend: latencyFromSend) + overload.warnings)
        report.overload = overload.summary
        report.hosts = frozen.hosts.enumerated().map { index, queue in
            var s = HostSummary(name: model.hosts[index].name, cores: queue.cores)
            s.utilisation = (queue.busyCores.timeWeightedAverage(until: end) ?? 0) / Double(max(1, queue.cores))
            s.meanWaiting = queue.queued.timeWeightedAverage(until: end) ?? 0
            s.waitedShare = queue.turns > 0 ? Double(queue.turnsThatWaited) / Double(queue.turns) : 0
            s.waitMeanMs = queue.runQueueWait.mean.map { $0 / 1e6 }
            s.waitP99Ms = queue.runQueueWait.percentile(99).map { Double($0) / 1e6 }
            return s
        }
        for host in report.hosts where host.utilisation >= 0.9 {
            report.warnings.append("host \(host.name)'s \(host.cores) cores are busy \(Int(host.utilisation * 100))% of the time: "
                + "its processes wait for CPU (\(Int(host.waitedShare * 100))% of turns waited), which latency and throughput show")
        }
        return report
    }

    /// What the model implies that a reader should know, and what drove the result.
    func warnings(workers: [WorkerSummary], backends: [BackendSummary], timeWait: TimeWaitSummary, client: ClientSummary,
                  latency: LatencySummary, fromSend: LatencySummary) -> [String] {
        var result: [String] = []
        if let stop = metrics.earlyStop { result.append(stop.message) }
        if let traceError { result.append("the trace could not be read to the end: \(traceError)") }
        for warning in model.nginx.warnings { result.append(warning.description) }
        result += staleConnectionWarnings(backends: backends)
        if let queueing = clientQueueingWarning(latency: latency, fromSend: fromSend, client: client, sent: metrics.sent) {
            result.append(queueing)
        }
        result += burstSaturationWarnings(backends: backends)
        if timeWait.peakPortUse >= 0.5 {
            let used = Int(timeWait.peakPortUse * Double(model.network.ephemeralPorts))
            result.append("TIME_WAIT on nginx reaches \(used) of \(model.network.ephemeralPorts) ephemeral ports toward one backend"
                + (timeWait.portExhaustionFailures > 0 ? "; \(timeWait.portExhaustionFailures) connections failed for lack of a port" : ""))
        }
        for worker in workers where worker.busyFraction >= 0.9 {
            result.append("nginx worker \(worker.index) is busy \(Int(worker.busyFraction * 100))% of the time: it is saturated")
        }
        return result
    }
}
