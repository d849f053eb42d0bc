import Foundation
import Testing

/// `sweep` on value lists that cannot be expanded, on a field that cannot
/// vary, and on a grid with one bad point, through the built binary.
@Suite struct SweepHostileInputTests {
    typealias Scratch = SweepCommandTests.Scratch

    @Test(arguments: [
        ("run.warmup=1e300..1e301", "must lie between"), ("run.warmup=1..inf", "finite numbers"),
        ("run.warmup=-9e18..9e18", "must lie between"), ("run.warmup=nan..1", "NaN is not a number"),
        ("run.warmup=106751d..106751d23h47m16s+1d", "the longest duration a model accepts"),
    ])
    func aRangeThatCannotBeExpandedIsAUsageError(option: String, problem: String) throws {
        let run = try Scratch().run(["sweep", "small.json5", "--vary", option])
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains(problem), "\(run.standardError)")
    }

    @Test func varyingReplicationsIsAUsageErrorPointingAtTheOption() throws {
        let run = try Scratch().run(["sweep", "small.json5", "--vary", "run.replications=1,2"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("give their number with --replications R"), "\(run.standardError)")
    }

    @Test func aBadGridPointIsReportedAndTheOthersAreWritten() throws {
        let scratch = try Scratch()
        // Each value is valid alone; warmup 2500ms with duration 2s is not.
        let run = try scratch.run(["sweep", "small.json5", "--vary", "run.warmup=1s,2500ms", "--vary", "run.duration=3s,2s",
                                   "-r", "2", "--out", "grid.csv"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("point 3 replication 0 failed: grid point 3 (run.warmup=2500ms, run.duration=2s) is not a valid model"),
                "\(run.standardError)")
        #expect(run.standardError.contains("2 of 8 simulations failed (rows with row_type 'failed' in the CSV); the other 6 ran and are written"))
        let csv = try scratch.read("grid.csv")
        #expect(csv.components(separatedBy: "\nreplication,").count - 1 == 6)
        #expect(csv.contains("\nfailed,3,0,2500ms,2s,"))
    }
}
