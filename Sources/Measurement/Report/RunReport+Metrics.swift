import ProxyModel

/// The report as flat, ordered name/value pairs: the columns of CSV output and
/// of sweep tables. The names and their order are the same for every report
/// (counts by status and by close reason get fixed columns), so that rows of
/// different runs line up under one header.
extension RunReport {
    /// Statuses with a column of their own (`status_200`...); others count in `status_other`.
    public static let statusColumns = ["200", "499", "500", "502", "503", "504", "reset"]

    /// Where the result came from: the first columns of a CSV row.
    public var provenanceFields: [ReportMetric] {
        [
            ReportMetric("version", .text(provenance.toolVersion)),
            ReportMetric("mode", .text(provenance.mode)),
            ReportMetric("seed", .unsigned(provenance.seed)),
            ReportMetric("replication", .unsigned(provenance.replication)),
            ReportMetric("model_sha256", .text(provenance.modelSHA256)),
            ReportMetric("command", .text(provenance.command)),
        ]
    }

    /// Every measured value, in a fixed order.
    public var metrics: [ReportMetric] {
        var list: [ReportMetric] = [.decimal("measured_seconds", measuredSeconds, ReportDecimals.seconds)]
        list += requestMetrics
        list += latencyMetrics("latency", latency)
        list += latencyMetrics("latency_from_send", latencyFromSend)
        list += upstreamMetrics
        list += [
            .count("client_connections_opened", client.connectionsOpened),
            .count("client_connections_closed", client.closedByReason.reduce(0) { $0 + $1.count }),
            .level("client_peak_open", client.peakOpen),
            .count("client_stale_retries", client.staleRetries),
            .decimal("client_streams_per_connection", client.streamsPerConnection, ReportDecimals.average),
            .level("client_peak_streams", client.peakStreams ?? 0),
            .level("time_wait_proxy_peak", timeWait.proxyPeak),
            .level("time_wait_backend_peak", timeWait.backendPeak),
            .decimal("time_wait_peak_port_use", timeWait.peakPortUse, ReportDecimals.ratio),
            .count("port_exhaustion_failures", timeWait.portExhaustionFailures),
        ]
        list += overloadMetrics
        list += [
            .decimal("worker_busy_max", workers.map(\.busyFraction).max(), ReportDecimals.ratio),
            .decimal("backend_utilisation_max", backends.map(\.utilisation).max(), ReportDecimals.ratio),
            .decimal("backend_queue_wait_mean_ms", backendMeanQueueWaitMs, ReportDecimals.milliseconds),
            .decimal("backend_handshake_cpu_seconds", backends.reduce(0) { $0 + $1.handshakeCPUSeconds }, ReportDecimals.seconds),
            .count("warnings", UInt64(warnings.count)),
        ]
        return list
    }

    private var requestMetrics: [ReportMetric] {
        var list: [ReportMetric] = [
            .count("requests_sent", requests.sent),
            .count("requests_completed", requests.completed),
            .decimal("completed_per_second", requests.completedPerSecond, ReportDecimals.perSecond),
            .decimal("in_flight_at_proxy", requests.meanInFlightAtProxy, ReportDecimals.average),
        ]
        for status in Self.statusColumns {
            list.append(.count("status_\(status)", requests.count(status: status)))
        }
        let listed = Self.statusColumns.reduce(0) { $0 + requests.count(status: $1) }
        list.append(.count("status_other", requests.byStatus.reduce(0) { $0 + $1.count } - listed))
        list.append(.count("errors", requests.errors))
        list.append(.decimal("error_ratio", requests.completed > 0 ? Double(requests.errors) / Double(requests.completed) : nil,
                             ReportDecimals.ratio))
        for cause in NginxErrorCause.allCases {
            let n = requests.errorCauses.first { $0.name == cause.reportName }?.count ?? 0
            list.append(.count("error_cause_\(cause.reportName)", n))
        }
        list.append(.count("requests_retried", requests.retried))
        list.append(.count("upstream_attempts", requests.upstreamAttempts))
        return list
    }

    private func latencyMetrics(_ prefix: String, _ summary: LatencySummary) -> [ReportMetric] {
        let digits = ReportDecimals.milliseconds
        return [
            .decimal("\(prefix)_p50_ms", summary.p50, digits),
            .decimal("\(prefix)_p90_ms", summary.p90, digits),
            .decimal("\(prefix)_p99_ms", summary.p99, digits),
            .decimal("\(prefix)_p999_ms", summary.p999, digits),
            .decimal("\(prefix)_max_ms", summary.max, digits),
            .decimal("\(prefix)_mean_ms", summary.mean, digits),
        ]
    }

    private var upstreamMetrics: [ReportMetric] {
        var list: [ReportMetric] = [
            .count("upstream_connections_opened", upstream.connectionsOpened),
            .count("upstream_reused_attempts", upstream.reusedAttempts),
            .decimal("upstream_requests_per_connection", upstream.requestsPerConnection, ReportDecimals.average),
            .decimal("upstream_connections_per_1k", upstream.connectionsPer1kRequests, ReportDecimals.average),
            .decimal("upstream_reuse_ratio", upstream.reuseRatio, ReportDecimals.ratio),
        ]
        for reason in UpstreamCloseReason.allCases {
            let count = upstream.closedByReason.first { $0.name == reason.reportName }?.count ?? 0
            list.append(.count("upstream_closed_\(reason.reportName)", count))
        }
        for side in ["proxy", "backend"] {
            list.append(.count("upstream_closed_by_\(side)", upstream.closedBySide.first { $0.name == side }?.count ?? 0))
        }
        list += [
            .count("stale_failures_retried", upstream.staleFailuresRetried),
            .count("stale_failures_surfaced", upstream.staleFailuresSurfaced),
            .level("upstream_peak_open", upstream.peakOpen),
            .level("upstream_peak_idle", upstream.peakIdle),
            .decimal("handshake_seconds_per_second", upstream.handshakeSecondsPerSecond, ReportDecimals.handshakeSecondsPerSecond),
        ]
        return list
    }

    /// Queue wait averaged over all backends' requests; nil without requests.
    private var backendMeanQueueWaitMs: Double? {
        let requests = backends.reduce(0) { $0 + Double($1.requests) }
        guard requests > 0 else { return nil }
        return backends.reduce(0) { $0 + $1.meanQueueWaitMs * Double($1.requests) } / requests
    }
}
