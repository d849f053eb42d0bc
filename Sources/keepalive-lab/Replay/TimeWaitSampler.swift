import Foundation
import Live
import Synchronization

/// Samples the kernel's TIME_WAIT sockets toward and at the backends' ports
/// on a thread of its own (reading /proc/net/tcp takes milliseconds when
/// many sockets linger, which must not hold up the load generator's loop),
/// and keeps the peaks.
final class TimeWaitSampler: Sendable {
    private let state = Mutex<(proxy: Int, backends: Int, readable: Bool, stop: Bool)>((0, 0, true, false))
    private let finished = DispatchSemaphore(value: 0)

    init(ports: Set<UInt16>, every interval: TimeInterval = 0.25) {
        let thread = Thread { [self] in
            defer { finished.signal() }
            while !state.withLock({ $0.stop }) {
                let sample = TCPSocketTable.timeWait(ports: ports)
                state.withLock { state in
                    guard let sample else { state.readable = false; return }
                    state.proxy = max(state.proxy, sample.towardPorts)
                    state.backends = max(state.backends, sample.atPorts)
                }
                Thread.sleep(forTimeInterval: interval)
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
