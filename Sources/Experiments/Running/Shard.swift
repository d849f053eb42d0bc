/// One of N interleaved slices of a sweep's simulations, for spreading a big
/// sweep over the jobs of a batch system: simulation `t` (grid point `t / R`,
/// replication `t % R`) belongs to shard `t % N + 1`. Interleaving gives every
/// shard a similar mix of cheap and costly grid points.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1...count.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws(ExperimentError) {
        guard count >= 1 else { throw ExperimentError("a sweep has at least 1 shard (got \(count))") }
        guard (1...count).contains(index) else {
            throw ExperimentError("shard \(index)/\(count) does not exist: shards of \(count) are numbered 1 to \(count)")
        }
        self.index = index; self.count = count
    }

    /// `I/N`, e.g. `3/16`.
    public init(parsing text: String) throws(ExperimentError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ExperimentError("invalid shard '\(text)': expected I/N with 1 <= I <= N, e.g. 3/16, or auto")
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether simulation number `task` (in grid order) is this shard's.
    public func contains(task: Int) -> Bool { task % count == index - 1 }
}

extension Shard {
    /// The shard a batch system's job index names (`--shard auto`):
    /// - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based); the count is
    ///   the Job's `completions`, which Kubernetes does not put in the
    ///   environment, so it comes from `count` (`--shard-count`) or `KEEPALIVE_LAB_SHARD_COUNT`;
    /// - Slurm job array: `SLURM_ARRAY_TASK_ID` from `SLURM_ARRAY_TASK_MIN` in steps of
    ///   `SLURM_ARRAY_TASK_STEP`, `SLURM_ARRAY_TASK_COUNT` tasks.
    /// `environment` is looked up, never iterated.
    public static func fromBatchEnvironment(_ environment: [String: String], count: Int?) throws(ExperimentError) -> Shard {
        let kubernetes = environment["JOB_COMPLETION_INDEX"], slurm = environment["SLURM_ARRAY_TASK_ID"]
        switch (kubernetes, slurm) {
        case (let index?, nil): return try kubernetesShard(index: index, environment, count: count)
        case (nil, let id?): return try slurmShard(id: id, environment, count: count)
        case (let index?, let id?):
            throw ExperimentError("--shard auto: both JOB_COMPLETION_INDEX=\(index) (Kubernetes) and SLURM_ARRAY_TASK_ID=\(id) "
                + "(Slurm) are set, so the batch system is ambiguous; give --shard I/N instead")
        case (nil, nil):
            throw ExperimentError("--shard auto: no batch job index in the environment: neither JOB_COMPLETION_INDEX "
                + "(a Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (a Slurm job array) is set; give --shard I/N instead")
        }
    }

    /// The variable that may carry a Kubernetes Job's completion count.
    public static let countVariable = "KEEPALIVE_LAB_SHARD_COUNT"

    private static func kubernetesShard(index text: String, _ environment: [String: String], count: Int?) throws(ExperimentError) -> Shard {
        guard let index = Int(text), index >= 0 else {
            throw ExperimentError("--shard auto: JOB_COMPLETION_INDEX is '\(text)'; Kubernetes sets a whole number from 0")
        }
        let total: Int
        if let count {
            total = count
        } else if let text = environment[countVariable] {
            guard let value = Int(text), value >= 1 else {
                throw ExperimentError("--shard auto: \(countVariable) is '\(text)'; expected the Job's completions, a whole number >= 1")
            }
            total = value
        } else {
            throw ExperimentError("--shard auto: JOB_COMPLETION_INDEX=\(index) says this is a Kubernetes Indexed Job, but not how "
                + "many completions it has; pass --shard-count N or set \(countVariable) to the Job's spec.completions")
        }
        guard index < total else {
            throw ExperimentError("--shard auto: JOB_COMPLETION_INDEX=\(index) is not below the completion count \(total); "
                + "the indices of \(total) completions are 0 to \(total - 1)")
        }
        return try Shard(index: index + 1, count: total)
    }

    private static func slurmShard(id text: String, _ environment: [String: String], count: Int?) throws(ExperimentError) -> Shard {
        func integer(_ name: String, _ text: String) throws(ExperimentError) -> Int {
            guard let value = Int(text), value >= 0 else {
                throw ExperimentError("--shard auto: \(name) is '\(text)'; Slurm sets a whole number from 0")
            }
            return value
        }
        let id = try integer("SLURM_ARRAY_TASK_ID", text)
        let minimum = try environment["SLURM_ARRAY_TASK_MIN"].map { text throws(ExperimentError) in try integer("SLURM_ARRAY_TASK_MIN", text) } ?? 0
        let step = try environment["SLURM_ARRAY_TASK_STEP"].map { text throws(ExperimentError) in try integer("SLURM_ARRAY_TASK_STEP", text) } ?? 1
        let declared = try environment["SLURM_ARRAY_TASK_COUNT"].map { text throws(ExperimentError) in try integer("SLURM_ARRAY_TASK_COUNT", text) }
        let total: Int
        switch (declared, count) {
        case (let slurm?, let given?) where slurm != given:
            throw ExperimentError("--shard auto: SLURM_ARRAY_TASK_COUNT=\(slurm) but --shard-count \(given); leave out --shard-count")
        case (let slurm?, _): total = slurm
        case (nil, let given?): total = given
        case (nil, nil):
            throw ExperimentError("--shard auto: SLURM_ARRAY_TASK_ID=\(id) is set but SLURM_ARRAY_TASK_COUNT is not; "
                + "pass --shard-count N (the array's size)")
        }
        guard step >= 1, id >= minimum, (id - minimum) % step == 0 else {
            throw ExperimentError("--shard auto: SLURM_ARRAY_TASK_ID=\(id) is not in the array from \(minimum) in steps of \(step)")
        }
        let index = (id - minimum) / step
        guard total >= 1, index < total else {
            throw ExperimentError("--shard auto: SLURM_ARRAY_TASK_ID=\(id) is task \(index + 1) of an array of \(total) "
                + "(SLURM_ARRAY_TASK_MIN=\(minimum), SLURM_ARRAY_TASK_STEP=\(step)); the array must number its tasks consecutively")
        }
        return try Shard(index: index + 1, count: total)
    }
}
