/// The servers one request has already been given (nginx's `rrp->tried`
/// bitmap), so a retry goes elsewhere.
///
/// Up to 64 servers live in one inline word, as in nginx (`uintptr_t data`):
/// no allocation. Larger groups keep the extra words in an array allocated
/// once when the set is created; `removeAll()` keeps that storage, so a driver
/// that reuses one `PeerRequestState` per request slot never allocates.
public struct TriedServers: Hashable, Sendable {
    @usableFromInline var inlineWord: UInt64
    @usableFromInline var overflowWords: [UInt64]

    /// An empty set able to hold server indices `0..<serverCount`.
    public init(serverCount: Int) {
        inlineWord = 0
        let extra = serverCount > 64 ? (serverCount - 64 + 63) / 64 : 0
        overflowWords = extra > 0 ? [UInt64](repeating: 0, count: extra) : []
    }

    /// The highest index + 1 the set can hold.
    @inlinable public var capacity: Int { 64 + overflowWords.count * 64 }

    @inlinable
    public func contains(_ server: Int) -> Bool {
        if server < 64 { return inlineWord & (1 << UInt64(server)) != 0 }
        let word = (server - 64) >> 6
        return overflowWords[word] & (1 << UInt64((server - 64) & 63)) != 0
    }

    @inlinable
    public mutating func insert(_ server: Int) {
        if server < 64 { inlineWord |= 1 << UInt64(server); return }
        overflowWords[(server - 64) >> 6] |= 1 << UInt64((server - 64) & 63)
    }

    /// Forgets every server, keeping the storage (nginx clears the bitmap when
    /// a request switches to the backup servers).
    @inlinable
    public mutating func removeAll() {
        inlineWord = 0
        for i in overflowWords.indices { overflowWords[i] = 0 }
    }

    /// How many servers are in the set.
    public var count: Int {
        overflowWords.reduce(inlineWord.nonzeroBitCount) { $0 + $1.nonzeroBitCount }
    }
}
