#if canImport(Glibc)
import Glibc
#endif
import Testing
import Synchronization
import Live
import ProxyModel
import Randomness
import Traffic

/// Open-loop pacing: sends that cannot leave on time are counted late, and
/// latency from the intended send includes the wait (no coordinated omission).
@Suite struct LoadGeneratorPacingTests {
    @Test func requestsQueuedBehindASlowBackendAreLateAndTheirWaitCounts() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(
            configuration: .init(keepalive: .init(idleTimeout: nil), workers: 1, cpuTimeMs: try .constant(value: 20)), loop: loop)
        // 1,000 requests a second on one connection against 20 ms responses: from the
        // second request on, each waits for the connection.
        let generator = try LoadGenerator(configuration: .init(
            target: backend.address, pacing: .openLoop(.constant(perSecond: 1_000), spacing: .evenlySpaced, clients: 1, connectionsPerClient: 1),
            requests: 5), loop: loop)
        generator.start()
        #expect(try runLoop(loop) { generator.isFinished })
        let result = generator.result
        #expect(result.successfulResponses == 5 && result.connectionsOpened == 1)
        #expect(result.lateSends >= 3)
        let fromIntended = try #require(result.latencyFromIntendedSend.max), fromSend = try #require(result.latencyFromActualSend.max)
        #expect(fromIntended > fromSend)
        #expect(fromIntended >= TimeSpan.milliseconds(80).nanoseconds)
    }

    @Test func aBackendOnItsOwnThreadServesAGeneratorOnThisOne() throws {
        let address = Mutex<SocketAddress?>(nil)
        let requests = Mutex(0)
        let thread = try EventLoopThread.start(name: "backend") { loop in
            let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
            address.withLock { $0 = backend.address }
            // The loop keeps the backend alive through its listener's closure; publish counts on each tick.
            func publish() {
                requests.withLock { $0 = backend.counters.requests }
                loop.schedule(after: .milliseconds(1), publish)
            }
            publish()
        }
        defer { _ = try? thread.stopAndJoin() }
        let loop = try EventLoop()
        defer { loop.close() }
        let target = try #require(address.withLock { $0 })
        let generator = try LoadGenerator(configuration: .init(
            target: target, pacing: .closedLoop(connections: 2, thinkTime: .zero, startSpread: .zero), requests: 50), loop: loop)
        generator.start()
        #expect(try runLoop(loop) { generator.isFinished })
        #expect(generator.result.successfulResponses == 50)
        // The backend publishes every millisecond: poll, at most two seconds.
        for _ in 0..<2_000 where requests.withLock({ $0 }) != 50 { usleepBriefly() }
        #expect(requests.withLock { $0 } == 50)
    }
}
