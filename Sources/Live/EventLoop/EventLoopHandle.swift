import Synchronization

/// The one thing about an event loop other threads may touch: a job queue
/// behind a Mutex and the eventfd that wakes the loop to run it. Once the
/// loop has shut down, `execute` refuses jobs (and never writes to the
/// closed, possibly reused, eventfd number: the flag and the write are under one lock).
public final class EventLoopHandle: Sendable {
    public typealias Job = @Sendable (EventLoop) -> Void

    struct State {
        var jobs: [Job] = []
        var stopRequested = false
        var closed = false
    }

    let wakeDescriptor: FileDescriptor
    let state = Mutex(State())

    init() throws(SystemError) {
        wakeDescriptor = try System.eventCounter()
    }

    /// Queues `job` to run on the loop's thread; false if the loop has shut down.
    @discardableResult
    public func execute(_ job: @escaping Job) -> Bool {
        enqueue { $0.jobs.append(job) }
    }

    /// Asks the loop to finish its current iteration and shut down.
    @discardableResult
    public func requestStop() -> Bool {
        enqueue { $0.stopRequested = true }
    }

    private func enqueue(_ change: (inout State) -> Void) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            change(&state)
            // A full counter or any other failure still leaves the loop woken or
            // about to look at the queue; the job is queued either way.
            try? System.signalEventCounter(wakeDescriptor)
            return true
        }
    }

    /// The loop's side: takes the queued jobs and the stop flag.
    func takeWork() -> (jobs: [Job], stop: Bool) {
        state.withLock { state in
            let work = (state.jobs, state.stopRequested)
            state.jobs = []
            return work
        }
    }

    /// The loop's side, at shutdown: refuse further jobs and close the eventfd.
    func close() {
        state.withLock { state in
            state.closed = true
            state.jobs = []
            try? System.close(wakeDescriptor)
        }
    }
}
