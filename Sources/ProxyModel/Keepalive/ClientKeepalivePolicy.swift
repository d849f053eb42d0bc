/// Client-side keepalive of nginx (nginx-semantics.md section 5): whether a
/// request's response keeps the connection, and when an idle connection
/// times out. Decided per request at its start, as `ngx_http_handler` and
/// `ngx_http_update_location_config` (ngx_http_core_module.c) do.
public struct ClientKeepalivePolicy: Hashable, Sendable {
    /// `keepalive_timeout`: idle time allowed after a response; 0 disables keepalive.
    public var keepaliveTimeout: TimeSpan
    /// `keepalive_requests`: the request that brings the connection's count to
    /// this number is answered with `Connection: close`.
    public var keepaliveRequests: Int
    /// `keepalive_time`: the age limit checked at each request's start; nil = none (before 1.19.10).
    public var keepaliveTime: TimeSpan?
    /// `keepalive_min_timeout`: how long an idle connection is protected from
    /// early closing under connection pressure (worker model); nil before 1.27.4.
    public var keepaliveMinTimeout: TimeSpan?

    /// Every value explicit: the defaults live in `NginxDefaults`, and a resolved
    /// configuration's `EffectiveConfiguration.client` is ready-made.
    public init(
        keepaliveTimeout: TimeSpan, keepaliveRequests: Int, keepaliveTime: TimeSpan?, keepaliveMinTimeout: TimeSpan?
    ) {
        self.keepaliveTimeout = keepaliveTimeout; self.keepaliveRequests = keepaliveRequests
        self.keepaliveTime = keepaliveTime; self.keepaliveMinTimeout = keepaliveMinTimeout
    }

    /// The decision for one request, taken when its header has been read.
    /// - Parameters:
    ///   - requestNumber: this request's number on the connection, counting it
    ///     (1 for the first): nginx's `c->requests`.
    ///   - connectionOpenedAt: when the client connection was accepted (`c->start_time`).
    ///   - now: when the request header was read.
    @inlinable
    public func decide(
        httpVersion: HTTPVersion, connectionHeader: ClientConnectionHeader, requestNumber: Int,
        connectionOpenedAt: Instant, now: Instant
    ) -> ClientKeepaliveDecision {
        // ngx_http_handler: what the client asked for.
        switch connectionHeader {
        case .close: return .close(.clientSentConnectionClose)
        case .absent where httpVersion == .http10: return .close(.http10WithoutKeepAlive)
        case .absent, .keepAlive: break
        }
        // ngx_http_update_location_config: what the server allows, in nginx's order.
        if keepaliveTimeout == .zero { return .close(.keepaliveTimeoutZero) }
        if requestNumber >= keepaliveRequests { return .close(.keepaliveRequestsReached) }
        if let keepaliveTime, now - connectionOpenedAt > keepaliveTime { return .close(.keepaliveTimeExceeded) }
        return .keepAlive
    }

    /// The decision after nginx generated an error response itself
    /// (ngx_http_special_response_handler clears keepalive for some statuses).
    @inlinable
    public func afterNginxError(status: Int, decision: ClientKeepaliveDecision) -> ClientKeepaliveDecision {
        guard decision.keepsAlive else { return decision }
        switch status {
        case 400, 413, 414, 495, 496, 497, 500, 501: return .close(.errorResponse(status: status))
        default: return decision
        }
    }

    /// When a kept-alive connection times out: the idle timer starts once the
    /// response has completely finished and runs until the next request's first byte.
    @inlinable
    public func idleDeadline(responseFinishedAt: Instant) -> Instant {
        responseFinishedAt.addingSaturating(keepaliveTimeout)
    }

    /// Until when an idle connection is protected from early closing under
    /// slot pressure (`keepalive_min_timeout`, 1.27.4+): ngx_http_set_keepalive
    /// makes it reusable only when a first timer of `keepalive_min_timeout`
    /// fires, then re-arms for the rest of `keepalive_timeout`. Nil: reusable
    /// at once (no `keepalive_min_timeout`, or 0). When `keepalive_timeout` is
    /// not above the minimum, the connection is never reusable: protected to
    /// its idle deadline.
    @inlinable
    public func protectedUntil(responseFinishedAt: Instant) -> Instant? {
        guard let minimum = keepaliveMinTimeout, minimum > .zero else { return nil }
        return responseFinishedAt.addingSaturating(keepaliveTimeout > minimum ? minimum : keepaliveTimeout)
    }
}
