import Testing
import ProxyModel
import Scenario
import Simulation

/// Issue 10, item 4: an open loop far beyond capacity must end with a clear
/// message and the report so far, not grow until the allocator aborts.
@Suite struct EarlyStopTests {
    @Test func anOpenLoopBeyondCapacityStopsAtTheRequestsInFlightBudgetWithTheRates() throws {
        var o = TestScenarios.Options()
        o.rate = 10_000_000
        o.backendWorkers = 1
        o.duration = .seconds(2)
        o.warmup = .zero
        let result = try Simulator.audited(TestScenarios.model(o))
        let stop = try #require(result.earlyStop)
        #expect(stop.requestsInFlight == EarlyStop.maximumRequestsInFlight + 1)
        // Stopped long before the 2 s of traffic: at about 1,000,000 / 10^7 per second.
        #expect(result.virtualEnd < Instant.zero + .milliseconds(200), "\(result.virtualEnd)")
        #expect(stop.message.hasPrefix("overload: 1,000,001 requests in flight at t="), "\(stop.message)")
        #expect(stop.message.contains("the model sends ~10,0"), "\(stop.message)")
        #expect(result.report.warnings.contains(stop.message))
        // The report covers the traffic up to the stop.
        #expect(result.report.measuredSeconds < 0.2, "\(result.report.measuredSeconds)")
        #expect(result.report.requests.completed > 0)
    }

    /// Issue 10, item 3: a closed loop over zero-delay links against a
    /// server that is down fails and retries at one instant for ever; the
    /// run stops and says so instead of hanging.
    @Test func anInstantLoopOfFailuresStopsWithAStalledClock() throws {
        var o = TestScenarios.Options()
        o.source = .closedLoop(connections: 1, thinkTimeMs: .constant(0))
        o.clientToProxy = LinkSpec(oneWay: .zero)
        o.proxyToBackend = LinkSpec(oneWay: .zero)
        o.warmup = .zero
        var model = try TestScenarios.model(o)
        model.network.ephemeralPorts = 1
        model.network.timeWait = .seconds(60)
        let result = try Simulator.audited(model)
        let stop = try #require(result.earlyStop)
        guard case .clockStalled = stop.reason else {
            Issue.record("expected a stalled clock, got \(stop.reason)")
            return
        }
        #expect(stop.message.hasPrefix("time stopped advancing"), "\(stop.message)")
        #expect(result.report.warnings.contains(stop.message))
    }

    @Test func aRunWithinTheBudgetIsNotStopped() throws {
        let result = try Simulator.audited(TestScenarios.model(TestScenarios.Options()))
        #expect(result.earlyStop == nil)
        #expect(!result.report.warnings.contains { $0.hasPrefix("overload") })
    }
}
