import ProxyModel
import Synchronization

/// The built-in proxy: `workers` threads, each an event loop driving its own
/// `NginxWorker` (`LiveProxyWorker`), accepting from one listening socket
/// shared with EPOLLEXCLUSIVE (nginx's default) or from a socket each with
/// SO_REUSEPORT (`listen ... reuseport`). Balancers of upstreams with a
/// `zone` are shared across threads (`LiveUpstreamZones`). `start`, use
/// `address`, then `stop` to get every worker's counts.
public final class LiveProxy: Sendable {
    public let configuration: LiveProxyConfiguration
    /// Where clients connect.
    public let address: SocketAddress
    private let threads: [EventLoopThread]
    /// The shared listening socket (closed by `stop`), if not reuseport.
    private let sharedListener: FileDescriptor?
    /// What `stop` collected (nil until then).
    private let collected = Mutex<[LiveProxyCounters]?>(nil)

    private init(configuration: LiveProxyConfiguration, address: SocketAddress, threads: [EventLoopThread],
                 sharedListener: FileDescriptor?) {
        self.configuration = configuration; self.address = address; self.threads = threads
        self.sharedListener = sharedListener
    }

    /// Binds the listening port and starts the worker threads. A port in use
    /// or any other failure throws, naming the call and the address; threads
    /// already started are stopped first.
    public static func start(_ configuration: LiveProxyConfiguration) throws -> LiveProxy {
        let configuration = try configuration.validated()
        let zones = LiveUpstreamZones(plan: configuration.plan)
        let reusePort = configuration.accept == .reusePort
        var address = configuration.listenAddress
        var shared: FileDescriptor?
        if !reusePort {
            let (fd, bound) = try Listener.listeningSocket(address: address, backlog: configuration.listenBacklog)
            shared = fd
            address = bound
        }
        var threads: [EventLoopThread] = []
        do {
            for index in 0..<configuration.workers {
                // reuseport: the first worker's socket picks the port, the others share it.
                let listenAt = address
                let sharedFD = shared
                let bound = Mutex<SocketAddress?>(nil)
                threads.append(try EventLoopThread.start(name: "proxy-worker-\(index)") { loop in
                    let worker = try LiveProxyWorker(index: index, configuration: configuration, zones: zones, loop: loop)
                    loop.owner = worker
                    if let sharedFD {
                        try worker.listen(sharing: sharedFD, address: listenAt, exclusive: true, owns: false)
                    } else {
                        let (fd, local) = try Listener.listeningSocket(address: listenAt, backlog: configuration.listenBacklog,
                                                                       reusePort: true)
                        do { try worker.listen(sharing: fd, address: local, exclusive: false, owns: true) } catch {
                            try? System.close(fd)
                            throw error
                        }
                        bound.withLock { $0 = local }
                    }
                })
                if let local = bound.withLock({ $0 }) { address = local }
            }
        } catch {
            for thread in threads { _ = try? thread.stopAndJoin() }
            if let shared { try? System.close(shared) }
            throw error
        }
        return LiveProxy(configuration: configuration, address: address, threads: threads, sharedListener: shared)
    }

    /// Stops every worker (their connections close) and returns their counts,
    /// one entry per worker. Calling it again returns what the first call got.
    @discardableResult
    public func stop(timeout: Duration = .seconds(10)) -> [LiveProxyCounters] {
        collected.withLock { collected in
            if let collected { return collected }
            var counters: [LiveProxyCounters] = []
            for thread in threads {
                counters.append(thread.query(timeout: timeout) { ($0.owner as? LiveProxyWorker)?.counters } ?? LiveProxyCounters())
                _ = try? thread.stopAndJoin(timeout: timeout)
            }
            if let sharedListener { try? System.close(sharedListener) }
            collected = counters
            return counters
        }
    }

    /// CPU time the worker threads have used so far, together.
    public func workerCPUTime(timeout: Duration = .seconds(10)) -> TimeSpan {
        threads.reduce(TimeSpan.zero) { total, thread in
            total + (thread.query(timeout: timeout) { _ in System.threadCPUTime() } ?? .zero)
        }
    }

    /// The workers' counts so far, without stopping them.
    public func counters(timeout: Duration = .seconds(10)) -> [LiveProxyCounters] {
        threads.map { $0.query(timeout: timeout) { ($0.owner as? LiveProxyWorker)?.counters } ?? LiveProxyCounters() }
    }
}
