import ProxyModel
import Synchronization

/// The model's backends on one event loop thread of their own, each
/// listening on its own loopback port: what `replay` puts behind the proxy.
/// `start`, hand `addresses` to the proxy, then `stop` to get their counts.
public final class LiveBackendGroup: Sendable {
    /// Where each backend listens, in configuration order.
    public let addresses: [SocketAddress]
    private let thread: EventLoopThread
    private let collected = Mutex<[LiveBackendCounters]?>(nil)

    private init(addresses: [SocketAddress], thread: EventLoopThread) {
        self.addresses = addresses; self.thread = thread
    }

    /// Starts one backend per configuration, at `addresses[i]` when given
    /// (port 0 or none: an ephemeral port). A port in use throws, naming it.
    public static func start(_ configurations: [LiveBackendConfiguration], addresses: [SocketAddress] = []) throws -> LiveBackendGroup {
        let bound = Mutex<[SocketAddress]>([])
        let thread = try EventLoopThread.start(name: "backends") { loop in
            var backends: [LiveBackend] = []
            for (index, configuration) in configurations.enumerated() {
                let address = index < addresses.count ? addresses[index] : .loopback()
                backends.append(try LiveBackend(configuration: configuration, address: address, loop: loop))
            }
            loop.owner = BackendList(backends)
            bound.withLock { $0 = backends.map(\.address) }
        }
        return LiveBackendGroup(addresses: bound.withLock { $0 }, thread: thread)
    }

    /// CPU time the backends' thread has used so far (all backends share it).
    public func cpuTime(timeout: Duration = .seconds(10)) -> TimeSpan {
        thread.query(timeout: timeout) { _ in System.threadCPUTime() } ?? .zero
    }

    /// Stops the backends (their connections close) and returns their counts.
    /// Calling it again returns what the first call got.
    @discardableResult
    public func stop(timeout: Duration = .seconds(10)) -> [LiveBackendCounters] {
        collected.withLock { collected in
            if let collected { return collected }
            let counters = thread.query(timeout: timeout) { ($0.owner as? BackendList)?.backends.map(\.counters) }
                ?? Array(repeating: LiveBackendCounters(), count: addresses.count)
            _ = try? thread.stopAndJoin(timeout: timeout)
            collected = counters
            return counters
        }
    }
}

/// The backends a group's loop runs (its `owner`).
private final class BackendList {
    let backends: [LiveBackend]
    init(_ backends: [LiveBackend]) { self.backends = backends }
}
