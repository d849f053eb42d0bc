import Traffic

/// `traffic.uris` and `traffic.client_addresses`: the request facts that
/// `hash $request_uri`, `hash $remote_addr` and `ip_hash` balance on.
extension TrafficDefinition {
    /// Longest URI accepted (nginx's default large_client_header_buffers is 8k).
    static let maximumURILength = 8_192
    /// Most distinct URIs a model may list.
    static let maximumURIs = 100_000

    mutating func readRequestFacts(_ traffic: ObjectReader) {
        if let reader = traffic.field("uris") { uris = Self.readURIs(reader) }
        if let reader = traffic.field("client_addresses") {
            let text = reader.string()
            if reader.value != nil {
                if let network = IPv4Network(text) {
                    clientAddresses = network
                } else {
                    reader.report("must be an IPv4 network written a.b.c.d/len, e.g. \"10.0.0.0/8\" "
                        + "(clients behind one NAT: \"192.0.2.1/32\")")
                }
            }
        }
    }

    private static func readURIs(_ reader: ValueReader) -> [(uri: String, weight: Double)] {
        let uris = reader.map(count: 1...maximumURIs) { uri, weight -> (uri: String, weight: Double)? in
            let value = weight.double(in: 0.0...1e15)
            guard uri.hasPrefix("/"), uri.utf8.count <= maximumURILength,
                  !uri.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
                weight.report("a URI starts with / and has no spaces or control characters, "
                    + "at most \(maximumURILength) bytes (as nginx's $request_uri)")
                return nil
            }
            return (uri, value)
        }.compactMap(\.value)
        if !uris.isEmpty, uris.allSatisfy({ $0.weight == 0 }) {
            reader.report("at least one URI must have a weight above 0")
        }
        return uris
    }
}
