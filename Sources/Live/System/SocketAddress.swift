#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 address and port: the live rig runs on loopback only.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in host byte order, e.g. 0x7f00_0001 for 127.0.0.1.
    public var host: UInt32
    public var port: UInt16

    public init(host: UInt32, port: UInt16) { self.host = host; self.port = port }

    /// 127.0.0.1:`port`; port 0 asks the kernel for an ephemeral port.
    public static func loopback(port: UInt16 = 0) -> SocketAddress {
        SocketAddress(host: 0x7f00_0001, port: port)
    }

    /// Parses "A.B.C.D:PORT"; nil if it is not exactly that.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let port = UInt16(parts[1]) else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var host: UInt32 = 0
        for octet in octets {
            guard octet.count <= 3, let value = UInt8(octet) else { return nil }
            host = host << 8 | UInt32(value)
        }
        self.init(host: host, port: port)
    }

    public var description: String {
        "\(host >> 24).\(host >> 16 & 0xff).\(host >> 8 & 0xff).\(host & 0xff):\(port)"
    }

    /// The kernel's form (network byte order).
    var sockaddr: sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: host.bigEndian)
        return address
    }

    init(_ address: sockaddr_in) {
        self.init(host: UInt32(bigEndian: address.sin_addr.s_addr), port: UInt16(bigEndian: address.sin_port))
    }
}
