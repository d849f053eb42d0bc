import ProxyModel
import Testing

/// nginx-semantics.md section 2: the stale-connection race and `ngx_http_upstream_next`.
@Suite struct NextUpstreamStateTests {
    let twoServers = TestUpstream.servers(weights: [1, 1])
    let stale = ScriptedOutcome.fails(.error, .cached)
    let refused = ScriptedOutcome.fails(.error, .fresh(requestSent: false))

    func machine(
        _ policy: NextUpstreamPolicy = .nginxDefault, method: HTTPMethod = .get, tries: Int = 2, single: Bool = false,
        streamed: Bool = false
    ) -> NextUpstreamState {
        NextUpstreamState(
            policy: policy, method: method, startedAt: .zero, balancerTries: tries, isSingleServer: single,
            requestBodyStreamed: streamed)
    }

    @Test func staleCachedConnectionFailureCountsTowardMaxFails() {
        var balancer = TestUpstream.balancer(twoServers)
        let result = proxyRequest(&balancer) { _, attempt in attempt == 0 ? stale : .responds(200) }
        #expect(result == ScriptedResult(status: 200, servers: [0, 1], passedThrough: true))
        // max_fails=1 by default: "upstream server temporarily disabled" in this worker.
        #expect(balancer.isTemporarilyDisabled(0, now: .zero))
    }

    @Test func failureOnCachedConnectionCostsNoTry() {
        var state = machine(tries: 2)
        let decision = state.handle(.attemptFailed(.error, on: .cached), now: .zero)
        #expect(decision == .retry(releasePeerAs: .failed))
        #expect(state.tries == 2)
    }

    @Test func timeoutOnCachedConnectionGetsNoRefund() {
        var state = machine(tries: 2)
        #expect(state.handle(.attemptFailed(.timeout, on: .cached), now: .zero) == .retry(releasePeerAs: .failed))
        #expect(state.tries == 1)
        #expect(state.handle(.attemptFailed(.timeout, on: .cached), now: .zero) == .respond(status: 504, releasePeerAs: .failed))
    }

    @Test func failureOnFreshConnectionCostsATry() {
        var state = machine(tries: 2)
        #expect(state.handle(.attemptFailed(.error, on: .fresh(requestSent: true)), now: .zero).isRetry)
        #expect(state.tries == 1)
    }

    @Test func timeoutIsAnswered504() {
        var state = machine(tries: 1)
        #expect(state.handle(.attemptFailed(.timeout, on: .fresh(requestSent: true)), now: .zero)
            == .respond(status: 504, releasePeerAs: .failed))
    }

    @Test func errorAndInvalidHeaderAreAnswered502() {
        var error = machine(tries: 1)
        #expect(error.handle(.attemptFailed(.error, on: .fresh(requestSent: true)), now: .zero)
            == .respond(status: 502, releasePeerAs: .failed))
        var invalid = machine(tries: 1)
        #expect(invalid.handle(.attemptFailed(.invalidHeader, on: .fresh(requestSent: true)), now: .zero)
            == .respond(status: 502, releasePeerAs: .failed))
    }

    @Test func httpStatusGivenUpOnIsAnsweredWithThatCode() {
        // Since 1.9.13 test_next only calls ngx_http_upstream_next when the retry will
        // happen; the status mapping shows when next() gives up, as before 1.9.13 when
        // proxy_next_upstream_timeout had passed: 500/504/403/404 keep their code, 503 -> 502.
        let policy = NextUpstreamPolicy(
            conditions: [.http500, .http503, .http504, .http403, .http404], timeout: .seconds(1), rules: .before1_9_13)
        for (status, answered) in [(500, 500), (504, 504), (403, 403), (404, 404), (503, 502)] {
            var state = machine(policy, tries: 3)
            let decision = state.handle(.responseHeader(status: status), now: .zero + .seconds(2))
            #expect(decision.releaseOutcome != nil, "status \(status)")
            if case .respond(let code, _) = decision { #expect(code == answered, "status \(status)") } else {
                Issue.record("status \(status): \(decision)")
            }
        }
    }

    @Test func postThatFailsOnStaleCachedConnectionIsAnswered502UnlessNonIdempotent() {
        for method in [HTTPMethod.post, .lock, .patch] {
            var plain = TestUpstream.balancer(twoServers)
            let refused = proxyRequest(&plain, method: method) { _, a in a == 0 ? stale : .responds(200) }
            #expect(refused.status == 502, "\(method)")
            #expect(refused.servers == [0], "\(method)")
            var allowing = TestUpstream.balancer(twoServers)
            let policy = NextUpstreamPolicy(conditions: [.error, .timeout, .nonIdempotent])
            let retried = proxyRequest(&allowing, policy: policy, method: method) { _, a in a == 0 ? stale : .responds(200) }
            #expect(retried.status == 200, "\(method)")
        }
    }

    @Test func putAndDeleteAreRetriedWithoutNonIdempotent() {
        for method in [HTTPMethod.put, .delete] {
            var balancer = TestUpstream.balancer(twoServers)
            let result = proxyRequest(&balancer, method: method) { _, a in a == 0 ? stale : .responds(200) }
            #expect(result.status == 200, "\(method)")
        }
    }

    @Test func postWhoseConnectFailsOnAFreshConnectionIsRetried() {
        var balancer = TestUpstream.balancer(twoServers)
        let result = proxyRequest(&balancer, method: .post) { _, a in a == 0 ? refused : .responds(201) }
        #expect(result == ScriptedResult(status: 201, servers: [0, 1], passedThrough: true))
    }

    @Test func giveUpWhenTriesRunOut() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]))
        let policy = NextUpstreamPolicy(maxTries: 2)
        let result = proxyRequest(&balancer, policy: policy) { _, _ in refused }
        #expect(result == ScriptedResult(status: 502, servers: [0, 1], passedThrough: false))
    }

    @Test func giveUpWhenTheMaskLacksTheFailure() {
        var off = machine(NextUpstreamPolicy(conditions: []))
        #expect(off.handle(.attemptFailed(.error, on: .fresh(requestSent: false)), now: .zero)
            == .respond(status: 502, releasePeerAs: .failed))
        var errorOnly = machine(NextUpstreamPolicy(conditions: [.error]))
        #expect(errorOnly.handle(.attemptFailed(.timeout, on: .fresh(requestSent: true)), now: .zero)
            == .respond(status: 504, releasePeerAs: .failed))
        var noInvalidHeader = machine()
        #expect(noInvalidHeader.handle(.attemptFailed(.invalidHeader, on: .fresh(requestSent: true)), now: .zero)
            == .respond(status: 502, releasePeerAs: .failed))
    }

    @Test func sentRequestWithAStreamedBodyIsNotRetried() {
        var sent = machine(streamed: true)
        #expect(sent.handle(.attemptFailed(.error, on: .cached), now: .zero) == .respond(status: 502, releasePeerAs: .failed))
        var notYetSent = machine(streamed: true)
        #expect(notYetSent.handle(.attemptFailed(.error, on: .fresh(requestSent: false)), now: .zero).isRetry)
        let policy = NextUpstreamPolicy(requestBuffering: false)
        #expect(policy.streamsRequestBody(hasBody: true, bodyFullyReceived: false))
        #expect(!policy.streamsRequestBody(hasBody: false, bodyFullyReceived: false))
        #expect(!policy.streamsRequestBody(hasBody: true, bodyFullyReceived: true))
        #expect(!NextUpstreamPolicy.nginxDefault.streamsRequestBody(hasBody: true, bodyFullyReceived: false))
    }

    @Test func nextUpstreamTimeoutRunsFromUpstreamStartAndIsCheckedOnlyAtFailure() {
        let policy = NextUpstreamPolicy(timeout: .seconds(5))
        var state = NextUpstreamState(
            policy: policy, method: .get, startedAt: TestUpstream.at(seconds: 100), balancerTries: 4, isSingleServer: false)
        #expect(state.handle(.attemptFailed(.error, on: .fresh(requestSent: true)), now: TestUpstream.at(seconds: 104.9)).isRetry)
        #expect(state.handle(.attemptFailed(.error, on: .fresh(requestSent: true)), now: TestUpstream.at(seconds: 105))
            == .respond(status: 502, releasePeerAs: .failed))
        // An attempt that outlives the deadline is not cut short: its response passes through.
        var slow = NextUpstreamState(policy: policy, method: .get, startedAt: .zero, balancerTries: 4, isSingleServer: false)
        #expect(slow.handle(.responseHeader(status: 200), now: TestUpstream.at(seconds: 30)) == .passResponseThrough)
    }

    @Test func retryGoesToADifferentServer() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]))
        let result = proxyRequest(&balancer) { _, a in a < 2 ? refused : .responds(200) }
        #expect(result.servers == [0, 1, 2])
        #expect(result.status == 200)
    }

    @Test func allEligibleServersTriedGivesNoLiveUpstreams502EvenForGet() {
        // Both servers' cached connections are stale: both refunds leave tries, but no server is left.
        var balancer = TestUpstream.balancer(twoServers)
        let result = proxyRequest(&balancer) { _, _ in stale }
        #expect(result == ScriptedResult(status: 502, servers: [0, 1], passedThrough: false))
    }

    @Test func noLiveUpstreamsIsAnswered502WithNoServerToRelease() {
        var state = machine(method: .get)
        #expect(state.handle(.noLiveUpstreams, now: .zero) == .respond(status: 502, releasePeerAs: nil))
        #expect(state.tries == 2)
    }

    @Test func singleServerRetriesTheSameServerThroughCachedConnectionsThenFresh() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1]))
        // Two stale cached connections, then a fresh connection that works.
        let recovered = proxyRequest(&balancer) { _, a in a < 2 ? stale : .responds(200) }
        #expect(recovered == ScriptedResult(status: 200, servers: [0, 0, 0], passedThrough: true))
        // If the fresh connection fails too, there is no refund and the request ends.
        let failed = proxyRequest(&balancer) { _, a in a < 2 ? stale : refused }
        #expect(failed == ScriptedResult(status: 502, servers: [0, 0, 0], passedThrough: false))
    }

    @Test func singleServerFreshFailureIsNotRetried() {
        var state = machine(tries: 1, single: true)
        #expect(state.handle(.attemptFailed(.timeout, on: .fresh(requestSent: true)), now: .zero)
            == .respond(status: 504, releasePeerAs: .failed))
    }

    @Test func nextUpstreamTriesDoesNotLimitRefunds() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]))
        let policy = NextUpstreamPolicy(maxTries: 1)
        let result = proxyRequest(&balancer, policy: policy) { _, a in a < 2 ? stale : .responds(200) }
        #expect(result == ScriptedResult(status: 200, servers: [0, 1, 2], passedThrough: true))
        var capped = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]))
        let fresh = proxyRequest(&capped, policy: policy) { _, _ in refused }
        #expect(fresh == ScriptedResult(status: 502, servers: [0], passedThrough: false))
    }

    @Test func before1_9_13CachedConnectionErrorsAreAlwaysRetried() {
        #expect(NextUpstreamPolicy.Rules(version: NginxVersion(1, 9, 12)) == .before1_9_13)
        #expect(NextUpstreamPolicy.Rules(version: .nonIdempotentAdded) == .modern)
        // Even a POST, even with proxy_next_upstream off.
        let legacy = NextUpstreamPolicy(conditions: [], rules: .before1_9_13)
        var post = machine(legacy, method: .post)
        #expect(post.handle(.attemptFailed(.error, on: .cached), now: .zero) == .retry(releasePeerAs: .failed))
        #expect(post.tries == 2)
        var modern = machine(NextUpstreamPolicy(conditions: []), method: .get)
        #expect(modern.handle(.attemptFailed(.error, on: .cached), now: .zero) == .respond(status: 502, releasePeerAs: .failed))
        // A fresh-connection failure follows the mask as always.
        var fresh = machine(legacy, method: .get)
        #expect(fresh.handle(.attemptFailed(.error, on: .fresh(requestSent: false)), now: .zero)
            == .respond(status: 502, releasePeerAs: .failed))
    }
}
