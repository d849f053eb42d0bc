import Testing
import Live
import ProxyModel
import Randomness
import Traffic

/// The load generator against an emulated backend, both on one loop on loopback.
@Suite struct LoadGeneratorTests {
    private func run(_ pacing: LoadGeneratorConfiguration.Pacing, requests: Int, backend policy: BackendKeepalivePolicy,
                     keepAlive: Bool = true) throws -> (LoadGeneratorResult, LiveBackendCounters, Bool) {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: policy), loop: loop)
        let mix = RequestMix(responseBytes: try .constant(value: 100))
        let generator = try LoadGenerator(
            configuration: .init(target: backend.address, pacing: pacing, mix: mix, requests: requests, clientKeepAlive: keepAlive, seed: 7),
            loop: loop)
        generator.start()
        let finished = try runLoop(loop, for: .seconds(10)) { generator.isFinished }
        return (generator.result, backend.counters, finished)
    }

    @Test func anOpenLoopRunGivesTheRequestedNumberOfResponses() throws {
        let (result, backend, finished) = try run(
            .openLoop(.constant(perSecond: 2_000), spacing: .poisson, clients: 4, connectionsPerClient: 2),
            requests: 200, backend: .init(idleTimeout: nil))
        #expect(finished)
        #expect(result.requestsIntended == 200 && result.requestsSent == 200 && result.successfulResponses == 200)
        #expect(result.failures == 0)
        #expect(result.latencyFromIntendedSend.count == 200 && result.latencyFromActualSend.count == 200)
        // Keep-alive: at most clients x connections per client were ever opened.
        #expect(result.connectionsOpened <= 8 && backend.acceptedConnections == result.connectionsOpened)
        #expect(backend.requests == 200)
    }

    @Test func aClosedLoopRunGivesTheRequestedNumberOfResponsesOnItsConnections() throws {
        let (result, backend, finished) = try run(.closedLoop(connections: 3, thinkTime: .zero, startSpread: .zero),
                                                  requests: 90, backend: .init(idleTimeout: nil))
        #expect(finished)
        #expect(result.successfulResponses == 90 && result.connectionsOpened == 3 && backend.acceptedConnections == 3)
    }

    @Test func withoutClientKeepAliveEveryRequestOpensAConnection() throws {
        let (result, backend, finished) = try run(.closedLoop(connections: 2, thinkTime: .zero, startSpread: .zero),
                                                  requests: 20, backend: .init(idleTimeout: nil), keepAlive: false)
        #expect(finished)
        #expect(result.successfulResponses == 20 && result.connectionsOpened == 20)
        #expect(backend.closesRequestedByClient == 20)
    }

    @Test func aBackendRequestLimitMakesTheGeneratorReconnect() throws {
        let (result, backend, finished) = try run(.closedLoop(connections: 1, thinkTime: .zero, startSpread: .zero),
                                                  requests: 10, backend: .init(idleTimeout: nil, maxRequestsPerConnection: 2))
        #expect(finished)
        #expect(result.successfulResponses == 10 && result.connectionsOpened == 5)
        #expect(backend.closes(.maxRequestsReached) == 5)
    }

    @Test func theSameSeedIntendsTheSameSchedule() throws {
        // The schedule is the model's: ArrivalGenerator on the "arrivals" stream of the master seed.
        var expected = ArrivalGenerator(pattern: .constant(perSecond: 1_000), spacing: .poisson,
                                        random: SeedSequence(masterSeed: 7).stream(named: "arrivals"))
        let first = expected.next()
        let (result, _, finished) = try run(.openLoop(.constant(perSecond: 1_000), spacing: .poisson, clients: 1, connectionsPerClient: 4),
                                            requests: 1, backend: .init(idleTimeout: nil))
        #expect(finished && result.successfulResponses == 1)
        // The run took at least as long as its one intended offset.
        #expect(result.elapsed >= TimeSpan(nanoseconds: try #require(first).nanoseconds))
    }

    @Test func connectingToAClosedPortCountsConnectFailures() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        // Bind a port and close it again, so nothing listens there.
        let probe = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        let address = probe.address
        probe.close()
        let generator = try LoadGenerator(
            configuration: .init(target: address, pacing: .closedLoop(connections: 1, thinkTime: .zero, startSpread: .zero), requests: 3),
            loop: loop)
        generator.start()
        #expect(try runLoop(loop) { generator.isFinished })
        #expect(generator.result.connectFailures == 3 && generator.result.responses == 0)
    }

    @Test func anInvalidConfigurationIsRefusedWithAClearMessage() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let pacing = LoadGeneratorConfiguration.Pacing.closedLoop(connections: 0, thinkTime: .zero, startSpread: .zero)
        do {
            _ = try LoadGenerator(configuration: .init(target: .loopback(port: 1), pacing: pacing, requests: 1), loop: loop)
            Issue.record("zero connections accepted")
        } catch let error as LoadGeneratorConfiguration.Invalid {
            #expect(error.description == "connections 0: expected at least 1")
        }
    }
}
