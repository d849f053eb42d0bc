import Measurement
import Scenario
import Simulation

/// A what-if sweep: the model file, the grid of edits to it, and how many
/// independent replications each grid point gets.
///
/// Replication r of every point runs with random streams from
/// `SeedSequence(masterSeed: seed, replication: r)`: independent across
/// replications, and the same at every point (common random numbers), so the
/// difference between two points is the settings' doing, not noise.
public struct Sweep: Sendable {
    public var model: ModelFile
    public var grid: SweepGrid
    public var replications: Int
    /// The master seed: `--seed`, else the model's `run.seed`.
    public var seed: UInt64
    /// Whether `seed` replaces the model's `run.seed` at every point.
    public var seedOverridden: Bool
    /// The command line that reproduces the sweep, recorded in the header.
    public var command: String
    /// A simulation whose world breaks its own conservation laws (`WorldAudit`)
    /// fails the sweep; the tests turn this on so every simulation they sweep is audited.
    public var auditFailsTheRun = false

    /// Replications when neither the command nor the model asks for more than one:
    /// enough for a confidence interval that means something.
    public static let defaultReplications = 5

    /// Checks every value of every parameter against the model (each value
    /// alone, through the loader) before anything runs; throws every problem at once.
    public init(model: ModelFile, grid: SweepGrid, replications: Int? = nil, seed: UInt64? = nil, command: String = "") throws(ExperimentError) {
        let written = model.base.model.run.replications
        let count = replications ?? (written > 1 ? written : Self.defaultReplications)
        guard count >= 1 else { throw ExperimentError("--replications must be at least 1 (got \(count))") }
        for parameter in grid.parameters {
            if let problem = Self.problem(varying: parameter.path) { throw ExperimentError(problem) }
        }
        if seed != nil, let varied = grid.parameters.first(where: { $0.name == "run.seed" }) {
            throw ExperimentError("--seed and --vary \(varied.name) both set the seed; give one of them")
        }
        self.model = model; self.grid = grid; self.replications = count
        self.seed = seed ?? model.base.model.run.seed
        seedOverridden = seed != nil
        self.command = command
        try Self.validate(grid, against: model)
    }

    /// Why a field cannot be a grid parameter, or nil. Replications are the
    /// sweep's, not a point's: every point runs the same ones (common random
    /// numbers), so varying `run.replications` would be silently ignored.
    public static func problem(varying path: FieldPath) -> String? {
        guard path.description == "run.replications" else { return nil }
        return "--vary run.replications cannot vary: every grid point runs the same replications; "
            + "give their number with --replications R"
    }

    /// Simulations in the whole sweep: points times replications.
    public var taskCount: Int { grid.pointCount * replications }

    /// The simulations (in grid order) this shard runs; all of them without a shard.
    public func tasks(in shard: Shard?) -> SweepTasks {
        guard let shard else { return SweepTasks(total: taskCount) }
        return SweepTasks(total: taskCount, first: shard.index - 1, stride: shard.count)
    }

    /// The most simulations one process runs: each keeps its row (about a
    /// kilobyte of metric text) until the CSV is written.
    public static let maximumSimulationsPerRun = 1_000_000

    /// Refuses a run of more simulations than `maximumSimulationsPerRun`, naming a shard count that fits.
    public func checkSize(of tasks: SweepTasks) throws(ExperimentError) {
        guard tasks.count > Self.maximumSimulationsPerRun else { return }
        let shards = (taskCount - 1) / Self.maximumSimulationsPerRun + 1
        throw ExperimentError("this run has \(tasks.count) simulations (\(grid.pointCount) points x \(replications) replications"
            + (tasks.count < taskCount ? " in this shard" : "") + "); one process runs at most \(Self.maximumSimulationsPerRun): "
            + "split the sweep over \(shards) or more shards (--shard I/\(shards), then 'keepalive-lab sweep merge')")
    }

    /// The CSV header for the whole sweep or one shard's part.
    public func header(shard: Shard?) -> SweepHeader {
        SweepHeader(command: command, model: model.path, modelSHA256: model.sha256, seed: seed, replications: replications,
                    vary: grid.parameters.map(\.option), points: grid.pointCount, shard: shard)
    }

    /// Runs `tasks` on `threads` threads, loading each grid point's model
    /// when one of its simulations runs (memory follows the simulations
    /// running, not the grid). `progress` gets the number of simulations
    /// finished. The rows come back in task order, whatever the thread
    /// count. One bad grid point never stops the others: a point whose model
    /// is invalid (a combination of values each valid alone), or whose run
    /// fails or stops early (overload, a stalled clock), gives rows with
    /// empty metrics and the reason in `SweepRow.failure`. Only a run too
    /// large for one process, or (in tests) an audit violation, throws.
    public func run(tasks: SweepTasks, threads: Int, progress: (_ finished: Int) -> Void = { _ in }) throws(ExperimentError) -> [SweepRow] {
        try checkSize(of: tasks)
        let replications = self.replications
        return try ParallelWork.map(count: tasks.count, threads: threads, progress: progress) { index throws(ExperimentError) -> SweepRow in
            let point = tasks[index] / replications, replication = tasks[index] % replications
            let parameterValues = self.grid.values(at: point).map(\.text)
            func failed(_ reason: String) -> SweepRow {
                SweepRow(point: point, replication: replication, parameterValues: parameterValues,
                         metricValues: Array(repeating: "", count: ReportMetrics.names.count), failure: reason)
            }
            let loaded = Result { () throws(ExperimentError) in try self.loadPoint(point) }
            guard case .success(let model) = loaded else {
                if case .failure(let error) = loaded { return failed(error.message) }
                return failed("")
            }
            let result: Simulator.Result
            do {
                result = try Simulator.run(model, replication: UInt64(replication), modelSHA256: self.model.sha256,
                                           command: self.command)
            } catch {
                return failed("grid point \(point) (\(self.describe(point: point))) replication \(replication) "
                    + "could not be simulated: \(error)")
            }
            if self.auditFailsTheRun, !result.audit.violations.isEmpty {
                throw ExperimentError("grid point \(point) (\(self.describe(point: point))), replication \(replication): "
                    + "the audit found: " + result.audit.violations.joined(separator: "; "))
            }
            if let stop = result.earlyStop {
                return failed("grid point \(point) (\(self.describe(point: point))) replication \(replication): \(stop.message)")
            }
            return SweepRow(point: point, replication: replication, parameterValues: parameterValues,
                            metricValues: result.report.metrics.map(\.text))
        }
    }

    /// The table of `rows`: a shard's part when `shard` is set.
    public func table(_ rows: [SweepRow], shard: Shard?) -> SweepTable {
        SweepTable(header: header(shard: shard), parameterNames: grid.parameters.map(\.name), metricNames: ReportMetrics.names,
                   rows: rows)
    }

    /// `a=1, b=4s`, for messages.
    public func describe(point: Int) -> String {
        zip(grid.parameters, grid.values(at: point)).map { "\($0.name)=\($1.text)" }.joined(separator: ", ")
    }

    /// The model at one grid point, with the sweep's seed.
    func loadPoint(_ point: Int) throws(ExperimentError) -> ScenarioModel {
        let assignments = zip(grid.parameters, grid.values(at: point)).map { ModelFile.Assignment($0.path, $1.json) }
        do {
            var loaded = try model.variant(assignments).model
            if seedOverridden { loaded.run.seed = seed }
            return loaded
        } catch {
            throw ExperimentError("grid point \(point) (\(describe(point: point))) is not a valid model:\n  "
                + error.lines.joined(separator: "\n  "))
        }
    }

    /// Each value of each parameter, set alone in the model, must load.
    static func validate(_ grid: SweepGrid, against model: ModelFile) throws(ExperimentError) {
        var problems: [String] = []
        for parameter in grid.parameters {
            // A problem shared by several values (an unknown key) is listed once, with all of them.
            var found: [(line: String, values: [String])] = []
            for value in parameter.values {
                do {
                    _ = try model.variant([ModelFile.Assignment(parameter.path, value.json)])
                } catch {
                    for line in error.lines {
                        if let index = found.firstIndex(where: { $0.line == line }) {
                            found[index].values.append(value.text)
                        } else {
                            found.append((line, [value.text]))
                        }
                    }
                }
            }
            problems += found.map { "--vary \(parameter.name)=\($0.values.joined(separator: ",")): \($0.line)" }
            if !found.isEmpty, !model.knownPaths.contains(parameter.path) {
                let near = model.knownPaths(near: parameter.path)
                if !near.isEmpty { problems.append("valid paths near \(parameter.name): " + near.joined(separator: ", ")) }
            }
        }
        guard problems.isEmpty else {
            throw ExperimentError("the sweep cannot run; nothing was simulated:\n  " + problems.joined(separator: "\n  "))
        }
    }
}
