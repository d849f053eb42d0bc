/// The kernel's table of IPv4 TCP sockets (/proc/net/tcp), read for what
/// only real sockets show: how many sit in TIME_WAIT toward or at given ports.
public enum TCPSocketTable {
    /// Sockets in TIME_WAIT whose remote port is one of `ports` (the
    /// connecting side's, e.g. nginx's toward its backends) and whose local
    /// port is (the accepting side's, e.g. the backends' own).
    public static func timeWait(ports: Set<UInt16>) -> (towardPorts: Int, atPorts: Int)? {
        guard let text = ProcFile.text("/proc/net/tcp") else { return nil }
        var toward = 0, at = 0
        for line in text.split(separator: "\n").dropFirst() {
            // "  sl  local_address rem_address   st ...": addresses as HEXIP:HEXPORT, state 06 = TIME_WAIT.
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 3, fields[3] == "06",
                  let local = port(of: fields[1]), let remote = port(of: fields[2]) else { continue }
            if ports.contains(remote) { toward += 1 }
            if ports.contains(local) { at += 1 }
        }
        return (toward, at)
    }

    private static func port(of address: Substring) -> UInt16? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        return UInt16(address[address.index(after: colon)...], radix: 16)
    }
}
