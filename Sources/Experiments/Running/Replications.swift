import Scenario
import Simulation

/// Independent replications of one model, run in parallel: replication r
/// draws from `SeedSequence(masterSeed: model.run.seed, replication: r)`,
/// the streams a sweep's replication r uses (`Sweep`), so replication 0 is
/// exactly `simulate`'s run. The results come back in replication order,
/// whatever `threads` is: output built from them is the same for any `--jobs`.
public enum Replications {
    /// Replication `replication` could not be simulated.
    public struct Failure: Error, Sendable {
        public var replication: Int
        public var error: SimulationModelError
    }

    /// Replications 0..<count of `model`, at most `threads` at once.
    public static func run(_ model: ScenarioModel, count: Int, threads: Int, modelSHA256: String = "",
                           command: String = "") throws(Failure) -> [Simulator.Result] {
        try ParallelWork.map(count: count, threads: threads) { replication throws(Failure) -> Simulator.Result in
            do throws(SimulationModelError) {
                return try Simulator.run(model, replication: UInt64(replication), modelSHA256: modelSHA256, command: command)
            } catch {
                throw Failure(replication: replication, error: error)
            }
        }
    }
}
