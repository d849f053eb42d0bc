import ProxyModel

/// The `nginx` section: directives under nginx's own names, `upstreams`,
/// `locations`, and the model's `cpu` and `accept` parameters.
extension NginxDefinition {
    /// The version a model without `nginx.version` gets: Debian bookworm's
    /// 1.22.1. Most nginx in service predates 1.29.7, and its classic defaults
    /// (no upstream keepalive unless configured) are where the pitfalls are.
    static let defaultVersion = NginxVersion.debianBookworm

    /// The section, and whether a server or location names a backend that is not
    /// defined (reported; the caller then does not also call that backend unused).
    static func read(
        _ nginx: ObjectReader, backends: BackendNames, sites: DirectiveSites, cpuDefaults: ProxyCPUCosts = .nginxDefault
    ) -> (definition: NginxDefinition, namesUnknownBackend: Bool) {
        var configuration = NginxConfiguration(version: readVersion(nginx))

        // main, events and server context (nginx.c, ngx_event.c, ngx_http_core_module.c).
        configuration.workerProcesses = nginx.directive("worker_processes", scope: "main", sites) { $0.integer(in: 1...1024) }
        configuration.workerConnections = nginx.directive("worker_connections", scope: "events", sites) {
            $0.integer(in: 2...1_048_576)
        }
        configuration.acceptMutex = nginx.directive("accept_mutex", scope: "events", sites) { $0.bool() }
        configuration.acceptMutexDelay = nginx.directive("accept_mutex_delay", scope: "events", sites) { $0.duration() }
        configuration.multiAccept = nginx.directive("multi_accept", scope: "events", sites) { $0.bool() }
        configuration.reuseport = nginx.directive("reuseport", scope: "server", sites, as: "listen reuseport") { $0.bool() }
        configuration.http2 = nginx.directive("http2", scope: "server", sites) { $0.bool() }
        configuration.http2MaxConcurrentStreams = nginx.directive("http2_max_concurrent_streams", scope: "server", sites) {
            $0.integer(in: 0...1_000_000)
        }

        // Client-side keepalive, http context.
        configuration.client = ClientKeepaliveDirectives(
            keepaliveTimeout: nginx.directive("keepalive_timeout", scope: "http", sites) { $0.duration() },
            keepaliveRequests: nginx.directive("keepalive_requests", scope: "http", sites) { $0.integer(in: 0...) },
            keepaliveTime: nginx.directive("keepalive_time", scope: "http", sites) { $0.duration() },
            keepaliveMinTimeout: nginx.directive("keepalive_min_timeout", scope: "http", sites) { $0.duration() })

        let upstreams = UpstreamReading.readAll(nginx, backends: backends, sites: sites)
        configuration.upstreams = upstreams.blocks
        let locations = LocationReading.readAll(nginx, upstreams: upstreams, backends: backends, sites: sites)
        configuration.locations = locations.locations
        upstreams.reportUnreferenced(by: locations.locations)

        let costs = nginx.object("cpu") { ProxyCPUCosts.read($0, defaults: cpuDefaults) }
        let (burst, wakeOrder) = nginx.object("accept") { accept in
            (accept.integer("burst", default: exclusiveWakeupDefaults.burst, in: 1...1_000_000),
             accept.field("wake_order").map(SchemaChoices.wakeOrder.read) ?? exclusiveWakeupDefaults.wakeOrder)
        }
        var definition = NginxDefinition(
            configuration: configuration, serverBackends: upstreams.serverBackends, locationBackends: locations.backends,
            costs: costs, acceptBurst: burst, wakeOrder: wakeOrder)
        if let order = nginx.field("same_pass_order") { definition.samePassOrder = SchemaChoices.samePassOrder.read(order) }
        definition.listenBacklog = nginx.field("listen_backlog")?.integer(in: 1...1_000_000)
        return (definition, upstreams.namesUnknownBackend || locations.namesUnknownBackend)
    }

    static func readVersion(_ nginx: ObjectReader) -> NginxVersion {
        guard let field = nginx.field("version") else { return defaultVersion }
        let requirement = "must be an nginx version such as \"1.22.1\", or \"classic\" (1.22.1) or \"modern\" (1.29.7)"
        guard let text = field.versionText(requirement) else { return defaultVersion }
        guard let version = NginxVersion(parsing: text) else {
            field.refuse(requirement)
            return defaultVersion
        }
        if let problem = version.outsideModelledRange {
            field.refuse("must be a version the model knows: \(problem)")
            return defaultVersion
        }
        return version
    }

    /// The parameters `AcceptStrategy.exclusiveWakeup()` defaults to.
    static let exclusiveWakeupDefaults: (burst: Int, wakeOrder: AcceptStrategy.WakeOrder) = {
        if case .exclusiveWakeup(let burst, let wakeOrder) = AcceptStrategy.exclusiveWakeup() { return (burst, wakeOrder) }
        return (1, .waitQueue)  // unreachable: the value above is that case
    }()
}
