#if canImport(Glibc)
import Glibc
#endif
import Testing
import Synchronization
import Live
import ProxyModel

@Suite struct EventLoopTests {
    @Test func timersFireInDeadlineOrderAndEqualDeadlinesInSchedulingOrder() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        var fired: [String] = []
        let start = loop.now
        loop.schedule(at: start + .milliseconds(3)) { fired.append("3ms") }
        loop.schedule(at: start + .milliseconds(1)) { fired.append("1ms-a") }
        loop.schedule(at: start + .milliseconds(2)) { fired.append("2ms") }
        loop.schedule(at: start + .milliseconds(1)) { fired.append("1ms-b") }
        #expect(try runLoop(loop) { fired.count == 4 })
        #expect(fired == ["1ms-a", "1ms-b", "2ms", "3ms"])
    }

    @Test func aCancelledTimerNeverFires() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        var fired: [String] = []
        let cancelled = loop.schedule(after: .microseconds(100)) { fired.append("cancelled") }
        loop.schedule(after: .microseconds(500)) { fired.append("kept") }
        loop.cancel(cancelled)
        #expect(try runLoop(loop) { fired.count == 1 })
        #expect(fired == ["kept"])
        #expect(loop.pendingTimerCount == 0)
    }

    @Test func aSubMillisecondTimerFiresNoEarlierThanItsDeadline() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let start = loop.now
        var firedAt: Instant?
        loop.schedule(after: .microseconds(200)) { firedAt = loop.now }
        #expect(try runLoop(loop) { firedAt != nil })
        let elapsed = try #require(firedAt) - start
        #expect(elapsed >= .microseconds(200))
    }

    @Test func aTimerThatReschedulesItselfAtOnceDoesNotStarveTheLoop() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        var iterations = 0
        func again() { iterations += 1; loop.schedule(after: .zero, again) }
        loop.schedule(after: .zero, again)
        for _ in 0..<5 { try loop.runOnce(blocking: true) }
        #expect(iterations >= 1 && iterations <= 5)
    }

    @Test func aStaleEventForAReusedDescriptorIsDropped() throws {
        // Other suites open descriptors on other threads at the same time and
        // may take the freed number first; then the case did not happen, and
        // it is tried again (a few times at most).
        var outcome: (reused: Bool, reusedCalls: Int, staleDropped: Int) = (false, 0, 0)
        for _ in 0..<20 where !outcome.reused { outcome = try Self.closeAndReuseWithinOneBatch() }
        #expect(outcome.reused, "the closed descriptor's number was never reused in 20 tries")
        #expect(outcome.reusedCalls == 0)
        #expect(outcome.staleDropped == 1)
    }

    /// Two readable eventfds reported in one epoll_wait batch. Whichever
    /// handler runs first closes the other descriptor and opens a new one,
    /// which gets the same number (unless another thread took it); the old
    /// number's event, still in the batch, must not reach the new registration.
    static func closeAndReuseWithinOneBatch() throws -> (reused: Bool, reusedCalls: Int, staleDropped: Int) {
        let loop = try EventLoop()
        defer { loop.close() }
        let first = try System.eventCounter(), second = try System.eventCounter()
        try System.signalEventCounter(first); try System.signalEventCounter(second)
        let reused = ClosureHandler()
        var reusedDescriptor: FileDescriptor = -1
        var replacedFirst = false
        let closeTheOther = ClosureHandler { _, fd, loop in
            guard !replacedFirst else { _ = try? System.drainCounter(fd); return }
            replacedFirst = true
            let other = fd == first ? second : first
            loop.close(other)
            reusedDescriptor = (try? System.eventCounter()) ?? -1
            if reusedDescriptor >= 0 { try? loop.register(reusedDescriptor, interest: .readable, handler: reused) }
            _ = try? System.drainCounter(fd)
        }
        try loop.register(first, interest: .readable, handler: closeTheOther)
        try loop.register(second, interest: .readable, handler: closeTheOther)
        try loop.runOnce(blocking: true)
        #expect(replacedFirst)
        // The loop's close closes every descriptor still registered.
        return (reusedDescriptor == first || reusedDescriptor == second, reused.calls, Int(loop.staleEventsDropped))
    }

    @Test func aJobFromAnotherThreadRunsOnTheLoopThreadAndTheThreadJoins() throws {
        let ran = Mutex(0)
        let thread = try EventLoopThread.start(name: "test-loop") { loop in
            loop.schedule(after: .microseconds(10)) { ran.withLock { $0 += 1 } }
        }
        let queued = thread.handle.execute { _ in ran.withLock { $0 += 10 } }
        #expect(queued)
        // Bounded wait for both to have run.
        for _ in 0..<5_000 where ran.withLock({ $0 }) != 11 { usleepBriefly() }
        let failure = try thread.stopAndJoin()
        #expect(failure == nil)
        #expect(ran.withLock { $0 } == 11)
        #expect(thread.handle.execute { _ in } == false)
    }

    @Test func shutdownClosesEveryRegisteredDescriptor() throws {
        let loop = try EventLoop()
        let counter = try System.eventCounter()
        try loop.register(counter, interest: .readable, handler: ClosureHandler())
        #expect(loop.registeredCount == 1)
        loop.close()
        #expect(loop.registeredCount == 0)
    }
}

/// One millisecond's pause for polling loops bounded by an iteration count.
func usleepBriefly() {
    var request = timespec(tv_sec: 0, tv_nsec: 1_000_000)
    nanosleep(&request, nil)
}
