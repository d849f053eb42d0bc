/// One thing wrong with an `NginxConfiguration`, named by where it is and
/// which directive, with nginx's own words where nginx refuses the same thing
/// and what would be valid.
public enum ConfigurationProblem: Hashable, Sendable, CustomStringConvertible {
    /// A value nginx refuses ("invalid value", "invalid parameter"), or that the model cannot run.
    case invalidValue(scope: String, directive: String, value: String, expected: String)
    /// A directive the chosen version does not have (nginx: `unknown directive`).
    case directiveNotInVersion(scope: String, directive: String, version: NginxVersion, since: NginxVersion)
    /// A parameter the chosen version does not have: `keepalive N local` before
    /// 1.29.7, `proxy_next_upstream non_idempotent` before 1.9.13.
    case parameterNotInVersion(scope: String, directive: String, parameter: String, version: NginxVersion, since: NginxVersion)
    /// `backup` under `hash` or `ip_hash` (ngx_http_upstream_server:
    /// "balancing method does not support parameter \"backup\"").
    case balancingMethodDoesNotSupportParameter(scope: String, server: String, method: String, parameter: String)
    /// A balancing name outside `BalancingMethod.acceptedNames`.
    case unknownBalancingMethod(scope: String, name: String)
    /// An upstream block without `server` lines (ngx_http_upstream: "no servers are inside upstream").
    case noServersInUpstream(scope: String)
    /// Only `backup` servers (ngx_http_upstream_init_round_robin: "no servers in upstream").
    case noPrimaryServersInUpstream(scope: String)
    /// Two `upstream{}` blocks with one name (nginx: "duplicate upstream").
    case duplicateUpstream(name: String)
    /// Two locations with one path (nginx: "duplicate location").
    case duplicateLocation(path: String)
    /// `proxy_pass http://NAME` where no `upstream NAME` exists.
    case unknownUpstream(scope: String, name: String, defined: [String])
    /// `worker_connections` below listening sockets + 1 (ngx_event_init_conf:
    /// "N worker_connections are not enough for 1 listening sockets").
    case workerConnectionsNotEnough(Int)

    /// Where the problem is: `main`, `events`, `http`, `upstream NAME`, `location PATH`.
    public var scope: String {
        switch self {
        case .invalidValue(let scope, _, _, _), .directiveNotInVersion(let scope, _, _, _),
            .parameterNotInVersion(let scope, _, _, _, _), .balancingMethodDoesNotSupportParameter(let scope, _, _, _),
            .unknownBalancingMethod(let scope, _), .noServersInUpstream(let scope), .noPrimaryServersInUpstream(let scope),
            .unknownUpstream(let scope, _, _):
            return scope
        case .duplicateUpstream(let name): return "upstream \(name)"
        case .duplicateLocation(let path): return "location \(path)"
        case .workerConnectionsNotEnough: return "events"
        }
    }

    /// The directive concerned, by its nginx name.
    public var directive: String {
        switch self {
        case .invalidValue(_, let directive, _, _), .directiveNotInVersion(_, let directive, _, _),
            .parameterNotInVersion(_, let directive, _, _, _):
            return directive
        case .balancingMethodDoesNotSupportParameter: return "server"
        case .unknownBalancingMethod: return "balancing"
        case .noServersInUpstream, .noPrimaryServersInUpstream: return "server"
        case .duplicateUpstream: return "upstream"
        case .duplicateLocation: return "location"
        case .unknownUpstream: return "proxy_pass"
        case .workerConnectionsNotEnough: return "worker_connections"
        }
    }

    public var description: String {
        let detail: String
        switch self {
        case .invalidValue(_, let directive, let value, let expected):
            detail = "invalid value \"\(value)\" in \"\(directive)\" directive; expected \(expected)"
        case .directiveNotInVersion(_, let directive, let version, let since):
            detail = "unknown directive \"\(directive)\": nginx \(version) does not have it (added in \(since))"
        case .parameterNotInVersion(_, let directive, let parameter, let version, let since):
            detail = "\"\(directive)\" has no parameter \"\(parameter)\" in nginx \(version) (added in \(since))"
        case .balancingMethodDoesNotSupportParameter(_, let server, let method, let parameter):
            detail = "server \(server): balancing method \(method) does not support parameter \"\(parameter)\"; "
                + "backup needs round robin or least_conn"
        case .unknownBalancingMethod(_, let name):
            detail = "unknown balancing method \"\(name)\"; expected one of "
                + BalancingMethod.acceptedNames.joined(separator: ", ")
        case .noServersInUpstream:
            detail = "no servers are inside upstream; add at least one server line"
        case .noPrimaryServersInUpstream:
            detail = "no servers in upstream: every server is backup; at least one must not be"
        case .duplicateUpstream(let name):
            detail = "duplicate upstream \"\(name)\"; upstream names must be unique"
        case .duplicateLocation(let path):
            detail = "duplicate location \"\(path)\"; location paths must be unique"
        case .unknownUpstream(_, let name, let defined):
            detail = "no upstream \"\(name)\" is defined; defined upstreams: "
                + (defined.isEmpty ? "none" : defined.joined(separator: ", "))
                + " (or proxy_pass to an address)"
        case .workerConnectionsNotEnough(let n):
            detail = "\(n) worker_connections are not enough for 1 listening sockets; expected at least 2"
        }
        return "\(scope): \(detail)"
    }
}

/// Every problem found in a configuration (validation reports all, not just the first).
public struct ConfigurationErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) { self.problems = problems }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
