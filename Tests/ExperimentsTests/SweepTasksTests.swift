import Experiments
import Testing

/// Issue 10, item 4: a sweep's simulations are described arithmetically,
/// never listed or scanned, and one process runs a bounded number of them.
@Suite struct SweepTasksTests {
    @Test func aShardOfAHundredBillionSimulationsIsComputedNotScanned() {
        // 10^7 points x 10^4 replications, shard 3 of 1,000,000.
        let tasks = SweepTasks(total: 100_000_000_000, first: 2, stride: 1_000_000)
        #expect(tasks.count == 100_000)
        #expect(tasks.first == 2)
        #expect(tasks[1] == 1_000_002)
        #expect(tasks.last == 99_999_000_002)
        #expect(tasks.distinctPointCount(replications: 10_000) == 100_000)
    }

    @Test func slicesMatchTheShardsMembershipRule() throws {
        for total in [0, 1, 7, 20, 21] {
            for count in 1...6 {
                for index in 1...count {
                    let shard = try Shard(index: index, count: count)
                    let tasks = SweepTasks(total: total, first: index - 1, stride: count)
                    #expect(Array(tasks) == (0..<total).filter { shard.contains(task: $0) }, "total \(total) shard \(shard)")
                }
            }
        }
    }

    @Test func distinctPointsCountEachPointOnceWhenReplicationsAreAdjacent() {
        #expect(SweepTasks(total: 12).distinctPointCount(replications: 3) == 4)
        #expect(SweepTasks(total: 12, first: 1, stride: 2).distinctPointCount(replications: 3) == 4)
        #expect(SweepTasks(total: 0).distinctPointCount(replications: 3) == 0)
    }

    @Test func aRunOfMoreThanAMillionSimulationsIsRefusedBeforeAnyRunsAndNamesAShardCount() throws {
        let model = try ExperimentFixtures.model()
        let sweep = try ExperimentFixtures.sweep(["traffic.rate=10..1010+10"], model: model, replications: 10_000)
        #expect(sweep.taskCount == 1_010_000)
        var message = ""
        do {
            _ = try sweep.run(tasks: sweep.tasks(in: nil), threads: 1)
        } catch {
            message = error.message
        }
        #expect(message.contains("this run has 1010000 simulations (101 points x 10000 replications)"), "\(message)")
        #expect(message.contains("split the sweep over 2 or more shards"), "\(message)")
        let half = try #require(try? sweep.tasks(in: Shard(index: 1, count: 2)))
        try sweep.checkSize(of: half)
    }
}
