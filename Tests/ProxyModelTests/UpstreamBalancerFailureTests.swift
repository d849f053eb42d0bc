import ProxyModel
import Testing

/// nginx-semantics.md section 4: failure accounting (`ngx_http_upstream_free_round_robin_peer`),
/// fail_timeout as a quiet period, the one-probe recovery, effective weight.
@Suite struct UpstreamBalancerFailureTests {
    /// Two servers, the second `down`: the first is not a "single server" (that needs
    /// exactly one primary), so its failures count, and every request gets it while usable.
    func lonelyServer(maxFails: Int = 1, failTimeout: TimeSpan = .seconds(10), weight: Int = 1) -> UpstreamBalancer {
        var servers = TestUpstream.servers(weights: [weight, 1], maxFails: maxFails, failTimeout: failTimeout)
        servers[1].isDown = true
        return TestUpstream.balancer(servers)
    }

    func selectable(_ balancer: inout UpstreamBalancer, at seconds: Double) -> Bool {
        var request = balancer.beginRequest()
        guard let server = balancer.select(now: TestUpstream.at(seconds: seconds), request: &request) else { return false }
        balancer.release(server: server, outcome: .notFailed, now: TestUpstream.at(seconds: seconds))
        return true
    }

    @Test func failureCountsAndStampsAccessedAndCheckedInWholeSeconds() {
        var balancer = lonelyServer(maxFails: 3)
        TestUpstream.fail(0, &balancer, now: TestUpstream.at(seconds: 7.9))
        let state = balancer.peerState(0)
        #expect(state.fails == 1)
        #expect(state.accessedSecond == 7)
        #expect(state.checkedSecond == 7)
        #expect(state.conns == 0)
    }

    @Test func maxFailsReachedDisablesTheServerForFailTimeout() {
        var balancer = lonelyServer()
        TestUpstream.fail(0, &balancer, now: .zero)
        #expect(balancer.isTemporarilyDisabled(0, now: .zero))
        #expect(!selectable(&balancer, at: 5))
    }

    @Test func maxFailsZeroDisablesFailureAccounting() {
        var balancer = lonelyServer(maxFails: 0)
        for second in 0..<5 { TestUpstream.fail(0, &balancer, now: TestUpstream.at(seconds: Double(second))) }
        #expect(selectable(&balancer, at: 5))
        #expect(balancer.peerState(0).effectiveWeight == 1)
    }

    @Test func failTimeoutIsAQuietPeriodNotASlidingWindow() {
        // max_fails=3, fail_timeout=8s, failures 5 s apart: a sliding 8 s window would
        // never hold three, but each failure restarts the quiet period, so the count
        // keeps growing - even across a success in between.
        var balancer = lonelyServer(maxFails: 3, failTimeout: .seconds(8))
        TestUpstream.fail(0, &balancer, now: TestUpstream.at(seconds: 0))
        #expect(selectable(&balancer, at: 3))  // a success that does not reset fails
        TestUpstream.fail(0, &balancer, now: TestUpstream.at(seconds: 5))
        TestUpstream.fail(0, &balancer, now: TestUpstream.at(seconds: 10))
        #expect(balancer.peerState(0).fails == 3)
        #expect(!selectable(&balancer, at: 10))
        #expect(!selectable(&balancer, at: 18))
        #expect(selectable(&balancer, at: 19))
    }

    @Test func successResetsFailsOnlyIfAccessedBeforeChecked() {
        var balancer = lonelyServer(maxFails: 2, failTimeout: .seconds(10))
        TestUpstream.fail(0, &balancer, now: TestUpstream.at(seconds: 0))
        #expect(selectable(&balancer, at: 4))  // checked stays 0 (4 - 0 <= 10): no reset
        #expect(balancer.peerState(0).fails == 1)
        #expect(selectable(&balancer, at: 11))  // 11 - 0 > 10: checked = 11 > accessed: reset
        #expect(balancer.peerState(0).fails == 0)
    }

    @Test func exactlyOneProbeIsLetThroughAfterFailTimeout() {
        var balancer = lonelyServer()
        TestUpstream.fail(0, &balancer, now: .zero)
        var early = balancer.beginRequest()
        #expect(balancer.select(now: TestUpstream.at(seconds: 10), request: &early) == nil)  // 10 - 0 <= 10
        var probe = balancer.beginRequest()
        let probeTime = TestUpstream.at(seconds: 11)
        #expect(balancer.select(now: probeTime, request: &probe) == 0)
        #expect(balancer.peerState(0).checkedSecond == 11)
        var second = balancer.beginRequest()
        #expect(balancer.select(now: probeTime, request: &second) == nil)  // probe in flight
        var later = balancer.beginRequest()
        #expect(balancer.select(now: TestUpstream.at(seconds: 15), request: &later) == nil)
    }

    @Test func successfulProbeBringsTheServerBack() {
        var balancer = lonelyServer()
        TestUpstream.fail(0, &balancer, now: .zero)
        var probe = balancer.beginRequest()
        #expect(balancer.select(now: TestUpstream.at(seconds: 11), request: &probe) == 0)
        balancer.release(server: 0, outcome: .notFailed, now: TestUpstream.at(seconds: 12))
        #expect(balancer.peerState(0).fails == 0)
        #expect(selectable(&balancer, at: 12))
    }

    @Test func failedProbeKeepsTheServerOutAnotherPeriod() {
        var balancer = lonelyServer()
        TestUpstream.fail(0, &balancer, now: .zero)
        var probe = balancer.beginRequest()
        #expect(balancer.select(now: TestUpstream.at(seconds: 11), request: &probe) == 0)
        balancer.release(server: 0, outcome: .failed, now: TestUpstream.at(seconds: 12))
        #expect(!selectable(&balancer, at: 22))
        #expect(selectable(&balancer, at: 23))
    }

    @Test func failTimeoutUsesWholeSeconds() {
        var balancer = lonelyServer()
        TestUpstream.fail(0, &balancer, now: TestUpstream.at(seconds: 0.9))  // second 0
        #expect(!selectable(&balancer, at: 10.99))  // second 10: 10 - 0 <= 10
        #expect(selectable(&balancer, at: 11.0))  // only 10.1 s after the failure
    }

    @Test func failureLowersEffectiveWeightByWeightOverMaxFails() {
        var balancer = lonelyServer(maxFails: 3, weight: 7)
        TestUpstream.fail(0, &balancer, now: .zero)
        // The pass that selected it first let it recover 0 (it was at full weight): 7 - 7/3.
        #expect(balancer.peerState(0).effectiveWeight == 5)
        TestUpstream.fail(0, &balancer, now: .zero)
        // Selection lifted it to 6, the failure took 2.
        #expect(balancer.peerState(0).effectiveWeight == 4)
    }

    @Test func effectiveWeightNeverGoesBelowZero() {
        var balancer = lonelyServer(maxFails: 2, weight: 5)
        var requests = (0..<3).map { _ in balancer.beginRequest() }
        for i in requests.indices { #expect(balancer.select(now: .zero, request: &requests[i]) == 0) }
        for _ in requests.indices { balancer.release(server: 0, outcome: .failed, now: .zero) }
        #expect(balancer.peerState(0).effectiveWeight == 0)
    }

    @Test func effectiveWeightRecoversByOnePerConsideration() {
        var servers = TestUpstream.servers(weights: [4, 4], maxFails: 2)
        servers[1].maxFails = 0
        var balancer = TestUpstream.balancer(servers)
        TestUpstream.fail(0, &balancer, now: .zero)  // a: 4 - 4/2 = 2, fails 1 < 2: still usable
        #expect(balancer.peerState(0).effectiveWeight == 2)
        var seen: [Int] = []
        for _ in 0..<3 {
            _ = TestUpstream.pickAndRelease(&balancer)
            seen.append(balancer.peerState(0).effectiveWeight)
        }
        #expect(seen == [3, 4, 4])
    }

    @Test func http404StyleReleaseIsNotAFailure() {
        var balancer = lonelyServer()
        var request = balancer.beginRequest()
        _ = balancer.select(now: .zero, request: &request)
        balancer.release(server: 0, outcome: .notFailed, now: .zero)
        #expect(balancer.peerState(0).fails == 0)
        #expect(balancer.peerState(0).effectiveWeight == 1)
    }
}
