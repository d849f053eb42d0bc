/// The near heap's algorithms: a 4-ary implicit min-heap of 128-bit keys
/// (see `EventQueueStorage.heap` for why its sibling groups are cache lines).
/// Children of node `i` are `4i + 1 ... 4i + 4`; its parent is `(i - 1) / 4`.
extension EventQueue {
    /// Adds `key` to a heap of `n` keys (it becomes key `n`). O(log₄ n), and
    /// usually O(1): keys pushed for the future stay near the bottom.
    @inlinable @inline(__always)
    static func siftUp(_ key: UInt128, in heap: UnsafeMutablePointer<UInt128>, count n: Int) {
        // Move parents down into the hole, write the key once.
        var child = n
        while child > 0 {
            let parent = (child &- 1) >> 2
            let parentKey = heap[parent]
            guard key < parentKey else { break }
            heap[child] = parentKey
            child = parent
        }
        heap[child] = key
    }

    /// Writes `key` into the root of a heap of `n` keys whose root is a
    /// hole, and restores the heap property. O(log₄ n).
    ///
    /// Bottom-up (Wegener; Floyd's trick): a pushed or last key almost
    /// always belongs near the bottom, so walk the hole down along the
    /// earliest children to a leaf without comparing against `key`, then
    /// sift `key` up from there. That saves a compare and a mispredicted
    /// exit per level.
    @inlinable @inline(__always)
    static func sink(_ key: UInt128, in heap: UnsafeMutablePointer<UInt128>, count n: Int) {
        var hole = 0
        while true {
            let first = 4 &* hole &+ 1
            if first >= n { break }
            let (best, bestKey) = earliestChild(heap, first: first, count: n)
            heap[hole] = bestKey
            hole = best
        }
        while hole > 0 {
            let parent = (hole &- 1) >> 2
            let parentKey = heap[parent]
            guard key < parentKey else { break }
            heap[hole] = parentKey
            hole = parent
        }
        heap[hole] = key
    }

    /// The index and key of the earliest of the (up to four) children
    /// starting at `first`. Selects with conditional moves, not branches:
    /// which child is earliest is a coin toss no predictor can learn.
    @inlinable @inline(__always)
    static func earliestChild(_ heap: UnsafeMutablePointer<UInt128>, first: Int, count n: Int) -> (Int, UInt128) {
        if first &+ 3 < n {
            // All four children exist (the common case): a tournament of
            // three compares, two of them independent.
            let k0 = heap[first], k1 = heap[first &+ 1]
            let k2 = heap[first &+ 2], k3 = heap[first &+ 3]
            let left = k1 < k0 ? first &+ 1 : first
            let leftKey = k1 < k0 ? k1 : k0
            let right = k3 < k2 ? first &+ 3 : first &+ 2
            let rightKey = k3 < k2 ? k3 : k2
            return rightKey < leftKey ? (right, rightKey) : (left, leftKey)
        }
        var best = first, bestKey = heap[first]
        var c = first &+ 1
        while c < n {
            if heap[c] < bestKey { best = c; bestKey = heap[c] }
            c &+= 1
        }
        return (best, bestKey)
    }

    /// Turns `n` keys in any order into a heap. O(n) (Floyd's construction).
    @inlinable
    static func heapify(_ heap: UnsafeMutablePointer<UInt128>, count n: Int) {
        guard n > 1 else { return }
        var start = (n &- 2) >> 2
        while start >= 0 {
            let key = heap[start]
            var hole = start
            while true {
                let first = 4 &* hole &+ 1
                if first >= n { break }
                let (best, bestKey) = earliestChild(heap, first: first, count: n)
                guard bestKey < key else { break }
                heap[hole] = bestKey
                hole = best
            }
            heap[hole] = key
            start &-= 1
        }
    }
}
