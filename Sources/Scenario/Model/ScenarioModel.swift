import ProxyModel
import Randomness
import Traffic

/// Everything needed to run one scenario — simulated or replayed: a typed, validated
/// model (the `Scenario` module builds it from a model file; tests build it
/// in code). Plain values; the world copies what it needs at start.
public struct ScenarioModel: Hashable, Sendable {
    /// nginx with every default of its version applied.
    public var nginx: EffectiveConfiguration
    /// CPU time an nginx worker spends per event (all zero: an infinitely fast proxy).
    public var proxyCosts: ProxyCPUCosts
    /// How new client connections spread over workers (nginx-semantics.md section 6).
    public var acceptStrategy: AcceptStrategy
    /// `nginx.same_pass_order`: which of a backend's FIN and a request nginx
    /// handles first when both are ready in one loop pass (kernel-dependent).
    public var samePassOrder: SameLoopPassOrder = .arrival
    /// `listen ... backlog=`: the accept queue of nginx's listener(s).
    public var proxyListenBacklog = ListenBacklog.nginxDefault
    /// Backend instances: one per distinct server address.
    public var backends: [BackendSpec]
    /// For each upstream (in `nginx.upstreams` order) and each of its servers, the backend instance.
    public var serverBackends: [[Int]]
    public var network: NetworkSpec
    public var traffic: TrafficSpec
    public var run: RunSpec
    /// Machines processes share (`hosts`); empty: every process on its own.
    public var hosts: [HostSpec] = []

    public init(nginx: EffectiveConfiguration, proxyCosts: ProxyCPUCosts = .init(), acceptStrategy: AcceptStrategy = .nginxDefault,
                backends: [BackendSpec], serverBackends: [[Int]], network: NetworkSpec = .init(),
                traffic: TrafficSpec, run: RunSpec) {
        self.nginx = nginx; self.proxyCosts = proxyCosts; self.acceptStrategy = acceptStrategy
        self.backends = backends; self.serverBackends = serverBackends; self.network = network
        self.traffic = traffic; self.run = run
    }
}

/// CPU time one nginx worker spends handling each kind of event. While a
/// worker is busy, events that reach it wait, as in a real single-threaded
/// event loop, so a worker can saturate.
public struct ProxyCPUCosts: Hashable, Sendable {
    public var accept: TimeSpan
    public var connect: TimeSpan
    public var request: TimeSpan
    public var response: TimeSpan
    public var close: TimeSpan
    /// Per TLS handshake with a client (full handshake; resumption costs a tenth).
    public var tlsHandshake: TimeSpan

    public init(accept: TimeSpan = .zero, connect: TimeSpan = .zero, request: TimeSpan = .zero,
                response: TimeSpan = .zero, close: TimeSpan = .zero, tlsHandshake: TimeSpan = .zero) {
        self.accept = accept; self.connect = connect; self.request = request
        self.response = response; self.close = close; self.tlsHandshake = tlsHandshake
    }

    /// What a model file gets without `nginx.cpu`: nginx's CPU per event as
    /// measured on one core (NGINX blog, "Testing the Performance of NGINX and
    /// NGINX Plus Web Servers", 2017: 145,551 requests/s with keepalive, 34,344
    /// with a new connection per request, i.e. ~6.9 us per request and ~22 us
    /// more per connection set up and torn down; ../shared/reference/backends-and-costs.md).
    /// Split as models/default.json5 has always written it: a request's read and
    /// its response's relay 5 us each, an accept or an upstream connect 10 us, a
    /// close 2 us. A full client TLS handshake 500 us: ~2,000 ECDHE-RSA
    /// handshakes per second per core (openssl speed, same reference).
    /// Models built in code keep `init()`'s zeros (an infinitely fast proxy)
    /// unless they ask for this.
    public static let nginxDefault = ProxyCPUCosts(
        accept: .microseconds(10), connect: .microseconds(10), request: .microseconds(5), response: .microseconds(5),
        close: .microseconds(2), tlsHandshake: .microseconds(500))

    public var isFree: Bool {
        accept == .zero && connect == .zero && request == .zero && response == .zero && close == .zero && tlsHandshake == .zero
    }
}

/// One backend instance (a process behind one server address).
public struct BackendSpec: Hashable, Sendable {
    /// The backend definition's name in the model (several instances may share it).
    public var name: String
    /// The server address nginx connects to.
    public var address: String
    public var keepalive: BackendKeepalivePolicy
    /// Workers that run requests' CPU part one at a time each: 1 for a
    /// Node.js-style event loop, N for a pre-fork or threaded server.
    public var workers: Int
    /// The CPU part of a request's service time, milliseconds (serialised on a worker).
    public var cpuTimeMs: Distribution
    /// The waiting part (a database call...), milliseconds: overlaps with other
    /// requests unless `waitHoldsWorker`.
    public var waitTimeMs: Distribution
    /// A blocking server (gunicorn sync, PHP-FPM) keeps the worker during the wait.
    public var waitHoldsWorker: Bool
    /// CPU to accept a new connection, charged before its first request.
    public var acceptCPU: TimeSpan
    /// CPU per TLS handshake when the proxy talks TLS to this backend.
    public var tlsHandshakeCPU: TimeSpan
    /// When both sides close after a response (a close-marked exchange), the
    /// backend's FIN reaches nginx with the response, so nginx's close is the
    /// passive one and TIME_WAIT lands on the backend. Default false: nginx
    /// finalizes the request on the response's last byte and closes before
    /// the backend's FIN arrives, so TIME_WAIT lands on nginx's host — what
    /// operators of nginx without upstream keepalive see.
    public var finWithResponse: Bool
    /// Share of responses with status 500 (0...1), for retry studies.
    public var errorRate: Double
    /// How its event loop runs timers: the waiting part of a request is a
    /// timer (`setTimeout`), which a libuv loop fires on its millisecond clock.
    public var eventLoop: BackendEventLoop
    /// The backlog it listens with (its profile's; `.somaxconn` in code-built models).
    public var listenBacklog: ListenBacklog
    /// The server's own CPU beside the application's (`service.cpu`,
    /// `accept_cpu`): its socket reads and writes, parsing, the accept and
    /// close syscalls. What `calibrate` measures of the rig's backends on a
    /// machine; zero unless a calibration or the model sets it.
    public var serverCPU = ServerCPU()

    public init(name: String, address: String, keepalive: BackendKeepalivePolicy, workers: Int = 1,
                cpuTimeMs: Distribution = .constant(1), waitTimeMs: Distribution = .constant(0), waitHoldsWorker: Bool = false,
                acceptCPU: TimeSpan = .zero, tlsHandshakeCPU: TimeSpan = .zero, finWithResponse: Bool = false, errorRate: Double = 0,
                eventLoop: BackendEventLoop = .exactTimers, listenBacklog: ListenBacklog = .somaxconn) {
        self.name = name; self.address = address; self.keepalive = keepalive; self.workers = workers
        self.cpuTimeMs = cpuTimeMs; self.waitTimeMs = waitTimeMs; self.waitHoldsWorker = waitHoldsWorker
        self.acceptCPU = acceptCPU; self.tlsHandshakeCPU = tlsHandshakeCPU; self.finWithResponse = finWithResponse
        self.errorRate = errorRate; self.eventLoop = eventLoop; self.listenBacklog = listenBacklog
    }
}

/// A server's own CPU per connection (accept and close) and per request.
public struct ServerCPU: Hashable, Sendable {
    public var perConnection: TimeSpan
    public var perRequest: TimeSpan
    public init(perConnection: TimeSpan = .zero, perRequest: TimeSpan = .zero) {
        self.perConnection = perConnection; self.perRequest = perRequest
    }
    public var isZero: Bool { perConnection == .zero && perRequest == .zero }
}

/// TLS on a link.
public enum TLSVersion: String, Hashable, Sendable, CaseIterable {
    case tls12 = "1.2"
    case tls13 = "1.3"

    /// Round trips a handshake adds before the request can be sent: TLS 1.2
    /// full 2, resumed 1; TLS 1.3 1 (backends-and-costs.md, "Costs").
    public func handshakeRoundTrips(resumed: Bool) -> Int64 {
        switch self {
        case .tls12: return resumed ? 1 : 2
        case .tls13: return 1
        }
    }
}

/// One network hop.
public struct LinkSpec: Hashable, Sendable {
    /// One-way delay; a round trip is twice this.
    public var oneWay: TimeSpan
    /// Extra delay per message, uniform in [0, jitter]. Keep it well below
    /// timeouts: messages of one connection are not re-ordered by TCP here.
    public var jitter: TimeSpan
    /// TLS on this hop, if any.
    public var tls: TLSVersion?
    /// Share of TLS handshakes that resume a session (0...1).
    public var tlsResumption: Double
    /// The link's rate in megabits per second; nil: unlimited (a message's
    /// bytes take no time). Each connection gets the whole rate (no sharing).
    public var bandwidthMbps: Double?

    public init(oneWay: TimeSpan = .microseconds(250), jitter: TimeSpan = .zero, tls: TLSVersion? = nil, tlsResumption: Double = 0,
                bandwidthMbps: Double? = nil) {
        self.oneWay = oneWay; self.jitter = jitter; self.tls = tls; self.tlsResumption = tlsResumption
        self.bandwidthMbps = bandwidthMbps
    }

    public var roundTrip: TimeSpan { oneWay * 2 }

    /// How long `bytes` take to cross the link at its rate (zero when unlimited).
    @inlinable
    public func transferTime(bytes: Int64) -> TimeSpan {
        guard let bandwidthMbps, bytes > 0 else { return .zero }
        let nanoseconds = Double(bytes) * 8 * 1000 / bandwidthMbps
        return TimeSpan(nanoseconds: nanoseconds >= 1e18 ? 1_000_000_000_000_000_000 : Int64(nanoseconds))
    }
}

public struct NetworkSpec: Hashable, Sendable {
    public var clientToProxy: LinkSpec
    public var proxyToBackend: LinkSpec
    /// Ephemeral ports per (source address, destination address and port):
    /// Linux's default range 32768–60999 holds 28,232.
    public var ephemeralPorts: Int
    /// How long the side that closes first keeps a socket in TIME_WAIT (Linux: fixed 60 s).
    public var timeWait: TimeSpan
    /// `net.core.somaxconn`: the kernel caps every listen backlog at this (4096 since Linux 5.4, 128 before).
    public var somaxconn: Int

    public init(clientToProxy: LinkSpec = .init(), proxyToBackend: LinkSpec = .init(),
                ephemeralPorts: Int = 28_232, timeWait: TimeSpan = .seconds(60), somaxconn: Int = 4096) {
        self.clientToProxy = clientToProxy; self.proxyToBackend = proxyToBackend
        self.ephemeralPorts = ephemeralPorts; self.timeWait = timeWait; self.somaxconn = somaxconn
    }
}

/// Where requests come from.
public enum TrafficSource: Hashable, Sendable {
    /// Open loop: requests arrive on their own schedule, whatever the latency.
    case openLoop(pattern: RatePattern, spacing: ArrivalGenerator.Spacing)
    /// Open loop from a trace file (`TraceFileReader` format).
    case trace(path: String)
    /// Closed loop, like wrk: `connections` connections, each sending its
    /// next request a think time after the previous response.
    case closedLoop(connections: Int, thinkTimeMs: Distribution)
    /// Page loads: pages arrive open-loop; each page is `requestsPerPage`
    /// requests from one client at once, spread over its connections.
    case pages(pattern: RatePattern, spacing: ArrivalGenerator.Spacing, requestsPerPage: Int)
}

/// What the clients speak to nginx (`traffic.client_protocol`).
public enum ClientProtocol: String, Hashable, Sendable, CaseIterable {
    /// HTTP/1.1: one request at a time per connection, up to
    /// `connectionsPerClient` connections per client and host.
    case http11 = "http/1.1"
    /// HTTP/2: one connection per client and host name (an origin: browsers
    /// coalesce different host names only when they share an address and a
    /// certificate, which the model does not assume), carrying up to nginx's
    /// `http2_max_concurrent_streams` requests at once; the client queues the
    /// rest, honouring SETTINGS_MAX_CONCURRENT_STREAMS as browsers do.
    case http2 = "h2"
}

public struct TrafficSpec: Hashable, Sendable {
    public var source: TrafficSource
    /// Distinct clients (browsers, services) the requests come from.
    public var clients: Int
    /// Connections one client may hold to nginx at once (browsers: 6).
    public var connectionsPerClient: Int
    public var mix: RequestMix
    /// Relative weights of `nginx.locations` (empty: all to the first location).
    public var locationWeights: [Double]
    /// Clients send `Connection: close` (no client keepalive).
    public var clientsCloseConnections: Bool
    /// The request URIs and their relative weights (what `hash $request_uri` hashes).
    public var uris: [String]
    public var uriWeights: [Double]
    /// Where the clients' addresses are drawn from (what `ip_hash` and `hash $remote_addr` hash).
    public var clientAddresses: IPv4Network
    /// `pages.hosts`: a page's requests are dealt in turn over this many host
    /// names (subdomains); a browser holds its own `connectionsPerClient`
    /// connections to each. 1 for every other source.
    public var hostsPerPage: Int
    /// `trace.speed`: the trace replays this many times faster than written.
    public var traceSpeed: Double
    /// A closed loop's load generator (threads, CPU, start); unused by the other sources.
    public var closedLoopClient = ClosedLoopClient()
    /// `client_protocol`: HTTP/1.1 (default) or HTTP/2.
    public var clientProtocol = ClientProtocol.http11

    public init(source: TrafficSource, clients: Int = 100, connectionsPerClient: Int = 1, mix: RequestMix = .init(),
                locationWeights: [Double] = [], clientsCloseConnections: Bool = false, uris: [String] = ["/"],
                uriWeights: [Double] = [1], clientAddresses: IPv4Network = .modelDefault, hostsPerPage: Int = 1,
                traceSpeed: Double = 1) {
        self.source = source; self.clients = clients; self.connectionsPerClient = connectionsPerClient
        self.mix = mix; self.locationWeights = locationWeights; self.clientsCloseConnections = clientsCloseConnections
        self.uris = uris; self.uriWeights = uriWeights; self.clientAddresses = clientAddresses
        self.hostsPerPage = max(1, hostsPerPage); self.traceSpeed = traceSpeed
    }
}

public struct RunSpec: Hashable, Sendable {
    /// Virtual time during which requests are sent (warm-up included).
    public var duration: TimeSpan
    /// Requests intended before this are not measured, nor connections closed before it.
    public var warmup: TimeSpan
    public var seed: UInt64
    /// Independent replications (sweeps and plans use them).
    public var replications: Int
    /// After `duration`, how long in-flight requests may take to finish.
    public var drain: TimeSpan

    public init(duration: TimeSpan = .seconds(60), warmup: TimeSpan = .seconds(5), seed: UInt64 = 1, replications: Int = 1,
                drain: TimeSpan = .seconds(120)) {
        self.duration = duration; self.warmup = warmup; self.seed = seed; self.replications = replications; self.drain = drain
    }
}
