/// A binary min-heap of timer deadlines ordered by (deadline, sequence): a
/// total order, so timers due at the same instant fire in the order they were
/// scheduled. Cancellation is lazy (the loop forgets the callback; the entry
/// is skipped when it reaches the top), because idle timers are re-armed on
/// every reuse of a connection (swift-linux-notes.md, "Performance").
struct TimerHeap {
    struct Entry: Comparable {
        var deadline: Int64
        /// Also the timer's id.
        var sequence: UInt64
        static func < (a: Entry, b: Entry) -> Bool {
            a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence
        }
    }

    private(set) var entries: [Entry] = []

    var count: Int { entries.count }
    var first: Entry? { entries.first }

    mutating func insert(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child] < entries[parent] else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeFirst() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let first = entries.removeLast()
        siftDown(from: 0)
        return first
    }

    /// Keeps only entries `isLive` accepts (drops cancelled timers in bulk).
    mutating func retain(where isLive: (Entry) -> Bool) {
        entries.removeAll { !isLive($0) }
        var index = entries.count / 2
        while index > 0 {
            index -= 1
            siftDown(from: index)
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            let right = left + 1
            let smaller = right < entries.count && entries[right] < entries[left] ? right : left
            guard entries[smaller] < entries[parent] else { return }
            entries.swapAt(smaller, parent)
            parent = smaller
        }
    }
}
