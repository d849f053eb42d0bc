import Live
import ProxyModel

/// Runs `loop` until `done()` holds or `limit` passes (a watchdog timer), so
/// no live test can hang. Returns whether `done()` held.
func runLoop(_ loop: EventLoop, for limit: TimeSpan = .seconds(5), until done: () -> Bool) throws -> Bool {
    var timedOut = false
    let watchdog = loop.schedule(after: limit) { timedOut = true }
    while !done() && !timedOut {
        try loop.runOnce(blocking: true)
    }
    loop.cancel(watchdog)
    return done()
}

/// An event handler made of closures, for tests.
final class ClosureHandler: EventHandler {
    let onEvents: (EpollEvents, FileDescriptor, EventLoop) -> Void
    private(set) var calls = 0

    init(_ onEvents: @escaping (EpollEvents, FileDescriptor, EventLoop) -> Void = { _, _, _ in }) {
        self.onEvents = onEvents
    }

    func handle(_ events: EpollEvents, fd: FileDescriptor, loop: EventLoop) {
        calls += 1
        onEvents(events, fd, loop)
    }

    func loopIsClosing(fd: FileDescriptor, loop: EventLoop) {
        loop.close(fd)
    }
}
