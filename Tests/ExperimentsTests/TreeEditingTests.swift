import Experiments
import Scenario
import Testing

@Suite struct TreeEditingTests {
    let model: JSON5Value = ["nginx": ["worker_processes": 2, "upstreams": ["api": ["servers": ["a:1", "b:2"]]]]]

    @Test func settingReplacesAnExistingValue() throws {
        let edited = try model.setting(8, at: FieldPath(parsing: "nginx.worker_processes"))
        #expect(edited.value(at: try FieldPath(parsing: "nginx.worker_processes")) == 8)
    }

    @Test func settingCreatesMissingObjectsOnTheWay() throws {
        let path = try FieldPath(parsing: "nginx.upstreams.api.keepalive")
        let edited = try model.setting(32, at: path)
        #expect(edited.value(at: path) == 32)
        #expect(edited.value(at: try FieldPath(parsing: "nginx.upstreams.api.servers")) == ["a:1", "b:2"])
        let deep = try model.setting("4s", at: FieldPath(parsing: "network.proxy_backend.one_way"))
        #expect(deep["network"] == ["proxy_backend": ["one_way": "4s"]])
    }

    @Test func settingAnArrayElementNeedsAnExistingIndex() throws {
        let edited = try model.setting("c:3", at: FieldPath(parsing: "nginx.upstreams.api.servers[1]"))
        #expect(edited.value(at: try FieldPath(parsing: "nginx.upstreams.api.servers")) == ["a:1", "c:3"])
        #expect(throws: ExperimentError.self) { try model.setting("x", at: FieldPath(parsing: "nginx.upstreams.api.servers[2]")) }
    }

    @Test func aKeyInsideAScalarIsRefused() throws {
        #expect {
            try model.setting(1, at: FieldPath(parsing: "nginx.worker_processes.count"))
        } throws: { error in
            (error as? ExperimentError)?.message.contains("nginx.worker_processes is a number, not an object") == true
        }
    }
}
