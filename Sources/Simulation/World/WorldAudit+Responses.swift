/// The response ledgers' conservation laws (issue 10, item 2): a client
/// counts a success only for a response a backend produced, and every status
/// a client sees has a cause — a backend's response that nginx relayed, or an
/// error nginx generated where the retry machine gave up
/// (ngx_http_upstream_next / ngx_http_upstream_finalize_request). A
/// response may still be on its way to the client when the run ends, so
/// sent and received may differ by at most the requests in flight.
extension WorldAudit {
    mutating func checkResponseConservation() {
        let clientSuccesses = clientResponses.total(StatusTally.successes)
        let backendSuccesses = backendResponses.total(StatusTally.successes)
        if clientSuccesses > backendSuccesses {
            violations.append("responses: clients counted \(clientSuccesses) successes (1xx-3xx), "
                + "backends produced only \(backendSuccesses)")
        }
        for status in Set(sentToClients.statuses + clientResponses.statuses + generatedResponses.statuses).sorted() {
            let sent = sentToClients[status], received = clientResponses[status]
            let relayed = relayedResponses[status], generated = generatedResponses[status]
            if sent != relayed + generated {
                violations.append("status \(status): nginx sent \(sent) responses, \(relayed) relayed from backends "
                    + "+ \(generated) generated with a cause")
            }
            if relayed > backendResponses[status] {
                violations.append("status \(status): nginx relayed \(relayed) backend responses, backends produced \(backendResponses[status])")
            }
            if generated > 0, StatusTally.successes.contains(status) {
                violations.append("status \(status): nginx generated \(generated) responses itself; it generates only errors")
            }
            if received > sent {
                violations.append("status \(status): clients received \(received) responses, nginx sent \(sent)")
            }
        }
        let onTheWire = sentToClients.total() - clientResponses.total()
        if onTheWire > Int64(requestsInFlight) {
            violations.append("responses: nginx sent \(sentToClients.total()), clients received \(clientResponses.total()); "
                + "the \(onTheWire) missing exceed the \(requestsInFlight) requests in flight")
        }
    }

    /// A closed loop of `connections` connections (wrk's model) has exactly
    /// that many client connections, each with at most one request
    /// outstanding: more requests at once means requests were duplicated
    /// (issue 10, item 2: a rejected connection's request resent while its
    /// connection also sent the next one).
    mutating func checkClosedLoop(connections: Int) {
        if peakRequestsInFlight > connections {
            violations.append("closed loop: \(peakRequestsInFlight) requests were outstanding at once; "
                + "\(connections) connections send one at a time")
        }
        if peakClientConnections > connections {
            violations.append("closed loop: \(peakClientConnections) client connections existed at once; the loop has \(connections)")
        }
    }
}
