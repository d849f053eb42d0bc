/// The mutable balancer state of one server in one worker
/// (the counters of `ngx_http_upstream_rr_peer_t`). Without `zone`, every
/// worker has its own copy, so failures seen by one worker do not disable the
/// server in another.
///
/// A snapshot value: `UpstreamBalancer.peerState(_:)` hands out copies for
/// reports and tests; changing a copy changes nothing in the balancer.
public struct PeerState: Hashable, Sendable {
    /// Smooth weighted round robin's running score.
    public var currentWeight: Int
    /// The weight actually used; lowered by failures, recovered by 1 per consideration.
    public var effectiveWeight: Int
    /// Failures since the last successful probe.
    public var fails: Int
    /// Whole second of the last failure (`accessed`, from `ngx_time()`).
    public var accessedSecond: Int64
    /// Whole second the quiet period is measured from (`checked`).
    public var checkedSecond: Int64
    /// Requests currently holding this server (`conns`): selected, not yet released.
    /// Idle cached connections do not count.
    public var conns: Int

    @inlinable
    public init(weight: Int) {
        currentWeight = 0
        effectiveWeight = weight
        fails = 0
        accessedSecond = 0
        checkedSecond = 0
        conns = 0
    }
}
