/// A min-heap of trace records by (time, arrival order): an access log is
/// written in order of completion, a trace must be in order of sending.
struct ReorderBuffer {
    private var heap: [(record: TraceRecord, sequence: Int)] = []
    private var sequence = 0

    var count: Int { heap.count }
    var earliest: TraceRecord? { heap.first?.record }

    mutating func insert(_ record: TraceRecord) {
        heap.append((record, sequence))
        sequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeEarliest() -> TraceRecord? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast().record
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, precedes(left, smallest) { smallest = left }
            if right < heap.count, precedes(right, smallest) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        (heap[a].record.time, heap[a].sequence) < (heap[b].record.time, heap[b].sequence)
    }
}
