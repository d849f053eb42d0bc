#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import CLinuxShims
import Foundation
import ProxyModel

/// Process-wide settings a live run needs once at start.
extension System {
    /// Ignores SIGPIPE: a write to a reset connection then fails EPIPE
    /// instead of killing the process (send also passes MSG_NOSIGNAL).
    public static func ignoreBrokenPipeSignal() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// The open-file limit: (soft, hard).
    public static func fileDescriptorLimit() throws(SystemError) -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        _ = try blockingCall("getrlimit RLIMIT_NOFILE", "") { getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Sets the soft open-file limit (at most the hard limit); returns the new soft limit.
    @discardableResult
    public static func setFileDescriptorLimit(_ soft: UInt64) throws(SystemError) -> UInt64 {
        var limit = rlimit()
        _ = try blockingCall("getrlimit RLIMIT_NOFILE", "") { getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
        limit.rlim_cur = rlim_t(Swift.min(soft, UInt64(limit.rlim_max)))
        _ = try blockingCall("setrlimit RLIMIT_NOFILE", "\(limit.rlim_cur)") { setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
        return UInt64(limit.rlim_cur)
    }

    /// Raises the soft open-file limit to the hard limit: a load generator
    /// and a proxy hold thousands of sockets.
    @discardableResult
    public static func raiseFileDescriptorLimit() throws(SystemError) -> UInt64 {
        try setFileDescriptorLimit(fileDescriptorLimit().hard)
    }
}

/// Ctrl-C during a live run: the handler only sets a flag (the one thing a
/// signal handler may safely do); the run's loop polls it, stops the traffic
/// and reports what it measured so far.
public enum InterruptRequest {
    private static let requested = Atomic<Bool>(false)

    /// Whether SIGINT arrived since `watch()`.
    public static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Catches SIGINT from now on (until `stopWatching()`).
    /// SIGINT is also unblocked on the calling thread (threads started
    /// after inherit that): a parent that spawned the tool with SIGINT
    /// blocked (test runners do) must not make Ctrl-C a no-op.
    public static func watch() {
        requested.store(false, ordering: .relaxed)
        _ = signal(SIGINT) { _ in InterruptRequest.requested.store(true, ordering: .relaxed) }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        _ = pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// SIGINT ends the process again.
    public static func stopWatching() {
        _ = signal(SIGINT, SIG_DFL)
    }
}

extension System {
    /// CPU time the calling thread has used (CLOCK_THREAD_CPUTIME_ID): what a
    /// proxy worker thread spent, read on that thread.
    public static func threadCPUTime() -> TimeSpan {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return .zero }
        return TimeSpan(nanoseconds: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec))
    }

    /// CPU time (user + system) process `pid` has used so far, from
    /// /proc/PID/stat (clock ticks); nil when it cannot be read.
    public static func processCPUTime(_ pid: Int32) -> TimeSpan? {
        guard let fields = ProcFile.processStatFields(pid), fields.count > 12, let user = Int64(fields[11]), let system = Int64(fields[12]) else { return nil }
        let ticks = Int64(sysconf(Int32(_SC_CLK_TCK)))
        guard ticks > 0 else { return nil }
        return TimeSpan(nanoseconds: (user &+ system) &* (1_000_000_000 / ticks))
    }
}

extension System {
    /// Names the calling thread for `top -H`, `ps -L` and /proc/PID/task/TID/comm,
    /// so a user can see which part of the rig uses the CPU. Linux keeps 15
    /// bytes; a longer name is cut.
    /// Pins the calling thread to CPU `cpu`; false when the kernel refuses
    /// (no such CPU, or a cpuset that excludes it).
    @discardableResult
    public static func pinCurrentThread(toCPU cpu: Int) -> Bool {
        keepalive_lab_pin_current_thread(Int32(clamping: cpu)) == 0
    }

    public static func nameCurrentThread(_ name: String) {
        _ = keepalive_lab_name_current_thread(String(name.utf8.prefix(15)) ?? name)
    }
}

extension System {
    /// CPU time the whole machine has spent busy so far, on all CPUs (user,
    /// nice, system, irq, softirq and steal of /proc/stat's first line): with
    /// the CPU of the rig's own threads and processes, it tells how much the
    /// kernel spent that no process was charged for (loopback's softirq work).
    /// nil when /proc/stat cannot be read.
    public static func machineBusyTime() -> TimeSpan? {
        guard let text = ProcFile.text("/proc/stat"), let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Int64($0) }
        guard fields.count >= 8 else { return nil }
        let ticks = Int64(sysconf(Int32(_SC_CLK_TCK)))
        guard ticks > 0 else { return nil }
        // user nice system idle iowait irq softirq steal: everything but idle and iowait.
        let busy = fields[0] &+ fields[1] &+ fields[2] &+ fields[5] &+ fields[6] &+ fields[7]
        return TimeSpan(nanoseconds: busy &* (1_000_000_000 / ticks))
    }
}
