import Experiments
import Testing

@Suite struct ShardMergeTests {
    private func sweep() throws -> Sweep {
        try ExperimentFixtures.sweep(["nginx.upstreams.app.keepalive=1,2,4", "traffic.rate=30,60"],
                                     model: try ExperimentFixtures.model(), replications: 3)
    }

    private func parts(_ sweep: Sweep, count: Int) throws -> [(file: String, table: SweepTable)] {
        try (1...count).map { index in
            let shard = try Shard(index: index, count: count)
            let text = try ExperimentFixtures.csv(sweep, threads: 2, shard: shard)
            return ("part-\(index).csv", try SweepTable(parsingCSV: text, file: "part-\(index).csv"))
        }
    }

    @Test(arguments: [1, 4, 7, 25])
    func mergedPartsAreByteForByteTheOneMachineCSV(count: Int) throws {
        let sweep = try sweep()
        let single = try ExperimentFixtures.csv(sweep, threads: 2)
        let merged = try SweepMerge.merge(try parts(sweep, count: count).reversed())
        #expect(merged.csv == single)
    }

    @Test func shardsInterleaveTheSimulations() throws {
        let shard = try Shard(index: 2, count: 4)
        #expect((0..<12).filter { shard.contains(task: $0) } == [1, 5, 9])
        #expect(try Array(sweep().tasks(in: shard)) == [1, 5, 9, 13, 17])
    }

    @Test func aMissingOrRepeatedShardIsNamed() throws {
        let all = try parts(try sweep(), count: 3)
        #expect { try SweepMerge.merge([all[0], all[2]]) } throws: { ($0 as? ExperimentError)?.message.contains("missing shard part 2/3") == true }
        #expect { try SweepMerge.merge([all[0], all[1], all[1], all[2]]) } throws: {
            ($0 as? ExperimentError)?.message.contains("shard 2/3 is given twice") == true
        }
    }

    @Test func partsOfAnotherSweepAreRefused() throws {
        let mine = try parts(try sweep(), count: 2)
        let otherSweep = try ExperimentFixtures.sweep(["nginx.upstreams.app.keepalive=1,2,4", "traffic.rate=30,60"],
                                                      model: try ExperimentFixtures.model(), replications: 3, seed: 9)
        let other = try parts(otherSweep, count: 2)
        #expect { try SweepMerge.merge([mine[0], other[1]]) } throws: {
            ($0 as? ExperimentError)?.message.contains("is from another sweep") == true
        }
    }

    @Test func aCutShortPartIsNoticed() throws {
        var all = try parts(try sweep(), count: 2)
        all[1].table.rows.removeLast()
        #expect { try SweepMerge.merge(all) } throws: { ($0 as? ExperimentError)?.message.contains("is in no part") == true }
    }

    @Test func aTamperedRowIsNotInItsShard() throws {
        var all = try parts(try sweep(), count: 2)
        all[1].table.rows[0].replication = 0
        all[1].table.rows[0].point = 0
        #expect { try SweepMerge.merge(all) } throws: { ($0 as? ExperimentError)?.message.contains("is not in shard 2/2") == true }
    }
}
