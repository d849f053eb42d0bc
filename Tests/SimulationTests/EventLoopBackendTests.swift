import ProxyModel
import Scenario
import Simulation
import Testing

/// Backends whose waiting part is a timer on an event loop (issue 13, item 1).
@Suite struct EventLoopBackendTests {
    /// Records when responses reach nginx.
    final class ResponseTimes: LifecycleObserver {
        var atProxy: [Instant] = []
        func record(_ event: LifecycleEvent) {
            if event.kind == .responseAtProxy { atProxy.append(event.time) }
        }
    }

    static func responseTimes(_ eventLoop: BackendEventLoop) throws -> [Instant] {
        var o = TestScenarios.Options()
        o.backendWorkers = 1
        o.backendEventLoop = eventLoop
        o.cpuMs = .constant(0.05)
        o.waitMs = .constant(1)
        o.rate = 500
        o.duration = .seconds(2)
        o.warmup = .zero
        let times = ResponseTimes()
        _ = try Simulator.run(TestScenarios.model(o), observer: times)
        return times.atProxy
    }

    /// Every response leaves on a millisecond boundary, except when the
    /// handler's own CPU (50 us here) ran past the boundary its timer was due
    /// at: then it leaves as soon as the handler is done.
    @Test func aLibuvBackendWritesItsTimerDelayedResponsesOnMillisecondBoundaries() throws {
        let oneWay = TestScenarios.Options().proxyToBackend.oneWay.nanoseconds
        let libuv = try Self.responseTimes(.libuv)
        #expect(libuv.count > 500)
        let offBoundary = libuv.filter { ($0.nanoseconds - oneWay) % 1_000_000 != 0 }
        #expect(offBoundary.count < libuv.count / 10, "\(offBoundary.count) of \(libuv.count) responses left between millisecond boundaries")
        let late = offBoundary.filter { ($0.nanoseconds - oneWay) % 1_000_000 > 50_000 }
        #expect(late.isEmpty, "responses more than the handler's CPU after a boundary: \(late)")
        // Exact timers answer whenever the wait ends.
        let exact = try Self.responseTimes(.exactTimers)
        #expect(exact.filter { ($0.nanoseconds - oneWay) % 1_000_000 != 0 }.count > exact.count / 2)
    }

    @Test func requestsReadWithinOneMillisecondAreAnsweredTogetherInOneBurst() throws {
        let libuv = try Self.responseTimes(.libuv)
        var sameInstant = 0
        for i in libuv.indices.dropFirst() where libuv[i] == libuv[i - 1] { sameInstant += 1 }
        // At 500 requests/s about 40% of responses share their millisecond with another one.
        #expect(sameInstant > libuv.count / 10, "\(sameInstant) of \(libuv.count) responses shared an instant")
    }
}
