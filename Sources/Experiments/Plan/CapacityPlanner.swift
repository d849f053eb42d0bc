import ProxyModel
import Scenario

/// Searches for the smallest settings of one upstream that meet every target,
/// with the simulator: the pool size (`keepalive N`, per worker) always; the
/// upstream `keepalive_timeout` and `worker_processes` where the model leaves
/// them open (does not write them).
///
/// - keepalive_timeout is not searched but reasoned (`TimeoutAdvice`): the
///   largest round value below the backends' idle timeout, so nginx closes idle
///   connections first.
/// - worker_processes: the fewest workers (1, 2, 4, ... then bisection) that
///   meet the targets with a pool too big to matter.
/// - keepalive: the smallest pool (1, 2, 4, ... then bisection) that meets the
///   targets with those settings. This assumes that a bigger pool is never
///   worse, which holds for every metric a pool decides (handshakes, stale
///   connections, latency) up to noise; common random numbers keep that noise
///   from flipping neighbouring candidates.
///
/// Each candidate is a one-point sweep of `replications` replications, and a
/// target counts as met only when its whole 95% confidence interval is within it.
public struct CapacityPlanner: Sendable {
    public let model: ModelFile
    public let targets: [PlanTarget]
    public let upstream: String
    public var replications: Int
    public var seed: UInt64?
    /// The search stops here: beyond this pool size no target of a pool is still open.
    public var maximumKeepalive = 1024
    public var maximumWorkers = 64

    private let upstreamIndex: Int

    public init(model: ModelFile, targets: [PlanTarget], upstream: String? = nil, replications: Int = 5,
                seed: UInt64? = nil) throws(ExperimentError) {
        let blocks = model.base.model.nginx.upstreams.enumerated().filter { !$0.element.isImplicit }
        let names = blocks.map(\.element.name)
        let chosen: String
        switch upstream {
        case let name?:
            guard names.contains(name) else {
                var message = "no upstream '\(name)' in \(model.path)"
                if let near = SpellingSuggestion.nearest(to: name, among: names) { message += "; did you mean '\(near)'?" }
                throw ExperimentError(message + " (upstreams: \(names.joined(separator: ", ")))")
            }
            chosen = name
        case nil:
            guard let only = names.first else {
                throw ExperimentError("\(model.path) has no upstream{} block (nginx.upstreams) whose pool could be sized")
            }
            guard names.count == 1 else {
                throw ExperimentError("\(model.path) has \(names.count) upstreams (\(names.joined(separator: ", "))); "
                    + "name the one to plan with --upstream")
            }
            chosen = only
        }
        guard replications >= 2 else { throw ExperimentError("a plan needs at least 2 replications for its confidence intervals") }
        self.model = model
        self.targets = targets.isEmpty ? PlanTarget.defaults : targets
        self.upstream = chosen
        upstreamIndex = blocks.first { $0.element.name == chosen }?.offset ?? 0
        self.replications = replications
        self.seed = seed
    }

    /// Runs the search on `threads` threads; `progress` hears about each
    /// candidate before it is simulated. Throws an explanation when no setting
    /// within the search's limits meets every target.
    public func plan(threads: Int, progress: (PlanSettings) -> Void = { _ in }) throws(ExperimentError) -> CapacityPlan {
        var search = Search(planner: self, threads: threads)
        let advice = timeoutAdvice
        let (workers, workerReason) = try chooseWorkers(&search, timeout: advice.recommended, advice: advice, progress: progress)

        let pool = try search.smallest(upTo: maximumKeepalive, progress: progress) { size throws(ExperimentError) in
            PlanSettings(keepalive: size, keepaliveTimeout: advice.recommended, workers: workers)
        }
        guard let size = pool.value, let chosen = pool.settings, let prediction = search.evaluation(of: chosen) else {
            throw failure(search.evaluations.last, advice: advice, limit: "with keepalive \(maximumKeepalive)")
        }
        let workerCount = workers ?? model.base.model.nginx.workerProcesses
        let idleBound = "at most \(workerCount) x \(size) = \(workerCount * size) idle connections to \(upstream)"
        var poolReason = "keepalive \(size): one idle connection per worker already meets every target (\(idleBound))"
        if let failing = pool.largestFailing, let evaluation = search.evaluation(of: failing) {
            poolReason = "keepalive \(size): the smallest pool per worker that meets every target (\(idleBound)); "
                + "keepalive \(failing.keepalive) gives " + evaluation.misses.joined(separator: "; ")
        }
        let fixes = prerequisites
        return CapacityPlan(
            modelPath: model.path, upstream: upstream, targets: targets, replications: replications, settings: chosen,
            directives: directives(keepalive: size, timeout: advice.recommended, workers: workers, fixes: fixes),
            reasons: [poolReason, advice.reason, workerReason] + fixes.map(\.reason), prediction: prediction,
            candidatesTried: search.evaluations.map { $0.settings }, evaluations: search.evaluations,
            modelSHA256: model.sha256, seed: seed ?? model.base.model.run.seed)
    }

    /// The worker count: as written, or the fewest (1, 2, 4, ... then
    /// bisection) that meet the targets with a pool too big to matter. Nil
    /// means as written.
    private func chooseWorkers(_ search: inout Search, timeout: TimeSpan?, advice: TimeoutAdvice,
                               progress: (PlanSettings) -> Void) throws(ExperimentError) -> (Int?, String) {
        if isWrittenInModel(["nginx", "worker_processes"]) {
            return (nil, "worker_processes \(model.base.model.nginx.workerProcesses) (as written): each worker has its own pool")
        }
        let found = try search.smallest(upTo: maximumWorkers, progress: progress) { count throws(ExperimentError) in
            PlanSettings(keepalive: maximumKeepalive, keepaliveTimeout: timeout, workers: count)
        }
        guard let count = found.value else {
            throw failure(search.evaluations.last, advice: advice, limit: "with \(maximumWorkers) workers and keepalive \(maximumKeepalive)")
        }
        if count == 1 { return (1, "worker_processes 1 (nginx's default): one worker already meets every target") }
        var reason = "worker_processes \(count): the fewest workers that meet every target"
        if let failing = found.largestFailing, let evaluation = search.evaluation(of: failing) {
            reason += "; with \(failing.workers ?? 1): " + evaluation.misses.joined(separator: "; ")
        }
        return (count, reason)
    }

    /// The recommendation as nginx directives, each noted when it is the model's own or nginx's default.
    private func directives(keepalive: Int, timeout: TimeSpan?, workers: Int?, fixes: [Prerequisite]) -> [CapacityPlan.Directive] {
        let block = "upstream \(upstream)"
        var directives: [CapacityPlan.Directive] = [
            .init(block: "main", text: "worker_processes \(workers ?? model.base.model.nginx.workerProcesses);",
                  note: workers == nil ? "as written" : nil),
            .init(block: block, text: "keepalive \(keepalive);", note: nil),
        ]
        if let timeout {
            directives.append(.init(block: block, text: "keepalive_timeout \(timeout.nginxText);", note: nil))
        } else if let written = writtenTimeout {
            directives.append(.init(block: block, text: "keepalive_timeout \(written.nginxText);", note: "as written"))
        } else if let effective = model.base.model.nginx.upstreams[upstreamIndex].cache.settings?.keepaliveTimeout {
            directives.append(.init(block: block, text: "keepalive_timeout \(effective.nginxText);", note: "nginx's default"))
        }
        directives += fixes.map { CapacityPlan.Directive(block: $0.block, text: $0.directive, note: nil) }
        return directives
    }

    // MARK: The model's facts

    private var upstreamPath: [String] { ["nginx", "upstreams", upstream] }

    private func isWrittenInModel(_ keys: [String]) -> Bool {
        model.root.value(at: FieldPath(keys.map { .key($0) })) != nil
    }

    /// The upstream's `keepalive_timeout` when the model writes one (and not 0, which only turns the cache off).
    private var writtenTimeout: TimeSpan? {
        guard isWrittenInModel(upstreamPath + ["keepalive_timeout"]) else { return nil }
        return model.base.model.nginx.upstreams[upstreamIndex].cache.settings?.keepaliveTimeout
    }

    var timeoutAdvice: TimeoutAdvice {
        let scenario = model.base.model
        let backends = scenario.serverBackends[upstreamIndex].map { index in
            let spec = scenario.backends[index]
            let profile = model.canonicalRoot.value(at: FieldPath([.key("backends"), .key(spec.name), .key("profile")]))
            var profileName: String?
            if case .string(let name)? = profile?.kind { profileName = name }
            return TimeoutAdvice.Backend(name: spec.name, profile: profileName, policy: spec.keepalive)
        }
        let link = scenario.network.proxyToBackend
        return TimeoutAdvice(written: writtenTimeout, effective: scenario.nginx.upstreams[upstreamIndex].cache.settings?.keepaliveTimeout,
                             version: scenario.nginx.version, backends: backends, responseReadDelay: link.oneWay + link.jitter)
    }

    /// A change a location needs before any pool can work: reuse is off for a
    /// reason other than the pool itself (nginx-semantics.md section 0).
    struct Prerequisite {
        var path: FieldPath
        var value: JSON5Value
        var block: String
        var directive: String
        var reason: String
    }

    var prerequisites: [Prerequisite] {
        let nginx = model.base.model.nginx
        var fixes: [Prerequisite] = []
        let locationsWritten = isWrittenInModel(["nginx", "locations"])
        for location in nginx.locations where location.upstreamIndex == upstreamIndex {
            var object: [JSON5Member]
            if case .object(let members)? = model.root.value(at: FieldPath([.key("nginx"), .key("locations"), .key(location.path)]))?.kind {
                object = members
            } else {
                object = locationsWritten ? [] : [JSON5Member(key: "proxy_pass", value: JSON5Value(.string(upstream)))]
            }
            var changes: [(key: String, value: JSON5Value, directive: String, reason: UpstreamReuseInactiveReason)] = []
            for reason in location.reuse.inactiveReasons {
                switch reason {
                case .http10Upstream:
                    changes.append(("proxy_http_version", "1.1", "proxy_http_version 1.1;", reason))
                case .connectionCloseSent(viaUpgradeMap: false):
                    changes.append(("proxy_set_header_connection", "", "proxy_set_header Connection \"\";", reason))
                default:
                    continue  // the pool's own settings, which the search sets
                }
            }
            guard !changes.isEmpty else { continue }
            for change in changes {
                object.removeAll { $0.key == change.key }
                object.append(JSON5Member(key: change.key, value: change.value))
            }
            for change in changes {
                fixes.append(Prerequisite(
                    path: FieldPath([.key("nginx"), .key("locations"), .key(location.path)]), value: JSON5Value(.object(object)),
                    block: "location \(location.path)", directive: change.directive,
                    reason: "\(change.directive.dropLast()) in location \(location.path): \(change.reason.description), "
                        + "so no upstream connection would be reused whatever the pool"))
            }
        }
        return fixes
    }

    // MARK: Evaluating candidates

    /// The edits that make a candidate: location fixes, then the pool's settings.
    func parameters(for settings: PlanSettings) -> [SweepParameter] {
        var parameters: [SweepParameter] = []
        var fixedLocations: [FieldPath] = []
        for fix in prerequisites where !fixedLocations.contains(fix.path) {
            fixedLocations.append(fix.path)
            parameters.append(SweepParameter(path: fix.path, specification: fix.value.description, values: [SweepValue(fix.value)]))
        }
        func set(_ key: String, _ value: JSON5Value, in path: [String]) {
            let field = FieldPath((path + [key]).map { .key($0) })
            parameters.append(SweepParameter(path: field, specification: SweepValue(value).text, values: [SweepValue(value)]))
        }
        set("keepalive", JSON5Value(.number(JSON5Number(settings.keepalive))), in: upstreamPath)
        if let timeout = settings.keepaliveTimeout { set("keepalive_timeout", JSON5Value(.string(timeout.formatted())), in: upstreamPath) }
        if let workers = settings.workers { set("worker_processes", JSON5Value(.number(JSON5Number(workers))), in: ["nginx"]) }
        return parameters
    }

    func evaluate(_ settings: PlanSettings, threads: Int) throws(ExperimentError) -> PlanEvaluation {
        let sweep = try Sweep(model: model, grid: try SweepGrid(parameters(for: settings)), replications: replications, seed: seed)
        let rows = try sweep.run(tasks: sweep.tasks(in: nil), threads: threads)
        if let failure = rows.lazy.compactMap(\.failure).first { throw ExperimentError("the candidate \(settings) failed: \(failure)") }
        guard let aggregate = SweepAggregate.all(rows, metricCount: ReportMetrics.names.count).first else {
            throw ExperimentError("the candidate \(settings) gave no results")
        }
        let evaluation = PlanEvaluation(settings: settings, aggregate: aggregate, targets: targets, rows: rows)
        // Without requests every target reads "-": say so plainly instead of listing misses.
        if (evaluation.mean("requests_sent") ?? 0) == 0 {
            throw ExperimentError("the model sends no requests in the measured time (requests_sent 0 after run.warmup): "
                + "there is nothing to plan; give traffic a rate above 0, or a run.duration well beyond run.warmup")
        }
        return evaluation
    }

    /// Why nothing met the targets, from the last (most generous) candidate.
    private func failure(_ last: PlanEvaluation?, advice: TimeoutAdvice, limit: String) -> ExperimentError {
        guard let last else { return ExperimentError("no candidate could be simulated") }
        var message = "no setting meets every target: even \(limit) (\(last.settings)):\n  "
            + last.misses.joined(separator: "\n  ")
        var hints: [String] = []
        if let utilisation = last.mean("backend_utilisation_max"), utilisation > 0.9 {
            hints.append("the backends are saturated (utilisation \(last.estimate("backend_utilisation_max"))): more backend "
                + "workers or instances will help, a bigger pool will not")
        }
        if let busy = last.mean("worker_busy_max"), busy > 0.9 {
            hints.append("the nginx workers are saturated (busy share \(last.estimate("worker_busy_max")))"
                + (isWrittenInModel(["nginx", "worker_processes"]) ? ": raise worker_processes" : ""))
        }
        if let errors = last.mean("stale_failures_surfaced"), errors > 0 { hints.append(advice.reason) }
        let scenario = model.base.model
        for index in scenario.serverBackends[upstreamIndex] where scenario.backends[index].keepalive.alwaysCloses {
            hints.append("backend \(scenario.backends[index].name) closes every connection after its response: no pool can reuse them")
            break
        }
        if !hints.isEmpty { message += "\n" + hints.map { "hint: " + $0 }.joined(separator: "\n") }
        return ExperimentError(message)
    }
}

/// The state of one plan's search: candidates simulated so far, each once.
private struct Search {
    let planner: CapacityPlanner
    let threads: Int
    private(set) var evaluations: [PlanEvaluation] = []

    init(planner: CapacityPlanner, threads: Int) {
        self.planner = planner; self.threads = threads
    }

    func evaluation(of settings: PlanSettings) -> PlanEvaluation? { evaluations.first { $0.settings == settings } }

    mutating func meets(_ settings: PlanSettings, progress: (PlanSettings) -> Void) throws(ExperimentError) -> Bool {
        if let known = evaluation(of: settings) { return known.meetsEveryTarget }
        progress(settings)
        let evaluation = try planner.evaluate(settings, threads: threads)
        evaluations.append(evaluation)
        return evaluation.meetsEveryTarget
    }

    /// The smallest n in 1...limit whose candidate meets every target: 1, 2, 4, ...
    /// (and `limit`) until one does, then bisection between it and the last that did not.
    mutating func smallest(upTo limit: Int, progress: (PlanSettings) -> Void,
                           _ candidate: (Int) throws(ExperimentError) -> PlanSettings)
        throws(ExperimentError) -> (value: Int?, settings: PlanSettings?, largestFailing: PlanSettings?)
    {
        var failing: Int?
        var passing: Int?
        var n = 1
        while passing == nil {
            if try meets(try candidate(n), progress: progress) { passing = n } else { failing = n }
            if n == limit { break }
            n = min(n * 2, limit)
        }
        guard var high = passing else { return (nil, nil, try failing.map(candidate)) }
        while let low = failing, high - low > 1 {
            let middle = (low + high) / 2
            if try meets(try candidate(middle), progress: progress) { high = middle } else { failing = middle }
        }
        return (high, try candidate(high), try failing.map(candidate))
    }
}
