/// What a run reports — the same structure, with the same names, for the
/// simulator and for live replay (../shared/DESIGN.md, "What a run reports").
///
/// Plain data: the drivers fill it, the writers (JSON, CSV, table) print it.
/// Every ordered list is in a fixed order (by status code, by close-reason
/// report order, by worker index), never in hash order, so the printed
/// result is byte-identical run to run.
public struct RunReport: Equatable, Sendable {
    public var provenance: Provenance
    /// Length of the measured window (run duration minus warm-up), seconds.
    public var measuredSeconds: Double
    public var requests: RequestSummary
    /// Latency from the intended send time (free of coordinated omission).
    public var latency: LatencySummary
    /// Latency from the moment the request was actually sent.
    public var latencyFromSend: LatencySummary
    public var upstream: UpstreamSummary
    public var client: ClientSummary
    public var timeWait: TimeWaitSummary
    /// Listen-queue overflows, SYN retransmits, and which limits were hit.
    public var overload = OverloadSummary()
    public var workers: [WorkerSummary]
    public var backends: [BackendSummary]
    /// Shared hosts' cores (`hosts` in the model); empty when it places no process.
    public var hosts: [HostSummary] = []
    /// What the model implies that a reader should know, most important first.
    public var warnings: [String]

    /// Requests intended per second of the measured window: the mean rate
    /// offered (a bursty pattern's average), whatever was completed.
    public var offeredPerSecond: Double { Double(requests.sent) / max(1e-9, measuredSeconds) }

    public init(provenance: Provenance, measuredSeconds: Double, requests: RequestSummary, latency: LatencySummary,
                latencyFromSend: LatencySummary, upstream: UpstreamSummary, client: ClientSummary,
                timeWait: TimeWaitSummary, workers: [WorkerSummary], backends: [BackendSummary], warnings: [String]) {
        self.provenance = provenance; self.measuredSeconds = measuredSeconds; self.requests = requests
        self.latency = latency; self.latencyFromSend = latencyFromSend; self.upstream = upstream
        self.client = client; self.timeWait = timeWait; self.workers = workers; self.backends = backends
        self.warnings = warnings
    }
}

/// Where a result came from: enough to reproduce it. No wall-clock time, so
/// that output is byte-identical run to run.
public struct Provenance: Equatable, Sendable {
    public var toolVersion: String
    public var mode: String  // "simulate" or "replay"
    public var seed: UInt64
    public var replication: UInt64
    /// SHA-256 of the model file's bytes (hex), or of the canonical model when built in code.
    public var modelSHA256: String
    /// The command line, as typed (arguments joined with spaces).
    public var command: String
    public init(toolVersion: String, mode: String, seed: UInt64, replication: UInt64 = 0, modelSHA256: String, command: String) {
        self.toolVersion = toolVersion; self.mode = mode; self.seed = seed; self.replication = replication
        self.modelSHA256 = modelSHA256; self.command = command
    }
}

/// A count under a name, in report order: statuses ("200"), close reasons ("proxy_idle_timeout").
public struct NamedCount: Equatable, Sendable {
    public var name: String
    public var count: UInt64
    public init(_ name: String, _ count: UInt64) { self.name = name; self.count = count }
}

public struct RequestSummary: Equatable, Sendable {
    /// Requests whose intended send time fell in the measured window.
    public var sent: UInt64 = 0
    /// Of those, the ones answered (any status) before the run ended.
    public var completed: UInt64 = 0
    /// Answers by status code, ascending ("200", "499", "502", "504", ...).
    public var byStatus: [NamedCount] = []
    /// Requests nginx passed to another attempt at least once (ngx_http_upstream_next).
    public var retried: UInt64 = 0
    /// Responses nginx made itself, by cause (`no_live_upstreams`, `connect_timeout`, ...):
    /// why the 502s, 504s and 500s happened, as nginx's error log would say.
    public var errorCauses: [NamedCount] = []
    /// Upstream attempts in all (first attempts plus retries).
    public var upstreamAttempts: UInt64 = 0
    /// Completed requests per second of the measured window.
    public var completedPerSecond: Double = 0
    /// Requests in progress at nginx (read, not yet answered), time-averaged
    /// over the measured window: Little's law's L at the proxy.
    public var meanInFlightAtProxy: Double = 0
    public init() {}
}

/// Percentiles in milliseconds; nil when nothing was measured.
public struct LatencySummary: Equatable, Sendable {
    public var p50: Double?
    public var p90: Double?
    public var p99: Double?
    public var p999: Double?
    public var max: Double?
    public var mean: Double?
    public init(p50: Double? = nil, p90: Double? = nil, p99: Double? = nil, p999: Double? = nil, max: Double? = nil, mean: Double? = nil) {
        self.p50 = p50; self.p90 = p90; self.p99 = p99; self.p999 = p999; self.max = max; self.mean = mean
    }

    /// Summarises a histogram of nanoseconds.
    public init(_ histogram: LatencyHistogram) {
        func ms(_ ns: Int64?) -> Double? { ns.map { Double($0) / 1e6 } }
        self.init(p50: ms(histogram.percentile(50)), p90: ms(histogram.percentile(90)), p99: ms(histogram.percentile(99)),
                  p999: ms(histogram.percentile(99.9)), max: ms(histogram.max), mean: histogram.mean.map { $0 / 1e6 })
    }
}

public struct UpstreamSummary: Equatable, Sendable {
    /// New TCP connections nginx opened to backends.
    public var connectionsOpened: UInt64 = 0
    /// Attempts that used a cached (reused) connection.
    public var reusedAttempts: UInt64 = 0
    /// Attempts per connection opened (attempts / opened).
    public var requestsPerConnection: Double = 0
    /// Connections opened per 1,000 completed requests: 1,000 means no reuse at all.
    public var connectionsPer1kRequests: Double = 0
    /// Share of attempts on a reused connection, 0...1.
    public var reuseRatio: Double = 0
    /// Closes by reason, in `UpstreamCloseReason` report order (only reasons seen).
    public var closedByReason: [NamedCount] = []
    /// Closes by the side that closed first: "proxy" or "backend".
    public var closedBySide: [NamedCount] = []
    /// Requests that met a connection the backend had closed (the stale-connection race).
    public var staleFailuresRetried: UInt64 = 0
    public var staleFailuresSurfaced: UInt64 = 0
    /// Peak connections open at once, all workers together, and peak idle in caches.
    public var peakOpen: Int64 = 0
    public var peakIdle: Int64 = 0
    /// Time spent in TCP (and TLS) handshakes per second of run: the cost of not reusing.
    public var handshakeSecondsPerSecond: Double = 0
    public init() {}
}

public struct ClientSummary: Equatable, Sendable {
    public var connectionsOpened: UInt64 = 0
    public var closedByReason: [NamedCount] = []
    public var peakOpen: Int64 = 0
    /// Requests a client had to resend because nginx had just closed the connection.
    public var staleRetries: UInt64 = 0
    /// Requests that waited for a free connection of their client (all of its
    /// `connections_per_client` busy), and that wait from the intended send, ms.
    public var queuedForConnection: UInt64 = 0
    public var queueWaitMeanMs: Double?
    public var queueWaitP99Ms: Double?
    /// HTTP/2 clients: streams (requests) per client connection, and the
    /// most streams in flight on one connection at once; nil for HTTP/1.1.
    public var streamsPerConnection: Double?
    public var peakStreams: Int64?
    public init() {}
}

public struct TimeWaitSummary: Equatable, Sendable {
    /// Peak sockets in TIME_WAIT on nginx's host (upstream side, to all backends).
    public var proxyPeak: Int64 = 0
    /// Peak sockets in TIME_WAIT on the backends' hosts, all together.
    public var backendPeak: Int64 = 0
    /// The highest share of one backend address's ephemeral ports in use or in
    /// TIME_WAIT on nginx's host (0...1); 1 means new connections failed.
    public var peakPortUse: Double = 0
    /// Connection attempts refused for lack of an ephemeral port.
    public var portExhaustionFailures: UInt64 = 0
    public init() {}
}

public struct WorkerSummary: Equatable, Sendable {
    public var index: Int
    public var clientConnectionsAccepted: UInt64 = 0
    public var requests: UInt64 = 0
    public var upstreamConnectionsOpened: UInt64 = 0
    public var peakOpenUpstream: Int64 = 0
    public var peakIdleUpstream: Int64 = 0
    /// Time-averaged upstream connections in use (open minus idle).
    public var meanBusyUpstream: Double = 0
    /// Share of time the worker's event loop was busy (CPU costs), 0...1.
    public var busyFraction: Double = 0
    public init(index: Int) { self.index = index }
}

public struct BackendSummary: Equatable, Sendable {
    public var name: String
    public var address: String
    public var requests: UInt64 = 0
    public var connectionsAccepted: UInt64 = 0
    public var peakOpenConnections: Int64 = 0
    /// Busy workers averaged over the window divided by the worker count, 0...1.
    public var utilisation: Double = 0
    /// Mean time a request waited for a free backend worker, ms.
    public var meanQueueWaitMs: Double = 0
    /// 99th percentile of that wait, ms.
    public var queueWaitP99Ms: Double?
    /// CPU seconds spent accepting connections and in TLS handshakes.
    public var handshakeCPUSeconds: Double = 0
    /// Connections this backend closed, by reason.
    public var closedByReason: [NamedCount] = []
    /// Time-averaged requests in service or queued (Little's law's L).
    public var meanInFlight: Double = 0
    /// Busy workers over the busiest whole second divided by the worker count,
    /// 0...1 (nil when no whole second was measured): what `utilisation` averages away.
    public var peakSecondUtilisation: Double?
    /// Whole seconds measured, and those with at least 90% of the workers busy on average.
    public var secondsMeasured: Int64 = 0
    public var saturatedSeconds: Int64 = 0
    /// Requests that met a connection this backend had closed: retried, and answered with an error.
    public var staleFailuresRetried: UInt64 = 0
    public var staleFailuresSurfaced: UInt64 = 0
    public init(name: String, address: String) { self.name = name; self.address = address }
}
