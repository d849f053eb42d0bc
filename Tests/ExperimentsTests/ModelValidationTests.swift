import Experiments
import Testing

/// Every value is checked against the model, through the loader, before anything runs.
@Suite struct ModelValidationTests {
    private func problem(_ vary: [String]) throws -> String {
        let model = try ExperimentFixtures.model()
        do {
            _ = try ExperimentFixtures.sweep(vary, model: model)
            return ""
        } catch let error as ExperimentError {
            return error.message
        }
    }

    @Test func anUnknownPathIsRefusedWithTheValidPathsNearIt() throws {
        let message = try problem(["nginx.upstreams.app.keepalvie=8,16"])
        #expect(message.contains("--vary nginx.upstreams.app.keepalvie=8,16: nginx.upstreams.app.keepalvie: unknown key; did you mean 'keepalive'?"))
        #expect(message.contains("valid paths near nginx.upstreams.app.keepalvie: nginx.upstreams.app.keepalive"))
        #expect(message.contains("nothing was simulated"))
    }

    @Test func aMistypedSectionListsPathsFromTheWholeModel() throws {
        let message = try problem(["ngnix.worker_processes=2"])
        #expect(message.contains("valid paths near ngnix.worker_processes: nginx.worker_processes"))
    }

    @Test func valuesOfTheWrongTypeOrRangeAreEachNamed() throws {
        let message = try problem(["nginx.upstreams.app.keepalive=8,big,-1", "backends.app.profile=node-26,node-99"])
        #expect(message.contains("--vary nginx.upstreams.app.keepalive=big: nginx.upstreams.app.keepalive: must be an integer"))
        #expect(message.contains("--vary nginx.upstreams.app.keepalive=-1: nginx.upstreams.app.keepalive: must be >= 0"))
        #expect(message.contains("--vary backends.app.profile=node-99:"))
        #expect(!message.contains("=8:"))
        #expect(!message.contains("=node-26:"))
    }

    @Test func validPathsAndValuesPass() throws {
        #expect(try problem(["nginx.upstreams.app.keepalive=1..8x2", "nginx.upstreams.app.keepalive_timeout=1s,4s",
                             "traffic.rate=20..40+10", "backends.app.profile=node-20,go-default"]) == "")
    }

    @Test func seedAndAVariedSeedConflict() throws {
        let model = try ExperimentFixtures.model()
        #expect(throws: ExperimentError.self) { try ExperimentFixtures.sweep(["run.seed=1,2"], model: model, seed: 7) }
    }
}
