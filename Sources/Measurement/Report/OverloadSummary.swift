/// Overload as the kernel and nginx show it: SYNs dropped at full accept
/// queues and retransmitted, connects that gave up, and which limits were hit.
public struct OverloadSummary: Equatable, Sendable {
    /// SYNs dropped because a listener's accept queue was full, by listener:
    /// `nginx`, then each backend that overflowed, as `NAME ADDRESS`.
    public var listenOverflows: [NamedCount] = []
    /// SYNs sent again after a drop (clients to nginx and nginx to backends).
    public var synRetransmits: UInt64 = 0
    /// Client connections whose connect() failed after every SYN was dropped.
    public var clientConnectTimeouts: UInt64 = 0
    /// The limits that were reached, one line each, naming the setting
    /// (`nginx listen backlog 511`, `worker_connections 512`, ...).
    public var limitsHit: [String] = []
    public init() {}

    /// All SYNs dropped, whichever listener.
    public var totalListenOverflows: UInt64 { listenOverflows.reduce(0) { $0 + $1.count } }
}

extension RunReport {
    /// The `overload` object of the JSON report.
    var overloadJSON: JSONObjectWriter {
        var object = JSONObjectWriter()
        object.add("listen_overflows", .object(overload.listenOverflows.map { JSONMember($0.name, .integer($0.count)) }))
        object.add("syn_retransmits", integer: overload.synRetransmits)
        object.add("client_connect_timeouts", integer: overload.clientConnectTimeouts)
        object.add("limits_hit", array: overload.limitsHit.map { .string($0) })
        return object
    }

    /// The CSV and sweep columns.
    var overloadMetrics: [ReportMetric] {
        [
            .count("listen_overflows", overload.totalListenOverflows),
            .count("syn_retransmits", overload.synRetransmits),
            .count("client_connect_timeouts", overload.clientConnectTimeouts),
        ]
    }

    /// The table's section; empty when nothing overflowed.
    var overloadDetail: [(String, String)] {
        guard !overload.limitsHit.isEmpty || overload.totalListenOverflows > 0 else { return [] }
        var rows = overload.listenOverflows.map { ("listen overflows, \($0.name)", NumberText.grouped($0.count)) }
        rows.append(("SYN retransmits", NumberText.grouped(overload.synRetransmits)))
        rows.append(("client connect timeouts", NumberText.grouped(overload.clientConnectTimeouts)))
        rows += overload.limitsHit.map { ("limit hit", $0) }
        return rows
    }
}
