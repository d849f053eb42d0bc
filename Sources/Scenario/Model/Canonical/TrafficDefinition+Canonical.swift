import ProxyModel
import Traffic

extension TrafficDefinition {
    var canonicalValue: JSON5Value {
        var members: [JSON5Member]
        switch source {
        case .openLoop(let pattern):
            members = [Self.canonicalMember(pattern), JSON5Member("spacing", .text(SchemaChoices.spacing.name(of: spacing)))]
        case .trace(let written, _, let speed, _):
            // Always the object form: the speed that applies is shown even when not written.
            members = [JSON5Member("trace", .object([JSON5Member("file", .text(written)), JSON5Member("speed", .number(speed ?? 1))]))]
        case .closedLoop(let connections, let thinkTime, let client):
            members = [JSON5Member("closed_loop", .object([
                JSON5Member("connections", .integer(connections)), JSON5Member("think_time", thinkTime.canonicalValue(.time)),
                JSON5Member("start", .text(SchemaChoices.closedLoopStart.name(of: client.start))),
                JSON5Member("threads", .integer(client.threads)), JSON5Member("cpu_per_request", .duration(client.cpuPerRequest)),
            ]))]
        case .pages(let pattern, let requestsPerPage, let hosts):
            members = [
                JSON5Member("pages", .object([Self.canonicalMember(pattern), JSON5Member("requests_per_page", .integer(requestsPerPage)),
                                              JSON5Member("hosts", .integer(hosts))])),
                JSON5Member("spacing", .text(SchemaChoices.spacing.name(of: spacing))),
            ]
        }
        members += [
            JSON5Member("clients", .integer(clients)),
            JSON5Member("connections_per_client", .integer(connectionsPerClient)),
            JSON5Member("methods", .object(methods.map { JSON5Member($0.method.rawValue, .number($0.weight)) })),
            JSON5Member("request_bytes", requestBytes.canonicalValue(.bytes)),
            JSON5Member("response_bytes", responseBytes.canonicalValue(.bytes)),
            JSON5Member("locations", .object(locationWeights.map { JSON5Member($0.path, .number($0.weight)) }),
                        defaultNote: locationWeights.isEmpty ? "every request to the first location" : nil),
            JSON5Member("clients_close_connections", .boolean(clientsCloseConnections)),
            JSON5Member("uris", .object((uris.isEmpty ? [(uri: "/", weight: 1)] : uris).map { JSON5Member($0.uri, .number($0.weight)) }),
                        defaultNote: uris.isEmpty ? "every request is for /" : nil),
            JSON5Member("client_addresses", .text(clientAddresses.description)),
            JSON5Member("client_protocol", .text(clientProtocol.rawValue)),
        ]
        return .object(members)
    }

    /// `rate: N` for a constant rate, `pattern: {...}` otherwise.
    static func canonicalMember(_ pattern: RatePattern) -> JSON5Member {
        switch pattern {
        case .constant(let rate):
            return JSON5Member("rate", .number(rate))
        case .steps(let steps):
            return JSON5Member("pattern", .object([JSON5Member("steps", .array(steps.map { step in
                .object([JSON5Member("duration", .duration(step.duration)), JSON5Member("rate", .number(step.perSecond))])
            }))]))
        case .bursty(let base, let burst, let length, let period):
            return JSON5Member("pattern", .object([JSON5Member("bursty", .object([
                JSON5Member("base_rate", .number(base)), JSON5Member("burst_rate", .number(burst)),
                JSON5Member("burst_length", .duration(length)), JSON5Member("period", .duration(period)),
            ]))]))
        case .diurnal(let mean, let amplitude, let period, let phase):
            return JSON5Member("pattern", .object([JSON5Member("diurnal", .object([
                JSON5Member("mean_rate", .number(mean)), JSON5Member("amplitude", .number(amplitude)),
                JSON5Member("period", .duration(period)), JSON5Member("phase_radians", .number(phase)),
            ]))]))
        }
    }
}
