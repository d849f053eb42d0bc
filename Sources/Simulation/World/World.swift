import ProxyModel
import Scenario
import Measurement
import Randomness
import Traffic

/// The simulated world: clients, nginx workers, the network and backends,
/// reacting to `WorldEvent`s on the kernel's virtual clock. Every nginx
/// decision is taken by ProxyModel's `NginxWorker`, one per worker process,
/// which this type drives (`World+ProxyDriver.swift`); the world itself is
/// clients, network, CPU time, kernel facts and backends.
///
/// Layout: entity records in `SlotTable`s indexed by `Int32` ids (`Entities.swift`);
/// the nginx side's state in `ProxyTier` (`ProxyTier.swift`); one file per
/// actor's behaviour: `World+Clients.swift` (traffic and clients),
/// `World+ProxyDriver.swift` (inputs to the nginx workers and their actions),
/// `World+UpstreamConnections.swift` (nginx's upstream connections on the
/// network), `World+Backends.swift`, `World+WorkerLoop.swift` (a worker's
/// event loop and CPU time), `World+Hosts.swift` (cores shared by processes),
/// `World+LoadGenerator.swift` (a closed loop's generator threads), `World+RunPhases.swift` (warm-up and traffic
/// end), `World+Report.swift`.
public struct World: SimulationEventHandler, ~Copyable {
    public typealias Event = WorldEvent

    let model: ScenarioModel
    let warmupEnd: Instant
    let trafficEnd: Instant
    /// nginx workers charge CPU time per event (else they are infinitely fast).
    let workersHaveCosts: Bool
    /// Worker events go through the workers' event loops (`World+WorkerLoop`):
    /// they cost CPU, or the workers share a host's cores.
    let workersRunLoops: Bool

    // Random streams, one per subsystem (SeedSequence: adding draws in one never shifts another).
    var arrivalRandom: RandomStream
    var clientChoiceRandom: RandomStream
    var mixRandom: RandomStream
    var thinkRandom: RandomStream
    var acceptRandom: RandomStream
    var jitterRandom: RandomStream
    var tlsRandom: RandomStream
    var uriRandom: RandomStream
    var serviceRandom: [RandomStream]
    var errorRandom: [RandomStream]

    // Traffic.
    var arrivals: ArrivalGenerator?
    var trace: TraceFileReader?
    var pendingTraceRecord: TraceRecord?
    /// A closed loop's load-generator threads (`World+LoadGenerator.swift`).
    var loadGeneratorThreads: [LoadGeneratorThread] = []
    var traceError: String?

    // Entities.
    var requests = SlotTable<RequestRecord>()
    var requestSlots = SlotAllocator()
    var clientConnections = SlotTable<ClientConnectionRecord>()
    var clientConnectionSlots = SlotAllocator()
    var clients = SlotTable<ClientRecord>()
    var upstreamConnections = SlotTable<UpstreamConnectionRecord>()
    var upstreamConnectionSlots = SlotAllocator()
    /// The nginx workers and what surrounds them (`ProxyTier`).
    var proxy: ProxyTier
    /// Per backend: wakes it when a worker comes free while requests wait.
    var workerFreeTimers: [TimerID] = []
    var backends: SlotTable<BackendState>
    /// Shared hosts' cores and run queues (`World+Hosts.swift`), in `model.hosts` order.
    var hosts: [HostRunQueue] = []

    /// The model's hot facts, flattened (see `WorldTables`).
    let tables: WorldTables

    // Measurements.
    var metrics = WorldMetrics()
    /// Connection statistics as they stood when the traffic ended.
    var frozenAtTrafficEnd: FrozenStatistics?
    /// Optional lifecycle log (`--events`, `--timeline`).
    var observer: (any LifecycleObserver)?

    /// Builds the world; `SimulationModelError` for what the model cannot run.
    public init(model: ScenarioModel, seeds: SeedSequence, observer: (any LifecycleObserver)? = nil) throws(SimulationModelError) {
        try SimulationModelError.check(model)
        let nginx = model.nginx
        // Everything that can throw comes before the first stored property
        // is set (a ~Copyable value cannot be left partly initialised).
        let workerAssignment: WorkerAssignment
        do {
            workerAssignment = try WorkerAssignment(strategy: model.acceptStrategy, workerCount: nginx.workerProcesses,
                                                    workerConnections: nginx.workerConnections)
        } catch {
            throw SimulationModelError(field: "nginx.worker_processes", problem: error.description)
        }
        let plan: NginxWorkerPlan
        do {
            plan = try NginxWorkerPlan(nginx)
        } catch {
            throw SimulationModelError(field: "nginx.upstreams", problem: error.description)
        }
        var workerMachines = SlotTable<NginxWorker>()
        do {
            for w in 0..<nginx.workerProcesses { workerMachines.append(try NginxWorker(index: w, plan: plan)) }
        } catch {
            throw SimulationModelError(field: "nginx.worker_connections", problem: error.description)
        }
        self.model = model
        self.observer = observer
        warmupEnd = Instant.zero + model.run.warmup
        trafficEnd = Instant.zero + model.run.duration
        workersHaveCosts = !model.proxyCosts.isFree
        workersRunLoops = workersHaveCosts || model.hosts.contains(where: \.runsNginx)
        hosts = model.hosts.map(HostRunQueue.init)
        metrics.proxyTimeWait = ExpiringCounter(lifetime: model.network.timeWait)
        metrics.backendTimeWait = ExpiringCounter(lifetime: model.network.timeWait)

        arrivalRandom = seeds.stream(named: "arrivals")
        clientChoiceRandom = seeds.stream(named: "clients")
        mixRandom = seeds.stream(named: "mix")
        thinkRandom = seeds.stream(named: "think")
        acceptRandom = seeds.stream(named: "accept")
        jitterRandom = seeds.stream(named: "jitter")
        tlsRandom = seeds.stream(named: "tls")
        uriRandom = seeds.stream(named: "uris")
        serviceRandom = model.backends.indices.map { seeds.stream(named: "service", index: UInt64($0)) }
        errorRandom = model.backends.indices.map { seeds.stream(named: "errors", index: UInt64($0)) }

        var addressRandom = seeds.stream(named: "client-addresses")
        let network = model.traffic.clientAddresses
        for _ in 0..<max(1, model.traffic.clients) {
            let address = network.host(addressRandom.next())
            // Page fan-out over host names: one record (own connections) per
            // browser and host, all with the browser's address.
            for _ in 0..<model.traffic.hostsPerPage {
                clients.append(ClientRecord(address: address, addressKey: HashKey(IPv4Network.text(address))))
            }
        }
        proxy = ProxyTier(
            workers: workerMachines,
            stats: SlotTable(repeatElement(ProxyWorkerState(passOrder: model.samePassOrder), count: nginx.workerProcesses)),
            zones: SharedUpstreamZones(plan: plan), assignment: workerAssignment,
            status: Array(repeating: WorkerStatus(freeSlots: nginx.workerConnections - 1, idleSince: .zero),
                          count: nginx.workerProcesses),
            upstreamCount: nginx.upstreams.count)
        backends = SlotTable(model.backends.map { spec in
            BackendState(busy: WindowedGauge(window: BackendState.busyWindow,
                                             highLevel: BackendState.saturatedShare * Double(spec.workers)),
                         proxyTimeWait: ExpiringCounter(lifetime: model.network.timeWait),
                         backendTimeWait: ExpiringCounter(lifetime: model.network.timeWait))
        })
        tables = WorldTables(model)
        // One listening socket per worker with reuseport, else one they share.
        proxy.acceptQueues = Array(repeating: 0, count: nginx.reuseport ? nginx.workerProcesses : 1)
        proxy.acceptQueueCapacity = model.proxyListenBacklog.acceptQueueCapacity(somaxconn: model.network.somaxconn)
    }

    /// Schedules the first events: arrivals, closed-loop connections, warm-up end, timers.
    mutating func start(_ kernel: inout SimulationKernel<WorldEvent>) {
        for _ in 0..<(proxy.workers.count * tables.upstreamCount) { proxy.cacheTimers.append(kernel.makeTimer()) }
        for _ in backends.indices { workerFreeTimers.append(kernel.makeTimer()) }
        if warmupEnd > .zero { kernel.schedule(WorldEvent(.warmupEnds, 0), at: warmupEnd) } else { metrics.measuring = true }
        kernel.schedule(WorldEvent(.trafficEnds, 0), at: trafficEnd)
        startTraffic(&kernel)
    }

    public mutating func handle(_ event: WorldEvent, kernel: inout SimulationKernel<WorldEvent>) {
        if event.isWorkerEvent, workersRunLoops {
            enqueueForWorker(event, kernel: &kernel)
        } else {
            handleNow(event, at: kernel.now, kernel: &kernel)
        }
    }

    /// Handles an event at `now` (for worker events: the moment the worker's
    /// loop gets to it).
    mutating func handleNow(_ event: WorldEvent, at now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        switch event.kind {
        case .arrival: onArrival(now: now, kernel: &kernel)
        case .traceArrival: onTraceArrival(now: now, kernel: &kernel)
        case .thinkTimeOver: onThinkTimeOver(event, now: now, kernel: &kernel)
        case .clientConnectionArrives: onClientConnectionArrives(event, now: now, kernel: &kernel)
        case .requestArrivesAtProxy: onRequestArrivesAtProxy(event, now: now, kernel: &kernel)
        case .responseArrivesAtClient: onResponseArrivesAtClient(event, now: now, kernel: &kernel)
        case .proxyCloseArrivesAtClient: onProxyCloseArrivesAtClient(event, now: now, kernel: &kernel)
        case .upstreamConnected: onUpstreamConnected(event, now: now, kernel: &kernel)
        case .upstreamResponseRelayed: onUpstreamResponseRelayed(event, now: now, kernel: &kernel)
        case .requestArrivesAtBackend: onRequestArrivesAtBackend(event, now: now, kernel: &kernel)
        case .backendWorkerFree: releaseWorkersDue(backend: Int(event.id), now: now, kernel: &kernel)
        case .backendResponseWritten: onBackendResponseWritten(event, now: now, kernel: &kernel)
        case .responseArrivesAtProxy: onResponseArrivesAtProxy(event, now: now, kernel: &kernel)
        case .backendCloseArrivesAtProxy: onBackendCloseArrivesAtProxy(event, now: now, kernel: &kernel)
        case .proxyCloseArrivesAtBackend: onProxyCloseArrivesAtBackend(event, now: now, kernel: &kernel)
        case .clientIdleTimeout: onClientIdleTimeout(event, now: now, kernel: &kernel)
        case .upstreamCacheIdleTimeout: onUpstreamCacheIdleTimeout(event, now: now, kernel: &kernel)
        case .backendIdleTimeout: onBackendIdleTimeout(event, now: now, kernel: &kernel)
        case .upstreamResponseTimeout: onUpstreamResponseTimeout(event, now: now, kernel: &kernel)
        case .upstreamSYNRetransmit: onUpstreamSYNRetransmit(event, now: now, kernel: &kernel)
        case .streamRefusedArrivesAtClient: onStreamRefusedArrivesAtClient(event, now: now, kernel: &kernel)
        case .workerPassEnd: onWorkerPassEnd(event, kernel: &kernel)
        case .loadGeneratorPass: onLoadGeneratorPass(event, now: now, kernel: &kernel)
        case .hostCoreFree: releaseCore(host: Int(event.id), now: now, kernel: &kernel)
        case .warmupEnds: onWarmupEnds(now: now, kernel: &kernel)
        case .trafficEnds: onTrafficEnds(now: now, kernel: &kernel)
        }
    }

    // MARK: Network

    /// One message's delay on a link: the one-way delay plus uniform jitter.
    mutating func delay(_ link: LinkSpec) -> TimeSpan {
        guard link.jitter.nanoseconds > 0 else { return link.oneWay }
        return link.oneWay + TimeSpan(nanoseconds: Int64(jitterRandom.next(below: UInt64(link.jitter.nanoseconds) + 1)))
    }

    /// Round trips of a new connection's handshakes before the first request
    /// can be sent: TCP's one, plus TLS's; and whether TLS resumed.
    mutating func handshakeRoundTrips(_ link: LinkSpec) -> (roundTrips: Int64, tlsFull: Bool, tls: Bool) {
        guard let tls = link.tls else { return (1, false, false) }
        let resumed = link.tlsResumption > 0 && tlsRandom.nextUnitInterval() < link.tlsResumption
        return (1 + tls.handshakeRoundTrips(resumed: resumed), !resumed, true)
    }
}

/// What the simulator cannot run, with the model field to change.
public struct SimulationModelError: Error, CustomStringConvertible, Sendable {
    public var field: String
    public var problem: String
    public var description: String { "\(field): \(problem)" }

    static func check(_ model: ScenarioModel) throws(SimulationModelError) {
        if model.nginx.locations.isEmpty { throw .init(field: "nginx.locations", problem: "at least one proxying location is needed") }
        if model.serverBackends.count != model.nginx.upstreams.count {
            throw .init(field: "upstreams", problem: "every upstream needs its servers mapped to backends")
        }
        for (u, upstream) in model.nginx.upstreams.enumerated() where model.serverBackends[u].count != upstream.servers.count {
            throw .init(field: "upstreams.\(upstream.name)", problem: "every server needs a backend")
        }
        if model.backends.contains(where: { $0.workers < 1 }) { throw .init(field: "backends.workers", problem: "must be >= 1") }
        if model.traffic.clients < 1 { throw .init(field: "traffic.clients", problem: "must be >= 1") }
        if model.traffic.connectionsPerClient < 1 { throw .init(field: "traffic.connections_per_client", problem: "must be >= 1") }
        if !model.traffic.locationWeights.isEmpty, model.traffic.locationWeights.count != model.nginx.locations.count {
            throw .init(field: "traffic.locations", problem: "give one weight per location (\(model.nginx.locations.count))")
        }
    }
}
