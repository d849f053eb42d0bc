import Measurement

/// `simulate --report FILE.html`: one run in pictures. The headline numbers,
/// then the latency CDF, upstream connections open and idle over time per
/// worker, new connections per second, how full each worker's keepalive
/// cache was, closes by reason and errors by cause.
public struct RunHTMLReport {
    public var modelPath: String
    public var report: RunReport
    /// Latency from the intended send time (coordinated-omission free), and from the actual send, in nanoseconds.
    public var latency: LatencyHistogram
    public var latencyFromSend: LatencyHistogram
    public var series: RunSeries

    /// Lines per chart: beyond this many workers, the first ones are drawn (the caption says so).
    static let maximumWorkerLines = 8

    /// The headline metrics, in this order.
    static let headline = [
        "requests_sent", "completed_per_second", "latency_p50_ms", "latency_p99_ms", "latency_p999_ms",
        "upstream_connections_opened", "upstream_connections_per_1k", "upstream_reuse_ratio", "upstream_peak_open",
        "upstream_peak_idle", "errors", "error_ratio", "stale_failures_retried", "stale_failures_surfaced",
        "time_wait_proxy_peak", "handshake_seconds_per_second",
    ]

    public init(modelPath: String, report: RunReport, latency: LatencyHistogram, latencyFromSend: LatencyHistogram,
                series: RunSeries) {
        self.modelPath = modelPath; self.report = report; self.latency = latency
        self.latencyFromSend = latencyFromSend; self.series = series
    }

    /// The page, ending with a newline.
    public var html: String {
        var page = HTMLPage(title: "KeepaliveLab: \(modelPath)")
        page.paragraph(Self.provenance(report.provenance), className: "provenance")
        let metrics = report.metrics
        page.table(header: ["metric", "value"], rows: Self.headline.compactMap { name in
            metrics.first { $0.name == name }.map { [name, $0.text] }
        })
        if !report.warnings.isEmpty {
            page.heading("Warnings")
            page.list(report.warnings, className: "warnings")
        }
        page.heading("Latency")
        page.figure(svg: latencyChart.svg, caption: "Share of requests answered within a time (log scale). From the intended "
            + "send time, a request that waited for a connection or a retry counts its wait (coordinated-omission free); "
            + "the gap between the two lines is time spent before the request could be sent.")
        page.heading("Upstream connections over time")
        page.figure(svg: workerChart(title: "Upstream connections open, per worker", values: series.peakOpen,
                                     yLabel: "open connections (peak in window)").svg,
                    caption: "Busy plus idle connections from each nginx worker to the backends. Each worker has its "
                        + "own caches (ngx_http_upstream_keepalive_module: the cache is copied into every worker at fork)."
                        + workerNote)
        var idle = workerChart(title: "Idle connections in keepalive caches, per worker", values: series.peakIdle,
                               yLabel: "idle connections (peak in window)")
        if series.poolSlots > 0 { idle.reference = (Double(series.poolSlots), "keepalive slots per worker: \(series.poolSlots)") }
        page.figure(svg: idle.svg, caption: "Connections waiting in a worker's cache for the next request. At the dashed "
            + "line the cache is full: the next connection stored evicts the least recently used one "
            + "(ngx_http_upstream_free_keepalive_peer)." + workerNote)
        page.figure(svg: openedChart.svg, caption: "TCP (and TLS) handshakes nginx starts toward the backends. With reuse "
            + "this falls to a trickle after the warm-up; without it, it follows the request rate.")
        page.heading("Pool occupancy")
        if series.poolSlots > 0 {
            page.figure(svg: occupancyChart.svg, caption: "Share of the measured time each worker's caches held 0, 1, 2, ... "
                + "idle connections. Mass piled at the right end means the pool is too small and thrashes; mass far "
                + "left of it means slots that are never used." + workerNote)
        } else {
            page.paragraph("No upstream has a keepalive cache: every upstream connection is closed after its request.")
        }
        page.heading("Closes and errors")
        let sides = report.upstream.closedBySide.map { "\($0.name) \(NumberText.grouped($0.count))" }.joined(separator: ", ")
        page.figure(svg: BarChart(title: "Upstream connections closed, by reason",
                                  subtitle: "closed first by: " + (sides.isEmpty ? "none" : sides),
                                  bars: report.upstream.closedByReason, colour: "#0072B2").svg,
                    caption: "Why connections ended. Idle timeouts and evictions are nginx's choice; backend closes "
                        + "are the backend's (its idle timeout, its request limit).")
        page.figure(svg: BarChart(title: "Errors by cause", subtitle: "responses nginx made itself, as its error log would say",
                                  bars: report.requests.errorCauses, colour: "#D55E00").svg,
                    caption: "The 502s, 504s and 500s, by what happened (ngx_http_upstream_next decides between a retry "
                        + "and an error response).")
        page.table(header: ["status", "responses"], rows: report.requests.byStatus.map { [$0.name, NumberText.grouped($0.count)] })
        return page.text
    }

    static func provenance(_ provenance: Provenance) -> String {
        "keepalive-lab \(provenance.toolVersion) · \(provenance.command) · seed \(provenance.seed), replication "
            + "\(provenance.replication) · model SHA-256 \(provenance.modelSHA256)"
    }

    private var shownWorkers: Int { min(series.workerCount, Self.maximumWorkerLines) }

    private var workerNote: String {
        series.workerCount > shownWorkers ? " The first \(shownWorkers) of \(series.workerCount) workers are drawn." : ""
    }

    private var timeLabel: String { "virtual time (s), windows of \(series.window.formatted())" }

    private var latencyChart: LineChart {
        LineChart(title: "Latency CDF", subtitle: "\(NumberText.grouped(latency.count)) requests answered in the measured window",
                  xLabel: "latency (ms, log scale)", yLabel: "share of requests", series: [
                      LineChart.Series(name: "from intended send", points: Self.cdf(latency)),
                      LineChart.Series(name: "from actual send", points: Self.cdf(latencyFromSend)),
                  ], xLogarithmic: true, yAtLeast: 1)
    }

    private func workerChart(title: String, values: [[Int64]], yLabel: String) -> LineChart {
        LineChart(title: title, subtitle: "peak within each window of \(series.window.formatted())", xLabel: timeLabel,
                  yLabel: yLabel, series: (0..<shownWorkers).map { worker in
                      LineChart.Series(name: "worker \(worker)", points: values[worker].enumerated().map {
                          (series.seconds(atWindow: $0.offset), Double($0.element))
                      })
                  }, yAtLeast: 1)
    }

    private var openedChart: LineChart {
        let seconds = series.window.seconds
        return LineChart(title: "New upstream connections per second", subtitle: "all workers, per window of \(series.window.formatted())",
                         xLabel: timeLabel, yLabel: "connections opened per second", series: [
                             LineChart.Series(name: "all workers", points: series.opened.enumerated().map {
                                 (series.seconds(atWindow: $0.offset), Double($0.element) / seconds)
                             }),
                         ], yAtLeast: 1)
    }

    private var occupancyChart: LineChart {
        let cap = series.idleLevelCap
        let capped = series.poolSlots > cap ? " (\(cap) stands for \(cap) or more)" : ""
        return LineChart(title: "Pool occupancy", subtitle: "share of the measured time with k idle connections" + capped,
                         xLabel: "idle connections in the worker's caches (k)", yLabel: "share of time (%)",
                         series: (0..<shownWorkers).map { worker in
                             let times = series.idleLevelTime[worker]
                             let total = Double(times.reduce(Int64(0)) { $0 &+ $1 })
                             return LineChart.Series(name: "worker \(worker)", points: times.enumerated().map {
                                 (Double($0.offset), total > 0 ? 100 * Double($0.element) / total : 0)
                             })
                         }, yAtLeast: 10, xWholeNumbers: true)
    }

    /// (latency in ms, share of requests at or below it), one point per non-empty bucket.
    static func cdf(_ histogram: LatencyHistogram) -> [(x: Double, y: Double)] {
        guard histogram.count > 0 else { return [] }
        var points: [(x: Double, y: Double)] = []
        var seen: UInt64 = 0
        for bucket in histogram.nonEmptyBuckets {
            if points.isEmpty { points.append((max(Double(bucket.lowerBound), 1) / 1e6, 0)) }
            seen &+= bucket.count
            points.append((max(Double(bucket.upperBound), 1) / 1e6, Double(seen) / Double(histogram.count)))
        }
        return points
    }
}
