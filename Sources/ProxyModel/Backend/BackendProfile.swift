/// A named backend server with its shipped keepalive defaults, e.g. `node-20`,
/// `puma-7`, `gunicorn-sync`. The catalog is in `BackendProfile+Catalog.swift`,
/// each entry citing its source (backends-and-costs.md lists them).
public struct BackendProfile: Hashable, Sendable {
    /// The name used in model files and on the command line.
    public var name: String
    /// One line for listings, e.g. `Node.js 20 http.Server: keepAliveTimeout 5s (+1s buffer)`.
    public var summary: String
    /// Where the defaults come from (source file or document).
    public var source: String
    /// The behaviour.
    public var policy: BackendKeepalivePolicy
    /// How its event loop runs timers (libuv's millisecond clock for Node.js).
    public var eventLoop: BackendEventLoop
    /// The backlog it passes to listen(2).
    public var listenBacklog: ListenBacklog
    /// Whether it answers nginx's `proxy_http_version 2` (HTTP/2 from the
    /// connection preface on).
    public var http2: HTTP2Support

    /// Whether a server speaks HTTP/2 to a proxy.
    public enum HTTP2Support: Hashable, Sendable {
        /// HTTP/1.x only: nginx's HTTP/2 preface gets an error or a close, every request a 502.
        case none
        /// Only over TLS (ALPN `h2`): plain connections speak HTTP/1.x.
        case overTLS
        /// Also on plain connections, recognising the preface (h2c with prior knowledge).
        case always
    }

    public init(name: String, summary: String, source: String, policy: BackendKeepalivePolicy,
                eventLoop: BackendEventLoop = .exactTimers, listenBacklog: ListenBacklog, http2: HTTP2Support = .none) {
        self.name = name; self.summary = summary; self.source = source; self.policy = policy
        self.eventLoop = eventLoop; self.listenBacklog = listenBacklog; self.http2 = http2
    }

    /// Whether the profile with this name speaks HTTP/2 to nginx (`go-idle`'s is Go's).
    public static func http2Support(ofProfile name: String) -> HTTP2Support {
        name == goIdleName ? .overTLS : catalog.first { $0.name == name }?.http2 ?? .none
    }

    /// Why a profile lookup failed.
    public enum LookupError: Error, Hashable, Sendable, CustomStringConvertible {
        case unknownName(String, valid: [String])
        /// `go-idle` needs the IdleTimeout it stands for.
        case idleTimeoutRequired(profile: String)
        /// A negative idle timeout.
        case invalidIdleTimeout(profile: String, TimeSpan)

        public var description: String {
            switch self {
            case .unknownName(let name, let valid):
                return "unknown backend profile \"\(name)\"; valid profiles: \(valid.joined(separator: ", "))"
            case .idleTimeoutRequired(let profile):
                return "backend profile \"\(profile)\" needs an idle timeout (Go's Server.IdleTimeout), e.g. 90s"
            case .invalidIdleTimeout(let profile, let timeout):
                return "backend profile \"\(profile)\": invalid idle timeout \(timeout); expected a duration > 0"
            }
        }
    }

    /// The profile with this name. `idleTimeout` overrides the profile's idle
    /// timeout (keeping its close delay, e.g. Node's +1 s); `go-idle` requires it.
    public static func named(_ name: String, idleTimeout: TimeSpan? = nil) throws(LookupError) -> BackendProfile {
        if let idleTimeout, idleTimeout <= .zero { throw .invalidIdleTimeout(profile: name, idleTimeout) }
        if name == goIdleName {
            guard let idleTimeout else { throw .idleTimeoutRequired(profile: name) }
            return goIdle(idleTimeout: idleTimeout)
        }
        guard var profile = catalog.first(where: { $0.name == name }) else {
            throw .unknownName(name, valid: names)
        }
        if let idleTimeout { profile.policy.idleTimeout = idleTimeout }
        return profile
    }

    /// The event loop of the profile with this name; exact timers for `go-idle`
    /// and for a name that is not in the catalog (refused elsewhere).
    public static func eventLoop(ofProfile name: String) -> BackendEventLoop {
        catalog.first { $0.name == name }?.eventLoop ?? .exactTimers
    }

    /// The listen backlog of the profile with this name; `go-idle`'s is Go's
    /// (somaxconn), as is that of a name not in the catalog (refused elsewhere).
    public static func listenBacklog(ofProfile name: String) -> ListenBacklog {
        catalog.first { $0.name == name }?.listenBacklog ?? .somaxconn
    }

    /// Every profile name, in catalog order (`go-idle` after `go-default`).
    public static var names: [String] {
        var result = catalog.map(\.name)
        let goDefault = result.firstIndex(of: "go-default").map { $0 + 1 } ?? result.count
        result.insert(goIdleName, at: goDefault)
        return result
    }
}
