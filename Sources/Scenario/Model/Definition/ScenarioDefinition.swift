import ProxyModel

/// A model file's content with every default applied, still in the file's own
/// terms: nginx directives as written (nil where nginx's version defaults
/// apply), backends by name with the profile they start from, distributions in
/// the form the user chose (`lognormal: { median, p99 }` stays that, not mu and
/// sigma). Two things are built from it: the `ScenarioModel` the drivers run
/// (`+Model`) and the canonical text `--print-model` shows (`+Canonical`).
struct ScenarioDefinition {
    var nginx: NginxDefinition
    var backends: [BackendDefinition]
    var network: NetworkSpec
    var traffic: TrafficDefinition
    var run: RunSpec
    /// `hosts`; empty when not written.
    var hosts: [HostSpec] = []
}

/// The `nginx` section.
struct NginxDefinition {
    /// The directives; nil members were not written.
    var configuration: NginxConfiguration
    /// For each upstream (in `configuration.upstreams` order) and each of its
    /// servers: the name of the backend definition behind it.
    var serverBackends: [[String]]
    /// For each location: the backend behind a `proxy_pass` to an address; nil
    /// for a location that passes to an upstream.
    var locationBackends: [String?]
    /// `nginx.cpu`.
    var costs: ProxyCPUCosts
    /// `nginx.accept`: parameters of the exclusive-wakeup strategy.
    var acceptBurst: Int
    var wakeOrder: AcceptStrategy.WakeOrder
    /// `nginx.same_pass_order`.
    var samePassOrder: SameLoopPassOrder = .arrival
    /// `nginx.listen_backlog` (`listen ... backlog=`); nil: not written (511).
    var listenBacklog: Int?
}

/// One entry of `backends`.
struct BackendDefinition {
    var name: String
    /// The `BackendProfile` name the keepalive behaviour starts from.
    var profile: String
    /// The profile's policy with the overrides written in the file.
    var keepalive: BackendKeepalivePolicy
    /// The profile's event loop with `timer_granularity` applied.
    var eventLoop: BackendEventLoop
    /// `listen_backlog`, or the profile's.
    var listenBacklog: ListenBacklog
    var workers: Int
    /// `service.cpu` and `service.wait`, milliseconds.
    var cpu: DistributionDefinition
    var wait: DistributionDefinition
    var waitHoldsWorker: Bool
    var acceptCPU: TimeSpan
    var tlsHandshakeCPU: TimeSpan
    var finWithResponse: Bool
    var errorRate: Double
    /// `server_cpu`, or the calibration's.
    var serverCPU: ServerCPU
}

extension BackendProfile {
    /// The profile of a backend that names none: a server that never closes idle
    /// connections, so nothing happens that the model does not ask for.
    public static let defaultProfileName = "go-default"
}
