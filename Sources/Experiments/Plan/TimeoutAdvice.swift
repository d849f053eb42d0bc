import ProxyModel

/// The upstream `keepalive_timeout` to recommend, and why, from who closes an
/// idle connection first (`IdleCloseRace`, nginx-semantics.md section 8.2):
/// nginx must give up an idle connection before the backend closes it, or a
/// request can pick a connection whose FIN is still on its way (the
/// stale-connection race: retried when idempotent, else a 502).
public struct TimeoutAdvice: Sendable {
    /// The timeout to set; nil to leave the model's (written, or nginx's default).
    public var recommended: TimeSpan?
    /// One line: the directive and the reason.
    public var reason: String

    /// The backend that closes idle connections soonest, with its facts.
    public struct Backend: Sendable {
        public var name: String
        /// The profile the model names (`node-20`), if any.
        public var profile: String?
        public var policy: BackendKeepalivePolicy
        public init(name: String, profile: String?, policy: BackendKeepalivePolicy) {
            self.name = name; self.profile = profile; self.policy = policy
        }
        var label: String { profile.map { "\($0)" } ?? "backend \(name)" }
    }

    /// Round values a person would write, up to nginx's own default of 60s.
    static let ladder: [TimeSpan] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 45, 60].map { TimeSpan.seconds($0) }

    /// - Parameters:
    ///   - written: the model's `keepalive_timeout` for the upstream, if it writes one.
    ///   - effective: the timeout in force (nil before nginx 1.15.3, which has none).
    ///   - version: the modelled nginx.
    ///   - backends: the upstream's backends.
    ///   - responseReadDelay: from a backend's last byte to nginx's: the one-way delay (+ jitter).
    public init(written: TimeSpan?, effective: TimeSpan?, version: NginxVersion, backends: [Backend], responseReadDelay: TimeSpan) {
        let closing = backends.compactMap { backend in backend.policy.effectiveIdleTimeout.map { (backend, $0) } }
        let soonest = closing.min { $0.1 < $1.1 }
        guard version >= NginxVersion.upstreamKeepaliveTimeoutAdded else {
            recommended = nil
            if let (backend, close) = soonest {
                reason = "keepalive_timeout: nginx \(version) has none (added in 1.15.3), so idle connections stay cached until "
                    + "the backend closes them at \(close.nginxText) (\(backend.label)): requests can meet closed connections; "
                    + "upgrade nginx to set it below the backend's"
            } else {
                reason = "keepalive_timeout: nginx \(version) has none (added in 1.15.3); the backends never close idle connections, "
                    + "so nothing races"
            }
            return
        }
        guard let (backend, close) = soonest else {
            recommended = nil
            let timeout = effective.map { $0.nginxText } ?? "none"
            reason = "keepalive_timeout \(timeout)\(written == nil ? " (nginx's default)" : " (as written)"): the backends "
                + "never close idle connections (\(backends.map(\.label).joined(separator: ", "))), so nginx's own timer decides "
                + "and no request meets a closed connection"
            return
        }
        func race(_ timeout: TimeSpan) -> IdleCloseRace {
            IdleCloseRace(nginxKeepaliveTimeout: timeout, backend: backend.policy, responseReadDelay: responseReadDelay)
        }
        let backendFacts = "the backend's idle close at \(close.nginxText) (\(backend.label))"
        if let written {
            recommended = nil
            if race(written).firstCloser == .nginx {
                reason = "keepalive_timeout \(written.nginxText) (as written): below \(backendFacts), so nginx closes idle "
                    + "connections first and no request meets a closed connection"
            } else {
                reason = "keepalive_timeout \(written.nginxText) (as written): NOT below \(backendFacts): a request can take a "
                    + "connection the backend has just closed (retried when idempotent, else 502); set it to "
                    + (Self.safeTimeout(below: backend.policy, race: race)?.nginxText ?? "less") + " or less"
            }
            return
        }
        guard let timeout = Self.safeTimeout(below: backend.policy, race: race) else {
            recommended = nil
            reason = "keepalive_timeout: \(backendFacts) is too short for any timeout to beat it; expect stale-connection retries"
            return
        }
        recommended = timeout
        reason = "keepalive_timeout \(timeout.nginxText): below \(backendFacts), so nginx closes idle connections first "
            + "and no request meets a closed connection"
    }

    /// The largest round timeout at least 1s (or half the backend's timeout,
    /// when that is shorter) below the backend's CONFIGURED idle timeout, that
    /// also closes before its real close: the delay between the two (Node.js's
    /// ~1s) is an implementation detail to keep as a margin, not to spend.
    static func safeTimeout(below policy: BackendKeepalivePolicy, race: (TimeSpan) -> IdleCloseRace) -> TimeSpan? {
        guard let configured = policy.idleTimeout else { return nil }
        let margin = min(TimeSpan.seconds(1), TimeSpan(nanoseconds: configured.nanoseconds / 2))
        let candidates = ladder.filter { $0 <= configured - margin } + [TimeSpan(nanoseconds: configured.nanoseconds / 2)]
        return candidates.filter { $0 > .zero && race($0).firstCloser == .nginx }.max()
    }
}

extension TimeSpan {
    /// As nginx.conf writes it (`PlanSettings.nginxDuration`).
    var nginxText: String { PlanSettings.nginxDuration(self) }
}
