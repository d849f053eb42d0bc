import ProxyModel

/// The discrete-event kernel: the virtual clock, the event queue, timers,
/// the run loop and the determinism fingerprint.
///
/// Events are delivered in `(time, phase, sequence)` order — a total order:
/// - `time`: integer nanoseconds of virtual time;
/// - `phase`: at one instant network events before timers (see `EventPhase`
///   for the same-instant rule and why);
/// - `sequence`: the order in which events were scheduled, so ties never
///   depend on anything but the program's own actions.
/// Same inputs, same sequence of `schedule` calls => same delivery order =>
/// same fingerprint, on any machine.
///
/// The kernel cannot be copied (`~Copyable`): a run owns one, and its timer
/// table needs no copy-on-write checks.
public struct SimulationKernel<Event: SimulationEvent>: ~Copyable {
    /// A queued item: an event, or a timer's entry (the timer and the
    /// generation it was pushed with). An enum, not a struct with optional
    /// fields, so that it is no larger than an event plus a tag: the queue's
    /// slots stay small (for a `WorldEvent`, 16 bytes instead of 24).
    public enum QueuedItem {
        case event(Event)
        case timer(Int32, generation: UInt32)
    }

    /// The current virtual time: the time of the event being handled.
    public var now: Instant { Instant(nanoseconds: clock) }
    @usableFromInline var clock: Int64 = 0
    @usableFromInline var queue = EventQueue<QueuedItem>()
    @usableFromInline var timers = TimerTable<Event>()
    /// Running hash of every delivered event.
    public var fingerprint: Fingerprint { runningFingerprint }
    @usableFromInline var runningFingerprint = Fingerprint()
    /// Events delivered so far (timer entries that were skipped do not count).
    public var eventsDelivered: UInt64 { deliveredCount }
    @usableFromInline var deliveredCount: UInt64 = 0

    public init() {}

    /// Entries in the queue, live and orphaned: a measure of memory.
    public var queuedEntryCount: Int { queue.count }

    // MARK: Scheduling

    /// Schedules `event` at `time` (>= now). Events in the past are a
    /// programming error of the caller; they are delivered at `now`, never
    /// earlier, so time never runs backwards.
    @inlinable
    public mutating func schedule(_ event: Event, at time: Instant, phase: EventPhase = .network) {
        let t = time.nanoseconds < clock ? clock : time.nanoseconds
        queue.push(.event(event), at: t, phase: phase)
    }

    /// Schedules `event` after `delay` from now.
    @inlinable
    public mutating func schedule(_ event: Event, after delay: TimeSpan, phase: EventPhase = .network) {
        schedule(event, at: now + delay, phase: phase)
    }

    // MARK: Timers

    /// A new, unarmed timer.
    @inlinable
    public mutating func makeTimer() -> TimerID { timers.make() }

    /// Arms (or re-arms) `timer` to deliver `event` at `deadline`, replacing
    /// any earlier arming. Timer events run in the `.timer` phase.
    @inlinable
    public mutating func arm(_ timer: TimerID, at deadline: Instant, event: Event) {
        let i = Int(timer.index)
        let d = deadline.nanoseconds < clock ? clock : deadline.nanoseconds
        timers.timers[i].deadline = d
        timers.timers[i].event = event
        let queued = timers.timers[i].queuedAt
        if queued <= d { return }  // the live entry comes first and will re-push itself
        if queued != .max {
            // The live entry is too late: orphan it.
            timers.timers[i].generation &+= 1
            timers.orphanedEntries += 1
        }
        pushTimerEntry(i, at: d)
        compactIfMostlyOrphans()
    }

    /// Disarms `timer`; it will not fire until armed again.
    @inlinable
    public mutating func cancel(_ timer: TimerID) {
        timers.timers[Int(timer.index)].deadline = .max
        timers.timers[Int(timer.index)].event = nil
    }

    /// The deadline `timer` is armed for, or nil.
    @inlinable
    public func deadline(of timer: TimerID) -> Instant? {
        let d = timers.timers[Int(timer.index)].deadline
        return d == .max ? nil : Instant(nanoseconds: d)
    }

    @inlinable
    mutating func pushTimerEntry(_ i: Int, at time: Int64) {
        timers.timers[i].queuedAt = time
        queue.push(.timer(Int32(i), generation: timers.timers[i].generation), at: time, phase: .timer)
    }

    /// Rebuilds the queue without orphans once they outnumber live entries,
    /// so memory stays bounded by live timers and events. Amortised O(1).
    @inlinable
    mutating func compactIfMostlyOrphans() {
        guard timers.orphanedEntries > 1024, timers.orphanedEntries * 2 > queue.count else { return }
        let generations = timers.timers.indices.map { timers.timers[$0].generation }
        queue.removeAll { entry in
            guard case .timer(let timer, let generation) = entry.payload else { return false }
            return generation != generations[Int(timer)]
        }
        timers.orphanedEntries = 0
    }

    // MARK: Delivery

    /// Removes and returns the next event to deliver, advancing `now` to its
    /// time, or nil when the queue is empty or the next event lies beyond
    /// `limit` (then `now` stays where it was). Cancelled and orphaned timer
    /// entries are skipped without being delivered.
    @inlinable
    public mutating func nextEvent(notAfter limit: Instant = .distantFuture) -> Event? {
        while let entry = queue.popMin(notAfter: limit.nanoseconds) {
            switch entry.payload {
            case .event(let event):
                return deliver(event, at: entry.time)
            case .timer(let timer, let generation):
                if let event = takeTimerEvent(Int(timer), generation: generation, queuedAt: entry.time) {
                    return deliver(event, at: entry.time)
                }
            }
        }
        return nil
    }

    /// The event of the timer whose queue entry just came up, or nil when
    /// the entry is an orphan, the timer was cancelled, or it was re-armed
    /// to a later deadline (then the entry is pushed again for that).
    /// Out of line so that plain events never touch the timer tables (the
    /// optimiser would otherwise hoist their copy-on-write checks into
    /// every call of `nextEvent`).
    @inlinable @inline(never)
    mutating func takeTimerEvent(_ i: Int, generation: UInt32, queuedAt time: Int64) -> Event? {
        if generation != timers.timers[i].generation {
            timers.orphanedEntries -= 1
            return nil
        }
        timers.timers[i].queuedAt = .max
        let d = timers.timers[i].deadline
        if d == .max { return nil }  // cancelled
        if d > time {  // re-armed later: wait until then
            pushTimerEntry(i, at: d)
            return nil
        }
        timers.timers[i].deadline = .max  // one-shot
        let event = timers.timers[i].event.unsafelyUnwrapped
        timers.timers[i].event = nil
        return event
    }

    @inlinable @inline(__always)
    mutating func deliver(_ event: Event, at time: Int64) -> Event {
        clock = time
        deliveredCount &+= 1
        runningFingerprint.absorb(time: time, kind: event.fingerprintKind, actor: event.fingerprintActor)
        return event
    }

    /// Why `run` returned.
    public enum StopReason: Equatable, Sendable {
        /// Nothing left to do.
        case idle
        /// The next event lies beyond the time limit; `now` was advanced to the limit.
        case timeLimit
        /// The event budget was used up.
        case eventLimit
    }

    /// Runs the loop: delivers events to `handler` in order until the queue
    /// is empty, the next event lies after `until`, or `maxEvents` events have
    /// been delivered by this call.
    @inlinable
    public mutating func run<Handler: SimulationEventHandler & ~Copyable>(
        _ handler: inout Handler, until limit: Instant = .distantFuture, maxEvents: UInt64 = .max
    ) -> StopReason where Handler.Event == Event {
        var delivered: UInt64 = 0
        while delivered < maxEvents {
            guard let event = nextEvent(notAfter: limit) else {
                if queue.isEmpty { return .idle }
                if limit.nanoseconds > clock { clock = limit.nanoseconds }
                return .timeLimit
            }
            handler.handle(event, kernel: &self)
            delivered &+= 1
        }
        return .eventLimit
    }

    /// True when no entry is queued at all.
    public var isIdle: Bool { queue.isEmpty }
}
