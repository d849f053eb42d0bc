import Experiments
import Foundation
import Scenario
import Testing

/// One bad grid point never kills a sweep: values valid alone that clash at
/// one point give `failed` rows with the reason, the other points run, and
/// the CSV (and its shards' merge) carries the failures.
@Suite struct SweepFailedPointTests {
    /// warmup 2500ms is valid with duration 3s, duration 2s with warmup 1s; together they are not.
    static let vary = ["run.warmup=1s,2500ms", "run.duration=3s,2s"]

    func sweep() throws -> Sweep {
        try ExperimentFixtures.sweep(Self.vary, model: try ExperimentFixtures.model(), replications: 2)
    }

    @Test func aPointWhoseValuesClashFailsAndTheOthersRun() throws {
        let sweep = try sweep()
        let rows = try sweep.run(tasks: sweep.tasks(in: nil), threads: 2)
        #expect(rows.count == 8)
        let failed = rows.filter { $0.failure != nil }
        #expect(failed.map(\.point) == [3, 3], "\(failed)")
        #expect(failed.allSatisfy { $0.failure?.contains("must be shorter than run.duration") == true && $0.metricValues.allSatisfy(\.isEmpty) })
        #expect(rows.filter { $0.failure == nil }.allSatisfy { !$0.metricValues.allSatisfy(\.isEmpty) })
    }

    @Test func theCSVMarksFailedRowsWithTheirReasonAndReadsBack() throws {
        let sweep = try sweep()
        let csv = try ExperimentFixtures.csv(sweep, threads: 2)
        #expect(csv.contains("\n# failed: point 3 replication 0: grid point 3 (run.warmup=2500ms, run.duration=2s) is not a valid model:"))
        #expect(csv.contains("\nfailed,3,1,2500ms,2s,,"))
        let table = try SweepTable(parsingCSV: csv, file: "whole.csv")
        #expect(table.failures.count == 2)
        #expect(table.csv == csv)
    }

    @Test func shardPartsWithFailuresMergeIntoTheOneMachineCSV() throws {
        let sweep = try sweep()
        let single = try ExperimentFixtures.csv(sweep, threads: 1)
        let parts = try (1...3).map { index in
            let text = try ExperimentFixtures.csv(sweep, threads: 1, shard: try Shard(index: index, count: 3))
            return (file: "part-\(index).csv", table: try SweepTable(parsingCSV: text, file: "part-\(index).csv"))
        }
        #expect(try SweepMerge.merge(parts).csv == single)
    }

    @Test(arguments: ["NaN", "1e400", "abc", "inf", "-", "1.", ".5", "0x10"])
    func aMergePartWithAMetricThatIsNotADecimalIsRefused(value: String) throws {
        let sweep = try ExperimentFixtures.sweep(["traffic.rate=30"], model: try ExperimentFixtures.model(), replications: 2)
        let text = try ExperimentFixtures.csv(sweep, threads: 1, shard: try Shard(index: 1, count: 1))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let row = lines.firstIndex(where: { $0.hasPrefix("replication,0,0,") }) else {
            Issue.record("no row in\n\(text)")
            return
        }
        var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[5] = value
        lines[row] = fields.joined(separator: ",")
        #expect {
            try SweepTable(parsingCSV: lines.joined(separator: "\n"), file: "part-1.csv")
        } throws: { error in
            let message = (error as? ExperimentError)?.message ?? ""
            return message.contains("part-1.csv:\(row + 1): ") && message.contains("a metric is empty (not measured) or a decimal number")
        }
    }

    @Test func varyingReplicationsIsRefusedPointingAtTheOption() throws {
        #expect {
            try ExperimentFixtures.sweep(["run.replications=1,2"], model: try ExperimentFixtures.model())
        } throws: { ($0 as? ExperimentError)?.message.contains("give their number with --replications R") == true }
    }
}
