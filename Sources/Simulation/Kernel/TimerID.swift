import ProxyModel
/// A re-armable one-shot timer owned by the kernel, e.g. one connection's
/// idle timer. Cheap to copy; valid for the kernel that made it.
public struct TimerID: Hashable, Sendable {
    public let index: Int32
    @inlinable init(index: Int32) { self.index = index }
}

/// The kernel's timer state, one record per `TimerID`.
///
/// Timers are cancelled lazily (swift-linux-notes.md: idle timers are re-armed
/// on every reuse). A timer has at most one *live* queue entry:
/// - re-arming to a later deadline only records the deadline; when the live
///   entry comes up early it is pushed again at the recorded deadline;
/// - re-arming to an earlier deadline orphans the live entry (its generation
///   no longer matches) and pushes a new one;
/// - cancelling only clears the deadline; the live entry is dropped when it
///   comes up, or reused by a later re-arm.
/// So a timer re-armed a million times to later deadlines costs one queue
/// entry, and orphans only arise from moving a deadline earlier; the kernel
/// compacts the queue if orphans ever outnumber live entries.
///
/// One table of records rather than parallel arrays, in an `SlotTable`
/// (no copy-on-write check on each write): timers are armed several times
/// per simulated request.
@usableFromInline
struct TimerTable<Event>: ~Copyable {
    @usableFromInline
    struct Timer {
        /// Current generation; a queue entry with another generation is an orphan.
        @usableFromInline var generation: UInt32 = 0
        /// The armed deadline (ns), or `.max` when not armed.
        @usableFromInline var deadline: Int64 = .max
        /// Time of the live queue entry (ns), or `.max` when the timer has none.
        @usableFromInline var queuedAt: Int64 = .max
        /// The event delivered when the timer fires.
        @usableFromInline var event: Event? = nil
        @inlinable init() {}
    }

    @usableFromInline var timers = SlotTable<Timer>()
    /// Queue entries whose generation no longer matches.
    @usableFromInline var orphanedEntries = 0

    @usableFromInline init() {}

    @inlinable
    mutating func make() -> TimerID {
        timers.append(Timer())
        return TimerID(index: Int32(timers.count - 1))
    }
}
