import ProxyModel
import Simulation

/// Finds the request of a lesson's interesting moment: the first event of a
/// kind (and detail, if given) at or after `notBefore`. An event that names
/// only a connection (an idle close, an eviction) is credited to the last
/// request that used the connection. Memory: one entry per open upstream connection.
final class MomentFinder: LifecycleObserver {
    let kind: LifecycleEvent.Kind
    let detail: String?
    let notBefore: Instant
    private(set) var request: Int64?
    /// The last request on each open upstream connection; looked up, never iterated.
    private var lastRequestOnUpstream: [Int64: Int64] = [:]

    /// `moment` is `EVENT` or `EVENT:DETAIL`, as a lesson file writes it; nil when the event kind is unknown.
    init?(moment: String, notBefore: Instant) {
        let parts = moment.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let kind = LifecycleEvent.Kind(rawValue: first) else { return nil }
        self.kind = kind
        detail = parts.count > 1 ? parts[1] : nil
        self.notBefore = notBefore
    }

    func record(_ event: LifecycleEvent) {
        guard request == nil else { return }
        let upstreamSide = !event.kind.isAboutClientConnection && event.connection >= 0
        if upstreamSide, event.request >= 1 { lastRequestOnUpstream[event.connection] = event.request }
        if event.kind == kind, event.time >= notBefore, detail == nil || event.detail == detail {
            request = event.request >= 1 ? event.request : upstreamSide ? lastRequestOnUpstream[event.connection] : nil
        }
        if upstreamSide, event.kind == .upstreamClose { lastRequestOnUpstream[event.connection] = nil }
    }
}
