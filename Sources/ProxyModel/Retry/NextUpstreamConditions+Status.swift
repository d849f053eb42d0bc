extension NextUpstreamConditions {
    /// The `http_XXX` condition for a response status, nil for statuses
    /// `proxy_next_upstream` cannot name (`ngx_http_upstream_next_errors`).
    /// A switch rather than `forStatus(_:)` because it runs once per response.
    @inlinable
    public static func retryCondition(forStatus status: Int) -> NextUpstreamConditions? {
        switch status {
        case 500: return .http500
        case 502: return .http502
        case 503: return .http503
        case 504: return .http504
        case 403: return .http403
        case 404: return .http404
        case 429: return .http429
        default: return nil
        }
    }
}
