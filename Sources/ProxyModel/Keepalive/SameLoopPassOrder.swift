/// Which of two network events nginx handles first when both become ready in
/// one event-loop pass: the backend's FIN/RST on an idle cached connection
/// (its close handler removes it from the cache) and a client request that
/// would reuse that connection. `epoll_wait` returns ready events in the
/// kernel's order, which nginx's source does not fix: ambiguous, hence a
/// parameter (nginx-semantics.md, "Parameters"). Timers are not concerned:
/// they always run after the pass's network events. `EventLoopPass` applies it.
public enum SameLoopPassOrder: Hashable, Sendable, CaseIterable {
    /// In the order the events became ready (epoll's ready list is roughly
    /// first-come): the default.
    case arrival
    /// The close handler runs first: the request never sees the dead connection.
    case backendCloseFirst
    /// The request runs first: it takes the stale connection and fails on it
    /// (the stale-connection race of section 2).
    case requestFirst
}
