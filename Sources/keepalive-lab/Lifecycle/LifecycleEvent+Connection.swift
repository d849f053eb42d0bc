import Simulation

extension LifecycleEvent.Kind {
    /// Whether the event's `connection` is a client connection (client to
    /// nginx) rather than an upstream one (nginx to a backend).
    var isAboutClientConnection: Bool {
        switch self {
        case .clientConnectionOpen, .clientConnectionClose, .requestSent, .requestAtProxy, .response:
            return true
        case .upstreamOpen, .upstreamHandshakeDone, .upstreamReuse, .requestAtBackend, .responseAtProxy,
             .upstreamIdle, .upstreamClose, .staleFailure, .retry:
            return false
        }
    }
}
