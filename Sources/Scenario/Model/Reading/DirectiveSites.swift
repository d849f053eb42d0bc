import ProxyModel

/// Where each nginx directive of a model file is written. ProxyModel checks a
/// configuration in nginx's terms (`ConfigurationProblem`: a scope such as
/// `upstream app` and a directive such as `keepalive`); this maps each problem
/// back to the field that wrote it, so the user reads
/// `models/x.json5:12:7: nginx.upstreams.app.keepalive: ...`.
final class DirectiveSites {
    /// Looked up only, never iterated.
    private var sites: [String: ReportSite] = [:]

    /// Records the field that writes `directive` in `scope` (the first one wins).
    func record(_ scope: String, _ directive: String, _ reader: ValueReader) {
        let key = Self.key(scope, directive)
        if sites[key] == nil { sites[key] = ReportSite(reader) }
    }

    /// Records the object of a scope (`upstream app`, `location /`), for problems about it as a whole.
    func record(scope: String, _ object: ObjectReader) {
        if sites[scope] == nil { sites[scope] = ReportSite(object) }
    }

    /// Reports `problem` at the most precise site known: the directive's field,
    /// else its scope's object, else `fallback` (the `nginx` object). Skipped
    /// when a problem was already reported there or inside: the configuration
    /// then holds a stand-in for a value the reading refused, and the user
    /// should hear about the real mistake once, not about its echo.
    func report(_ problem: ConfigurationProblem, fallback: ReportSite) {
        let site = Self.keys(for: problem).lazy.compactMap { self.sites[$0] }.first ?? fallback
        let alreadyReported = site.context.collector.sorted.contains { $0.path.starts(with: site.path) }
        if !alreadyReported { site.report(Self.detail(of: problem)) }
    }

    /// The problem without its leading `scope: `, which the field path replaces.
    private static func detail(of problem: ConfigurationProblem) -> String {
        let text = problem.description
        let prefix = problem.scope + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// Candidate sites, most precise first.
    private static func keys(for problem: ConfigurationProblem) -> [String] {
        let scope = problem.scope
        switch problem {
        case .parameterNotInVersion(_, let directive, let parameter, _, _):
            return [key(scope, "\(directive) \(parameter)"), key(scope, directive), scope]
        case .balancingMethodDoesNotSupportParameter(_, let server, _, let parameter):
            return [key(scope, "server \(server) \(parameter)"), key(scope, "server"), scope]
        case .noServersInUpstream, .noPrimaryServersInUpstream:
            return [key(scope, "server"), scope]
        default:
            return [key(scope, problem.directive), scope]
        }
    }

    private static func key(_ scope: String, _ directive: String) -> String { scope + "|" + directive }
}
