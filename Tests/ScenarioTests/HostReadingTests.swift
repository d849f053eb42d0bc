import ProxyModel
import Scenario
import Testing

/// `hosts`: which processes share a machine's cores, each refused mistake named where it is written.
@Suite struct HostReadingTests {
    static func model(_ hosts: String, traffic: String = "{ closed_loop: { connections: 4 } }") -> String {
        """
        { nginx: { upstreams: { app: { servers: [{ address: 'a:1', backend: 'app' }] } } },
          backends: { app: { profile: 'node-20' } }, traffic: \(traffic), hosts: \(hosts) }
        """
    }

    @Test func aHostPlacesNginxTheLoadGeneratorAndBackendsAndShowsInTheCanonicalForm() throws {
        let loaded = try ScenarioFixtures.load(Self.model("{ laptop: { cores: 2, nginx: true, load_generator: true, backends: ['app'] } }"))
        #expect(loaded.model.hosts == [HostSpec(name: "laptop", cores: 2, wakeUpLatency: HostSpec.defaultWakeUpLatency,
                                                runsNginx: true, runsLoadGenerator: true, backends: ["app"])])
        #expect(loaded.canonical.contains("hosts: {"), "\(loaded.canonical)")
        #expect(loaded.canonical.contains("wake_up_latency: \"5us\", // default"), "\(loaded.canonical)")
        let again = try ScenarioFixtures.load(loaded.canonical)
        #expect(again.model.hosts == loaded.model.hosts)
        // Without the section nothing is shared, and the canonical form does not mention it.
        let apart = try ScenarioFixtures.load("{ nginx: { upstreams: { app: { servers: ['a:1'] } } } }")
        #expect(apart.model.hosts.isEmpty && !apart.canonical.contains("hosts"))
    }

    @Test func aHostNeedsItsCores() {
        let found = ScenarioFixtures.problems(Self.model("{ box: { nginx: true } }"))
        #expect(found.count == 1 && found[0].contains("hosts.box.cores: is required"), "\(found)")
        let zero = ScenarioFixtures.problems(Self.model("{ box: { cores: 0, nginx: true } }"))
        #expect(zero.count == 1 && zero[0].contains("hosts.box.cores: must be"), "\(zero)")
    }

    @Test func anUnknownBackendIsNamedWithTheDefinedOnes() {
        let found = ScenarioFixtures.problems(Self.model("{ box: { cores: 2, backends: ['api'] } }"))
        #expect(found.count == 1 && found[0].contains("hosts.box.backends: unknown backend \"api\"; the model defines: \"app\""),
                "\(found)")
    }

    @Test func aProcessRunsOnOneHost() {
        let twice = ScenarioFixtures.problems(Self.model("{ a: { cores: 1, nginx: true }, b: { cores: 1, nginx: true } }"))
        #expect(twice.count == 1 && twice[0].contains("hosts.b: nginx already runs on host \"a\""), "\(twice)")
        let listedTwice = ScenarioFixtures.problems(Self.model("{ a: { cores: 1, backends: ['app', 'app'] } }"))
        #expect(listedTwice.count == 1 && listedTwice[0].contains("backend \"app\" is listed twice"), "\(listedTwice)")
    }

    @Test func aLoadGeneratorNeedsAClosedLoop() {
        let found = ScenarioFixtures.problems(Self.model("{ box: { cores: 2, load_generator: true } }", traffic: "{ rate: 10 }"))
        #expect(found.count == 1 && found[0].contains("hosts.box.load_generator: a load generator runs only with traffic.closed_loop"),
                "\(found)")
    }

    @Test func aHostThatPlacesNothingIsRefused() {
        let found = ScenarioFixtures.problems(Self.model("{ box: { cores: 2 } }"))
        #expect(found.count == 1 && found[0].contains("hosts.box: places no process"), "\(found)")
    }
}
