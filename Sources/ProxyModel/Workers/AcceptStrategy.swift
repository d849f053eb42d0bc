/// How new client connections reach workers (nginx-semantics.md section 6).
public enum AcceptStrategy: Hashable, Sendable {
    /// Linux epoll, one shared listener, accept_mutex off (the default since
    /// 1.11.3): every worker waits on the listener with EPOLLEXCLUSIVE and the
    /// kernel wakes one. A worker re-adds the listener (moving to the back of
    /// the wait queue) on its first accept and every `burst` accepts after
    /// that, and on every accept while under 1/8 of its slots are free
    /// (`ngx_reorder_accept_events`, 1.21.6+, every 16). Net effect: bursts of
    /// up to `burst` connections per worker, in rotation.
    case exclusiveWakeup(burst: Int = 16, wakeOrder: WakeOrder = .waitQueue)
    /// `listen ... reuseport`: the kernel hashes the connection's 4-tuple to
    /// one worker's socket, whatever the load. Modelled as a uniform pick from
    /// a caller-supplied random draw.
    case reusePort
    /// `accept_mutex on`: workers take turns holding the mutex; a worker with
    /// fewer than 1/8 of its slots free skips its turn.
    case acceptMutex

    /// Which idle worker the kernel wakes for an EPOLLEXCLUSIVE listener.
    /// Kernel-dependent, hence a parameter.
    public enum WakeOrder: Hashable, Sendable {
        /// The first worker in the listener's wait queue that is blocked in
        /// `epoll_wait` (the kernel walks the queue from the head; a re-added
        /// listener goes to the tail).
        case waitQueue
        /// The worker that has been idle longest (ties: wait-queue order).
        case longestIdle
    }

    /// nginx's default on Linux.
    public static let nginxDefault = AcceptStrategy.exclusiveWakeup()
}
