import Foundation
import Testing

/// `bench live` runs every target it can and reports its rates (not timed:
/// the numbers are printed, only their presence is checked).
@Suite(.serialized) struct BenchLiveCommandTests {
    @Test func benchLiveReportsEachTargetsRateAsJSON() throws {
        let run = try ToolRun.run(["bench", "live", "--seconds", "1", "--runs", "1", "--connections", "4", "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        for key in ["\"benchmark\": \"live\"", "\"direct_requests_per_second\"", "\"builtin_requests_per_second\"",
                    "\"builtin_p50_ms\"", "\"builtin_over_nginx\""] {
            #expect(run.standardOutput.contains(key), "\(key) in \(run.standardOutput)")
        }
        #expect(!run.standardOutput.contains("\"builtin_requests_per_second\": null"))
    }
}
