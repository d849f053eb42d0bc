/// One payload slot of an `EventQueue`.
///
/// The payload sits beside the key an entry has while it waits in a bucket
/// or the far list, so the walk that moves a bucket into the near tier also
/// brings the payloads into the cache for the pops that follow (a 16-byte
/// payload makes a 32-byte slot: two per cache line).
@usableFromInline
struct EventQueueSlot<Payload> {
    /// The key of an entry waiting in a bucket or in the far list.
    @usableFromInline var parked: UInt128
    @usableFromInline var payload: Payload

    @inlinable
    init(parked: UInt128, payload: Payload) { self.parked = parked; self.payload = payload }
}

/// The memory of an `EventQueue`, allocated once per capacity (a power of
/// two): the near tier's keys (and a few scratch keys after them), the slots,
/// the links of the lists of waiting entries, the free-slot stack, and the
/// bucket ring's list heads and occupancy bits (at most `maximumBuckets`,
/// two per slot).
///
/// A class so that it can free the memory and so that copies of a queue can
/// share it until one of them mutates (copy-on-write). Hot paths only read
/// its `let` pointers, which costs no exclusivity checks; the counts live in
/// the `EventQueue` value.
@usableFromInline
final class EventQueueStorage<Payload> {
    /// Slots; also the most keys the near tier can hold.
    @usableFromInline let capacity: Int
    @inlinable var maximumBuckets: Int { 2 * capacity }
    /// The near tier's keys. As a heap, the root is element 3 of a
    /// 64-byte-aligned allocation, so the four children of node `i`
    /// (elements `4i + 4 ..< 4i + 8`) fill exactly one cache line.
    @usableFromInline let nearKeys: UnsafeMutablePointer<UInt128>
    /// Room for `scratchKeyCount` keys, for sorting a short run (see
    /// `EventQueue.sortShortRunLatestFirst`). Holds nothing between calls.
    @usableFromInline let scratchKeys: UnsafeMutablePointer<UInt128>
    @inlinable static var scratchKeyCount: Int { 8 }
    /// 64-byte aligned, so that a slot never straddles two cache lines
    /// when slots are 16, 32 or 64 bytes.
    @usableFromInline let slots: UnsafeMutablePointer<EventQueueSlot<Payload>>
    @usableFromInline let freeSlots: UnsafeMutablePointer<UInt32>
    /// For a slot whose entry waits in a bucket or the far list: the next
    /// slot of that list, or `EventQueueKey.noSlot`. Apart from the slots,
    /// so that a walk over a list finds the next slot without waiting for
    /// this one's key and payload (a cache line of their own) to arrive:
    /// the loads of the keys overlap.
    @usableFromInline let links: UnsafeMutablePointer<UInt32>
    /// The first slot of each bucket's list, or `EventQueueKey.noSlot`.
    @usableFromInline let bucketHeads: UnsafeMutablePointer<UInt32>
    /// One bit per bucket, set when its list is not empty, and one more word
    /// so that the bit after the last bucket can stop a scan.
    @usableFromInline let bucketBits: UnsafeMutablePointer<UInt64>
    /// Slots `0 ..< initializedPayloads` hold a payload (live or stale).
    @usableFromInline var initializedPayloads = 0
    let nearKeyAllocation: UnsafeMutableRawPointer
    let slotAllocation: UnsafeMutableRawPointer

    @usableFromInline
    init(capacity: Int) {
        self.capacity = capacity
        let nearKeyCapacity = 3 + capacity + Self.scratchKeyCount
        nearKeyAllocation = .allocate(byteCount: nearKeyCapacity * MemoryLayout<UInt128>.stride, alignment: 64)
        nearKeys = nearKeyAllocation.bindMemory(to: UInt128.self, capacity: nearKeyCapacity) + 3
        scratchKeys = nearKeys + capacity
        let slotStride = MemoryLayout<EventQueueSlot<Payload>>.stride
        slotAllocation = .allocate(byteCount: capacity * slotStride, alignment: Swift.max(64, MemoryLayout<EventQueueSlot<Payload>>.alignment))
        slots = slotAllocation.bindMemory(to: EventQueueSlot<Payload>.self, capacity: capacity)
        freeSlots = .allocate(capacity: capacity)
        links = .allocate(capacity: capacity)
        bucketHeads = .allocate(capacity: 2 * capacity)
        bucketBits = .allocate(capacity: 2 * capacity / 64 + 1)
        bucketBits.initialize(repeating: 0, count: 2 * capacity / 64 + 1)
    }

    deinit {
        slots.deinitialize(count: initializedPayloads)
        slotAllocation.deallocate()
        freeSlots.deallocate()
        links.deallocate()
        bucketHeads.deallocate()
        bucketBits.deallocate()
        nearKeyAllocation.deallocate()
    }

    /// A copy with room for `capacity` slots (>= the current capacity).
    /// The counts say which parts hold data.
    @usableFromInline
    func copy(capacity newCapacity: Int, nearKeyCount: Int, freeCount: Int, bucketCount: Int) -> EventQueueStorage {
        let copy = EventQueueStorage(capacity: newCapacity)
        copy.nearKeys.initialize(from: nearKeys, count: nearKeyCount)
        copy.slots.initialize(from: slots, count: initializedPayloads)
        copy.freeSlots.initialize(from: freeSlots, count: freeCount)
        copy.links.initialize(from: links, count: initializedPayloads)
        copy.bucketHeads.initialize(from: bucketHeads, count: bucketCount)
        copy.bucketBits.initialize(from: bucketBits, count: bucketCount / 64 + 1)
        copy.initializedPayloads = initializedPayloads
        return copy
    }
}
