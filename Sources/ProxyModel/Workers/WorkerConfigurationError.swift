/// Why a worker-level model could not be built; the description says what is valid.
public struct WorkerConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The setting at fault, e.g. `worker_connections`.
    public var setting: String
    public var problem: String

    public var description: String { "\(setting): \(problem)" }
}
