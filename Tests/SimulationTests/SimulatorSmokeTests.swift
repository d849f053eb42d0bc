import Testing
import ProxyModel
import Scenario
import Simulation

@Suite struct SimulatorSmokeTests {
    @Test func aSimpleScenarioRunsAndAnswersEveryRequest() throws {
        let model = try TestScenarios.model(.init())
        let result = try Simulator.audited(model)
        let r = result.report
        print(r.requests, r.upstream, r.latency, r.client, r.timeWait, r.warnings)
        #expect(r.requests.sent > 5000)
        #expect(r.requests.completed == r.requests.sent)
    }
}
