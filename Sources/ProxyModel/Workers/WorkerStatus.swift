/// What the accept models need to know about one worker at the moment a
/// connection arrives. The driver keeps one per worker.
public struct WorkerStatus: Hashable, Sendable {
    /// Free `worker_connections` slots (`WorkerConnectionBudget.free`), before the new connection.
    public var freeSlots: Int
    /// When the worker last blocked in `epoll_wait` with nothing to do; nil while it is busy.
    public var idleSince: Instant?
    /// Listening is paused until then (accept() EMFILE; `WorkerConnectionBudget.acceptPausedUntil`).
    public var acceptPausedUntil: Instant

    public init(freeSlots: Int, idleSince: Instant? = nil, acceptPausedUntil: Instant = .zero) {
        self.freeSlots = freeSlots
        self.idleSince = idleSince
        self.acceptPausedUntil = acceptPausedUntil
    }
}
