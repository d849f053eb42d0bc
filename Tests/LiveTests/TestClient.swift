import Live
import ProxyModel

/// A minimal HTTP client for backend tests: one connection, records every
/// response and how (and when) the connection ended.
final class TestClient: ConnectionDelegate {
    struct Response: Equatable {
        var status: Int
        var keepAlive: Bool
        var bodyBytes: Int
    }

    let connection: SocketConnection
    private(set) var connected = false
    private(set) var responses: [Response] = []
    private(set) var lastResponseAt: Instant?
    private(set) var end: ConnectionEnd?
    private(set) var endedAt: Instant?
    private var current: Response?
    private unowned let loop: EventLoop

    init(to address: SocketAddress, loop: EventLoop) throws {
        self.loop = loop
        connection = try SocketConnection(connectingTo: address, loop: loop)
        connection.delegate = self
    }

    func sendRequest(keepAlive: Bool = true, responseBytes: Int = 0, method: HTTPMethod = .get) {
        if method == .head { connection.expectResponseWithoutBody() }
        connection.send {
            HTTPMessageWriter.appendRequest(into: &$0, method: method, target: "/", host: "test", bodyLength: 0,
                                            keepAlive: keepAlive, responseBytes: responseBytes)
        }
    }

    func sendRaw(_ text: String) {
        connection.send(Array(text.utf8))
    }

    func connectionDidConnect(_ connection: SocketConnection) { connected = true }

    func connection(_ connection: SocketConnection, didRead event: HTTPReadEvent) {
        switch event {
        case .head(let head): current = Response(status: head.status, keepAlive: head.isKeepAlive, bodyBytes: 0)
        case .body(let range): current?.bodyBytes += range.count
        case .end:
            if let current { responses.append(current) }
            current = nil
            lastResponseAt = loop.now
        }
    }

    func connection(_ connection: SocketConnection, didEnd end: ConnectionEnd) {
        self.end = end
        endedAt = loop.now
    }
}
