import Testing
import ProxyModel
import Scenario
import Simulation

/// Issue 10, item 4: an open loop far beyond capacity must end with a clear
/// message and the report so far, not grow until the allocator aborts.
@Suite struct OverloadStopTests {
    @Test func anOpenLoopBeyondCapacityStopsAtTheRequestsInFlightBudgetWithTheRates() throws {
        var o = TestScenarios.Options()
        o.rate = 10_000_000
        o.backendWorkers = 1
        o.duration = .seconds(2)
        o.warmup = .zero
        let result = try Simulator.audited(TestScenarios.model(o))
        let overload = try #require(result.overload)
        #expect(overload.requestsInFlight == OverloadStop.maximumRequestsInFlight + 1)
        // Stopped long before the 2 s of traffic: at about 1,000,000 / 10^7 per second.
        #expect(result.virtualEnd < Instant.zero + .milliseconds(200), "\(result.virtualEnd)")
        #expect(overload.message.hasPrefix("overload: 1,000,001 requests in flight at t="), "\(overload.message)")
        #expect(overload.message.contains("the model sends ~10,0"), "\(overload.message)")
        #expect(result.report.warnings.contains(overload.message))
        // The report covers the traffic up to the stop.
        #expect(result.report.measuredSeconds < 0.2, "\(result.report.measuredSeconds)")
        #expect(result.report.requests.completed > 0)
    }

    @Test func aRunWithinTheBudgetIsNotStopped() throws {
        let result = try Simulator.audited(TestScenarios.model(TestScenarios.Options()))
        #expect(result.overload == nil)
        #expect(!result.report.warnings.contains { $0.hasPrefix("overload") })
    }
}
