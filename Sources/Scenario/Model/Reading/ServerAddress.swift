/// The form of a server address, `host:port` as nginx's `server` directive and
/// `proxy_pass http://ADDRESS` write it for TCP (`ngx_parse_url` in
/// src/core/ngx_inet.c): a host name, an IPv4 address or a bracketed IPv6
/// address, then a port from 1 to 65535. The simulator never resolves or dials
/// it, but the live mode does, and the address is what names a backend
/// process, so a typo must not pass silently.
enum ServerAddress {
    /// What is wrong with `text` as an address, or nil when it is one.
    static func problem(_ text: String) -> String? {
        guard let colon = text.lastIndex(of: ":") else {
            return "must be host:port, e.g. \"10.0.0.1:8080\" or \"app-1:3000\" (the port is missing)"
        }
        let host = text[..<colon], port = text[text.index(after: colon)...]
        guard !host.isEmpty else { return "must be host:port, e.g. \"10.0.0.1:8080\" (the host is missing)" }
        if host.first == "[" {
            guard host.last == "]", host.count > 2,
                  host.dropFirst().dropLast().allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
            else { return "must be host:port with an IPv6 host in brackets, e.g. \"[::1]:8080\"" }
        } else if !host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) {
            return "must be host:port, where the host has only letters, digits, '-', '.' and '_' "
                + "(an IPv6 host goes in brackets: \"[::1]:8080\")"
        }
        guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(port),
              (1...65_535).contains(number)
        else { return "must be host:port with a port between 1 and 65535" }
        return nil
    }
}
