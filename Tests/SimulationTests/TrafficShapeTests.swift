import Testing
import Foundation
import ProxyModel
import Scenario
import Simulation
import Traffic

/// The traffic shapes of issue 14 as the simulator runs them: page fan-out
/// over host names, and a trace replayed at a speed factor.
@Suite struct TrafficShapeTests {
    func fanOut(hosts: Int) throws -> Int64 {
        var o = TestScenarios.Options()
        o.source = .pages(pattern: .constant(perSecond: 5), spacing: .poisson, requestsPerPage: 12)
        o.clients = 1
        o.connectionsPerClient = 6
        o.duration = .seconds(20)
        o.cpuMs = .constant(20)
        var model = try TestScenarios.model(o)
        model.traffic.hostsPerPage = hosts
        return try Simulator.audited(model).report.client.peakOpen
    }

    @Test func aPageFannedOutOverHostsOpensTheBrowsersSixConnectionsToEachHost() throws {
        let oneHost = try fanOut(hosts: 1)
        let threeHosts = try fanOut(hosts: 3)
        #expect(oneHost <= 6, "one host: at most the browser's 6 connections")
        #expect(threeHosts > 6 && threeHosts <= 18, "three hosts: up to 6 each (\(threeHosts))")
    }

    func replay(speed: Double) throws -> UInt64 {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("speed-\(UUID().uuidString).csv").path
        let rows = (0..<100).map { "\($0 * 100),\($0 % 5)" }.joined(separator: "\n")
        try ("time_ms,client\n" + rows + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var o = TestScenarios.Options()
        o.source = .trace(path: path)
        o.warmup = .zero
        o.duration = .seconds(6)
        o.clients = 5
        var model = try TestScenarios.model(o)
        model.traffic.traceSpeed = speed
        return try Simulator.audited(model).report.requests.sent
    }

    @Test func aTraceReplayedAtTwiceItsSpeedSendsTwiceAsManyRequestsInTheSameTime() throws {
        // 100 requests 100 ms apart; a 6 s run takes the first 60, at speed 2 all 100 (50 ms apart).
        #expect(try replay(speed: 1) == 60)
        #expect(try replay(speed: 2) == 100)
        #expect(try replay(speed: 0.5) == 30)
    }
}
