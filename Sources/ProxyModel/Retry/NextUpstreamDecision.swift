/// What nginx does next with a request, answering one `NextUpstreamEvent`.
public enum NextUpstreamDecision: Hashable, Sendable {
    /// Release the server with the given outcome, close the connection (never
    /// cache it) and `select` again for another attempt.
    case retry(releasePeerAs: PeerReleaseOutcome)
    /// Give up: nginx answers the client itself with `status` (502, 504, ...).
    /// Release the server with the given outcome first; nil when no server
    /// is held (no live upstreams).
    case respond(status: Int, releasePeerAs: PeerReleaseOutcome?)
    /// The backend's response goes to the client as received; release the
    /// server as `.notFailed` when the request finishes.
    case passResponseThrough

    /// How the held server is to be released now; nil for none (no server
    /// held, or pass-through, which releases when the request finishes).
    @inlinable
    public var releaseOutcome: PeerReleaseOutcome? {
        switch self {
        case .retry(let outcome): return outcome
        case .respond(_, let outcome): return outcome
        case .passResponseThrough: return nil
        }
    }

    /// True when this decision counts a failure toward the server's `max_fails`.
    @inlinable
    public var countsTowardMaxFails: Bool { releaseOutcome == .failed }

    @inlinable
    public var isRetry: Bool {
        if case .retry = self { return true }
        return false
    }
}
