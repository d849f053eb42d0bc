/// The outcome of a non-blocking call that did not fail: it did its work, or
/// it would have blocked (EAGAIN/EWOULDBLOCK, or EINPROGRESS for connect).
/// Would-block is a value, not an error: it is the normal way a
/// non-blocking socket says "come back when epoll says so".
public enum IOResult<Value> {
    case processed(Value)
    case wouldBlock
}

extension IOResult: Equatable where Value: Equatable {}
extension IOResult: Sendable where Value: Sendable {}
