import Foundation
import Testing

@Suite struct BenchModelCommandTests {
    @Test func jsonReportCountsRequestsEventsAndMemory() throws {
        let run = try ToolRun.run(["bench", "model", "--seconds", "2", "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        // 10,000 requests/s of Poisson arrivals for 2 s: about 20,000 (within 5 standard deviations).
        let requests = try #require(object["requests"] as? Int)
        #expect(abs(requests - 20_000) < 5 * 142, "\(requests)")
        #expect((object["events"] as? Int).map { $0 > requests } == true)
        #expect(object["virtual_seconds"] as? Int == 2)
        #expect((object["peak_memory_bytes"] as? Int).map { $0 > 1_000_000 } == true)
        #expect(object["requests_per_second"] != nil)
        #expect((object["fingerprint"] as? String)?.count == 18)
    }

    @Test func theSameSeedGivesTheSameFingerprint() throws {
        let fingerprint = { (seed: String) throws -> String? in
            let run = try ToolRun.run(["bench", "model", "--seconds", "1", "--seed", seed, "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
            return object?["fingerprint"] as? String
        }
        let first = try fingerprint("5")
        #expect(first != nil)
        #expect(try fingerprint("5") == first)
        #expect(try fingerprint("6") != first)
    }

    @Test func textReportHasLabelledLines() throws {
        let run = try ToolRun.run(["bench", "model", "--seconds", "1"])
        #expect(run.status == 0)
        for label in ["benchmark", "virtual time", "requests", "events", "requests/s", "events/s", "peak memory", "fingerprint"] {
            #expect(run.standardOutput.contains("\n\(label) ") || run.standardOutput.hasPrefix("\(label) "), "no \(label)")
        }
    }

    @Test func secondsMustBePositive() throws {
        let run = try ToolRun.run(["bench", "model", "--seconds", "0"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("invalid value for --seconds: 0 is out of range"))
    }
}
