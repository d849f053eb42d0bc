/// Who closes an idle upstream connection first, nginx or the backend
/// (nginx-semantics.md section 8.2).
///
/// Both idle clocks start after the same response, but not at the same
/// moment: the backend's when it finished writing the response, nginx's when
/// it finished reading it and stored the connection — at least one one-way
/// delay later. So with equal timeouts the backend always closes first, and a
/// request that picks the connection before the FIN reaches nginx fails
/// (the stale-connection race). The fix is nginx's `keepalive_timeout` below
/// the backend's real idle timeout by more than that delay.
public struct IdleCloseRace: Hashable, Sendable {
    /// Who closes first.
    public enum FirstCloser: Hashable, Sendable {
        /// nginx's idle timer fires first: no race (nginx closes, TIME_WAIT on nginx).
        case nginx
        /// The backend closes first: the connection is stale in nginx's cache until the FIN arrives.
        case backend
        /// Both in the same instant.
        case simultaneous
        /// Neither side has an idle timeout.
        case neither
    }

    /// From the end of the backend's write to nginx's idle close; nil = never.
    public let nginxCloseAfterResponseWritten: TimeSpan?
    /// From the end of the backend's write to the backend's idle close; nil = never.
    public let backendCloseAfterResponseWritten: TimeSpan?

    /// - Parameters:
    ///   - nginxKeepaliveTimeout: the upstream `keepalive_timeout` (nil: none, before 1.15.3).
    ///   - backend: the backend's policy (its real close time includes `idleCloseDelay`).
    ///   - responseReadDelay: from the backend finishing its write to nginx finishing
    ///     its read: at least the one-way delay, plus transfer time.
    public init(nginxKeepaliveTimeout: TimeSpan?, backend: BackendKeepalivePolicy, responseReadDelay: TimeSpan) {
        nginxCloseAfterResponseWritten = nginxKeepaliveTimeout.map { responseReadDelay + $0 }
        backendCloseAfterResponseWritten = backend.effectiveIdleTimeout
    }

    public var firstCloser: FirstCloser {
        switch (nginxCloseAfterResponseWritten, backendCloseAfterResponseWritten) {
        case (nil, nil): return .neither
        case (.some, nil): return .nginx
        case (nil, .some): return .backend
        case (.some(let n), .some(let b)): return n < b ? .nginx : (b < n ? .backend : .simultaneous)
        }
    }

    /// How much earlier the first closer closes; nil when only one side (or neither) closes.
    public var margin: TimeSpan? {
        guard let n = nginxCloseAfterResponseWritten, let b = backendCloseAfterResponseWritten else { return nil }
        return n < b ? b - n : n - b
    }
}
