/// The report for people: the headline numbers first, then detail by
/// connection kind, per worker and per backend, then warnings.
///
/// The Workers table counts, per nginx worker: client connections it
/// accepted in the measured window ("client conns"), requests it read, upstream
/// connections it opened, its peak open and idle upstream connections, and
/// the share of time its event loop was busy. The Backends table gives each
/// backend's mean utilisation and, beside it, that of its busiest second ("peak 1s").
///
///     keepalive-lab 0.1.0 simulate, seed 3, replication 0, model sha256 d47000e5642c
///     9.000 s measured (warm-up excluded)
///
///       requests/s                  51.556 completed (464 of 464 sent)
///       latency ms                  p50 2.000  p90 2.000  p99 2.500  p99.9 2.500  max 2.500  mean 2.017
///         from actual send          p50 2.000  p90 2.000  p99 2.500  p99.9 2.500  max 2.500  mean 2.017
///       upstream conns / 1k reqs    0.0 (0 opened; 1,000 = no reuse)
///       reuse ratio                 100.0% of 464 upstream attempts on a kept-alive connection
///       errors                      none
///       ...
extension RunReport {
    /// Every line ends with a newline; no line has trailing spaces.
    public var table: String {
        var text = title
        text += "\n" + Self.labelled(headline)
        text += "\nUpstream connections (nginx -> backends)\n" + Self.labelled(upstreamDetail)
        text += "\nClient connections (clients -> nginx)\n" + Self.labelled(clientDetail)
        text += "\nTIME_WAIT and ports\n" + Self.labelled(timeWaitDetail)
        let overload = overloadDetail
        if !overload.isEmpty { text += "\nOverload\n" + Self.labelled(overload) }
        text += "\nWorkers\n" + workerTable.text()
        text += "\nBackends\n" + backendTable.text()
        let hosts = hostDetail
        if !hosts.isEmpty { text += "\nHosts (cores shared by the processes placed on them)\n" + Self.labelled(hosts) }
        text += "\nWarnings\n"
        text += warnings.isEmpty ? "  none\n" : warnings.map { "  - \($0)\n" }.joined()
        return text
    }

    /// Labels are padded to this width so that every value starts in one column.
    static let labelWidth = 28

    // MARK: Sections

    private var title: String {
        let model = provenance.modelSHA256.isEmpty ? "" : ", model sha256 \(provenance.modelSHA256.prefix(12))"
        return "keepalive-lab \(provenance.toolVersion) \(provenance.mode), seed \(provenance.seed), "
            + "replication \(provenance.replication)\(model)\n"
            + "\(NumberText.fixed(measuredSeconds, fractionDigits: ReportDecimals.seconds) ?? "-") s measured " + (provenance.mode == "replay" ? "(the whole run, real time)\n" : "(warm-up excluded)\n")
    }

    private var headline: [(String, String)] {
        let opened = NumberText.grouped(upstream.connectionsOpened)
        let errorText = requests.errors == 0
            ? "none"
            : requests.errorsByStatus.map { "\($0.name): \(NumberText.grouped($0.count))" }.joined(separator: ", ")
                + " (\(NumberText.percent(Double(requests.errors) / Double(max(1, requests.completed)), fractionDigits: 2))"
                + " of completed)"
        return [
            ("requests/s", "\(Self.decimal(requests.completedPerSecond, ReportDecimals.perSecond)) completed "
                + "(\(NumberText.grouped(requests.completed)) of \(NumberText.grouped(requests.sent)) sent); "
                + "\(Self.decimal(offeredPerSecond, ReportDecimals.perSecond)) offered on average"),
            ("latency ms", Self.percentiles(latency)),
            ("  from actual send", Self.percentiles(latencyFromSend)),
            ("upstream conns / 1k reqs", "\(Self.decimal(upstream.connectionsPer1kRequests, 1)) "
                + "(\(opened) opened; 1,000 = no reuse)"),
            ("reuse ratio", "\(NumberText.percent(upstream.reuseRatio)) of "
                + "\(NumberText.grouped(requests.upstreamAttempts)) upstream attempts on a kept-alive connection"),
            ("errors", errorText),
            ("  caused by", requests.errorCauses.isEmpty ? "none" : Self.counts(requests.errorCauses)),
            ("responses", requests.byStatus.isEmpty ? "none" : Self.counts(requests.byStatus, separator: ": ")),
            ("stale-connection failures", "\(NumberText.grouped(upstream.staleFailuresRetried)) retried, "
                + "\(NumberText.grouped(upstream.staleFailuresSurfaced)) surfaced to clients"),
        ]
    }

    private var upstreamDetail: [(String, String)] {
        [
            ("opened", NumberText.grouped(upstream.connectionsOpened)),
            ("requests per connection", Self.decimal(upstream.requestsPerConnection, 1)),
            ("retried requests", "\(NumberText.grouped(requests.retried)) "
                + "(\(NumberText.grouped(requests.upstreamAttempts)) attempts in all)"),
            ("closed by reason", upstream.closedByReason.isEmpty ? "none" : Self.counts(upstream.closedByReason)),
            ("closed first by", upstream.closedBySide.isEmpty ? "none" : Self.counts(upstream.closedBySide)),
            ("peak open / idle", "\(NumberText.grouped(upstream.peakOpen)) / \(NumberText.grouped(upstream.peakIdle))"),
            ("handshake time", "\(Self.decimal(upstream.handshakeSecondsPerSecond, ReportDecimals.handshakeSecondsPerSecond)) s per second"),
        ]
    }

    private var clientDetail: [(String, String)] {
        var lines = [
            ("opened", NumberText.grouped(client.connectionsOpened)),
            ("closed by reason", client.closedByReason.isEmpty ? "none" : Self.counts(client.closedByReason)),
            ("peak open", NumberText.grouped(client.peakOpen)),
            ("stale retries", NumberText.grouped(client.staleRetries)),
            ("queued for a connection", NumberText.grouped(client.queuedForConnection) + " requests"
                + (client.queueWaitP99Ms.map { " (wait p99 \(Self.decimal($0, ReportDecimals.milliseconds)) ms)" } ?? "")),
        ]
        if let streams = client.streamsPerConnection {
            lines.append(("HTTP/2 streams", "\(Self.decimal(streams, ReportDecimals.average)) per connection, "
                + "peak \(NumberText.grouped(client.peakStreams ?? 0)) at once on one connection"))
        }
        return lines
    }

    private var timeWaitDetail: [(String, String)] {
        [
            ("peak on nginx", NumberText.grouped(timeWait.proxyPeak)),
            ("peak on backends", NumberText.grouped(timeWait.backendPeak)),
            ("peak port use", "\(NumberText.percent(timeWait.peakPortUse)) of the ephemeral ports toward one backend"),
            ("port exhaustion failures", NumberText.grouped(timeWait.portExhaustionFailures)),
        ]
    }

    private var workerTable: TextTable {
        var table = TextTable([
            .init("worker"), .init("client conns"), .init("requests"), .init("upstream opened"),
            .init("peak open"), .init("peak idle"), .init("busy"),
        ])
        for worker in workers {
            table.append([
                String(worker.index), NumberText.grouped(worker.clientConnectionsAccepted), NumberText.grouped(worker.requests),
                NumberText.grouped(worker.upstreamConnectionsOpened), NumberText.grouped(worker.peakOpenUpstream),
                NumberText.grouped(worker.peakIdleUpstream), NumberText.percent(worker.busyFraction),
            ])
        }
        return table
    }

    private var backendTable: TextTable {
        var table = TextTable([
            .init("backend", .left), .init("address", .left), .init("requests"), .init("accepted"), .init("peak open"),
            .init("utilisation"), .init("peak 1s"), .init("queue wait ms"), .init("in flight"), .init("handshake cpu s"),
            .init("closed by backend", .left),
        ])
        for backend in backends {
            table.append([
                backend.name, backend.address, NumberText.grouped(backend.requests),
                NumberText.grouped(backend.connectionsAccepted), NumberText.grouped(backend.peakOpenConnections),
                NumberText.percent(backend.utilisation), backend.peakSecondUtilisation.map { NumberText.percent($0) } ?? "-",
                Self.decimal(backend.meanQueueWaitMs, ReportDecimals.milliseconds),
                Self.decimal(backend.meanInFlight, ReportDecimals.average),
                Self.decimal(backend.handshakeCPUSeconds, ReportDecimals.seconds),
                backend.closedByReason.isEmpty ? "none" : Self.counts(backend.closedByReason),
            ])
        }
        return table
    }

    // MARK: Formatting

    private static func labelled(_ rows: [(String, String)]) -> String {
        rows.map { label, value in
            "  " + label + String(repeating: " ", count: max(2, labelWidth - label.count)) + value + "\n"
        }.joined()
    }

    private static func decimal(_ value: Double?, _ digits: Int) -> String {
        NumberText.fixed(value, fractionDigits: digits, missing: "-")
    }

    private static func percentiles(_ summary: LatencySummary) -> String {
        let digits = ReportDecimals.milliseconds
        guard summary.p50 != nil else { return "none measured" }
        return [("p50", summary.p50), ("p90", summary.p90), ("p99", summary.p99), ("p99.9", summary.p999),
                ("max", summary.max), ("mean", summary.mean)]
            .map { "\($0.0) \(decimal($0.1, digits))" }.joined(separator: "  ")
    }

    /// `proxy_idle_timeout 10, cache_eviction 3`, or with `separator` `200: 5,493, 502: 3`.
    private static func counts(_ counts: [NamedCount], separator: String = " ") -> String {
        counts.map { "\($0.name)\(separator)\(NumberText.grouped($0.count))" }.joined(separator: ", ")
    }
}
