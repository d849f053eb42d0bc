/// The packing of `EventQueue`'s 128-bit keys:
///
///     key   = sortable time (64 bits) | order (64 bits)
///     order = phase (1 bit) | sequence (32 bits) | slot (31 bits)
///
/// - The sortable time is the time with its sign bit flipped, so that
///   unsigned order is time order, negative times included.
/// - One wide unsigned compare of two keys therefore compares
///   `(time, phase, sequence)`; the slot bits never decide anything, because
///   sequences are unique.
/// - The slot says where the entry's payload is (and, while the entry
///   waits in a bucket or the far list, where its key is).
@usableFromInline
enum EventQueueKey {
    @usableFromInline static let slotBits: UInt64 = 31
    @usableFromInline static let slotMask: UInt64 = 1 << 31 - 1
    /// The end of a bucket's list; never a slot.
    @usableFromInline static let noSlot: UInt32 = 1 << 31 - 1
    /// Slots are `0 ..< slotLimit`.
    @usableFromInline static let slotLimit = 1 << 31 - 1
    @usableFromInline static let sequenceCount: UInt64 = 1 << 32
    @usableFromInline static let signBit: UInt64 = 1 << 63

    @inlinable @inline(__always)
    static func sortableTime(_ time: Int64) -> UInt64 { UInt64(bitPattern: time) ^ signBit }

    @inlinable @inline(__always)
    static func make(sortableTime: UInt64, phase: EventPhase, sequence: UInt64, slot: Int) -> UInt128 {
        let order = UInt64(phase.rawValue) << 63 | sequence << slotBits | UInt64(truncatingIfNeeded: slot)
        return UInt128(sortableTime) << 64 | UInt128(order)
    }

    @inlinable @inline(__always)
    static func sortableTime(of key: UInt128) -> UInt64 { UInt64(truncatingIfNeeded: key >> 64) }

    @inlinable @inline(__always)
    static func time(of key: UInt128) -> Int64 { Int64(bitPattern: sortableTime(of: key) ^ signBit) }

    @inlinable @inline(__always)
    static func phase(of key: UInt128) -> EventPhase { UInt64(truncatingIfNeeded: key) >> 63 == 0 ? .network : .timer }

    @inlinable @inline(__always)
    static func sequence(of key: UInt128) -> UInt64 {
        (UInt64(truncatingIfNeeded: key) >> slotBits) & (sequenceCount - 1)
    }

    @inlinable @inline(__always)
    static func slot(of key: UInt128) -> Int { Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: key) & slotMask) }

    @inlinable
    static func renumbered(_ key: UInt128, sequence: UInt64) -> UInt128 {
        let sequenceMask = UInt128((sequenceCount - 1) << slotBits)
        return key & ~sequenceMask | UInt128(sequence << slotBits)
    }
}
