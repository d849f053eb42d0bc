import Testing
import ProxyModel

/// libuv's millisecond timer clock (`BackendEventLoop`): when a backend's
/// timer-based wait ends.
@Suite struct BackendEventLoopTests {
    let libuv = BackendEventLoop.libuv

    @Test func aOneMillisecondTimerFiresAtTheNextMillisecondBoundaryOfTheLoopClock() {
        // Armed at 10.3 ms: the loop clock reads 10 ms, the timer is due at 11 ms.
        #expect(libuv.timerFires(armedAt: Instant(nanoseconds: 10_300_000), after: .milliseconds(1)) == Instant(nanoseconds: 11_000_000))
        // Armed exactly on a boundary: a whole millisecond later.
        #expect(libuv.timerFires(armedAt: Instant(nanoseconds: 10_000_000), after: .milliseconds(1)) == Instant(nanoseconds: 11_000_000))
    }

    @Test func timersArmedWithinOneMillisecondFireTogether() {
        let early = libuv.timerFires(armedAt: Instant(nanoseconds: 20_000_001), after: .milliseconds(1))
        let late = libuv.timerFires(armedAt: Instant(nanoseconds: 20_999_999), after: .milliseconds(1))
        #expect(early == late)
        #expect(early == Instant(nanoseconds: 21_000_000))
    }

    @Test func aFractionalWaitFiresOnceTheWholeWaitHasPassedOnTheLoopClock() {
        // Node.js: fires when now - _idleStart >= 1.5, i.e. 2 ms after the truncated start.
        #expect(libuv.timerFires(armedAt: Instant(nanoseconds: 10_300_000), after: .microseconds(1_500)) == Instant(nanoseconds: 12_000_000))
        // Below one millisecond: the next boundary (Node.js turns setTimeout(0) into 1 ms).
        #expect(libuv.timerFires(armedAt: Instant(nanoseconds: 10_300_000), after: .microseconds(100)) == Instant(nanoseconds: 11_000_000))
    }

    @Test func exactTimersAndZeroWaitsAreNotQuantised() {
        let t = Instant(nanoseconds: 10_300_000)
        #expect(BackendEventLoop.exactTimers.timerFires(armedAt: t, after: .milliseconds(1)) == Instant(nanoseconds: 11_300_000))
        #expect(libuv.timerFires(armedAt: t, after: .zero) == t)
    }

    @Test func theResponseLeavesWhenTheTimerFiresOrWhenTheHandlersCPUIsDoneIfLater() {
        let start = Instant(nanoseconds: 10_300_000)
        // CPU 0.2 ms, timer 1 ms armed on the cached clock (10 ms): written at 11 ms.
        #expect(libuv.responseWritten(serviceStart: start, cpu: .microseconds(200), wait: .milliseconds(1)) == Instant(nanoseconds: 11_000_000))
        // CPU 2 ms outlasts the timer: written when the handler is done.
        #expect(libuv.responseWritten(serviceStart: start, cpu: .milliseconds(2), wait: .milliseconds(1)) == Instant(nanoseconds: 12_300_000))
        // Exact timers: the wait starts when the CPU part ends.
        #expect(BackendEventLoop.exactTimers.responseWritten(serviceStart: start, cpu: .microseconds(200), wait: .milliseconds(1))
            == Instant(nanoseconds: 11_500_000))
    }

    @Test func timerArithmeticSaturatesAtTheEndOfTime() {
        let late = Instant(nanoseconds: .max - 10)
        #expect(libuv.timerFires(armedAt: late, after: .milliseconds(5)) == Instant.distantFuture)
        #expect(libuv.responseWritten(serviceStart: late, cpu: .milliseconds(1), wait: .milliseconds(5)) == Instant.distantFuture)
    }

    @Test func nodeProfilesRunTimersOnLibuvsMillisecondClockAndOthersExactly() throws {
        #expect(try BackendProfile.named("node-20").eventLoop == .libuv)
        #expect(try BackendProfile.named("node-26").eventLoop == .libuv)
        #expect(try BackendProfile.named("puma-7").eventLoop == .exactTimers)
        #expect(BackendProfile.eventLoop(ofProfile: "go-idle") == .exactTimers)
    }
}
