import Measurement

/// Reports built in code for the writers' tests: every section filled, with
/// values whose formatting is easy to check by eye.
enum ReportFixtures {
    static func sample(command: String = "keepalive-lab simulate models/x.json5 --seed 7") -> RunReport {
        var requests = RequestSummary()
        requests.sent = 5_500
        requests.completed = 5_493
        requests.byStatus = [NamedCount("200", 5_480), NamedCount("502", 10), NamedCount("504", 3)]
        requests.retried = 12
        requests.upstreamAttempts = 5_505
        requests.completedPerSecond = 99.8727

        var upstream = UpstreamSummary()
        upstream.connectionsOpened = 68
        upstream.reusedAttempts = 5_437
        upstream.requestsPerConnection = 80.955_88
        upstream.connectionsPer1kRequests = 12.379_391
        upstream.reuseRatio = 0.987_647
        upstream.closedByReason = [NamedCount("proxy_idle_timeout", 40), NamedCount("failed_attempt", 13)]
        upstream.closedBySide = [NamedCount("proxy", 50), NamedCount("backend", 3)]
        upstream.staleFailuresRetried = 9
        upstream.staleFailuresSurfaced = 4
        upstream.peakOpen = 12
        upstream.peakIdle = 8
        upstream.handshakeSecondsPerSecond = 0.000_618_2

        var client = ClientSummary()
        client.connectionsOpened = 50
        client.closedByReason = [NamedCount("idle_timeout", 48)]
        client.peakOpen = 50
        client.staleRetries = 1

        var timeWait = TimeWaitSummary()
        timeWait.proxyPeak = 50
        timeWait.backendPeak = 3
        timeWait.peakPortUse = 0.001_77
        timeWait.portExhaustionFailures = 0

        var worker0 = WorkerSummary(index: 0)
        worker0.clientConnectionsAccepted = 26
        worker0.requests = 2_800
        worker0.upstreamConnectionsOpened = 35
        worker0.peakOpenUpstream = 6
        worker0.peakIdleUpstream = 4
        worker0.busyFraction = 0.123_45
        var worker1 = WorkerSummary(index: 1)
        worker1.clientConnectionsAccepted = 24
        worker1.requests = 2_693
        worker1.upstreamConnectionsOpened = 33
        worker1.peakOpenUpstream = 6
        worker1.peakIdleUpstream = 4
        worker1.busyFraction = 0.1

        var backend = BackendSummary(name: "app", address: "10.0.0.1:8080")
        backend.requests = 5_505
        backend.connectionsAccepted = 68
        backend.peakOpenConnections = 12
        backend.utilisation = 0.687
        backend.meanQueueWaitMs = 0.25
        backend.handshakeCPUSeconds = 0.0034
        backend.closedByReason = [NamedCount("backend_idle_timeout", 3)]
        backend.meanInFlight = 0.6871

        return RunReport(
            provenance: Provenance(toolVersion: "0.1.0", mode: "simulate", seed: 7, replication: 2,
                                   modelSHA256: String(repeating: "ab", count: 32), command: command),
            measuredSeconds: 55,
            requests: requests,
            latency: LatencySummary(p50: 1.5, p90: 2.25, p99: 4.0001, p999: 9.9996, max: 12.5, mean: 1.6),
            latencyFromSend: LatencySummary(p50: 1.4, p90: 2.0, p99: 3.0, p999: 9.0, max: 12.0, mean: 1.5),
            upstream: upstream, client: client, timeWait: timeWait, workers: [worker0, worker1], backends: [backend],
            warnings: ["backend app closes idle connections after 5s, before nginx's 60s: stale-connection races expected"])
    }

    /// Nothing measured: no requests, no latencies, no workers or backends.
    static var empty: RunReport {
        RunReport(
            provenance: Provenance(toolVersion: "0.1.0", mode: "simulate", seed: 1, modelSHA256: "", command: "c"),
            measuredSeconds: 0, requests: RequestSummary(), latency: LatencySummary(), latencyFromSend: LatencySummary(),
            upstream: UpstreamSummary(), client: ClientSummary(), timeWait: TimeWaitSummary(), workers: [], backends: [],
            warnings: [])
    }
}
