import Testing
import Live
import ProxyModel

/// The syscall layer: errors name the call and the reason, addresses parse strictly.
@Suite struct SystemTests {
    @Test func aSystemErrorNamesTheCallWhatItWasCalledOnAndWhy() {
        let error = SystemError(call: "connect", subject: "127.0.0.1:9", errno: 111)
        #expect(error.description == "connect 127.0.0.1:9 failed: Connection refused (errno 111)")
        #expect(error.isConnectionRefused && !error.isConnectionReset)
    }

    @Test func socketAddressesParseOnlyDottedQuadAndPort() {
        #expect(SocketAddress(parsing: "127.0.0.1:8080") == .loopback(port: 8080))
        #expect(SocketAddress(parsing: "127.0.0.1:8080")?.description == "127.0.0.1:8080")
        for bad in ["127.0.0.1", "127.0.0:80", "256.0.0.1:80", "127.0.0.1:65536", "a.b.c.d:80", "127.0.0.1:", ":80", "1.2.3.4.5:80"] {
            #expect(SocketAddress(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func aListenerOnPortZeroGetsAnEphemeralPortAndClosesIt() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let listener = try Listener(address: .loopback(), loop: loop, onAccept: { fd in try? System.close(fd) })
        #expect(listener.address.port != 0 && listener.address.host == 0x7f00_0001)
        listener.close(loop: loop)
        #expect(loop.registeredCount == 0)
    }

    @Test func theFileDescriptorLimitCanBeRead() throws {
        let limit = try System.fileDescriptorLimit()
        #expect(limit.soft >= 1 && limit.soft <= limit.hard)
    }
}
