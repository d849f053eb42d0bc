extension RequestSummary {
    /// Whether a status from `byStatus` is an error for the reader: 4xx, 5xx,
    /// or `reset` (nginx closed the connection without an answer).
    public static func isError(status: String) -> Bool {
        guard let code = Int(status) else { return true }
        return code >= 400
    }

    /// The error statuses and their counts, ascending.
    public var errorsByStatus: [NamedCount] { byStatus.filter { Self.isError(status: $0.name) } }

    /// Answers with an error status.
    public var errors: UInt64 { errorsByStatus.reduce(0) { $0 + $1.count } }

    /// The count for one status, 0 when absent.
    public func count(status: String) -> UInt64 { byStatus.first { $0.name == status }?.count ?? 0 }
}
