import ProxyModel
import Scenario
import Simulation
import Testing

/// `hosts` (issue 13, item 2): processes placed on one machine share its
/// cores through a run queue, and a sleeping process pays a wake-up latency.
@Suite struct HostSharingTests {
    /// A closed loop through nginx to one single-worker backend that spends
    /// `backendCPU` per request, with a generator thread that spends
    /// `generatorCPU` per response; 10 us links.
    static func model(connections: Int, backendCPU: TimeSpan, generatorCPU: TimeSpan, proxyCosts: ProxyCPUCosts = ProxyCPUCosts(),
                      hosts: [HostSpec] = []) throws -> ScenarioModel {
        var o = TestScenarios.Options()
        o.source = .closedLoop(connections: connections, thinkTimeMs: .constant(0))
        o.cpuMs = .constant(backendCPU.seconds * 1_000)
        o.backendWorkers = 1
        o.clients = 1
        o.proxyCosts = proxyCosts
        o.duration = .seconds(4)
        o.warmup = .seconds(1)
        o.clientToProxy = LinkSpec(oneWay: .microseconds(10))
        o.proxyToBackend = LinkSpec(oneWay: .microseconds(10))
        var model = try TestScenarios.model(o)
        model.traffic.closedLoopClient = ClosedLoopClient(threads: 1, cpuPerRequest: generatorCPU)
        model.hosts = hosts
        return model
    }

    static func everything(cores: Int, wakeUp: TimeSpan = .zero) -> [HostSpec] {
        [HostSpec(name: "box", cores: cores, wakeUpLatency: wakeUp, runsNginx: true, runsLoadGenerator: true, backends: ["app"])]
    }

    @Test func oneCoreSharedByTheGeneratorAndTheBackendServesHalfAsMuch() throws {
        // Each request costs 1 ms of backend CPU and 1 ms of generator CPU: on
        // machines of their own they overlap (~1,000/s); on one core they take turns (~500/s).
        let apart = try Simulator.audited(Self.model(connections: 4, backendCPU: .milliseconds(1), generatorCPU: .milliseconds(1))).report
        let oneCore = try Simulator.audited(Self.model(connections: 4, backendCPU: .milliseconds(1), generatorCPU: .milliseconds(1),
                                                       hosts: Self.everything(cores: 1))).report
        let twoCores = try Simulator.audited(Self.model(connections: 4, backendCPU: .milliseconds(1), generatorCPU: .milliseconds(1),
                                                        hosts: Self.everything(cores: 2))).report
        #expect(abs(apart.requests.completedPerSecond - 1_000) < 20, "\(apart.requests.completedPerSecond)")
        #expect(abs(oneCore.requests.completedPerSecond - 500) < 10, "\(oneCore.requests.completedPerSecond)")
        #expect(abs(twoCores.requests.completedPerSecond - apart.requests.completedPerSecond) < 20,
                "\(twoCores.requests.completedPerSecond) vs \(apart.requests.completedPerSecond)")
        // The saturated core is reported, with the processes' waits.
        let host = try #require(oneCore.hosts.first)
        #expect(host.name == "box" && host.cores == 1)
        #expect(host.utilisation > 0.99, "\(host.utilisation)")
        #expect(host.waitedShare > 0.5 && (host.waitMeanMs ?? 0) > 0.5, "\(host)")
        #expect(oneCore.warnings.contains { $0.hasPrefix("host box's 1 cores are busy") }, "\(oneCore.warnings)")
        #expect(apart.hosts.isEmpty)
    }

    @Test func aHostWithACoreForEachProcessAndNoWakeUpLatencyChangesNothing() throws {
        let costs = ProxyCPUCosts(accept: .microseconds(10), connect: .microseconds(10), request: .microseconds(20),
                                  response: .microseconds(20), close: .microseconds(2))
        let apart = try Simulator.audited(Self.model(connections: 8, backendCPU: .microseconds(300), generatorCPU: .microseconds(50),
                                                     proxyCosts: costs)).report
        let roomy = try Simulator.audited(Self.model(connections: 8, backendCPU: .microseconds(300), generatorCPU: .microseconds(50),
                                                     proxyCosts: costs, hosts: Self.everything(cores: 3))).report
        let ratio = roomy.requests.completedPerSecond / apart.requests.completedPerSecond
        #expect(abs(ratio - 1) < 0.01, "\(roomy.requests.completedPerSecond) vs \(apart.requests.completedPerSecond)")
        #expect(roomy.hosts.first?.waitedShare == 0, "\(roomy.hosts)")
    }

    @Test func everyHopToASleepingProcessPaysTheWakeUpLatency() throws {
        // One connection, no CPU anywhere: latency is the four link hops (40 us)
        // plus a wake-up of nginx (request), the backend, nginx (response): 3 x 200 us.
        let apart = try Simulator.audited(Self.model(connections: 1, backendCPU: .zero, generatorCPU: .zero)).report
        let woken = try Simulator.audited(Self.model(connections: 1, backendCPU: .zero, generatorCPU: .zero,
                                                     hosts: Self.everything(cores: 4, wakeUp: .microseconds(200)))).report
        let p50Apart = try #require(apart.latency.p50), p50Woken = try #require(woken.latency.p50)
        #expect(abs(p50Apart - 0.04) < 0.002, "\(p50Apart)")
        #expect(abs(p50Woken - p50Apart - 0.6) < 0.01, "\(p50Woken) vs \(p50Apart)")
        // The generator's own wake-up delays the next request, not this one's latency: 4 wake-ups per cycle.
        let cycle = 1 / woken.requests.completedPerSecond
        #expect(abs(cycle - (0.00004 + 0.0008)) < 0.00002, "\(cycle)")
    }

    @Test func aRunOnASharedHostIsDeterministic() throws {
        let model = try Self.model(connections: 16, backendCPU: .microseconds(80), generatorCPU: .microseconds(30),
                                   proxyCosts: .nginxDefault, hosts: Self.everything(cores: 2, wakeUp: .microseconds(20)))
        let first = try Simulator.audited(model), second = try Simulator.audited(model)
        #expect(first.report == second.report)
        #expect(first.fingerprint == second.fingerprint)
    }
}
