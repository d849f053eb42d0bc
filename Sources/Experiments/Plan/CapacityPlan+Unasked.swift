import Measurement

/// What `plan` was not asked about but its recommended settings badly miss:
/// a pool can meet `handshakes_per_1k` and `error_rate` while the clients
/// wait most of a second during bursts. Only notes; the recommendation stands.
extension CapacityPlan {
    /// A tail this much longer than the median, and at least this long, is called out.
    static let tailFactor = 5.0
    static let tailFloorMs = 100.0
    /// An error ratio above this, with no target on errors, is called out.
    static let errorFloor = 0.001

    /// One line per badly missed metric no target was set for.
    public var unaskedMisses: [String] {
        var notes: [String] = []
        let targeted = Set(targets.map(\.metric))
        if !targeted.contains(where: { $0.hasPrefix("latency") }), let p99 = prediction.mean("latency_p99_ms"),
           let p50 = prediction.mean("latency_p50_ms"), p99 >= Self.tailFloorMs, p99 >= Self.tailFactor * p50 {
            var note = "latency_p99_ms \(prediction.estimate("latency_p99_ms")) ms against a median of "
                + "\(prediction.estimate("latency_p50_ms")) ms"
            if let fromSend = prediction.mean("latency_from_send_p99_ms"), fromSend * 1.5 <= p99 {
                note += "; from the actual send the p99 is \(prediction.estimate("latency_from_send_p99_ms")) ms: requests "
                    + "wait at the clients for a connection (traffic.clients, traffic.connections_per_client)"
            } else {
                note += ": requests wait at nginx or the backends (bursts, too few backend workers)"
            }
            notes.append(note + "; plan for it with --target p99_ms=LIMIT")
        }
        if !targeted.contains("error_ratio"), let errors = prediction.mean("error_ratio"), errors > Self.errorFloor {
            notes.append("error_ratio \(prediction.estimate("error_ratio")); plan for it with --target error_rate=0")
        }
        return notes
    }
}
