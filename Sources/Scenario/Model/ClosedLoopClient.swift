import ProxyModel

/// A closed loop's load generator as wrk runs one: a few threads, each one
/// event loop that handles its connections' responses one at a time, and
/// every connection opened at the start (wrk.c `thread_main` connects them
/// all before its loop runs). With a CPU cost per request the generator can
/// saturate, and a burst of responses leaves as a staggered train of requests.
public struct ClosedLoopClient: Hashable, Sendable {
    /// When the connections open.
    public enum Start: Hashable, Sendable {
        /// All at the start, as wrk does.
        case together
        /// Each at a uniformly random instant of the first second (or of the
        /// warm-up, if shorter), so that they do not march in lockstep.
        case spread
    }

    public var start: Start
    /// Threads (wrk `-t`): connection i belongs to thread i mod threads.
    public var threads: Int
    /// CPU a thread spends per response: reading and parsing it, recording
    /// its latency, writing the connection's next request.
    public var cpuPerRequest: TimeSpan

    /// wrk's defaults: `-t 2`; no CPU cost (an infinitely fast generator).
    public init(start: Start = .together, threads: Int = 2, cpuPerRequest: TimeSpan = .zero) {
        self.start = start; self.threads = threads; self.cpuPerRequest = cpuPerRequest
    }
}
