import ProxyModel
import Scenario
import Simulation
import Testing

/// A closed loop driven like wrk (issue 13, item 3): connections opened
/// together at the start, threads that handle one response at a time.
@Suite struct ClosedLoopClientTests {
    final class ClientOpens: LifecycleObserver {
        var times: [Instant] = []
        func record(_ event: LifecycleEvent) {
            if event.kind == .clientConnectionOpen { times.append(event.time) }
        }
    }

    static func model(_ client: ClosedLoopClient, connections: Int = 8) throws -> ScenarioModel {
        var o = TestScenarios.Options()
        o.source = .closedLoop(connections: connections, thinkTimeMs: .constant(0))
        o.cpuMs = .constant(0.1)
        o.backendWorkers = 100
        o.duration = .seconds(3)
        o.warmup = .seconds(1)
        var model = try TestScenarios.model(o)
        model.traffic.closedLoopClient = client
        return model
    }

    @Test func wrkOpensEveryConnectionAtTheStart() throws {
        let together = ClientOpens()
        _ = try Simulator.run(Self.model(ClosedLoopClient(start: .together)), observer: together)
        // The first eight opens (nginx's keepalive_requests makes them reconnect later).
        let first = together.times.prefix(8)
        #expect(first.count == 8 && first.allSatisfy { $0 == .zero }, "\(first)")
        #expect(together.times.dropFirst(8).allSatisfy { $0 > .zero })
        let spread = ClientOpens()
        _ = try Simulator.run(Self.model(ClosedLoopClient(start: .spread)), observer: spread)
        #expect(Set(spread.times.prefix(8)).count == 8)
    }

    @Test func aLoadGeneratorThreadHandlesOneResponseAtATime() throws {
        // 1 ms of generator CPU per request: one thread sends at most 1,000 requests/s, four threads 4,000.
        let one = try Simulator.run(Self.model(ClosedLoopClient(threads: 1, cpuPerRequest: .milliseconds(1)))).report
        #expect(one.requests.completedPerSecond <= 1_000.5)
        #expect(one.requests.completedPerSecond > 950, "\(one.requests.completedPerSecond)")
        let four = try Simulator.run(Self.model(ClosedLoopClient(threads: 4, cpuPerRequest: .milliseconds(1)))).report
        #expect(four.requests.completedPerSecond > 3_000, "\(four.requests.completedPerSecond)")
        // Without a cost the generator is not the limit: 8 connections at ~1.1 ms per exchange.
        let free = try Simulator.run(Self.model(ClosedLoopClient(threads: 1))).report
        #expect(free.requests.completedPerSecond > 6_000, "\(free.requests.completedPerSecond)")
    }
}
