import Experiments
import Testing

@Suite struct SweepDeterminismTests {
    @Test func theCSVIsByteIdenticalForAnyThreadCount() throws {
        let model = try ExperimentFixtures.model()
        let sweep = try ExperimentFixtures.sweep(["nginx.upstreams.app.keepalive=1..8x2", "traffic.rate=40,80"], model: model)
        let one = try ExperimentFixtures.csv(sweep, threads: 1)
        let four = try ExperimentFixtures.csv(sweep, threads: 4)
        #expect(one == four)
        #expect(one.split(separator: "\n").filter { $0.hasPrefix("replication,") }.count == 8 * 3)
        #expect(one.split(separator: "\n").filter { $0.hasPrefix("mean,") }.count == 8)
    }

    @Test func anHTTP2SweepIsByteIdenticalForAnyThreadCount() throws {
        let model = try ExperimentFixtures.model("""
            {
              nginx: { version: "1.29.7", http2: true, keepalive_requests: 7, upstreams: { app: { servers: ["10.0.0.1:8080"], keepalive: 4 } } },
              traffic: { pages: { rate: 5, requests_per_page: 20, hosts: 3 }, clients: 50, client_protocol: "h2" },
              run: { duration: "3s", warmup: "1s", seed: 1 },
            }
            """)
        let sweep = try ExperimentFixtures.sweep(["nginx.http2_max_concurrent_streams=2,8,128", "traffic.client_protocol=h2,http/1.1"],
                                                 model: model)
        let one = try ExperimentFixtures.csv(sweep, threads: 1)
        #expect(one == (try ExperimentFixtures.csv(sweep, threads: 4)))
        #expect(one.split(separator: "\n").filter { $0.hasPrefix("mean,") }.count == 6)
    }

    @Test func theSameReplicationUsesTheSameRandomStreamsAtEveryPoint() throws {
        // Common random numbers: a field that does not change the traffic (the
        // backend's idle timeout, far above the run) leaves every arrival in place,
        // so requests_sent is the same at both points, replication by replication.
        let model = try ExperimentFixtures.model()
        let sweep = try ExperimentFixtures.sweep(["nginx.upstreams.app.keepalive_timeout=30s,60s"], model: model, replications: 4)
        let table = sweep.table(try sweep.run(tasks: sweep.tasks(in: nil), threads: 2), shard: nil)
        let sent = try #require(table.metricNames.firstIndex(of: "requests_sent"))
        let first = table.rows.filter { $0.point == 0 }.map { $0.metricValues[sent] }
        let second = table.rows.filter { $0.point == 1 }.map { $0.metricValues[sent] }
        #expect(first == second)
        #expect(Set(first).count > 1, "replications must differ from each other: \(first)")
    }

    @Test func theHeaderRecordsProvenanceButNoWallClock() throws {
        let model = try ExperimentFixtures.model()
        let sweep = try ExperimentFixtures.sweep(["traffic.rate=40"], model: model, replications: 2)
        let header = sweep.header(shard: nil).text
        #expect(header.hasPrefix("# keepalive-lab "))
        #expect(header.contains("# model_sha256: \(model.sha256)\n"))
        #expect(header.contains("# seed: 1\n# replications: 2\n# vary: traffic.rate=40\n# points: 1\n"))
        let table = sweep.table(try sweep.run(tasks: sweep.tasks(in: nil), threads: 1), shard: nil)
        let parsed = try SweepTable(parsingCSV: table.csv, file: "x.csv")
        #expect(parsed == table)
    }
}
