import ProxyModel

/// A machine that several of the scenario's processes share (`hosts` in a
/// model file): a loopback test on a laptop, or nginx and its backends on one
/// VM. Each placed process is a single-threaded event loop that needs a core
/// for its CPU per event (`nginx.cpu`, a backend's `service.cpu` and
/// `accept_cpu`, `traffic.closed_loop.cpu_per_request`); when more of them
/// are runnable than there are cores, the others wait in the host's run
/// queue. A process not placed on any host runs on a machine of its own, as
/// if it had a core to itself whenever it needs one.
public struct HostSpec: Hashable, Sendable {
    public var name: String
    public var cores: Int
    /// How long a sleeping process takes to run once an event wakes it on an
    /// idle core (the scheduler's wake-up latency: the IPI and the exit from
    /// the core's idle state). A process that already holds a core, or that
    /// was waiting in the run queue, pays none.
    public var wakeUpLatency: TimeSpan
    /// The nginx worker processes, each one process.
    public var runsNginx: Bool
    /// The closed loop's load-generator threads, each one process.
    public var runsLoadGenerator: Bool
    /// Backend definitions (by name) whose instances run here: each instance's
    /// workers are its processes (one for an event-loop server like Node.js).
    public var backends: [String]

    /// A stock Linux kernel on an idle machine wakes a sleeping thread in a
    /// few microseconds (cyclictest's typical latency; measure yours with it).
    public static let defaultWakeUpLatency = TimeSpan.microseconds(5)

    public init(name: String, cores: Int, wakeUpLatency: TimeSpan = HostSpec.defaultWakeUpLatency,
                runsNginx: Bool = false, runsLoadGenerator: Bool = false, backends: [String] = []) {
        self.name = name; self.cores = cores; self.wakeUpLatency = wakeUpLatency
        self.runsNginx = runsNginx; self.runsLoadGenerator = runsLoadGenerator; self.backends = backends
    }
}
