/// An nginx version, which selects the defaults the model applies.
///
/// The big switch is 1.29.7 (2026-03-24): upstream keepalive on by default
/// (`keepalive 32 local`), `proxy_http_version 1.1`, no `Connection: close`
/// sent upstream. Older changes: `keepalive_requests` 100 -> 1000 and
/// `keepalive_time` in 1.19.10, upstream `keepalive_timeout` in 1.15.3,
/// `non_idempotent` in 1.9.13. See nginx-semantics.md, section 0.
public struct NginxVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major; self.minor = minor; self.patch = patch
    }

    /// Debian bookworm's nginx, the default "classic" version.
    public static let debianBookworm = NginxVersion(1, 22, 1)
    /// The last version with classic defaults.
    public static let lastClassic = NginxVersion(1, 29, 6)
    /// The first version with upstream keepalive on by default.
    public static let firstModern = NginxVersion(1, 29, 7)
    /// `keepalive_requests` default 100 -> 1000; `keepalive_time` added.
    public static let keepaliveTimeAdded = NginxVersion(1, 19, 10)
    /// Upstream `keepalive_timeout` and `keepalive_requests` added.
    public static let upstreamKeepaliveTimeoutAdded = NginxVersion(1, 15, 3)
    /// `proxy_next_upstream non_idempotent` added; before, cached-connection errors were always retried.
    public static let nonIdempotentAdded = NginxVersion(1, 9, 13)
    /// ngx_http_v2_module (HTTP/2 with clients, `listen ... http2`) added.
    public static let http2Added = NginxVersion(1, 9, 5)
    /// HTTP/2 connections follow `keepalive_timeout` and `keepalive_requests`
    /// (ngx_http_v2_state_headers, ngx_http_v2_handle_connection); before,
    /// `http2_idle_timeout` (3m) and `http2_max_requests` (1000, 1.11.6+) did.
    public static let http2FollowsKeepaliveDirectives = NginxVersion(1, 19, 7)
    /// `http2_max_requests` (default 1000) added; before, no request limit on an HTTP/2 connection.
    public static let http2MaxRequestsAdded = NginxVersion(1, 11, 6)
    /// The `http2 on` directive added (before: the `http2` parameter of `listen`).
    public static let http2DirectiveAdded = NginxVersion(1, 25, 1)
    /// `proxy_http_version 2` added (ngx_http_proxy_v2_module.c; CHANGES 1.29.4).
    public static let proxyHTTP2Added = NginxVersion(1, 29, 4)

    /// The oldest version the model knows: 1.1.4 added the upstream `keepalive`
    /// directive (ngx_http_upstream_keepalive_module), the cache this tool is about.
    public static let oldestModelled = NginxVersion(1, 1, 4)

    /// The versions whose defaults the model knows: 1.1.4 and every later 1.x;
    /// nil when `self` is one, else what would be valid.
    public var outsideModelledRange: String? {
        guard self < Self.oldestModelled || major != 1 else { return nil }
        return "the model knows nginx \(Self.oldestModelled) and later 1.x versions "
            + "(upstream keepalive arrived in 1.1.4; there is no nginx 2 yet)"
    }

    /// True from 1.29.7 on: the modern defaults of nginx-semantics.md section 0.
    public var hasModernDefaults: Bool { self >= Self.firstModern }

    public static func < (a: NginxVersion, b: NginxVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    /// Reads `"1.22.1"`, `"1.29"` (patch 0), or the names `"classic"` (1.22.1,
    /// Debian bookworm) and `"modern"` (1.29.7). Returns nil for anything else.
    public init?(parsing text: String) {
        switch text {
        case "classic": self = .debianBookworm; return
        case "modern": self = .firstModern; return
        default: break
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 6, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part)
            else { return nil }
            numbers.append(n)
        }
        self.init(numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 0)
    }
}
