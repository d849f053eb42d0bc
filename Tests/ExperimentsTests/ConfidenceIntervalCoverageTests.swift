import Experiments
import Testing

/// The aggregated rows' 95% intervals must cover the true mean about 95% of
/// the time. The known mean: with Poisson arrivals at rate λ, the requests
/// sent in a measured window of T seconds are Poisson(λT), mean λT.
@Suite struct ConfidenceIntervalCoverageTests {
    @Test func ninetyFivePercentIntervalsCoverTheTrueMeanAboutNinetyFivePercentOfTheTime() throws {
        let rate = 50, measuredSeconds = 2, experiments = 200
        let model = try ExperimentFixtures.model(ExperimentFixtures.modelText(rate: rate, duration: "3s", warmup: "1s"))
        // Each master seed is an independent experiment of 5 replications.
        let sweep = try ExperimentFixtures.sweep(["run.seed=1..\(experiments)"], model: model, replications: 5)
        let table = sweep.table(sweep.run(tasks: sweep.tasks(in: nil), threads: 2), shard: nil)
        let sent = try #require(table.metricNames.firstIndex(of: "requests_sent"))
        let trueMean = Double(rate * measuredSeconds)
        var covered = 0
        for aggregate in table.aggregates {
            let mean = try #require(aggregate.means[sent]), halfWidth = try #require(aggregate.halfWidths[sent])
            if abs(mean - trueMean) <= halfWidth { covered += 1 }
        }
        // Binomial(200, 0.95): mean 190, standard deviation 3.1; 180...199 is beyond 3 sd on the low side.
        #expect((180...199).contains(covered), "\(covered) of \(experiments) intervals covered the true mean \(trueMean)")
    }
}
