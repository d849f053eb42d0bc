import ProxyModel
import Testing

/// nginx-semantics.md section 3: proxy_next_upstream conditions checked after the
/// header (`ngx_http_upstream_test_next`), max_fails accounting, the 500 on a
/// missing worker_connections slot.
@Suite struct NextUpstreamStateHTTPStatusTests {
    func machine(_ conditions: NextUpstreamConditions, method: HTTPMethod = .get, tries: Int = 3, streamed: Bool = false,
                 timeout: TimeSpan = .zero) -> NextUpstreamState {
        NextUpstreamState(
            policy: NextUpstreamPolicy(conditions: conditions, timeout: timeout), method: method, startedAt: .zero,
            balancerTries: tries, isSingleServer: false, requestBodyStreamed: streamed)
    }

    @Test func nextUpstreamDefaultsAreErrorTimeoutWithNoTriesCapAndNoTimeout() {
        let policy = NextUpstreamPolicy.nginxDefault
        #expect(policy.conditions == [.error, .timeout])
        #expect(policy.maxTries == 0)
        #expect(policy.timeout == .zero)
        #expect(policy.requestBuffering)
        #expect(policy.rules == .modern)
    }

    @Test func nextUpstreamTriesCapsTheFirstAttemptIncluded() {
        let capped = NextUpstreamState(
            policy: NextUpstreamPolicy(maxTries: 2), method: .get, startedAt: .zero, balancerTries: 5, isSingleServer: false)
        #expect(capped.tries == 2)
        let uncapped = NextUpstreamState(policy: .nginxDefault, method: .get, startedAt: .zero, balancerTries: 5, isSingleServer: false)
        #expect(uncapped.tries == 5)
    }

    @Test func httpStatusIsRetriedOnlyIfItIsNotTheLastTry() {
        var state = machine([.error, .timeout, .http503], tries: 2)
        #expect(state.handle(.responseHeader(status: 503), now: .zero) == .retry(releasePeerAs: .failed))
        #expect(state.handle(.responseHeader(status: 503), now: .zero) == .passResponseThrough)
    }

    @Test func httpStatusNotInTheMaskPassesThrough() {
        var state = machine(.nginxDefault)
        for status in [500, 502, 503, 504, 403, 404, 429] {
            #expect(state.handle(.responseHeader(status: status), now: .zero) == .passResponseThrough, "\(status)")
        }
    }

    @Test func statusProxyNextUpstreamCannotNamePassesThrough() {
        var state = machine([.http500, .http502, .http503, .http504, .http403, .http404, .http429])
        for status in [200, 301, 400, 401, 501, 505] {
            #expect(state.handle(.responseHeader(status: status), now: .zero) == .passResponseThrough, "\(status)")
        }
    }

    @Test func httpStatusForPostNeedsNonIdempotent() {
        var post = machine([.http502], method: .post)
        #expect(post.handle(.responseHeader(status: 502), now: .zero) == .passResponseThrough)
        var allowed = machine([.http502, .nonIdempotent], method: .post)
        #expect(allowed.handle(.responseHeader(status: 502), now: .zero).isRetry)
    }

    @Test func httpStatusIsNotRetriedWithAStreamedBodyOrAfterTheTimeout() {
        var streamed = machine([.http500], streamed: true)
        #expect(streamed.handle(.responseHeader(status: 500), now: .zero) == .passResponseThrough)
        var late = machine([.http500], timeout: .seconds(1))
        #expect(late.handle(.responseHeader(status: 500), now: .zero + .seconds(1)) == .passResponseThrough)
    }

    @Test func errorTimeoutAndInvalidHeaderCountTowardMaxFailsEvenWithNextUpstreamOff() {
        for failure in [UpstreamFailure.error, .timeout, .invalidHeader] {
            var state = machine([])
            let decision = state.handle(.attemptFailed(failure, on: .fresh(requestSent: true)), now: .zero)
            #expect(!decision.isRetry, "\(failure)")
            #expect(decision.countsTowardMaxFails, "\(failure)")
        }
    }

    @Test func http403And404NeverCountTowardMaxFails() {
        for status in [403, 404] {
            var state = machine([.http403, .http404])
            let decision = state.handle(.responseHeader(status: status), now: .zero)
            #expect(decision == .retry(releasePeerAs: .notFailed), "\(status)")
        }
    }

    @Test func otherHttpStatusCountsOnlyWhenARetryIsAttempted() {
        var state = machine([.http500], tries: 2)
        #expect(state.handle(.responseHeader(status: 500), now: .zero).countsTowardMaxFails)
        // On the last try the 500 passes through and the server is released as a success.
        let last = state.handle(.responseHeader(status: 500), now: .zero)
        #expect(last == .passResponseThrough)
        #expect(!last.countsTowardMaxFails)
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]))
        let result = proxyRequest(&balancer, policy: NextUpstreamPolicy(conditions: [.error, .timeout, .http500])) { _, _ in
            .responds(500)
        }
        #expect(result == ScriptedResult(status: 500, servers: [0, 1], passedThrough: true))
        #expect(balancer.peerState(0).fails == 1)
        #expect(balancer.peerState(1).fails == 0)
    }

    @Test func noWorkerConnectionSlotOnUpstreamConnectGives500NotRetriedNotCounted() {
        var state = machine(.nginxDefault)
        let decision = state.handle(.noWorkerConnectionSlot, now: .zero)
        #expect(decision == .respond(status: 500, releasePeerAs: .notFailed))
        #expect(!decision.countsTowardMaxFails)
    }
}

/// nginx-semantics.md section 8.3: the cascade.
@Suite struct NextUpstreamCascadeTests {
    @Test func oneStaleConnectionWithOtherServerFailedOutGivesNoLiveUpstreams502EvenForGet() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]))
        let otherWorker = balancer
        TestUpstream.fail(1, &balancer, now: .zero)  // b is failed-out in this worker
        let result = proxyRequest(&balancer, method: .get) { _, _ in .fails(.error, .cached) }
        #expect(result == ScriptedResult(status: 502, servers: [0], passedThrough: false))
        // a is now out for fail_timeout (10 s) in this worker...
        #expect(balancer.isTemporarilyDisabled(0, now: TestUpstream.at(seconds: 10)))
        #expect(!balancer.isTemporarilyDisabled(0, now: TestUpstream.at(seconds: 11)))
        var next = balancer.beginRequest()
        #expect(balancer.select(now: TestUpstream.at(seconds: 5), request: &next) == nil)
        // ...but not in a worker that did not see the failure.
        #expect(!otherWorker.isTemporarilyDisabled(0, now: .zero))
    }
}
