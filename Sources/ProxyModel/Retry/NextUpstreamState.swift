/// The retry state machine of one proxied request
/// (`ngx_http_upstream_next` and `ngx_http_upstream_test_next` in
/// ngx_http_upstream.c). Sans-IO: the driver reports what happened to the
/// current attempt, the machine answers with a `NextUpstreamDecision`.
///
/// Driving it: create it when the upstream part of the request starts; for
/// each attempt `select` a server (nil -> `.noLiveUpstreams`), use a cached
/// connection or open one (no slot -> `.noWorkerConnectionSlot`), then report
/// `.attemptFailed` or `.responseHeader`. Release the server as the decision
/// says. Every transition is in `handle(_:now:)`.
public struct NextUpstreamState: Hashable, Sendable {
    public let policy: NextUpstreamPolicy
    public let method: HTTPMethod
    /// When the upstream part began (`u->peer.start_time`):
    /// `proxy_next_upstream_timeout` counts from here.
    public let startedAt: Instant
    /// The balancer's `isSingleServer`: its release sets tries to 0, not tries - 1.
    public let isSingleServer: Bool
    /// `r->request_body_no_buffering` (see `NextUpstreamPolicy.streamsRequestBody`).
    public let requestBodyStreamed: Bool
    @usableFromInline var remainingTries: Int
    @usableFromInline var retryCount: Int

    /// - Parameters:
    ///   - balancerTries: the balancer's `initialTries` (non-down primaries +
    ///     non-down backups); capped here by `proxy_next_upstream_tries`.
    public init(
        policy: NextUpstreamPolicy, method: HTTPMethod, startedAt: Instant, balancerTries: Int,
        isSingleServer: Bool, requestBodyStreamed: Bool = false
    ) {
        self.policy = policy
        self.method = method
        self.startedAt = startedAt
        self.isSingleServer = isSingleServer
        self.requestBodyStreamed = requestBodyStreamed
        remainingTries = policy.maxTries > 0 ? min(balancerTries, policy.maxTries) : balancerTries
        retryCount = 0
    }

    /// Starts a request against a balancer.
    public init(
        policy: NextUpstreamPolicy, method: HTTPMethod, startedAt: Instant, balancer: UpstreamBalancer,
        requestBodyStreamed: Bool = false
    ) {
        self.init(
            policy: policy, method: method, startedAt: startedAt, balancerTries: balancer.initialTries,
            isSingleServer: balancer.isSingleServer, requestBodyStreamed: requestBodyStreamed)
    }

    /// nginx's `u->peer.tries`: attempts left, the current one included.
    public var tries: Int { remainingTries }
    /// How many times this request was sent to another attempt so far.
    public var retries: Int { retryCount }

    /// The one place where the request's retry state changes.
    @inlinable
    public mutating func handle(_ event: NextUpstreamEvent, now: Instant) -> NextUpstreamDecision {
        switch event {
        case .noLiveUpstreams:
            // No server was given, so none is freed and tries stay; FT_NOLIVE is
            // never in the proxy_next_upstream mask: 502, whatever the method.
            return .respond(status: 502, releasePeerAs: nil)

        case .noWorkerConnectionSlot:
            // ngx_event_connect_peer returns NGX_ERROR: the request is finalized
            // with 500 and the server freed with state 0. Not retried, not a failure.
            return .respond(status: 500, releasePeerAs: .notFailed)

        case .attemptFailed(let failure, let connection):
            let refund = connection.isCached && failure == .error
            if refund, policy.rules == .before1_9_13, !(connection.requestSent && requestBodyStreamed) {
                // Before 1.9.13: free (tries - 1), refund (+ 1), and retry with no further check.
                releaseTry()
                remainingTries += 1
                retryCount += 1
                return .retry(releasePeerAs: .failed)
            }
            return passToNextUpstream(
                failure.condition, status: failure.clientStatus, release: .failed,
                refund: refund, requestSent: connection.requestSent, now: now)

        case .responseHeader(let status):
            // ngx_http_upstream_test_next: only a nameable status, only if this
            // is not the last try, the mask allows it, the body can be sent again
            // and the timeout has not passed; otherwise the response passes through
            // and the server is released as a success when the request ends.
            guard let condition = NextUpstreamConditions.retryCondition(forStatus: status) else {
                return .passResponseThrough
            }
            let mask = condition.union(nonIdempotentFlag(requestSent: true))
            guard remainingTries > 1, policy.conditions.isSuperset(of: mask) else { return .passResponseThrough }
            // Before 1.9.13 test_next checked only tries and mask; the body and
            // timeout checks happened in ngx_http_upstream_next, answering with
            // nginx's own status (and 503/429 were not yet told apart from 502).
            var clientStatus = status
            if policy.rules == .modern {
                if requestBodyStreamed || timeoutHasPassed(now: now) { return .passResponseThrough }
            } else if status == 503 || status == 429 {
                clientStatus = 502
            }
            // 403 and 404 are released as NGX_PEER_NEXT: never a failure.
            let release: PeerReleaseOutcome = status == 403 || status == 404 ? .notFailed : .failed
            return passToNextUpstream(
                condition, status: clientStatus, release: release, refund: false, requestSent: true, now: now)
        }
    }

    /// `ngx_http_upstream_next` once a server was held: free it (tries - 1,
    /// or 0 for a single server), refund FT_ERROR on a cached connection,
    /// then give up or retry.
    @inlinable
    mutating func passToNextUpstream(
        _ condition: NextUpstreamConditions, status: Int, release: PeerReleaseOutcome, refund: Bool,
        requestSent: Bool, now: Instant
    ) -> NextUpstreamDecision {
        releaseTry()
        if refund { remainingTries += 1 }
        let failureFlags = condition.union(nonIdempotentFlag(requestSent: requestSent))
        if remainingTries == 0 || !policy.conditions.isSuperset(of: failureFlags)
            || (requestSent && requestBodyStreamed) || timeoutHasPassed(now: now)
        {
            return .respond(status: status, releasePeerAs: release)
        }
        retryCount += 1
        return .retry(releasePeerAs: release)
    }

    /// What the balancer's free does to `pc->tries`.
    @inlinable
    mutating func releaseTry() {
        if isSingleServer {
            remainingTries = 0
        } else if remainingTries > 0 {
            remainingTries -= 1
        }
    }

    /// `NGX_HTTP_UPSTREAM_FT_NON_IDEMPOTENT` for POST, LOCK and PATCH once
    /// the request was sent (1.9.13+).
    @inlinable
    func nonIdempotentFlag(requestSent: Bool) -> NextUpstreamConditions {
        requestSent && method.isNonIdempotentForNginx && policy.rules == .modern ? .nonIdempotent : []
    }

    /// `proxy_next_upstream_timeout` measured from the upstream start.
    @inlinable
    func timeoutHasPassed(now: Instant) -> Bool {
        policy.timeout.nanoseconds > 0 && now - startedAt >= policy.timeout
    }
}
