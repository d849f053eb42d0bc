import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// epoll, eventfd and timerfd: what an event loop waits on.
extension System {
    public static func epollCreate() throws(SystemError) -> FileDescriptor {
        try blockingCall("epoll_create1", "") { epoll_create1(keepalive_lab_epoll_cloexec) }
    }

    /// epoll_ctl(2) ADD/MOD/DEL; `data` comes back with every event for `fd`.
    public static func epollControl(
        _ epoll: FileDescriptor, _ operation: EpollOperation, _ fd: FileDescriptor, events: UInt32, data: UInt64
    ) throws(SystemError) {
        var event = epoll_event()
        keepalive_lab_epoll_event_set(&event, events, data)
        _ = try blockingCall(operation.callName, "fd \(fd)") { epoll_ctl(epoll, operation.rawValue, fd, &event) }
    }

    /// epoll_wait(2): the number of ready events written to `events`; 0 on timeout.
    public static func epollWait(
        _ epoll: FileDescriptor, _ events: UnsafeMutablePointer<epoll_event>, capacity: Int32, timeoutMilliseconds: Int32
    ) throws(SystemError) -> Int {
        Int(try blockingCall("epoll_wait", "epoll fd \(epoll)") { epoll_wait(epoll, events, capacity, timeoutMilliseconds) })
    }

    /// A non-blocking eventfd: a counter other threads bump to wake a loop.
    public static func eventCounter() throws(SystemError) -> FileDescriptor {
        try blockingCall("eventfd", "") { eventfd(0, keepalive_lab_efd_cloexec | keepalive_lab_efd_nonblock) }
    }

    /// Adds 1 to an eventfd (wakes its loop). A full counter (would block) already wakes it.
    public static func signalEventCounter(_ fd: FileDescriptor) throws(SystemError) {
        var one: UInt64 = 1
        _ = try retryingInterrupts("write eventfd", "fd \(fd)") { Glibc.write(fd, &one, 8) }
    }

    /// Reads and resets an eventfd or timerfd counter; `.wouldBlock` if it was 0.
    public static func drainCounter(_ fd: FileDescriptor) throws(SystemError) -> IOResult<UInt64> {
        var value: UInt64 = 0
        switch try retryingInterrupts("read counter", "fd \(fd)", { Glibc.read(fd, &value, 8) }) {
        case .processed: return .processed(value)
        case .wouldBlock: return .wouldBlock
        }
    }

    /// A non-blocking timerfd on CLOCK_MONOTONIC (the clock `MonotonicClock` reads).
    public static func monotonicTimer() throws(SystemError) -> FileDescriptor {
        try blockingCall("timerfd_create", "CLOCK_MONOTONIC") {
            timerfd_create(CLOCK_MONOTONIC, keepalive_lab_tfd_cloexec | keepalive_lab_tfd_nonblock)
        }
    }

    /// Arms `fd` to fire once at the absolute monotonic time `deadline`
    /// (nanoseconds); nil disarms it. A deadline already past fires at once.
    public static func armTimer(_ fd: FileDescriptor, at deadline: Int64?) throws(SystemError) {
        var setting = itimerspec()
        if let deadline {
            // 0 would disarm: the earliest representable deadline is 1 ns.
            let clamped = Swift.max(deadline, 1)
            setting.it_value = timespec(tv_sec: Int(clamped / 1_000_000_000), tv_nsec: Int(clamped % 1_000_000_000))
        }
        _ = try blockingCall("timerfd_settime", "fd \(fd)") {
            timerfd_settime(fd, keepalive_lab_tfd_timer_abstime, &setting, nil)
        }
    }
}

/// epoll_ctl's operations.
public enum EpollOperation: Int32, Sendable {
    case add = 1, delete = 2, modify = 3  // EPOLL_CTL_ADD, _DEL, _MOD

    var callName: StaticString {
        switch self {
        case .add: return "epoll_ctl ADD"
        case .delete: return "epoll_ctl DEL"
        case .modify: return "epoll_ctl MOD"
        }
    }
}
