import Live
import Measurement
import ProxyModel
import Scenario

/// A live run as the report both modes share (`RunReport`, mode "replay").
/// Requests and latencies are the load generator's (the clients' view);
/// connections accepted and closes by reason are the backends' own counts;
/// nginx's decisions (closes by reason, errors by cause, stale-connection
/// failures, retries) come from the built-in proxy's workers or real nginx's
/// logs. What a replay cannot measure (TIME_WAIT peaks, CPU busy fractions,
/// time-averaged levels) stays at zero and is said in the warnings.
enum ReplayReport {
    static func make(_ result: LiveRig.Result, model: ScenarioModel, plan: LiveRigPlan, modelSHA256: String,
                     command: String) -> RunReport {
        let generator = result.generator
        let seconds = max(1e-9, result.elapsed.seconds)
        let proxy = result.proxyWorkers.map { $0.reduce(into: LiveProxyCounters()) { $0.merge($1) } }

        var requests = RequestSummary()
        var upstreamStale: (retried: Int, surfaced: Int)?
        requests.sent = UInt64(generator.requestsSent)
        requests.completed = UInt64(generator.responses + generator.failures)
        var byStatus = generator.responsesByStatus.sorted { $0.key < $1.key }.map { NamedCount(String($0.key), UInt64($0.value)) }
        if generator.failures > 0 { byStatus.insert(NamedCount("reset", UInt64(generator.failures)), at: 0) }
        requests.byStatus = byStatus
        requests.completedPerSecond = Double(generator.responses) / seconds
        if let proxy {
            requests.retried = UInt64(proxy.retriedRequests)
            requests.errorCauses = NginxErrorCause.allCases.compactMap { cause in
                let n = proxy.errorCauses[cause.rawValue]
                return n > 0 ? NamedCount(cause.reportName, UInt64(n)) : nil
            }
        } else if let nginx = result.nginx {
            requests.retried = UInt64(nginx.retried)
            // nginx logs each failed attempt; a request it gave up on is a 502
            // with one attempt in the access log, the others were retried.
            let surfaced = min(nginx.staleConnectionErrors, nginx.byStatus[502] ?? 0)
            upstreamStale = (retried: nginx.staleConnectionErrors - surfaced, surfaced: surfaced)
            requests.errorCauses = [
                ("no_live_upstreams", nginx.noLiveUpstreams), ("connect_timeout", nginx.connectTimeouts),
                ("upstream_closed", nginx.staleConnectionErrors + nginx.connectRefused), ("read_timeout", nginx.readTimeouts),
                ("no_worker_connection_slot", nginx.workerConnectionsNotEnough),
            ].compactMap { $0.1 > 0 ? NamedCount($0.0, UInt64($0.1)) : nil }
        }

        var upstream = UpstreamSummary()
        if let upstreamStale {
            upstream.staleFailuresRetried = UInt64(upstreamStale.retried)
            upstream.staleFailuresSurfaced = UInt64(upstreamStale.surfaced)
        }
        let accepted = result.backends.reduce(0) { $0 + $1.acceptedConnections }
        upstream.connectionsOpened = UInt64(accepted)
        let attempts = proxy?.upstreamAttempts ?? (result.backends.reduce(0) { $0 + $1.requests })
        requests.upstreamAttempts = UInt64(attempts)
        upstream.reusedAttempts = UInt64(max(0, attempts - accepted))
        upstream.requestsPerConnection = accepted > 0 ? Double(attempts) / Double(accepted) : 0
        upstream.connectionsPer1kRequests = attempts > 0 ? 1000 * Double(accepted) / Double(attempts) : 0
        upstream.reuseRatio = attempts > 0 ? Double(upstream.reusedAttempts) / Double(attempts) : 0
        if let proxy {
            upstream.closedByReason = UpstreamCloseReason.allCases.compactMap { reason in
                let n = proxy.upstreamClosesByReason[reason.reportName] ?? 0
                return n > 0 ? NamedCount(reason.reportName, UInt64(n)) : nil
            }
            upstream.staleFailuresRetried = UInt64(proxy.staleFailuresRetried)
            upstream.staleFailuresSurfaced = UInt64(proxy.staleFailuresSurfaced)
            upstream.peakOpen = Int64(proxy.peakOpenUpstream)
            upstream.peakIdle = Int64(proxy.peakIdleUpstream)
        }
        let backendCloses = result.backends.reduce(0) { total, backend in
            total + BackendCloseReason.allCases.reduce(0) { $0 + backend.closes($1) }
        }
        upstream.closedBySide = [NamedCount("proxy", UInt64(result.backends.reduce(0) { $0 + $1.clientCloses + $1.resetsReceived })),
                                 NamedCount("backend", UInt64(backendCloses))]

        var client = ClientSummary()
        client.connectionsOpened = UInt64(generator.connectionsOpened)
        if let proxy {
            client.closedByReason = ClientCloseCause.allCases.compactMap { cause in
                let n = proxy.clientClosesByCause[cause.rawValue]
                return n > 0 ? NamedCount(cause.reportName, UInt64(n)) : nil
            }
        }

        // Read from the kernel every 250 ms: what only real sockets show.
        var timeWait = TimeWaitSummary()
        if let peaks = result.timeWaitPeaks {
            timeWait.proxyPeak = Int64(peaks.proxy)
            timeWait.backendPeak = Int64(peaks.backends)
        }
        let workers = (result.proxyWorkers ?? []).enumerated().map { index, counters -> WorkerSummary in
            var summary = WorkerSummary(index: index)
            summary.clientConnectionsAccepted = UInt64(counters.clientConnectionsAccepted)
            summary.requests = UInt64(counters.requests)
            summary.upstreamConnectionsOpened = UInt64(counters.upstreamConnectionsOpened)
            summary.peakOpenUpstream = Int64(counters.peakOpenUpstream)
            summary.peakIdleUpstream = Int64(counters.peakIdleUpstream)
            return summary
        }
        let backends = result.backends.enumerated().map { index, counters -> BackendSummary in
            let spec = model.backends[index]
            var summary = BackendSummary(name: spec.name, address: spec.address)
            summary.requests = UInt64(counters.requests)
            summary.connectionsAccepted = UInt64(counters.acceptedConnections)
            summary.peakOpenConnections = Int64(counters.peakOpenConnections)
            var closes = BackendCloseReason.allCases.map { reason in
                (BackendSideCloseReason(reason).reportName, counters.closes(reason))
            }
            closes.append((BackendSideCloseReason.askedToClose.reportName, counters.closesRequestedByClient))
            closes.append((BackendSideCloseReason.proxyClosedFirst.reportName, counters.clientCloses + counters.resetsReceived))
            summary.closedByReason = closes.compactMap { $0.1 > 0 ? NamedCount($0.0, UInt64($0.1)) : nil }
            return summary
        }
        return RunReport(
            provenance: Provenance(toolVersion: ProxyModelInfo.toolVersion, mode: "replay", seed: model.run.seed,
                                   replication: plan.replication, modelSHA256: modelSHA256, command: command),
            measuredSeconds: seconds, requests: requests, latency: LatencySummary(generator.latencyFromIntendedSend),
            latencyFromSend: LatencySummary(generator.latencyFromActualSend), upstream: upstream, client: client,
            timeWait: timeWait, workers: workers, backends: backends,
            warnings: warnings(result, plan: plan, proxy: proxy))
    }

    private static func warnings(_ result: LiveRig.Result, plan: LiveRigPlan, proxy: LiveProxyCounters?) -> [String] {
        var list: [String] = []
        if result.interrupted { list.append("interrupted (Ctrl-C): the report covers the traffic sent until then") }
        if result.timedOut { list.append("requests were still in flight when the drain ran out; they are not counted as completed") }
        if let error = result.generator.traceError { list.append("the trace could not be read to the end: \(error)") }
        if result.generator.lateSends > 0 {
            list.append("\(result.generator.lateSends) requests left the load generator late (over "
                + "\(plan.lateSendThreshold) after their intended time): latency from the intended send includes it")
        }
        if let failure = proxy?.firstAcceptFailure {
            list.append("the built-in proxy failed to accept \(proxy!.acceptFailures) connections: \(failure)")
        }
        if let nginx = result.nginx {
            if nginx.unreadableLines > 0 { list.append("\(nginx.unreadableLines) lines of nginx's access log could not be read") }
            list.append("nginx logged \(nginx.requests) requests; $upstream_connect_time was above 0 for \(nginx.timedConnects) "
                + "attempts (a loopback connect mostly takes less than nginx's millisecond clock and logs 0, as a reused "
                + "connection does: connections opened are the backends' accept counts)")
            if let directory = nginx.directory { list.append("nginx's configuration and logs are in \(directory)") }
        }
        list += plan.notes
        list.append("TIME_WAIT peaks are the kernel's (sampled every 250 ms, all loopback sockets toward and at the backends' ports)"
            + (result.timeWaitPeaks == nil ? ": /proc/net/tcp could not be read, shown as 0" : ""))
        list.append("not measured in replay: worker busy fractions, time-averaged in-flight levels (shown as 0)")
        return list
    }
}
