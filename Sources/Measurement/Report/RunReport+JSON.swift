/// The report as one JSON document: stable keys in a fixed order, numbers with
/// fixed decimals (`ReportDecimals`), `null` for what was not measured, no
/// wall-clock time — the same run prints the same bytes.
extension RunReport {
    /// The report as a JSON value (to print, or to embed in a larger document).
    public var json: JSONValue {
        var root = JSONObjectWriter()
        root.add("provenance", object: provenanceJSON)
        root.add("measured_seconds", number: measuredSeconds, fractionDigits: ReportDecimals.seconds)
        root.add("requests", object: requestsJSON)
        root.add("latency_ms", object: Self.latencyJSON(latency))
        root.add("latency_from_send_ms", object: Self.latencyJSON(latencyFromSend))
        root.add("upstream", object: upstreamJSON)
        root.add("client", object: clientJSON)
        root.add("time_wait", object: timeWaitJSON)
        root.add("overload", object: overloadJSON)
        root.add("workers", array: workers.map { Self.workerJSON($0).value })
        root.add("backends", array: backends.map { Self.backendJSON($0).value })
        if !hosts.isEmpty { root.add("hosts", array: hostsJSON) }
        root.add("warnings", array: warnings.map { .string($0) })
        return root.value
    }

    /// The report as indented JSON text, ending with a newline.
    public var jsonText: String { json.prettyText + "\n" }

    // MARK: Sections

    private var provenanceJSON: JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("version", string: provenance.toolVersion)
        object.add("mode", string: provenance.mode)
        object.add("seed", integer: provenance.seed)
        object.add("replication", integer: provenance.replication)
        object.add("model_sha256", string: provenance.modelSHA256)
        object.add("command", string: provenance.command)
        return object
    }

    private var requestsJSON: JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("sent", integer: requests.sent)
        object.add("completed", integer: requests.completed)
        object.add("status", Self.countsJSON(requests.byStatus))
        object.add("errors", integer: requests.errors)
        object.add("error_causes", Self.countsJSON(requests.errorCauses))
        object.add("retried", integer: requests.retried)
        object.add("upstream_attempts", integer: requests.upstreamAttempts)
        object.add("completed_per_second", number: requests.completedPerSecond, fractionDigits: ReportDecimals.perSecond)
        object.add("offered_per_second", number: offeredPerSecond, fractionDigits: ReportDecimals.perSecond)
        object.add("mean_in_flight_at_proxy", number: requests.meanInFlightAtProxy, fractionDigits: ReportDecimals.average)
        return object
    }

    private static func latencyJSON(_ summary: LatencySummary) -> JSONObjectWriter {
        let digits = ReportDecimals.milliseconds
        var object = JSONObjectWriter()
        object.add("p50", number: summary.p50, fractionDigits: digits)
        object.add("p90", number: summary.p90, fractionDigits: digits)
        object.add("p99", number: summary.p99, fractionDigits: digits)
        object.add("p999", number: summary.p999, fractionDigits: digits)
        object.add("max", number: summary.max, fractionDigits: digits)
        object.add("mean", number: summary.mean, fractionDigits: digits)
        return object
    }

    private var upstreamJSON: JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("connections_opened", integer: upstream.connectionsOpened)
        object.add("reused_attempts", integer: upstream.reusedAttempts)
        object.add("requests_per_connection", number: upstream.requestsPerConnection, fractionDigits: ReportDecimals.average)
        object.add("connections_per_1k_requests", number: upstream.connectionsPer1kRequests, fractionDigits: ReportDecimals.average)
        object.add("reuse_ratio", number: upstream.reuseRatio, fractionDigits: ReportDecimals.ratio)
        object.add("closed", Self.countsJSON(upstream.closedByReason))
        object.add("closed_by_side", Self.countsJSON(upstream.closedBySide))
        var stale = JSONObjectWriter()
        stale.add("retried", integer: upstream.staleFailuresRetried)
        stale.add("surfaced", integer: upstream.staleFailuresSurfaced)
        object.add("stale_failures", object: stale)
        object.add("peak_open", integer: upstream.peakOpen)
        object.add("peak_idle", integer: upstream.peakIdle)
        object.add("handshake_seconds_per_second", number: upstream.handshakeSecondsPerSecond,
                   fractionDigits: ReportDecimals.handshakeSecondsPerSecond)
        return object
    }

    private var clientJSON: JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("connections_opened", integer: client.connectionsOpened)
        object.add("closed", Self.countsJSON(client.closedByReason))
        object.add("peak_open", integer: client.peakOpen)
        object.add("stale_retries", integer: client.staleRetries)
        object.add("queued_for_connection", integer: client.queuedForConnection)
        object.add("queue_wait_mean_ms", number: client.queueWaitMeanMs, fractionDigits: ReportDecimals.milliseconds)
        object.add("queue_wait_p99_ms", number: client.queueWaitP99Ms, fractionDigits: ReportDecimals.milliseconds)
        if let streams = client.streamsPerConnection {
            object.add("streams_per_connection", number: streams, fractionDigits: ReportDecimals.average)
            object.add("peak_streams", integer: client.peakStreams ?? 0)
        }
        return object
    }

    private var timeWaitJSON: JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("proxy_peak", integer: timeWait.proxyPeak)
        object.add("backend_peak", integer: timeWait.backendPeak)
        object.add("peak_port_use", number: timeWait.peakPortUse, fractionDigits: ReportDecimals.ratio)
        object.add("port_exhaustion_failures", integer: timeWait.portExhaustionFailures)
        return object
    }

    private static func workerJSON(_ worker: WorkerSummary) -> JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("index", integer: worker.index)
        object.add("client_connections_accepted", integer: worker.clientConnectionsAccepted)
        object.add("requests", integer: worker.requests)
        object.add("upstream_connections_opened", integer: worker.upstreamConnectionsOpened)
        object.add("peak_open_upstream", integer: worker.peakOpenUpstream)
        object.add("peak_idle_upstream", integer: worker.peakIdleUpstream)
        object.add("busy_fraction", number: worker.busyFraction, fractionDigits: ReportDecimals.ratio)
        return object
    }

    private static func backendJSON(_ backend: BackendSummary) -> JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("name", string: backend.name)
        object.add("address", string: backend.address)
        object.add("requests", integer: backend.requests)
        object.add("connections_accepted", integer: backend.connectionsAccepted)
        object.add("peak_open_connections", integer: backend.peakOpenConnections)
        object.add("utilisation", number: backend.utilisation, fractionDigits: ReportDecimals.ratio)
        object.add("mean_queue_wait_ms", number: backend.meanQueueWaitMs, fractionDigits: ReportDecimals.milliseconds)
        object.add("handshake_cpu_seconds", number: backend.handshakeCPUSeconds, fractionDigits: ReportDecimals.seconds)
        object.add("closed", countsJSON(backend.closedByReason))
        object.add("mean_in_flight", number: backend.meanInFlight, fractionDigits: ReportDecimals.average)
        object.add("peak_second_utilisation", number: backend.peakSecondUtilisation, fractionDigits: ReportDecimals.ratio)
        object.add("seconds_measured", integer: backend.secondsMeasured)
        object.add("saturated_seconds", integer: backend.saturatedSeconds)
        object.add("stale_failures_retried", integer: backend.staleFailuresRetried)
        object.add("stale_failures_surfaced", integer: backend.staleFailuresSurfaced)
        return object
    }

    /// `{"200": 5493, "502": 3}`, in the report's order.
    private static func countsJSON(_ counts: [NamedCount]) -> JSONValue {
        .object(counts.map { JSONMember($0.name, .integer($0.count)) })
    }
}
