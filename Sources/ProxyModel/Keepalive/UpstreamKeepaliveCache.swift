/// One worker's keepalive cache for one upstream block
/// (ngx_http_upstream_keepalive_module.c; nginx-semantics.md section 1).
///
/// Up to `capacity` slots, each either idle (in the cache list, most recently
/// stored first) or free, like nginx's `cache` and `free` queues. The
/// capacity bounds idle connections only and is shared by all servers of the
/// block. nginx allocates all N slots at configuration time; here slots are
/// added only when a connection is stored and every existing slot is idle, so
/// memory follows the idle connections actually held (at their high-water
/// mark), not `keepalive N` (`keepalive 1000000000` must not allocate 1e9
/// slots). Which connection is taken or evicted is the same either way: the
/// cache list's order does not depend on slot numbers. Every operation is a
/// scan of at most the idle connections, as in nginx.
///
/// Same-instant rule for drivers: nginx handles network events before expired
/// timers in one loop pass, so for requests and idle deadlines at the same
/// instant call `take` first, then `removeExpired(now:)`.
public struct UpstreamKeepaliveCache: Sendable {
    /// The block's resolved keepalive settings.
    public let settings: UpstreamKeepaliveSettings

    /// One cache item: `ngx_http_upstream_keepalive_cache_t`.
    @usableFromInline
    struct Slot: Sendable {
        @usableFromInline var connection: Int32
        /// The address key of the server (nginx compares `sockaddr`).
        @usableFromInline var address: Int32
        /// The storing location (nginx's `item->tag`), checked under `local`.
        @usableFromInline var location: Int32
        /// When it was stored: the idle timer starts here.
        @usableFromInline var storedAt: Instant
        /// Neighbours in the cache list (-1 = none); a free slot chains through `older`.
        @usableFromInline var newer: Int32
        @usableFromInline var older: Int32

        @usableFromInline
        init(connection: Int32, address: Int32, location: Int32, storedAt: Instant, newer: Int32, older: Int32) {
            self.connection = connection; self.address = address; self.location = location
            self.storedAt = storedAt; self.newer = newer; self.older = older
        }
    }

    /// The slots made so far: never more than `capacity`, and only as many as were idle at once.
    @usableFromInline var slots: [Slot]
    /// `keepalive N` (at least 0).
    @usableFromInline let slotLimit: Int
    /// Most recently stored idle slot, or -1.
    @usableFromInline var head: Int32
    /// Least recently stored idle slot, or -1: the next to be evicted and the earliest deadline.
    @usableFromInline var tail: Int32
    /// First free slot, or -1.
    @usableFromInline var freeHead: Int32
    @usableFromInline var idleCount: Int

    /// An empty cache for `settings.capacity` idle connections (a capacity
    /// below 1 stores nothing); it allocates no slot before the first store.
    public init(settings: UpstreamKeepaliveSettings) {
        self.settings = settings
        slotLimit = max(0, settings.capacity)
        slots = []
        head = -1
        tail = -1
        freeHead = -1
        idleCount = 0
    }

    /// Idle connections held.
    @inlinable public var count: Int { idleCount }
    /// `keepalive N`.
    @inlinable public var capacity: Int { slotLimit }
    @inlinable public var isEmpty: Bool { idleCount == 0 }
    /// Slots made so far: the most connections ever idle here at once, at most `capacity`.
    public var slotsAllocated: Int { slots.count }

    /// Reuse for a request whose balancer chose the server with this address key
    /// (`ngx_http_upstream_get_keepalive_peer`): scans from the most recently
    /// stored, takes the first idle connection to that address (and, under
    /// `local`, stored by `location`) and stops its idle timer. Nil: open a new
    /// connection. The balancer is not biased toward servers with cached connections.
    @inlinable
    public mutating func take(address: Int32, location: Int32) -> UpstreamConnectionID? {
        let local = settings.local
        var index = head
        while index >= 0 {
            let slot = slots[Int(index)]
            if slot.address == address && (!local || slot.location == location) {
                unlink(index)
                pushFree(index)
                return UpstreamConnectionID(slot.connection)
            }
            index = slot.older
        }
        return nil
    }

    /// Stores an idle connection at the head (most recently used), starting
    /// its idle timer at `now`. When all slots are idle, the least recently
    /// stored connection of any server is evicted and returned: the driver
    /// closes it (nginx is the active closer). A cache with no slots returns
    /// `connection` itself. `now` must not go backwards between calls.
    @inlinable
    public mutating func store(
        _ connection: UpstreamConnectionID, address: Int32, location: Int32, now: Instant
    ) -> UpstreamConnectionID? {
        var evicted: UpstreamConnectionID? = nil
        var index = freeHead
        if index >= 0 {
            freeHead = slots[Int(index)].older
        } else if slots.count < slotLimit {
            // Every slot made so far is idle (the free list is empty): make one more.
            index = Int32(truncatingIfNeeded: slots.count)
            slots.append(Slot(connection: -1, address: -1, location: -1, storedAt: .zero, newer: -1, older: -1))
        } else {
            guard tail >= 0 else { return connection }
            index = tail
            evicted = UpstreamConnectionID(slots[Int(index)].connection)
            unlink(index)
        }
        slots[Int(index)] = Slot(connection: connection.rawValue, address: address, location: location,
                                 storedAt: now, newer: -1, older: head)
        if head >= 0 { slots[Int(head)].newer = index } else { tail = index }
        head = index
        idleCount += 1
        return evicted
    }

    /// When the next idle connection times out, or `distantFuture`.
    ///
    /// O(1): connections enter at the head with a non-decreasing `now`, so
    /// store times never increase from head to tail, and taking or removing a
    /// slot keeps that order. All slots share the block's one
    /// `keepalive_timeout`, so the tail — the least recently stored — has the
    /// earliest deadline. (Checked by a randomized test.)
    @inlinable
    public var nextIdleDeadline: Instant {
        guard tail >= 0, let timeout = settings.keepaliveTimeout else { return .distantFuture }
        return slots[Int(tail)].storedAt.addingSaturating(timeout)
    }

    /// Removes and returns one connection whose idle timeout has passed
    /// (deadline <= now); call until nil. The driver closes each with
    /// `UpstreamCloseReason.proxyIdleTimeout`.
    @inlinable
    public mutating func removeExpired(now: Instant) -> UpstreamConnectionID? {
        guard settings.keepaliveTimeout != nil, nextIdleDeadline <= now else { return nil }
        return removeLeastRecentlyStored()
    }

    /// Removes an idle connection the backend closed (FIN, RST or unexpected
    /// data fires nginx's `ngx_http_upstream_keepalive_close_handler` on the
    /// next loop pass). Returns false if it was not idle here. The driver
    /// reports `UpstreamCloseReason.backendClosedWhileIdle`.
    @inlinable
    @discardableResult
    public mutating func remove(_ connection: UpstreamConnectionID) -> Bool {
        var index = head
        while index >= 0 {
            let slot = slots[Int(index)]
            if slot.connection == connection.rawValue {
                unlink(index)
                pushFree(index)
                return true
            }
            index = slot.older
        }
        return false
    }

    /// Removes and returns the least recently stored idle connection; for a
    /// worker that exits (`UpstreamCloseReason.workerExiting`): call until nil.
    @inlinable
    public mutating func removeLeastRecentlyStored() -> UpstreamConnectionID? {
        guard tail >= 0 else { return nil }
        let index = tail
        let connection = UpstreamConnectionID(slots[Int(index)].connection)
        unlink(index)
        pushFree(index)
        return connection
    }

    /// Whether a connection is idle in this cache.
    public func contains(_ connection: UpstreamConnectionID) -> Bool {
        var index = head
        while index >= 0 {
            if slots[Int(index)].connection == connection.rawValue { return true }
            index = slots[Int(index)].older
        }
        return false
    }

    /// The idle connections, most recently stored first (for reports and tests; allocates).
    public var idleConnectionsMostRecentFirst: [UpstreamConnectionID] {
        var result: [UpstreamConnectionID] = []
        var index = head
        while index >= 0 {
            result.append(UpstreamConnectionID(slots[Int(index)].connection))
            index = slots[Int(index)].older
        }
        return result
    }

    /// Takes an idle slot out of the cache list.
    @inlinable
    mutating func unlink(_ index: Int32) {
        let slot = slots[Int(index)]
        if slot.newer >= 0 { slots[Int(slot.newer)].older = slot.older } else { head = slot.older }
        if slot.older >= 0 { slots[Int(slot.older)].newer = slot.newer } else { tail = slot.newer }
        idleCount -= 1
    }

    /// Puts a slot on the free list.
    @inlinable
    mutating func pushFree(_ index: Int32) {
        slots[Int(index)].older = freeHead
        slots[Int(index)].newer = -1
        freeHead = index
    }
}
