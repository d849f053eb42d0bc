import CLinuxShims
import ProxyModel
#if canImport(Glibc)
import Glibc
#endif

/// One epoll event loop, owned by one thread: create it on that thread, run
/// it there, never share it (not Sendable; other threads talk to it through
/// its `EventLoopHandle`). Level-triggered. Each iteration runs, in order:
/// the ready descriptors' handlers, then expired timers, then queued jobs —
/// nginx's order too (ngx_process_events_and_timers: events, then
/// ngx_event_expire_timers), so a request arriving in the same iteration as
/// an idle timeout wins. Timers: `EventLoop+Timers.swift`.
public final class EventLoop {
    struct Registration {
        var generation: UInt32
        var interest: EpollEvents
        var handler: any EventHandler
    }

    let epoll: FileDescriptor
    let timerDescriptor: FileDescriptor
    public let handle: EventLoopHandle
    /// Indexed by descriptor number.
    var registrations: [Registration?] = []
    /// Registration generations start at 1; 0 marks the loop's own eventfd and timerfd.
    var nextGeneration: UInt32 = 1
    let events: UnsafeMutablePointer<epoll_event>
    let eventCapacity: Int32
    var timers = TimerHeap()
    var timerCallbacks: [UInt64: () -> Void] = [:]
    var nextTimerSequence: UInt64 = 0
    var armedDeadline: Int64?
    var stopRequested = false
    var isClosed = false
    /// The object this loop runs (a proxy worker, a backend), for jobs sent
    /// from other threads that need to reach it (`EventLoopHandle.execute`
    /// hands jobs the loop, not its owner). Held strongly until the loop closes.
    public var owner: AnyObject?

    /// Events dropped because their descriptor was closed and its number
    /// reused (or deregistered) after epoll reported them: the generation in
    /// the event's data no longer matched.
    public private(set) var staleEventsDropped: UInt64 = 0

    /// Creates the loop on the calling thread, with a new handle.
    public convenience init(eventCapacity capacity: Int = 256) throws(SystemError) {
        try self.init(handle: EventLoopHandle(), eventCapacity: capacity)
    }

    /// Creates the loop on the calling thread for a handle made elsewhere
    /// (`EventLoopThread` hands the handle out before the loop exists).
    init(handle: EventLoopHandle, eventCapacity capacity: Int = 256) throws(SystemError) {
        self.handle = handle
        eventCapacity = Int32(clamping: Swift.max(capacity, 2))
        guard let buffer = keepalive_lab_epoll_events_allocate(self.eventCapacity) else {
            handle.close()
            throw SystemError(call: "calloc", subject: "\(capacity) epoll events", errno: 12)  // ENOMEM
        }
        events = buffer
        do {
            epoll = try System.epollCreate()
        } catch {
            keepalive_lab_epoll_events_free(buffer); handle.close()
            throw error
        }
        do {
            timerDescriptor = try System.monotonicTimer()
        } catch {
            try? System.close(epoll); keepalive_lab_epoll_events_free(buffer); handle.close()
            throw error
        }
        do {
            try System.epollControl(epoll, .add, handle.wakeDescriptor, events: EpollEvents.readable.rawValue,
                                    data: UInt64(UInt32(bitPattern: handle.wakeDescriptor)))
            try System.epollControl(epoll, .add, timerDescriptor, events: EpollEvents.readable.rawValue,
                                    data: UInt64(UInt32(bitPattern: timerDescriptor)))
        } catch {
            try? System.close(timerDescriptor); try? System.close(epoll)
            keepalive_lab_epoll_events_free(buffer); handle.close()
            throw error
        }
    }

    /// A loop dropped without `close()` still releases every descriptor, but
    /// without telling handlers: they hold the loop unowned and cannot be
    /// called from its deinit. Close loops explicitly (`run()` does).
    deinit {
        guard !isClosed else { return }
        for fd in registrations.indices where registrations[fd] != nil { try? System.close(FileDescriptor(fd)) }
        try? System.close(timerDescriptor)
        try? System.close(epoll)
        handle.close()
        keepalive_lab_epoll_events_free(events)
    }

    /// Now on the loop's clock (CLOCK_MONOTONIC).
    public var now: Instant { MonotonicClock.now() }

    // MARK: Registrations

    /// Watches `fd` for `interest`; `handler` is called while it is ready.
    public func register(_ fd: FileDescriptor, interest: EpollEvents, handler: any EventHandler) throws(SystemError) {
        precondition(fd >= 0 && registration(of: fd) == nil, "fd \(fd) registered twice; a Live module bug")
        // A handler reacting to the shutdown (a client reconnecting) must not
        // register what the shutdown would then never close.
        guard !isClosed else { throw SystemError(call: "epoll_ctl ADD", subject: "fd \(fd) (event loop shutting down)", errno: ESHUTDOWN) }
        let generation = nextGeneration
        nextGeneration = nextGeneration == .max ? 1 : nextGeneration + 1
        try System.epollControl(epoll, .add, fd, events: interest.rawValue, data: Self.data(fd: fd, generation: generation))
        if registrations.count <= Int(fd) {
            registrations.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - registrations.count))
        }
        registrations[Int(fd)] = Registration(generation: generation, interest: interest, handler: handler)
    }

    /// Changes what `fd` is watched for (e.g. EPOLLOUT only while output is queued).
    public func setInterest(_ fd: FileDescriptor, _ interest: EpollEvents) throws(SystemError) {
        guard let current = registration(of: fd), current.interest != interest else { return }
        try System.epollControl(epoll, .modify, fd, events: interest.rawValue,
                                data: Self.data(fd: fd, generation: current.generation))
        registrations[Int(fd)]?.interest = interest
    }

    /// Stops watching `fd` (its events already reported in this iteration are dropped as stale).
    public func deregister(_ fd: FileDescriptor) {
        guard registration(of: fd) != nil else { return }
        registrations[Int(fd)] = nil
        // Closing removes the descriptor from epoll anyway; a failure here changes nothing.
        try? System.epollControl(epoll, .delete, fd, events: 0, data: 0)
    }

    /// Deregisters and closes `fd`.
    public func close(_ fd: FileDescriptor) {
        deregister(fd)
        try? System.close(fd)
    }

    /// Descriptors currently registered.
    public var registeredCount: Int { registrations.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    func registration(of fd: FileDescriptor) -> Registration? {
        fd >= 0 && Int(fd) < registrations.count ? registrations[Int(fd)] : nil
    }

    /// epoll_data: the generation beside the descriptor, so an event for a
    /// number that was closed and reused is recognised (swift-nio does this).
    static func data(fd: FileDescriptor, generation: UInt32) -> UInt64 {
        UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd))
    }

    // MARK: Running

    /// Runs until `stop()` or the handle's `requestStop()`, then shuts down:
    /// every handler still registered is told to close, and the loop's own
    /// descriptors are closed.
    public func run() throws(SystemError) {
        defer { close() }
        while !stopRequested {
            try runOnce(blocking: true)
        }
    }

    /// One iteration: waits for events (or not, if `blocking` is false), then
    /// runs handlers, expired timers and queued jobs.
    public func runOnce(blocking: Bool) throws(SystemError) {
        precondition(!isClosed, "runOnce on a closed event loop; a Live module bug")
        let ready = try System.epollWait(epoll, events, capacity: eventCapacity, timeoutMilliseconds: blocking ? -1 : 0)
        var woken = false
        for index in 0..<Int32(ready) {
            let event = keepalive_lab_epoll_event_at(events, index)
            let data = keepalive_lab_epoll_event_data(event)
            let fd = FileDescriptor(bitPattern: UInt32(truncatingIfNeeded: data))
            let generation = UInt32(truncatingIfNeeded: data >> 32)
            if generation == 0 {
                if fd == handle.wakeDescriptor { woken = true } else { _ = try? System.drainCounter(timerDescriptor) }
                continue
            }
            guard let registration = registration(of: fd), registration.generation == generation else {
                staleEventsDropped &+= 1
                continue
            }
            registration.handler.handle(EpollEvents(rawValue: keepalive_lab_epoll_event_events(event)), fd: fd, loop: self)
        }
        try runExpiredTimers()
        if woken { try runQueuedJobs() }
    }

    /// Ends `run()` after the current iteration (from the loop's own thread).
    public func stop() {
        stopRequested = true
    }

    private func runQueuedJobs() throws(SystemError) {
        _ = try System.drainCounter(handle.wakeDescriptor)
        let work = handle.takeWork()
        for job in work.jobs { job(self) }
        if work.stop { stopRequested = true }
    }

    /// Shuts the loop down (`run()` does it on the way out): handlers still
    /// registered close their descriptors, in descriptor order, then the loop's own close.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        for fd in registrations.indices {
            guard let registration = registrations[fd] else { continue }
            registration.handler.loopIsClosing(fd: FileDescriptor(fd), loop: self)
            if registrations[fd] != nil { close(FileDescriptor(fd)) }
        }
        timerCallbacks = [:]
        owner = nil
        try? System.close(timerDescriptor)
        try? System.close(epoll)
        handle.close()
        keepalive_lab_epoll_events_free(events)
    }
}
