import Foundation
import Live
import Synchronization

/// Samples the kernel's TIME_WAIT sockets toward and at the backends' ports
/// on a thread of its own (reading /proc/net/tcp takes milliseconds when
/// many sockets linger, which must not hold up the load generator's loop),
/// and keeps the peaks.
///
/// The sampler shares the machine with what it measures, so it keeps its
/// own CPU to a twentieth of one core: after a sample that took t, it waits
/// at least 19 t. With 20,000 sockets lingering a read of /proc/net/tcp
/// takes ~80 ms, and sampling every 250 ms regardless took a third of a
/// core from nginx and the backends on a 2-core machine.
final class TimeWaitSampler: Sendable {
    /// The most of one core the sampler may use.
    static let cpuShare = 0.05

    private let state = Mutex<(proxy: Int, backends: Int, readable: Bool, stop: Bool)>((0, 0, true, false))
    private let finished = DispatchSemaphore(value: 0)

    init(ports: Set<UInt16>, every interval: TimeInterval = 0.25) {
        let thread = Thread { [self] in
            defer { finished.signal() }
            System.nameCurrentThread("time-wait")
            while !state.withLock({ $0.stop }) {
                let started = Date()
                let sample = TCPSocketTable.timeWait(ports: ports)
                let took = Date().timeIntervalSince(started)
                state.withLock { state in
                    guard let sample else { state.readable = false; return }
                    state.proxy = max(state.proxy, sample.towardPorts)
                    state.backends = max(state.backends, sample.atPorts)
                }
                Thread.sleep(forTimeInterval: max(interval, took * (1 / Self.cpuShare - 1)))
            }
        }
        thread.name = "time-wait-sampler"
        thread.start()
    }

    /// Stops sampling and returns the peaks; nil when the kernel's table
    /// could not be read. Calling it again returns the same.
    @discardableResult
    func stop() -> (proxy: Int, backends: Int)? {
        let first = state.withLock { state in defer { state.stop = true }; return !state.stop }
        if first { _ = finished.wait(timeout: .now() + 5) }
        return state.withLock { $0.readable ? ($0.proxy, $0.backends) : nil }
    }
}
