import Experiments
import Scenario
import Testing

@Suite struct SweepGridTests {
    private func parameter(_ option: String) throws -> SweepParameter { try SweepParameter(parsing: option, model: [:]) }

    @Test func theFirstParameterChangesSlowest() throws {
        let grid = try SweepGrid([parameter("a=1,2"), parameter("b=x,y,z")])
        #expect(grid.pointCount == 6)
        let points = (0..<6).map { grid.values(at: $0).map(\.text).joined(separator: "/") }
        #expect(points == ["1/x", "1/y", "1/z", "2/x", "2/y", "2/z"])
        #expect(grid.coordinates(of: 5) == [1, 2])
    }

    @Test func aParameterMayNotBeVariedTwice() throws {
        #expect(throws: ExperimentError.self) { try SweepGrid([parameter("a=1"), parameter("a=2")]) }
        #expect(throws: ExperimentError.self) { try SweepGrid([]) }
    }

    @Test func optionsNeedAPathAndValues() throws {
        #expect(throws: ExperimentError.self) { try parameter("a") }
        #expect(throws: ExperimentError.self) { try parameter("a=") }
        #expect(throws: ExperimentError.self) { try parameter("=1") }
        let quotedKey = try parameter("nginx.locations[\"/a=b\"].x=1,2")
        #expect(quotedKey.name == "nginx.locations[\"/a=b\"].x")
        #expect(quotedKey.values.map(\.text) == ["1", "2"])
    }
}
