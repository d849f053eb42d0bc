import ProxyModel

/// A backend's busy workers, as the moments they come free: a binary
/// min-heap of instants, one per busy worker.
///
/// A worker's release time is known when it takes a request (its service
/// time is sampled then), so the world needs no event for it: releases are
/// applied lazily, in time order, the next time anything looks at the
/// backend (`World.releaseWorkersDue`). Only a request waiting in the queue
/// needs an event at the earliest release, to start on time.
///
/// `occupy` and `releaseEarliest` are O(log w) for w busy workers; `count`
/// and `earliest` O(1). No allocation once the array has grown to the
/// backend's worker count.
struct BusyWorkers {
    private var freeAt: [Instant] = []

    /// Workers busy now.
    var count: Int { freeAt.count }

    /// When the first busy worker comes free, or nil when none is busy.
    var earliest: Instant? { freeAt.first }

    /// One more worker busy, until `time`.
    mutating func occupy(until time: Instant) {
        freeAt.append(time)
        siftUp(time, from: freeAt.count - 1)
    }

    /// A busy worker's release moves from `old` to `new` (earlier): O(w).
    /// For a worker whose release was unknown (`.distantFuture`) until now.
    mutating func reschedule(from old: Instant, to new: Instant) {
        guard let index = freeAt.firstIndex(of: old) else { return }
        siftUp(new, from: index)
    }

    /// Puts `time` at `index` (no later than what was there), moving it up
    /// past every later parent.
    private mutating func siftUp(_ time: Instant, from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard time < freeAt[parent] else { break }
            freeAt[child] = freeAt[parent]
            child = parent
        }
        freeAt[child] = time
    }

    /// Frees the worker that comes free first and returns when it did.
    /// Requires `count > 0`.
    mutating func releaseEarliest() -> Instant {
        let earliest = freeAt[0]
        let last = freeAt.removeLast()
        guard !freeAt.isEmpty else { return earliest }
        var hole = 0
        let n = freeAt.count
        while true {
            var child = 2 * hole + 1
            if child >= n { break }
            if child + 1 < n, freeAt[child + 1] < freeAt[child] { child += 1 }
            guard freeAt[child] < last else { break }
            freeAt[hole] = freeAt[child]
            hole = child
        }
        freeAt[hole] = last
        return earliest
    }
}
