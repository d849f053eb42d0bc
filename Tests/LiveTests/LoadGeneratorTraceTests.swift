import Testing
import Foundation
import Live
import ProxyModel
import Traffic

/// Replaying a trace file: its times, clients, methods and sizes.
@Suite struct LoadGeneratorTraceTests {
    private func withTrace(_ text: String, _ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("live-trace-\(UInt64.random(in: 0...UInt64.max)).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    /// Replays the trace at `path` against a keep-alive backend, one connection per client.
    private func replay(_ path: String, clients: Int) throws -> LoadGeneratorResult {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        let generator = try LoadGenerator(configuration: .init(
            target: backend.address, pacing: .trace(path: path, speed: 1, clients: clients, connectionsPerClient: 1), requests: 100), loop: loop)
        generator.start()
        #expect(try runLoop(loop) { generator.isFinished })
        return generator.result
    }

    @Test func aTraceIsReplayedWithItsMethodsAndSizes() throws {
        try withTrace("time_ms,client,method,request_bytes,response_bytes\n0,0,GET,0,10\n1,1,POST,5,20\n2,0,HEAD,0,30\n") { path in
            let result = try replay(path, clients: 2)
            #expect(result.successfulResponses == 3 && result.traceError == nil)
            #expect(result.connectionsOpened == 2)
            #expect(result.elapsed >= .milliseconds(2))
        }
    }

    @Test func aBadTraceLineEndsTheTrafficWithTheReadersMessage() throws {
        try withTrace("time_ms,client\n0,0\nlater,0\n") { path in
            let result = try replay(path, clients: 1)
            #expect(result.successfulResponses == 1)
            let message = try #require(result.traceError)
            #expect(message.hasPrefix("\(path):3:"))
        }
    }

    @Test func aMissingTraceFileIsRefusedAtOnce() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        #expect(throws: TraceFileReader.ReadError.self) {
            _ = try LoadGenerator(configuration: .init(
                target: .loopback(port: 1), pacing: .trace(path: "/nonexistent/trace.csv", speed: 1, clients: 1, connectionsPerClient: 1),
                requests: 1), loop: loop)
        }
    }
}
