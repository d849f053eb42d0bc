import ProxyModel

/// Counts things that each last the same fixed time — sockets in TIME_WAIT —
/// without an event per expiry: entries expire in the order they were added,
/// so a FIFO of expiry times is enough. Memory is bounded by the number alive
/// at once (for TIME_WAIT on one port range, at most the range's size).
struct ExpiringCounter {
    let lifetime: Int64
    private var expiries: [Int64] = []
    private var head = 0
    private(set) var peak: Int64 = 0

    init(lifetime: TimeSpan) { self.lifetime = lifetime.nanoseconds }

    /// Entries alive at `now`.
    mutating func count(at now: Instant) -> Int {
        while head < expiries.count, expiries[head] <= now.nanoseconds { head += 1 }
        if head > 4_096, head * 2 > expiries.count {
            expiries.removeFirst(head)
            head = 0
        }
        return expiries.count - head
    }

    /// Adds one entry at `now`, expiring at now + lifetime.
    mutating func add(at now: Instant) {
        let alive = count(at: now) + 1
        expiries.append(now.nanoseconds &+ lifetime)
        if Int64(alive) > peak { peak = Int64(alive) }
    }

    /// Forgets the peak so far (end of warm-up).
    mutating func resetPeak(at now: Instant) { peak = Int64(count(at: now)) }
}
