/// The request methods the model distinguishes.
public enum HTTPMethod: String, CaseIterable, Hashable, Sendable {
    case get = "GET", head = "HEAD", post = "POST", put = "PUT", delete = "DELETE"
    case patch = "PATCH", options = "OPTIONS", lock = "LOCK"

    /// nginx's NON_IDEMPOTENT set: POST, LOCK, PATCH (ngx_http_upstream_next:
    /// `r->method & (NGX_HTTP_POST|NGX_HTTP_LOCK|NGX_HTTP_PATCH)`).
    /// Once the request was sent, these are retried only with
    /// `proxy_next_upstream non_idempotent`. PUT and DELETE are not in the set.
    public var isNonIdempotentForNginx: Bool {
        self == .post || self == .lock || self == .patch
    }

    /// HEAD responses have no body, so nginx can cache the connection as soon as the header is read.
    public var responseHasNoBody: Bool { self == .head }
}
