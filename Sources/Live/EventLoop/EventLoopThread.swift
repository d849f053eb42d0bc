import Dispatch
import Foundation
import Synchronization

/// A thread running one event loop: the loop is created on the thread, set up
/// by a Sendable closure, and run until stopped. Foundation's Thread has no
/// join, so completion is signalled with a semaphore (swift-linux-notes.md,
/// "Concurrency"); `stopAndJoin` waits for it.
public final class EventLoopThread: Sendable {
    public let handle: EventLoopHandle
    private let finished = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)
    private let setUpFailure = Mutex<(any Error)?>(nil)

    /// Starts the thread; `setUp` runs first on the new loop (register
    /// listeners, schedule timers). Returns once set-up finished; throws its error.
    public static func start(
        name: String, setUp: @escaping @Sendable (EventLoop) throws -> Void
    ) throws -> EventLoopThread {
        let handle = try EventLoopHandle()
        let thread = EventLoopThread(handle: handle)
        let ready = DispatchSemaphore(value: 0)
        let worker = Thread { [thread] in
            thread.runLoop(name: name, setUp: setUp, ready: ready)
        }
        worker.name = name
        worker.start()
        ready.wait()
        if let error = thread.setUpFailure.withLock({ $0 }) {
            thread.finished.wait()
            throw error
        }
        return thread
    }

    private init(handle: EventLoopHandle) {
        self.handle = handle
    }

    private func runLoop(
        name: String, setUp: @Sendable (EventLoop) throws -> Void, ready: DispatchSemaphore
    ) {
        defer { finished.signal() }
        System.nameCurrentThread(name)
        let loop: EventLoop
        do {
            loop = try EventLoop(handle: handle)
            try setUp(loop)
        } catch {
            setUpFailure.withLock { $0 = error }
            ready.signal()
            return
        }
        ready.signal()
        do {
            try loop.run()
        } catch {
            failure.withLock { $0 = String(describing: error) }
        }
    }

    /// Asks the loop to stop and waits for the thread to finish, at most
    /// `timeout`. Returns the loop's failure, if it failed; throws if the
    /// thread did not finish in time.
    @discardableResult
    public func stopAndJoin(timeout: Duration = .seconds(10)) throws(EventLoopThreadError) -> String? {
        handle.requestStop()
        guard finished.wait(timeout: .after(timeout)) == .success else {
            throw .didNotStop(timeout)
        }
        return failure.withLock { $0 }
    }
}

/// An event loop thread that would not stop.
public enum EventLoopThreadError: Error, Hashable, Sendable, CustomStringConvertible {
    case didNotStop(Duration)

    public var description: String {
        switch self {
        case .didNotStop(let timeout): return "event loop thread did not stop within \(timeout)"
        }
    }
}

extension EventLoopThread {
    /// Runs `read` on the loop's thread and waits for its answer: how other
    /// threads read state that lives on a loop (a backend's or a proxy
    /// worker's counters). nil if the loop has shut down or did not answer
    /// within `timeout`.
    public func query<Answer: Sendable>(
        timeout: Duration = .seconds(10), _ read: @escaping @Sendable (EventLoop) -> Answer?
    ) -> Answer? {
        let answer = QueryAnswer<Answer>()
        guard handle.execute({ loop in answer.set(read(loop)) }) else { return nil }
        guard answer.ready.wait(timeout: .after(timeout)) == .success else { return nil }
        return answer.value.withLock { $0 }
    }
}

/// The answer of one `query`, handed from the loop's thread to the caller.
private final class QueryAnswer<Answer: Sendable>: Sendable {
    let value = Mutex<Answer?>(nil)
    let ready = DispatchSemaphore(value: 0)

    func set(_ answer: Answer?) {
        value.withLock { $0 = answer }
        ready.signal()
    }
}

extension DispatchTime {
    /// `duration` from now (saturating), for semaphore waits bounded by a `Duration`.
    static func after(_ duration: Duration) -> DispatchTime {
        let (seconds, attoseconds) = duration.components
        return .now() + .nanoseconds(Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000))
    }
}
