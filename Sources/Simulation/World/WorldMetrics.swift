import ProxyModel
import Measurement

/// Which side closed an upstream connection first.
enum CloseSide: Int { case proxy, backend }

/// Everything the world counts. Counters only count while `measuring`
/// (after the warm-up); gauges track levels always and restart their
/// windows when the warm-up ends.
struct WorldMetrics {
    var measuring = false
    /// Totals over the whole run, warm-up included, for the conservation checks.
    var audit = WorldAudit()
    /// Set when requests in flight passed the live-state budget: the run stops (see `EarlyStop`).
    var earlyStop: EarlyStop?
    var requestSerials: Int64 = 0
    var clientConnectionSerials: Int64 = 0
    var upstreamConnectionSerials: Int64 = 0
    var measuringSince = Instant.zero

    var latency = LatencyHistogram()
    var latencyFromSend = LatencyHistogram()
    var sent: UInt64 = 0
    var completed: UInt64 = 0
    /// Status counts; index = status code (0 = connection reset by nginx).
    var statusCounts = [UInt64](repeating: 0, count: 600)
    var retried: UInt64 = 0
    /// Responses nginx made itself, by cause (`NginxErrorCause.rawValue`).
    var errorCauses = [UInt64](repeating: 0, count: NginxErrorCause.allCases.count)
    var upstreamAttempts: UInt64 = 0
    var reusedAttempts: UInt64 = 0
    var upstreamOpened: UInt64 = 0
    var upstreamClosedByReason = [UInt64](repeating: 0, count: UpstreamCloseReason.allCases.count)
    var upstreamClosedBySide = [UInt64](repeating: 0, count: 2)
    var staleRetried: UInt64 = 0
    var staleSurfaced: UInt64 = 0
    var handshakeNanoseconds: Int64 = 0
    var upstreamOpen = PeakGauge()
    var upstreamIdle = PeakGauge()
    var clientOpened: UInt64 = 0
    var clientClosedByCause = [UInt64](repeating: 0, count: ClientCloseCause.allCases.count)
    var clientOpen = PeakGauge()
    var clientStaleRetries: UInt64 = 0
    /// HTTP/2: streams sent, and the most in flight on one connection at once.
    var clientStreams: UInt64 = 0
    var clientPeakStreams: Int64 = 0
    /// Measured requests that waited for one of their client's connections
    /// (all busy, `traffic.connections_per_client` open), and how long, from the intended send.
    var clientQueued: UInt64 = 0
    var clientQueueWait = LatencyHistogram()
    var portExhaustionFailures: UInt64 = 0
    /// SYNs nginx's full accept queue dropped; SYNs sent again after a drop
    /// (both hops); client connects that gave up.
    var proxyListenOverflows: UInt64 = 0
    var synRetransmits: UInt64 = 0
    var clientConnectTimeouts: UInt64 = 0
    /// TIME_WAIT sockets on nginx's host toward all backends, and on all backends' hosts.
    var proxyTimeWait = ExpiringCounter(lifetime: .seconds(60))
    var backendTimeWait = ExpiringCounter(lifetime: .seconds(60))
    /// Requests in flight at nginx (accepted, not yet answered): Little's law's L.
    var proxyInFlight = PeakGauge()
}

/// The connection-side statistics at the end of the traffic window.
struct FrozenStatistics {
    var metrics: WorldMetrics
    var workers: [ProxyWorkerState]
    var backends: [BackendState]
    var hosts: [HostRunQueue]
}
