import Simulation

/// `simulate --events-filter connection|request|all`: which lifecycle events
/// `--events` writes. A request's own steps (sent, at nginx, at the backend,
/// answered) are most of the lines — about 70 MB for the default model's
/// 60 s — while the connection steps alone tell how pools behave.
enum EventsFilter: String, CaseIterable, Sendable {
    /// Connections' steps: opens, handshakes, reuses, idles, closes, stale failures.
    case connection
    /// Requests' steps: sent, at nginx, at the backend, response at nginx, retries, answered.
    case request
    /// Both (the default).
    case all

    /// The value kind to declare the option with.
    static var valueKind: ValueKind { .choice(allCases.map(\.rawValue)) }

    func includes(_ kind: LifecycleEvent.Kind) -> Bool {
        switch self {
        case .all: return true
        case .connection: return kind.isConnectionStep
        case .request: return !kind.isConnectionStep
        }
    }
}

extension LifecycleEvent.Kind {
    /// A step in a connection's life rather than in a request's.
    var isConnectionStep: Bool {
        switch self {
        case .clientConnectionOpen, .clientConnectionClose, .upstreamOpen, .upstreamHandshakeDone, .upstreamReuse,
             .upstreamIdle, .upstreamClose, .staleFailure:
            return true
        case .requestSent, .requestAtProxy, .requestAtBackend, .responseAtProxy, .retry, .response:
            return false
        }
    }
}
