import Testing
import Scenario

/// `traffic.pages.hosts` and `traffic.trace: { file, speed }` as model files write them.
@Suite struct TrafficShapeReadingTests {
    static let upstream = #"nginx: { upstreams: { app: { servers: ["10.0.0.1:8080"] } } }"#

    @Test func pagesHostsIsReadAndDefaultsToOne() throws {
        let fanned = try ScenarioFixtures.load("{ \(Self.upstream), traffic: { pages: { rate: 5, hosts: 3 } } }").model
        #expect(fanned.traffic.hostsPerPage == 3)
        let plain = try ScenarioFixtures.load("{ \(Self.upstream), traffic: { pages: { rate: 5 } } }")
        #expect(plain.model.traffic.hostsPerPage == 1)
        #expect(plain.canonical.contains("hosts: 1"))
    }

    @Test(arguments: [
        ("pages: { rate: 5, hosts: 0 }", "traffic.pages.hosts"),
        ("pages: { rate: 5, hosts: 101 }", "traffic.pages.hosts"),
        ("trace: { file: \"t.csv\", speed: 0 }", "traffic.trace.speed"),
        ("trace: { file: \"t.csv\", sped: 2 }", "did you mean 'speed'?"),
        ("trace: { speed: 2 }", "traffic.trace.file: is required but missing"),
        ("trace: { file: \"/nonexistent/t.csv\" }", "cannot use the trace file"),
    ])
    func badTrafficShapesAreReportedAtTheirField(traffic: String, expected: String) {
        let problems = ScenarioFixtures.problems("{ \(Self.upstream), traffic: { \(traffic) } }")
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }
}
