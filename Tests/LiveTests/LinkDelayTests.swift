import Testing
import Live
import ProxyModel

/// The model's network on loopback: writes, closes and handshakes wait for
/// their moment, and a request sent into a closing connection meets a reset.
@Suite struct LinkDelayTests {
    /// A server whose accepted connections get `delay`; it answers each request at once.
    final class Server: ConnectionDelegate {
        var connections: [SocketConnection] = []
        var requestsRead = 0
        let delay: LinkDelay
        unowned let loop: EventLoop
        var listener: Listener!

        init(loop: EventLoop, delay: LinkDelay) throws {
            self.loop = loop
            self.delay = delay
            listener = try Listener(address: .loopback(), loop: loop, onAccept: { [unowned self] fd in
                guard let connection = try? SocketConnection(accepted: fd, loop: loop, kind: .request, linkDelay: self.delay) else { return }
                connection.delegate = self
                connections.append(connection)
            })
        }

        func connection(_ connection: SocketConnection, didRead event: HTTPReadEvent) {
            guard case .end = event else { return }
            requestsRead += 1
            connection.send { HTTPMessageWriter.appendResponse(into: &$0, status: 200, bodyLength: 10, keepAlive: true) }
        }

        func connection(_ connection: SocketConnection, didEnd end: ConnectionEnd) {}
    }

    @Test func aResponseArrivesOneWayDelayAfterItWasWritten() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let server = try Server(loop: loop, delay: .link(oneWay: .milliseconds(40), connecting: false))
        let client = try TestClient(to: server.listener.address, loop: loop)
        #expect(try runLoop(loop) { client.connected })
        let sent = loop.now
        client.sendRequest()
        #expect(try runLoop(loop) { client.responses.count == 1 })
        let elapsed = try #require(client.lastResponseAt) - sent
        // The request crossed without delay (the client has none); the response waited 40 ms.
        #expect(elapsed >= .milliseconds(40), "\(elapsed)")
    }

    @Test func anAcceptedConnectionReadsNothingBeforeItsHandshake() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let server = try Server(loop: loop, delay: LinkDelay(handshake: .milliseconds(60)))
        let client = try TestClient(to: server.listener.address, loop: loop)
        client.sendRequest()
        let start = loop.now
        #expect(try runLoop(loop) { server.requestsRead == 1 })
        #expect(loop.now - start >= .milliseconds(60))
        #expect(try runLoop(loop) { client.responses.count == 1 })
    }

    @Test func aDelayedCloseReachesThePeerLaterAndResetsWhatWasSentIntoIt() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let server = try Server(loop: loop, delay: .link(oneWay: .milliseconds(50), connecting: false))
        let client = try TestClient(to: server.listener.address, loop: loop)
        #expect(try runLoop(loop) { client.connected && server.connections.count == 1 })
        let closedAt = loop.now
        server.connections[0].close()
        // The FIN is "on its way": the client does not know yet and sends a request into it.
        client.sendRequest()
        #expect(try runLoop(loop) { client.end != nil })
        #expect(try #require(client.endedAt) - closedAt >= .milliseconds(50))
        // The request was never read: the server's close reset it.
        #expect(server.requestsRead == 0)
        #expect(client.end == .peerReset)
    }
}
