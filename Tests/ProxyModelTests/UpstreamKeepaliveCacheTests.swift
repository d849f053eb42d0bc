import Randomness
import ProxyModel
import Testing

/// nginx-semantics.md section 1 (ngx_http_upstream_keepalive_module.c) and section 8.5.
struct UpstreamKeepaliveCacheTests {
    static let a: Int32 = 0
    static let b: Int32 = 1
    static let c: Int32 = 2
    static let here: Int32 = 0

    func cache(_ capacity: Int, local: Bool = false, timeout: TimeSpan? = .seconds(60),
               requests: Int? = 1000, time: TimeSpan? = .hours(1)) -> UpstreamKeepaliveCache {
        UpstreamKeepaliveCache(settings: UpstreamKeepaliveSettings(
            capacity: capacity, local: local, keepaliveTimeout: timeout, keepaliveRequests: requests,
            keepaliveTime: time))
    }

    func id(_ n: Int32) -> UpstreamConnectionID { UpstreamConnectionID(n) }
    func t(_ seconds: Int64) -> Instant { Instant.zero + .seconds(seconds) }

    /// A released connection that may be cached.
    func fine(requests: Int = 1, openedAt: Instant = .zero) -> UpstreamAttemptEnd {
        UpstreamAttemptEnd(requestsServed: requests, openedAt: openedAt)
    }

    @Test func capacityIsSharedByAllServersOfTheBlock() {
        var cache = cache(2)
        let result1 = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        #expect(result1 == nil)
        let result2 = cache.store(id(2), address: Self.b, location: Self.here, now: t(2))
        #expect(result2 == nil)
        let result3 = cache.store(id(3), address: Self.c, location: Self.here, now: t(3))
        #expect(result3 == id(1))
        #expect(cache.count == 2)
    }

    /// `keepalive 1000000000` must not allocate 10^9 slots: memory follows
    /// the connections idle at once, and a freed slot is reused before a new one is made.
    @Test func aHugeKeepaliveAllocatesOnlyTheSlotsOfConnectionsHeldIdleAtOnce() {
        var cache = cache(1_000_000_000)
        #expect(cache.capacity == 1_000_000_000)
        #expect(cache.slotsAllocated == 0)
        for n in Int32(1)...3 {
            let evicted = cache.store(id(n), address: Self.a, location: Self.here, now: t(Int64(n)))
            #expect(evicted == nil)
        }
        #expect(cache.slotsAllocated == 3)
        let taken = cache.take(address: Self.a, location: Self.here)
        #expect(taken == id(3))
        let evicted = cache.store(id(4), address: Self.b, location: Self.here, now: t(4))
        #expect(evicted == nil)
        #expect(cache.slotsAllocated == 3)
        #expect(cache.idleConnectionsMostRecentFirst == [id(4), id(2), id(1)])
    }

    @Test func capacityBoundsIdleConnectionsOnlyNotActiveOnes() {
        // Five requests in flight at once open five connections; only two can stay idle afterwards.
        var cache = cache(2)
        var evicted: [UpstreamConnectionID] = []
        for _ in 1...5 {
            let reused = cache.take(address: Self.a, location: Self.here)
            #expect(reused == nil)
        }
        for n: Int32 in 1...5 {
            if case .stored(let out) = cache.release(id(n), address: Self.a, location: Self.here, end: fine(), now: t(1)),
               let out {
                evicted.append(out)
            }
        }
        #expect(evicted == [id(1), id(2), id(3)])
        #expect(cache.idleConnectionsMostRecentFirst == [id(5), id(4)])
    }

    @Test func lookupTakesTheMostRecentlyStoredConnectionToTheChosenServer() {
        var cache = cache(4)
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        _ = cache.store(id(2), address: Self.a, location: Self.here, now: t(2))
        _ = cache.store(id(3), address: Self.b, location: Self.here, now: t(3))
        let result1 = cache.take(address: Self.a, location: Self.here)
        #expect(result1 == id(2))
        let result2 = cache.take(address: Self.a, location: Self.here)
        #expect(result2 == id(1))
        let result3 = cache.take(address: Self.a, location: Self.here)
        #expect(result3 == nil)
        #expect(cache.idleConnectionsMostRecentFirst == [id(3)])
    }

    @Test func lookupForAServerWithoutCachedConnectionsOpensANewOneAndLeavesOthersIdle() {
        var cache = cache(4)
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        let result1 = cache.take(address: Self.b, location: Self.here)
        #expect(result1 == nil)
        #expect(cache.contains(id(1)))
    }

    @Test func withoutLocalEveryLocationReusesEveryConnection() {
        var cache = cache(4, local: false)
        _ = cache.store(id(1), address: Self.a, location: 0, now: t(1))
        let result1 = cache.take(address: Self.a, location: 1)
        #expect(result1 == id(1))
    }

    /// Section 8.5: `local` keeps locations' connections apart.
    @Test func localCacheReusesOnlyConnectionsStoredByTheSameLocation() {
        var cache = cache(4, local: true)
        _ = cache.store(id(1), address: Self.a, location: 0, now: t(1))
        _ = cache.store(id(2), address: Self.a, location: 1, now: t(2))
        let result1 = cache.take(address: Self.a, location: 0)
        #expect(result1 == id(1))
        let result2 = cache.take(address: Self.a, location: 0)
        #expect(result2 == nil)
        let result3 = cache.take(address: Self.a, location: 1)
        #expect(result3 == id(2))
    }

    /// Section 8.5: `local` locations share the N slots, so one evicts the other's connections.
    @Test func localLocationsShareTheSlotsAndEvictEachOthersConnections() {
        var cache = cache(2, local: true)
        _ = cache.store(id(1), address: Self.a, location: 0, now: t(1))
        _ = cache.store(id(2), address: Self.a, location: 1, now: t(2))
        let result1 = cache.store(id(3), address: Self.a, location: 1, now: t(3))
        #expect(result1 == id(1))
        let result2 = cache.take(address: Self.a, location: 0)
        #expect(result2 == nil)
    }

    @Test func evictionClosesTheLeastRecentlyStoredConnectionOfAnyServer() {
        var cache = cache(3)
        _ = cache.store(id(1), address: Self.b, location: Self.here, now: t(1))
        _ = cache.store(id(2), address: Self.a, location: Self.here, now: t(2))
        _ = cache.store(id(3), address: Self.a, location: Self.here, now: t(3))
        // Taking and giving back id(1) makes it the most recent; id(2) is now the least recent.
        let result1 = cache.take(address: Self.b, location: Self.here)
        #expect(result1 == id(1))
        _ = cache.store(id(1), address: Self.b, location: Self.here, now: t(4))
        let result2 = cache.release(id(4), address: Self.c, location: Self.here, end: fine(), now: t(5))
        #expect(result2 == .stored(evicted: id(2)))
        #expect(cache.idleConnectionsMostRecentFirst == [id(4), id(1), id(3)])
    }

    @Test func idleTimerStartsWhenTheConnectionIsStored() {
        var cache = cache(2, timeout: .seconds(60))
        #expect(cache.nextIdleDeadline == .distantFuture)
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(10))
        #expect(cache.nextIdleDeadline == t(70))
    }

    @Test func idleConnectionIsRemovedAtItsKeepaliveTimeoutAndNotBefore() {
        var cache = cache(2, timeout: .seconds(60))
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(10))
        let result1 = cache.removeExpired(now: t(70) - .nanoseconds(1))
        #expect(result1 == nil)
        let result2 = cache.removeExpired(now: t(70))
        #expect(result2 == id(1))
        let result3 = cache.removeExpired(now: t(70))
        #expect(result3 == nil)
        #expect(cache.isEmpty)
    }

    @Test func takingAConnectionStopsItsIdleTimer() {
        var cache = cache(2, timeout: .seconds(60))
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        _ = cache.store(id(2), address: Self.b, location: Self.here, now: t(5))
        let result1 = cache.take(address: Self.a, location: Self.here)
        #expect(result1 == id(1))
        #expect(cache.nextIdleDeadline == t(65))
    }

    /// nginx runs network events before expired timers: a request at the expiry instant gets the connection.
    @Test func requestInTheSameInstantAsTheIdleExpiryWins() {
        var cache = cache(2, timeout: .seconds(60))
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(0))
        let result1 = cache.take(address: Self.a, location: Self.here)
        #expect(result1 == id(1))
        let result2 = cache.removeExpired(now: t(60))
        #expect(result2 == nil)
    }

    @Test func withoutUpstreamKeepaliveTimeoutIdleConnectionsNeverExpire() {
        var cache = cache(2, timeout: nil)  // before nginx 1.15.3
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(0))
        #expect(cache.nextIdleDeadline == .distantFuture)
        let result1 = cache.removeExpired(now: t(1_000_000))
        #expect(result1 == nil)
    }

    @Test func backendCloseWhileIdleRemovesTheConnectionAndFreesItsSlot() {
        var cache = cache(2)
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        _ = cache.store(id(2), address: Self.a, location: Self.here, now: t(2))
        let result1 = cache.remove(id(1))
        #expect(result1)
        let result2 = cache.remove(id(1))
        #expect(!result2)
        let result3 = cache.store(id(3), address: Self.a, location: Self.here, now: t(3))
        #expect(result3 == nil)
        #expect(cache.idleConnectionsMostRecentFirst == [id(3), id(2)])
    }

    /// Ambiguous in nginx (kernel event order within one epoll batch): both settings.
    @Test(arguments: [SameLoopPassOrder.backendCloseFirst, .requestFirst])
    func backendCloseAndRequestInOneLoopPassFollowTheChosenOrder(order: SameLoopPassOrder) {
        var cache = cache(2)
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        var taken: UpstreamConnectionID?
        switch order {
        case .backendCloseFirst:
            let removed = cache.remove(id(1))
            #expect(removed)
            taken = cache.take(address: Self.a, location: Self.here)
            #expect(taken == nil)  // the request opens a fresh connection
        case .requestFirst:
            taken = cache.take(address: Self.a, location: Self.here)
            #expect(taken == id(1))  // the request writes on a closed connection
            let removed = cache.remove(id(1))
            #expect(!removed)  // no longer idle: the failure surfaces on the request instead
        case .arrival:
            break  // whichever arrived first: one of the two above (EventLoopPassTests)
        }
    }

    @Test func exitingWorkerClosesIdleConnectionsOldestFirstAndCachesNothing() {
        var cache = cache(3)
        _ = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        _ = cache.store(id(2), address: Self.b, location: Self.here, now: t(2))
        let result1 = cache.removeLeastRecentlyStored()
        #expect(result1 == id(1))
        let result2 = cache.removeLeastRecentlyStored()
        #expect(result2 == id(2))
        let result3 = cache.removeLeastRecentlyStored()
        #expect(result3 == nil)
        var end = fine()
        end.workerExiting = true
        let result4 = cache.release(id(3), address: Self.a, location: Self.here, end: end, now: t(3))
        #expect(result4 == .closed(.workerExiting))
    }

    @Test func failedAttemptIsNotCached() {
        var cache = cache(2)
        var end = fine()
        end.attemptFailed = true
        let result1 = cache.release(id(1), address: Self.a, location: Self.here, end: end, now: t(1))
        #expect(result1 == .closed(.failedAttempt))
        #expect(cache.isEmpty)
    }

    @Test func connectionWhoseBackendAlreadyClosedIsNotCached() {
        var cache = cache(2)
        var end = fine()
        end.backendClosed = true
        let result1 = cache.release(id(1), address: Self.a, location: Self.here, end: end, now: t(1))
        #expect(result1 == .closed(.backendClosedAfterResponse))
    }

    @Test func connectionServesExactlyKeepaliveRequestsRequests() {
        var cache = cache(2, requests: 3)
        // The count includes the request just served: after the 2nd it is cached, after the 3rd it is not.
        let result1 = cache.release(id(1), address: Self.a, location: Self.here, end: fine(requests: 2), now: t(1))
        #expect(result1 == .stored(evicted: nil))
        let result2 = cache.take(address: Self.a, location: Self.here)
        #expect(result2 == id(1))
        let result3 = cache.release(id(1), address: Self.a, location: Self.here, end: fine(requests: 3), now: t(2))
        #expect(result3 == .closed(.keepaliveRequestsReached))
    }

    @Test func withoutUpstreamKeepaliveRequestsAConnectionServesAnyNumber() {
        var cache = cache(2, requests: nil)  // before nginx 1.15.3
        let result1 = cache.release(id(1), address: Self.a, location: Self.here, end: fine(requests: 1_000_000), now: t(1))
        #expect(result1 == .stored(evicted: nil))
    }

    @Test func connectionOlderThanKeepaliveTimeAtReleaseIsNotCached() {
        var cache = cache(2, time: .seconds(100))
        let result1 = cache.release(id(1), address: Self.a, location: Self.here, end: fine(openedAt: t(0)), now: t(100))
        #expect(result1 == .stored(evicted: nil))
        let result2 = cache.take(address: Self.a, location: Self.here)
        #expect(result2 == id(1))
        let result3 = cache.release(id(1), address: Self.a, location: Self.here, end: fine(openedAt: t(0)),
                              now: t(100) + .nanoseconds(1))
        #expect(result3 == .closed(.keepaliveTimeExceeded))
    }

    @Test func connectionThatAgedPastKeepaliveTimeWhileIdleIsUsedOnceMore() {
        var cache = cache(2, time: .seconds(100))
        _ = cache.release(id(1), address: Self.a, location: Self.here, end: fine(openedAt: t(0)), now: t(90))
        // At t=120 it is older than keepalive_time, but lookup does not check age.
        let result1 = cache.take(address: Self.a, location: Self.here)
        #expect(result1 == id(1))
        let result2 = cache.release(id(1), address: Self.a, location: Self.here, end: fine(requests: 2, openedAt: t(0)),
                              now: t(121))
        #expect(result2 == .closed(.keepaliveTimeExceeded))
    }

    @Test(arguments: [
        (UpstreamResponseEnd.markedClose, UpstreamCloseReason.responseMarkedClose),
        (.switchedProtocols, .responseSwitchedProtocols),
        (.finishedEarly, .responseFinishedEarly),
    ])
    func responseThatIsNotKeepaliveAbleIsNotCached(response: UpstreamResponseEnd, reason: UpstreamCloseReason) {
        var cache = cache(2)
        var end = fine()
        end.response = response
        let result1 = cache.release(id(1), address: Self.a, location: Self.here, end: end, now: t(1))
        #expect(result1 == .closed(reason))
    }

    @Test func requestBodyNotFullySentIsNotCached() {
        var cache = cache(2)
        var end = fine()
        end.requestBodyFullySent = false
        let result1 = cache.release(id(1), address: Self.a, location: Self.here, end: end, now: t(1))
        #expect(result1 == .closed(.requestBodyNotFullySent))
    }

    @Test func storeConditionsAreCheckedInNginxOrder() {
        let cache = cache(2, requests: 5, time: .seconds(10))
        var end = UpstreamAttemptEnd(requestsServed: 5, openedAt: t(0), response: .markedClose, attemptFailed: true,
                                     backendClosed: true, requestBodyFullySent: false, workerExiting: true)
        var order: [UpstreamCloseReason] = []
        while let reason = cache.refusal(for: end, now: t(20)) {
            order.append(reason)
            switch reason {
            case .failedAttempt: end.attemptFailed = false
            case .backendClosedAfterResponse: end.backendClosed = false
            case .keepaliveRequestsReached: end.requestsServed = 1
            case .keepaliveTimeExceeded: end.openedAt = t(20)
            case .responseMarkedClose: end.response = .reusable
            case .requestBodyNotFullySent: end.requestBodyFullySent = true
            case .workerExiting: end.workerExiting = false
            default: Issue.record("unexpected \(reason)"); return
            }
        }
        #expect(order == [.failedAttempt, .backendClosedAfterResponse, .keepaliveRequestsReached,
                          .keepaliveTimeExceeded, .responseMarkedClose, .requestBodyNotFullySent, .workerExiting])
    }

    @Test func cacheWithNoSlotsStoresNothing() {
        var cache = cache(0)
        let result1 = cache.store(id(1), address: Self.a, location: Self.here, now: t(1))
        #expect(result1 == id(1))
        let result2 = cache.release(id(1), address: Self.a, location: Self.here, end: fine(), now: t(1))
        #expect(result2 == .closed(.reuseInactive))
        #expect(cache.isEmpty)
    }

    @Test func locationWithoutReuseClosesAfterEachRequestUnlessTheAttemptFailed() {
        #expect(UpstreamCloseReason.withoutReuse(attemptFailed: false) == .reuseInactive)
        #expect(UpstreamCloseReason.withoutReuse(attemptFailed: true) == .failedAttempt)
    }

    @Test func closeReasonsHaveStableDistinctReportNames() {
        let names = UpstreamCloseReason.allCases.map(\.reportName)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } })
        #expect(UpstreamCloseReason.allCases.map(\.rawValue) == Array(0..<UInt8(names.count)))
    }

    /// Against a plain list model of nginx's queue: same takes, evictions, expiries,
    /// and the O(1) deadline (the least recently stored) equals the minimum over all idle connections.
    @Test func randomOperationsMatchAReferenceListAndTheTailHasTheEarliestDeadline() {
        struct Entry { var id: Int32; var address: Int32; var location: Int32; var storedAt: Instant }
        for seed in UInt64(1)...200 {
            var random = SplitMix64(seed: seed)
            let capacity = 1 + random.below(6)
            let local = random.below(2) == 0
            let timeout = TimeSpan.seconds(Int64(1 + random.below(5)))
            var cache = cache(capacity, local: local, timeout: timeout)
            var reference: [Entry] = []  // most recently stored first
            var now = Instant.zero
            var nextID: Int32 = 0
            for step in 0..<300 {
                now += .milliseconds(Int64(random.below(1500)))
                let address = Int32(random.below(3))
                let location = Int32(random.below(2))
                let failure = "seed \(seed) step \(step)"
                switch random.below(4) {
                case 0:
                    let expected = reference.firstIndex { $0.address == address && (!local || $0.location == location) }
                    let got = cache.take(address: address, location: location)
                    #expect(got == expected.map { UpstreamConnectionID(reference[$0].id) }, "\(failure)")
                    if let expected { reference.remove(at: expected) }
                case 1:
                    nextID += 1
                    let expectedEviction = reference.count == capacity ? reference.removeLast().id : nil
                    let got = cache.store(UpstreamConnectionID(nextID), address: address, location: location, now: now)
                    #expect(got == expectedEviction.map(UpstreamConnectionID.init), "\(failure)")
                    reference.insert(Entry(id: nextID, address: address, location: location, storedAt: now), at: 0)
                case 2:
                    if !reference.isEmpty {
                        let victim = reference.remove(at: random.below(reference.count))
                        let result1 = cache.remove(UpstreamConnectionID(victim.id))
                        #expect(result1, "\(failure)")
                    }
                default:
                    while let expired = cache.removeExpired(now: now) {
                        #expect(reference.last?.id == expired.rawValue, "\(failure)")
                        reference.removeLast()
                    }
                    #expect(reference.allSatisfy { $0.storedAt + timeout > now }, "\(failure)")
                }
                let earliest = reference.map { $0.storedAt + timeout }.min() ?? .distantFuture
                #expect(cache.nextIdleDeadline == earliest, "\(failure)")
                #expect(cache.idleConnectionsMostRecentFirst == reference.map { UpstreamConnectionID($0.id) },
                        "\(failure)")
                if cache.nextIdleDeadline != earliest { return }
            }
        }
    }
}
