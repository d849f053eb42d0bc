import ProxyModel

/// One candidate of a plan: the settings the search chooses. Nil means "as
/// the model has it".
public struct PlanSettings: Hashable, Sendable, CustomStringConvertible {
    /// `keepalive N` of the planned upstream: idle connections per worker.
    public var keepalive: Int
    /// The upstream's `keepalive_timeout`.
    public var keepaliveTimeout: TimeSpan?
    /// `worker_processes`.
    public var workers: Int?

    public init(keepalive: Int, keepaliveTimeout: TimeSpan? = nil, workers: Int? = nil) {
        self.keepalive = keepalive; self.keepaliveTimeout = keepaliveTimeout; self.workers = workers
    }

    public var description: String {
        var parts = ["keepalive \(keepalive)"]
        if let keepaliveTimeout { parts.append("keepalive_timeout \(Self.nginxDuration(keepaliveTimeout))") }
        if let workers { parts.append("worker_processes \(workers)") }
        return parts.joined(separator: ", ")
    }

    /// A duration as nginx.conf is usually written: whole seconds as `60s`
    /// (not `1m`, which nginx accepts too), anything else in its canonical form.
    public static func nginxDuration(_ span: TimeSpan) -> String {
        span.nanoseconds % 1_000_000_000 == 0 && span > .zero ? "\(span.nanoseconds / 1_000_000_000)s" : span.formatted()
    }
}
