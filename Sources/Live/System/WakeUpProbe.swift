import Foundation
import Synchronization
import ProxyModel

/// How long this machine takes to run a thread that an event wakes on an
/// idle core: the simulator's `hosts.NAME.wake_up_latency`. Two threads,
/// pinned to two different CPUs, pass a byte back and forth over a socket
/// pair, each blocked in read(2) until the other writes; a round trip is two
/// cross-core wake-ups (and two short reads and writes, a microsecond or two
/// each). Unpinned, the scheduler may run both on one core, where a wake-up
/// is a plain context switch: cheaper, and not what a process that sleeps
/// while the other cores run something else meets. In a virtual machine the
/// cross-core wake-up is an inter-processor interrupt through the
/// hypervisor: tens of microseconds.
public enum WakeUpProbe {
    /// Half the median round trip; nil when the socket pair cannot be made.
    /// Both ends run on threads of their own, so the caller's CPU affinity is untouched.
    public static func medianWakeUp(roundTrips: Int = 4_000) -> TimeSpan? {
        guard let (near, far) = try? System.socketPair() else { return nil }
        let pinned = ProcessInfo.processInfo.activeProcessorCount >= 2
        let echo = Thread {
            // `near` closing ends this read (end of file); the echo closes its own end.
            defer { try? System.close(far) }
            if pinned { System.pinCurrentThread(toCPU: 1) }
            var byte: UInt8 = 0
            for _ in 0..<roundTrips {
                guard case .processed(1)? = try? withUnsafeMutableBytes(of: &byte, { try System.read(far, into: $0) }),
                      case .processed(1)? = try? withUnsafeBytes(of: &byte, { try System.send(far, $0) }) else { return }
            }
        }
        let samples = Mutex<[Int64]>([])
        let done = DispatchSemaphore(value: 0)
        let probe = Thread {
            defer { try? System.close(near); done.signal() }
            if pinned { System.pinCurrentThread(toCPU: 0) }
            var measured: [Int64] = []
            measured.reserveCapacity(roundTrips)
            var byte: UInt8 = 1
            for _ in 0..<roundTrips {
                let start = MonotonicClock.now()
                guard case .processed(1)? = try? withUnsafeBytes(of: &byte, { try System.send(near, $0) }),
                      case .processed(1)? = try? withUnsafeMutableBytes(of: &byte, { try System.read(near, into: $0) }) else { break }
                measured.append((MonotonicClock.now() - start).nanoseconds)
            }
            samples.withLock { $0 = measured }
        }
        echo.start()
        probe.start()
        done.wait()
        var sorted = samples.withLock { $0 }
        guard !sorted.isEmpty else { return nil }
        sorted.sort()
        return TimeSpan(nanoseconds: sorted[sorted.count / 2] / 2)
    }
}
