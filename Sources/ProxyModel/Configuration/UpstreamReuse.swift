/// "Will this location's requests reuse upstream connections at all?" — the
/// one place that answers it (nginx-semantics.md sections 0 and 5).
public enum UpstreamReuse: Hashable, Sendable, CustomStringConvertible {
    /// Connections are cached and reused; `capacity` idle slots per worker,
    /// `local` when only the storing location reuses them.
    case active(capacity: Int, local: Bool)
    /// No reuse; every reason that applies, most fundamental first.
    case inactive([UpstreamReuseInactiveReason])

    public var isActive: Bool {
        if case .active = self { return true }
        return false
    }

    /// The reasons reuse is off (empty when active).
    public var inactiveReasons: [UpstreamReuseInactiveReason] {
        if case .inactive(let reasons) = self { return reasons }
        return []
    }

    /// A sentence usable as a warning, e.g.
    /// `upstream keepalive is inactive: proxy_http_version is 1.0`.
    public var description: String {
        switch self {
        case .active(let capacity, let local):
            return "upstream keepalive is active: \(UpstreamKeepaliveDirective(connections: capacity, local: local)) per worker"
        case .inactive(let reasons):
            return "upstream keepalive is inactive: " + reasons.map(\.description).joined(separator: "; ")
        }
    }

    /// Whether nginx builds a keepalive cache for an upstream.
    enum CacheVerdict {
        /// Built with this `keepalive` directive.
        case build(UpstreamKeepaliveDirective)
        /// Not built, for this reason.
        case none(UpstreamReuseInactiveReason)
    }

    /// Whether nginx builds a keepalive cache for an `upstream{}` block, given
    /// its effective `keepalive` (written, or the version's default). Implicit
    /// upstreams never get one (`UpstreamReuseInactiveReason.implicitUpstream`).
    static func cacheVerdict(
        keepalive: UpstreamKeepaliveDirective?, balancing: BalancingMethod,
        balancingDeclaredAfterKeepalive: Bool, defaults: NginxDefaults
    ) -> CacheVerdict {
        guard let keepalive else { return .none(.noKeepaliveDirective) }
        if keepalive.connections == 0 { return .none(.keepaliveZero) }
        if balancingDeclaredAfterKeepalive, defaults.balancerAfterKeepaliveDisablesCache, balancing != .roundRobin {
            return .none(.balancerDeclaredAfterKeepalive(balancing))
        }
        return .build(keepalive)
    }

    /// Whether a location's requests reuse connections of its upstream.
    static func derive(
        cache: UpstreamCachePresence, httpVersion: HTTPVersion, connectionHeader: UpstreamConnectionHeader
    ) -> UpstreamReuse {
        var reasons: [UpstreamReuseInactiveReason] = []
        switch cache {
        case .absent(let reason):
            reasons.append(reason)
        case .present(let settings):
            if let requests = settings.keepaliveRequests, requests <= 1 {
                reasons.append(.keepaliveRequestsAtMostOne(requests))
            }
            if settings.keepaliveTimeout == .zero { reasons.append(.keepaliveTimeoutZero) }
        }
        if httpVersion == .http10 { reasons.append(.http10Upstream) }
        if connectionHeader.valueForPlainRequests == .close {
            if case .upgradeMap = connectionHeader {
                reasons.append(.connectionCloseSent(viaUpgradeMap: true))
            } else {
                reasons.append(.connectionCloseSent(viaUpgradeMap: false))
            }
        }
        if reasons.isEmpty, let settings = cache.settings {
            return .active(capacity: settings.capacity, local: settings.local)
        }
        return .inactive(reasons)
    }
}
