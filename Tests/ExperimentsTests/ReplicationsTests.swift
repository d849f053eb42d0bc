import Experiments
import Simulation
import Testing

@Suite struct ReplicationsTests {
    @Test func replicationsAreTheSweepsReplicationsInOrderForAnyThreadCount() throws {
        let file = try ExperimentFixtures.model()
        // A sweep whose one point is the model itself: its replication r is the reference.
        let sweep = try ExperimentFixtures.sweep(["traffic.rate=50"], model: file, replications: 4)
        let table = sweep.table(try sweep.run(tasks: sweep.tasks(in: nil), threads: 2), shard: nil)
        let one = try Replications.run(file.base.model, count: 4, threads: 1)
        let three = try Replications.run(file.base.model, count: 4, threads: 3)
        #expect(one.map(\.report) == three.map(\.report))
        #expect(one.map(\.report.provenance.replication) == [0, 1, 2, 3])
        for (replication, result) in one.enumerated() {
            #expect(result.report.metrics.map(\.text) == table.rows[replication].metricValues, "replication \(replication)")
        }
        let sent = one.map { $0.report.requests.sent }
        #expect(Set(sent).count > 1, "replications must differ from each other: \(sent)")
    }

    @Test func replicationZeroIsTheSingleRunSimulateMakes() throws {
        let model = try ExperimentFixtures.model().base.model
        let single = try Simulator.run(model)
        let first = try #require(try Replications.run(model, count: 2, threads: 2).first)
        #expect(first.report == single.report)
        #expect(first.fingerprint == single.fingerprint)
    }
}
