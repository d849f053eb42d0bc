#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
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

/// Vectored and plain sends on a real loopback connection.
@Suite struct SystemSendTests {
    @Test func sendVectorsGathersBuffersInOrder() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        var accepted: FileDescriptor?
        let listener = try Listener(address: .loopback(), loop: loop, onAccept: { accepted = $0 })
        let client = try System.tcpSocket()
        defer { try? System.close(client) }
        _ = try System.connect(client, to: listener.address)
        #expect(try runLoop(loop) { accepted != nil })
        let server = try #require(accepted)
        defer { try? System.close(server) }
        var first: [UInt8] = Array("ab".utf8), second: [UInt8] = Array("cde".utf8)
        let sent = try first.withUnsafeMutableBytes { a in
            try second.withUnsafeMutableBytes { b in
                var vectors = [iovec(iov_base: a.baseAddress, iov_len: a.count), iovec(iov_base: b.baseAddress, iov_len: b.count)]
                return try vectors.withUnsafeMutableBufferPointer { try System.sendVectors(client, $0) }
            }
        }
        #expect(sent == .processed(5))
        var received = [UInt8](repeating: 0, count: 16)
        var count = 0
        for _ in 0..<1_000 where count < 5 {
            let result = try received.withUnsafeMutableBytes { try System.read(server, into: UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }
            if case .processed(let n) = result { count += n } else { usleepBriefly() }
        }
        #expect(Array(received[..<count]) == Array("abcde".utf8))
    }
}

@Suite struct WakeUpProbeTests {
    @Test func theProbeMeasuresAWakeUpBetweenAMicrosecondAndTenMilliseconds() throws {
        // Two blocking reads cannot answer faster than the syscalls they make, nor take milliseconds on an idle core.
        let wakeUp = try #require(WakeUpProbe.medianWakeUp(roundTrips: 500))
        #expect(wakeUp > .nanoseconds(500) && wakeUp < .milliseconds(10), "\(wakeUp)")
    }

    @Test func aThreadNameIsCutToWhatLinuxKeeps() throws {
        let done = DispatchSemaphore(value: 0)
        let name = Mutex<String>("")
        let thread = Thread {
            System.nameCurrentThread("a-thread-name-longer-than-fifteen")
            name.withLock { $0 = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "" }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(name.withLock { $0 } == "a-thread-name-l\n")
    }
}
