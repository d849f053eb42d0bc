import ProxyModel

/// The load generator's connections: opening, sending, reading responses,
/// and what a close before the response means.
extension LoadGenerator {
    /// Opens a connection for `request`; false if that failed at once (the
    /// request then ended as a connect failure).
    func open(for request: LoadGenerator.Request, client: Int) -> Bool {
        let connection: SocketConnection
        do {
            connection = try SocketConnection(connectingTo: configuration.target, loop: loop, linkDelay: configuration.linkDelay)
        } catch {
            // EMFILE, ECONNREFUSED at once and the like: the request fails, and is counted.
            result.connectFailures += 1
            requestEnded(client: client)
            return false
        }
        let slot = freeSlots.popLast() ?? connections.count
        if slot == connections.count { connections.append(nil) }
        let record = GeneratorConnection(connection: connection, client: client)
        record.request = request
        connection.tag = slot
        connection.delegate = self
        connections[slot] = record
        clients[client].open += 1
        result.connectionsOpened += 1
        return true
    }

    func send(_ request: LoadGenerator.Request, on record: GeneratorConnection) {
        record.request = request
        record.responseStatus = nil
        let now = loop.now
        record.sentAt = now
        result.requestsSent += 1
        let lateness = now - request.intended
        result.sendLateness.record(lateness)
        if lateness > configuration.lateSendThreshold { result.lateSends += 1 }
        if request.method.responseHasNoBody { record.connection.expectResponseWithoutBody() }
        let (target, host, keepAlive) = (request.uri ?? configuration.path, self.host, configuration.clientKeepAlive)
        record.connection.send {
            HTTPMessageWriter.appendRequest(into: &$0, method: request.method, target: target, host: host,
                                            bodyLength: request.requestBytes, keepAlive: keepAlive,
                                            responseBytes: request.responseBytes)
        }
    }

    // MARK: ConnectionDelegate

    public func connectionDidConnect(_ connection: SocketConnection) {
        guard let record = connections[connection.tag], let request = record.request else { return }
        record.isConnecting = false
        send(request, on: record)
    }

    public func connection(_ connection: SocketConnection, didRead event: HTTPReadEvent) {
        guard let record = connections[connection.tag] else { return }
        switch event {
        case .head(let head):
            // An interim (1xx) response is not the answer.
            guard head.status >= 200 else { return }
            record.responseStatus = head.status
            record.responseKeepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            guard let status = record.responseStatus, let request = record.request else { return }
            complete(request, status: status, on: record)
        }
    }

    public func connection(_ connection: SocketConnection, didReceiveInvalidHTTP error: HTTPParseError) {
        guard let record = connections[connection.tag], record.request != nil else { return }
        record.request = nil
        result.invalidResponses += 1
        connection.close()
        requestEnded(client: record.client)
    }

    public func connection(_ connection: SocketConnection, didEnd end: ConnectionEnd) {
        guard let record = connections[connection.tag] else { return }
        connections[connection.tag] = nil
        freeSlots.append(connection.tag)
        clients[record.client].open -= 1
        clients[record.client].idle.removeAll { $0 === record }
        if record.request != nil {
            record.request = nil
            switch end {
            case .connectFailed: result.connectFailures += 1
            case .peerReset: result.resetsBeforeResponse += 1
            case .invalidHTTP: result.invalidResponses += 1
            case .peerClosed, .closedLocally, .failed: result.closesBeforeResponse += 1
            }
            requestEnded(client: record.client)
        }
        serveWaiting(client: record.client)
    }

    // MARK: Internals

    private func complete(_ request: LoadGenerator.Request, status: Int, on record: GeneratorConnection) {
        let now = loop.now
        record.request = nil
        result.latencyFromIntendedSend.record(now - request.intended)
        result.latencyFromActualSend.record(now - record.sentAt)
        switch status {
        case 200..<300: result.successfulResponses += 1
        case 400..<500: result.clientErrorResponses += 1
        case 500..<600: result.serverErrorResponses += 1
        default: result.otherResponses += 1
        }
        result.responsesByStatus[status, default: 0] += 1
        if record.responseKeepAlive && configuration.clientKeepAlive {
            clients[record.client].idle.append(record)
            requestEnded(client: record.client)
            serveWaiting(client: record.client)
        } else {
            requestEnded(client: record.client)
            record.connection.close()
        }
    }

    /// Gives a client's waiting requests, oldest first, the connections that
    /// are idle or may be opened. A loop, not recursion: with descriptors
    /// exhausted every open fails at once, and thousands may be waiting.
    private func serveWaiting(client: Int) {
        while !isFinished, clients[client].waitingHead < clients[client].waiting.count {
            let request = clients[client].waiting[clients[client].waitingHead]
            if let connection = clients[client].idle.popLast() {
                dequeueWaiting(client: client)
                send(request, on: connection)
                return
            }
            guard clients[client].open < connectionsPerClient else { return }
            dequeueWaiting(client: client)
            if open(for: request, client: client) { return }
        }
    }

    private func dequeueWaiting(client: Int) {
        clients[client].waitingHead += 1
        if clients[client].waitingHead == clients[client].waiting.count {
            clients[client].waiting.removeAll(keepingCapacity: true)
            clients[client].waitingHead = 0
        }
    }
}
