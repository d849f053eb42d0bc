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
    public func tasks(in shard: Shard?) -> [Int] {
        guard let shard else { return Array(0..<taskCount) }
        return (0..<taskCount).filter { shard.contains(task: $0) }
    }

    /// The CSV header for the whole sweep or one shard's part.
    public func header(shard: Shard?) -> SweepHeader {
        SweepHeader(command: command, model: model.path, modelSHA256: model.sha256, seed: seed, replications: replications,
                    vary: grid.parameters.map(\.option), points: grid.pointCount, shard: shard)
    }

    /// Runs `tasks` (indices into grid order, ascending) on `threads` threads:
    /// first loads every grid point's model, then simulates. `progress` gets the
    /// number of simulations finished. The rows come back in task order,
    /// whatever the thread count. One bad grid point never stops the others:
    /// a point whose model is invalid (a combination of values each valid
    /// alone), or whose run fails, gives rows with empty metrics and the
    /// reason in `SweepRow.failure`.
    public func run(tasks: [Int], threads: Int, progress: (_ finished: Int) -> Void = { _ in }) -> [SweepRow] {
        let points = Self.distinctPoints(of: tasks, replications: replications)
        let models = ParallelWork.map(count: points.count, threads: threads) { index -> Result<ScenarioModel, ExperimentError> in
            Result { () throws(ExperimentError) in try self.loadPoint(points[index]) }
        }
        // Looked up, never iterated.
        let modelOfPoint = Dictionary(uniqueKeysWithValues: points.enumerated().map { ($1, $0) })
        let replications = self.replications
        return ParallelWork.map(count: tasks.count, threads: threads, progress: progress) { index -> SweepRow in
            let point = tasks[index] / replications, replication = tasks[index] % replications
            guard let modelIndex = modelOfPoint[point] else { preconditionFailure("point \(point) was not loaded") }
            let parameterValues = self.grid.values(at: point).map(\.text)
            func failed(_ reason: String) -> SweepRow {
                SweepRow(point: point, replication: replication, parameterValues: parameterValues,
                         metricValues: Array(repeating: "", count: ReportMetrics.names.count), failure: reason)
            }
            switch models[modelIndex] {
            case .failure(let error): return failed(error.message)
            case .success(let model):
                do {
                    let result = try Simulator.run(model, replication: UInt64(replication), modelSHA256: self.model.sha256,
                                                   command: self.command)
                    return SweepRow(point: point, replication: replication, parameterValues: parameterValues,
                                    metricValues: result.report.metrics.map(\.text))
                } catch {
                    return failed("grid point \(point) (\(self.describe(point: point))) replication \(replication) "
                        + "could not be simulated: \(error)")
                }
            }
        }
    }

    /// The grid points of `tasks` (ascending), each once.
    public static func distinctPoints(of tasks: [Int], replications: Int) -> [Int] {
        var points: [Int] = []
        for task in tasks where points.last != task / replications { points.append(task / replications) }
        return points
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
