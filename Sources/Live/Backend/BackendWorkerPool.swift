import ProxyModel

/// A backend's workers on the real clock, as the simulated backend has them:
/// a job holds a free worker for its CPU time (and its wait, for a blocking
/// server), jobs beyond the workers queue in arrival order, and service is
/// emulated with timers, so one thread emulates many workers — except the
/// CPU of a one-worker backend, an event loop like Node.js: that is burnt on
/// the thread, as the real server burns it, so that on a machine the rig
/// shares with nginx it competes for the cores as the simulator's hosts
/// have it (`HostRunQueue`).
final class BackendWorkerPool {
    struct Job {
        /// How long the job holds a worker (CPU, plus the wait if the wait holds it).
        var holdsWorker: TimeSpan
        /// The CPU part of `holdsWorker`.
        var cpu: TimeSpan
        /// Waiting after the worker is released (a database call that does not block it).
        var waitsAfter: TimeSpan
        /// How the backend's loop runs timers (libuv: a millisecond clock):
        /// when the wait after the CPU ends (`BackendEventLoop.responseWritten`,
        /// the rule the simulator's backends follow).
        var eventLoop = BackendEventLoop.exactTimers
        var completion: () -> Void
    }

    let workers: Int
    private(set) var busy = 0
    private var queue: [Job] = []
    private var queueHead = 0
    private unowned let loop: EventLoop

    init(workers: Int, loop: EventLoop) {
        self.workers = workers; self.loop = loop
    }

    /// Every worker busy and more work waiting: what load-shedding backends react to.
    var isSaturated: Bool { busy >= workers && queueHead < queue.count }

    var queuedCount: Int { queue.count - queueHead }

    func submit(_ job: Job) {
        if busy < workers { start(job) } else { queue.append(job) }
    }

    private func start(_ job: Job) {
        busy += 1
        let start = loop.now
        var holds = job.holdsWorker
        if workers == 1 && job.cpu > .zero {
            Self.burn(job.cpu)
            holds = holds - job.cpu
        }
        loop.schedule(after: holds) { [unowned self] in
            busy -= 1
            startNextQueued()
            if job.waitsAfter > .zero {
                loop.schedule(at: job.eventLoop.responseWritten(serviceStart: start, cpu: job.holdsWorker, wait: job.waitsAfter),
                              job.completion)
            } else {
                job.completion()
            }
        }
    }

    /// Keeps the thread's core busy for `cpu` (a spin on the monotonic clock).
    private static func burn(_ cpu: TimeSpan) {
        let end = MonotonicClock.now() + cpu
        while MonotonicClock.now() < end {}
    }

    private func startNextQueued() {
        guard queueHead < queue.count else { return }
        let job = queue[queueHead]
        queueHead += 1
        // Drop the consumed prefix now and then, so the queue does not grow without bound.
        if queueHead > 1_024 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        start(job)
    }
}
