import ProxyModel

/// Receives connection lifecycle events as they happen (`simulate --events`,
/// `--timeline`). Only called when one is installed, so the hot path pays a
/// nil check and nothing else.
public protocol LifecycleObserver: AnyObject {
    func record(_ event: LifecycleEvent)
}

/// One step in a connection's or request's life, in the order it happened.
public struct LifecycleEvent: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case clientConnectionOpen = "client_open"
        case clientConnectionClose = "client_close"
        case requestSent = "request_sent"
        case requestAtProxy = "request_at_proxy"
        case upstreamOpen = "upstream_open"
        case upstreamHandshakeDone = "upstream_handshake_done"
        case upstreamReuse = "upstream_reuse"
        case requestAtBackend = "request_at_backend"
        case responseAtProxy = "response_at_proxy"
        case upstreamIdle = "upstream_idle"
        case upstreamClose = "upstream_close"
        case staleFailure = "stale_failure"
        case retry = "retry"
        case response = "response"
    }
    public var time: Instant
    public var kind: Kind
    /// The request (a run-wide serial number), or -1.
    public var request: Int64
    /// The connection id (client or upstream, by kind), or -1.
    public var connection: Int64
    public var worker: Int32
    /// The backend instance, or -1.
    public var backend: Int32
    /// A status, a close reason, a side: whatever the kind needs, as text.
    public var detail: String

    public init(time: Instant, kind: Kind, request: Int64 = -1, connection: Int64 = -1, worker: Int32 = -1,
                backend: Int32 = -1, detail: String = "") {
        self.time = time; self.kind = kind; self.request = request; self.connection = connection
        self.worker = worker; self.backend = backend; self.detail = detail
    }
}
