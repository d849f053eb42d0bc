import ProxyModel
import Scenario
import Testing

/// `backends.NAME.timer_granularity`: the profile's timer clock, overridable, bounded.
@Suite struct BackendEventLoopReadingTests {
    static func model(_ backend: String) -> String {
        "{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, backends: { app: \(backend) } }"
    }

    @Test func nodeProfilesGetLibuvsMillisecondTimerClockByDefault() throws {
        let node = try ScenarioFixtures.load(Self.model("{ profile: 'node-20' }")).model
        #expect(node.backends[0].eventLoop.timerGranularity == .milliseconds(1))
        let go = try ScenarioFixtures.load(Self.model("{ profile: 'go-default' }")).model
        #expect(go.backends[0].eventLoop.timerGranularity == .zero)
    }

    @Test func timerGranularityOverridesTheProfileAndShowsInTheCanonicalForm() throws {
        let exact = try ScenarioFixtures.load(Self.model("{ profile: 'node-20', timer_granularity: '0s' }"))
        #expect(exact.model.backends[0].eventLoop == .exactTimers)
        let coarse = try ScenarioFixtures.load(Self.model("{ profile: 'uvicorn', timer_granularity: '4ms' }"))
        #expect(coarse.model.backends[0].eventLoop.timerGranularity == .milliseconds(4))
        let canonical = try ScenarioFixtures.load(Self.model("{ profile: 'node-20' }")).canonical
        #expect(canonical.contains("timer_granularity: \"1ms\", // default (profile node-20)"), "\(canonical)")
    }

    @Test func aTimerGranularityAboveOneSecondIsRefusedWithTheBound() {
        let found = ScenarioFixtures.problems(Self.model("{ profile: 'node-20', timer_granularity: '2s' }"))
        #expect(found.count == 1)
        #expect(found.first?.contains("backends.app.timer_granularity: must be") == true, "\(found)")
    }
}

/// `traffic.closed_loop.start`, `threads`, `cpu_per_request`: wrk's behaviour by default.
@Suite struct ClosedLoopClientReadingTests {
    static func model(_ closedLoop: String) -> String {
        "{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, traffic: { closed_loop: \(closedLoop) } }"
    }

    @Test func aClosedLoopIsWrkLikeByDefault() throws {
        let loaded = try ScenarioFixtures.load(Self.model("{ connections: 4 }"))
        #expect(loaded.model.traffic.closedLoopClient == ClosedLoopClient(start: .together, threads: 2, cpuPerRequest: .zero))
        #expect(loaded.canonical.contains("start: \"together\""))
    }

    @Test func startThreadsAndCPUAreRead() throws {
        let loaded = try ScenarioFixtures.load(Self.model("{ connections: 4, start: 'spread', threads: 1, cpu_per_request: '20us' }"))
        #expect(loaded.model.traffic.closedLoopClient == ClosedLoopClient(start: .spread, threads: 1, cpuPerRequest: .microseconds(20)))
        let bad = ScenarioFixtures.problems(Self.model("{ start: 'staggered' }"))
        #expect(bad.count == 1 && bad[0].contains("traffic.closed_loop.start: must be one of: together, spread"), "\(bad)")
    }
}
