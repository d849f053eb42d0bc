/// How a request lets go of the server it was given (the `state` argument of
/// `ngx_http_upstream_free_round_robin_peer`).
public enum PeerReleaseOutcome: Hashable, Sendable {
    /// `NGX_PEER_FAILED`: counts toward `max_fails` (error, timeout,
    /// invalid_header, and http_XXX failures that were actually retried).
    case failed
    /// State 0 (request finished) or `NGX_PEER_NEXT` (http_403/404 retried):
    /// not a failure; clears `fails` if a probe passed (`accessed < checked`).
    case notFailed
}
