import ProxyModel

/// One load-generator connection and the request on it.
final class GeneratorConnection {
    let connection: SocketConnection
    let client: Int
    var isConnecting = true
    /// The request waiting for the connect, or in flight.
    var request: LoadGenerator.Request?
    var sentAt = Instant.zero
    /// The response head arrived: its status and whether the connection persists.
    var responseStatus: Int?
    var responseKeepAlive = false

    init(connection: SocketConnection, client: Int) {
        self.connection = connection; self.client = client
    }
}
