/// A FIFO of entity references (id and generation) without per-operation
/// allocation once warmed up.
struct IDQueue {
    struct Item { var id: Int32; var generation: UInt32 }
    private var items: [Item] = []
    private var head = 0
    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }
    mutating func append(_ id: Int32, generation: UInt32) { items.append(Item(id: id, generation: generation)) }
    mutating func popFirst() -> Item? {
        guard head < items.count else { return nil }
        let id = items[head]
        head += 1
        if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        return id
    }
}
