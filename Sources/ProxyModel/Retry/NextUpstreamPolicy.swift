/// The location's retry settings: what `ngx_http_upstream_next` and
/// `ngx_http_upstream_test_next` read from the configuration.
public struct NextUpstreamPolicy: Hashable, Sendable {
    /// Which version's retry rules apply.
    public enum Rules: Hashable, Sendable {
        /// 1.9.13 and later: refunds only for FT_ERROR on a cached connection;
        /// POST, LOCK and PATCH need `non_idempotent` once the request was sent.
        case modern
        /// Before 1.9.13: an error on a cached connection is retried
        /// unconditionally (no tries, mask or timeout check, unless the
        /// request body was streamed), and no method is treated as
        /// non-idempotent (`non_idempotent` did not exist).
        case before1_9_13

        /// The rules of an nginx version.
        public init(version: NginxVersion) {
            self = version < .nonIdempotentAdded ? .before1_9_13 : .modern
        }
    }

    /// `proxy_next_upstream` (default `error timeout`; `off` is empty).
    public var conditions: NextUpstreamConditions
    /// `proxy_next_upstream_tries`: cap on attempts, the first one included; 0 = no cap.
    public var maxTries: Int
    /// `proxy_next_upstream_timeout`, from the start of the upstream part of
    /// the request; checked only when an attempt fails. 0 = off.
    public var timeout: TimeSpan
    /// `proxy_request_buffering` (default on).
    public var requestBuffering: Bool
    public var rules: Rules

    public init(
        conditions: NextUpstreamConditions = .nginxDefault, maxTries: Int = 0, timeout: TimeSpan = .zero,
        requestBuffering: Bool = true, rules: Rules = .modern
    ) {
        self.conditions = conditions
        self.maxTries = maxTries
        self.timeout = timeout
        self.requestBuffering = requestBuffering
        self.rules = rules
    }

    /// nginx's defaults: `error timeout`, no tries cap, no timeout, request buffering on.
    public static let nginxDefault = NextUpstreamPolicy()

    /// nginx's `r->request_body_no_buffering` for one request: true when
    /// request buffering is off and the request has a body that had not been
    /// completely received when the upstream part started (a request with no
    /// body, or a body read in full beforehand, is sent buffered anyway).
    /// A streamed body cannot be sent again, so such requests are not retried
    /// once sent.
    public func streamsRequestBody(hasBody: Bool, bodyFullyReceived: Bool) -> Bool {
        !requestBuffering && hasBody && !bodyFullyReceived
    }
}
