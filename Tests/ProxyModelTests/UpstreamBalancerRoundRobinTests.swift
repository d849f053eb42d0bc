import ProxyModel
import Testing

/// nginx-semantics.md section 4: smooth weighted round robin and its skip rules.
@Suite struct UpstreamBalancerRoundRobinTests {
    @Test func smoothWeightedRoundRobinGivesFiveOneOneAsAABACAA() {
        // The classic example from ngx_http_upstream_round_robin.c: {a, a, b, a, c, a, a}.
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [5, 1, 1]))
        let picks = (0..<14).map { _ in TestUpstream.pickAndRelease(&balancer) }
        #expect(TestUpstream.letters(picks) == "aabacaaaabacaa")
    }

    @Test func tiesGoToTheEarlierServer() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]))
        let picks = (0..<6).map { _ in TestUpstream.pickAndRelease(&balancer) }
        #expect(TestUpstream.letters(picks) == "abcabc")
    }

    @Test func winnerPaysBackTheTotalOfTheConsideredWeights() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [3, 2]))
        var request = balancer.beginRequest()
        let picked = balancer.select(now: .zero, request: &request)
        #expect(picked == 0)
        #expect(balancer.peerState(0).currentWeight == 3 - 5)
        #expect(balancer.peerState(1).currentWeight == 2)
        #expect(balancer.peerState(0).conns == 1)
    }

    @Test func triedServersAreSkippedSoARetryGoesElsewhere() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]))
        var request = balancer.beginRequest()
        let first = balancer.select(now: .zero, request: &request)
        balancer.release(server: first!, outcome: .failed, now: .zero)
        let second = balancer.select(now: .zero, request: &request)
        #expect(first == 0)
        #expect(second == 1)
        #expect(balancer.select(now: .zero, request: &request) == nil)
    }

    @Test func downServerIsNeverSelected() {
        var servers = TestUpstream.servers(weights: [1, 1, 1])
        servers[1].isDown = true
        var balancer = TestUpstream.balancer(servers)
        let picks = (0..<6).map { _ in TestUpstream.pickAndRelease(&balancer) }
        #expect(TestUpstream.letters(picks) == "acacac")
    }

    @Test func serverAtMaxConnsIsSkippedUntilARequestReleasesIt() {
        var servers = TestUpstream.servers(weights: [1, 1])
        servers[0].maxConns = 1
        var balancer = TestUpstream.balancer(servers)
        var r1 = balancer.beginRequest(), r2 = balancer.beginRequest(), r3 = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &r1) == 0)
        #expect(balancer.select(now: .zero, request: &r2) == 1)  // a is at max_conns
        #expect(balancer.select(now: .zero, request: &r3) == 1)
        balancer.release(server: 0, outcome: .notFailed, now: .zero)
        let picks = (0..<2).map { _ in TestUpstream.pickAndRelease(&balancer) }
        #expect(picks.contains(0))
    }

    @Test func backupsAreUsedOnlyWhenNoPrimaryQualifies() {
        var servers = TestUpstream.servers(weights: [1, 1, 1])
        servers[2].isBackup = true
        var balancer = TestUpstream.balancer(servers)
        let picks = (0..<4).map { _ in TestUpstream.pickAndRelease(&balancer) }
        #expect(TestUpstream.letters(picks) == "abab")
        TestUpstream.fail(0, &balancer, now: .zero)
        TestUpstream.fail(1, &balancer, now: .zero)
        var request = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &request) == 2)
        #expect(request.usingBackups)
    }

    @Test func requestThatMovedToBackupsStaysThere() {
        var servers = TestUpstream.servers(weights: [1, 1, 1])
        servers[1].isBackup = true
        servers[2].isBackup = true
        var balancer = TestUpstream.balancer(servers)
        var request = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &request) == 0)
        balancer.release(server: 0, outcome: .notFailed, now: .zero)  // e.g. an http_404 retry
        #expect(balancer.select(now: .zero, request: &request) == 1)
        balancer.release(server: 1, outcome: .notFailed, now: .zero)
        #expect(balancer.select(now: .zero, request: &request) == 2)
        balancer.release(server: 2, outcome: .notFailed, now: .zero)
        // Server a is fine, but this request already left the primaries.
        #expect(balancer.select(now: .zero, request: &request) == nil)
    }

    @Test func noQualifyingPrimaryAndNoBackupGivesNoLiveUpstreams() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]))
        TestUpstream.fail(0, &balancer, now: .zero)
        TestUpstream.fail(1, &balancer, now: .zero)
        var request = balancer.beginRequest()
        #expect(balancer.select(now: TestUpstream.at(seconds: 1), request: &request) == nil)
    }

    @Test func singleServerIgnoresMaxFailsAndIsNeverUnavailable() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1]))
        #expect(balancer.isSingleServer)
        for second in 0..<5 {
            var request = balancer.beginRequest()
            let now = TestUpstream.at(seconds: Double(second))
            #expect(balancer.select(now: now, request: &request) == 0)
            balancer.release(server: 0, outcome: .failed, now: now)
            #expect(balancer.peerState(0).fails == 0)
            #expect(!balancer.isTemporarilyDisabled(0, now: now))
        }
    }

    @Test func singleServerIsNotMarkedTriedSoARefundedRetryReachesItAgain() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1]))
        var request = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &request) == 0)
        balancer.release(server: 0, outcome: .failed, now: .zero)
        #expect(balancer.select(now: .zero, request: &request) == 0)
    }

    @Test func oneServerWithABackupIsNotASingleServer() {
        var servers = TestUpstream.servers(weights: [1, 1])
        servers[1].isBackup = true
        let balancer = TestUpstream.balancer(servers)
        #expect(!balancer.isSingleServer)
        #expect(balancer.initialTries == 2)
    }

    @Test func singleDownServerGivesNoLiveUpstreams() {
        var servers = TestUpstream.servers(weights: [1])
        servers[0].isDown = true
        var balancer = TestUpstream.balancer(servers)
        var request = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &request) == nil)
        #expect(balancer.initialTries == 0)
    }

    @Test func initialTriesCountNonDownPrimariesAndBackups() {
        var servers = TestUpstream.servers(weights: [1, 1, 1, 1, 1])
        servers[1].isDown = true
        servers[3].isBackup = true
        servers[4].isBackup = true
        servers[4].isDown = true
        #expect(TestUpstream.balancer(servers).initialTries == 3)
    }

    @Test func eachWorkerKeepsItsOwnBalancerState() {
        // Without `zone` every worker copies the upstream at fork: values, not shared references.
        let template = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]))
        var workerA = template
        let workerB = template
        TestUpstream.fail(0, &workerA, now: .zero)
        #expect(workerA.isTemporarilyDisabled(0, now: .zero))
        #expect(!workerB.isTemporarilyDisabled(0, now: .zero))
    }

    @Test func refusesUpstreamsNginxWouldRefuse() {
        #expect(throws: BalancerConfigurationError.self) { try UpstreamBalancer(servers: []) }
        var backupOnly = TestUpstream.servers(weights: [1])
        backupOnly[0].isBackup = true
        #expect(throws: BalancerConfigurationError.self) { try UpstreamBalancer(servers: backupOnly) }
        var withBackup = TestUpstream.servers(weights: [1, 1])
        withBackup[1].isBackup = true
        #expect(throws: BalancerConfigurationError.self) { try UpstreamBalancer(servers: withBackup, method: .hash(consistent: false)) }
        #expect(throws: BalancerConfigurationError.self) { try UpstreamBalancer(servers: withBackup, method: .ipHash) }
        #expect(throws: BalancerConfigurationError.self) { try UpstreamBalancer(servers: TestUpstream.servers(weights: [0])) }
        do {
            _ = try UpstreamBalancer(servers: TestUpstream.servers(weights: [1, -2]))
            Issue.record("weight -2 accepted")
        } catch {
            #expect(error.description.contains("#2"))
            #expect(error.description.contains("weight"))
        }
    }
}
