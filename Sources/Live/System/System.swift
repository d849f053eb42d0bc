import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Every system call the Live module makes, in one place (swift-nio's
/// System.swift style). Each wrapper retries EINTR, returns would-block as
/// `IOResult.wouldBlock` and throws a `SystemError` naming the call for
/// anything else. `errno` is read inside the `@inline(never)` helper right
/// after the call, before any other code (ARC, allocation) can change it.
/// Sockets: `System+Sockets.swift`; epoll, eventfd, timerfd: `System+Events.swift`;
/// limits and signals: `System+Process.swift`.
public enum System {
    /// Runs `call` until it is not interrupted. -1 with EAGAIN/EWOULDBLOCK
    /// (or EINPROGRESS, for connect) is `.wouldBlock`; other failures throw.
    @inline(never)
    static func retryingInterrupts<Result: FixedWidthInteger>(
        _ name: StaticString, _ subject: @autoclosure () -> String, _ call: () -> Result
    ) throws(SystemError) -> IOResult<Result> {
        while true {
            let result = call()
            if result >= 0 { return .processed(result) }
            let error = Glibc.errno
            switch error {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK, EINPROGRESS: return .wouldBlock
            case EBADF, EFAULT:
                // A closed or wild descriptor/pointer is a bug in this module, never bad input.
                preconditionFailure("\(name) \(subject()): \(String(cString: strerror(error))); a Live module bug")
            default: throw SystemError(call: "\(name)", subject: subject(), errno: error)
            }
        }
    }

    /// Like `retryingInterrupts`, for calls that never legitimately block.
    static func blockingCall<Result: FixedWidthInteger>(
        _ name: StaticString, _ subject: @autoclosure () -> String, _ call: () -> Result
    ) throws(SystemError) -> Result {
        switch try retryingInterrupts(name, subject(), call) {
        case .processed(let value): return value
        case .wouldBlock: throw SystemError(call: "\(name)", subject: subject(), errno: EAGAIN)
        }
    }

    /// close(2). EINTR is not retried: on Linux the descriptor is released
    /// even when close is interrupted, and retrying could close a reused number.
    @inline(never)
    public static func close(_ fd: FileDescriptor) throws(SystemError) {
        if Glibc.close(fd) == 0 { return }
        let error = Glibc.errno
        if error == EINTR { return }
        if error == EBADF { preconditionFailure("close fd \(fd): descriptor not open; a Live module bug") }
        throw SystemError(call: "close", subject: "fd \(fd)", errno: error)
    }

    /// read(2) into `buffer`; `.processed(0)` is end of file (the peer's FIN).
    public static func read(_ fd: FileDescriptor, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try retryingInterrupts("read", "fd \(fd)") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// send(2) with MSG_NOSIGNAL: writing to a closed peer fails EPIPE instead of raising SIGPIPE.
    public static func send(_ fd: FileDescriptor, _ bytes: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try retryingInterrupts("send", "fd \(fd)") { Glibc.send(fd, bytes.baseAddress, bytes.count, keepalive_lab_msg_nosignal) }
    }

    /// writev(2) for sockets: sendmsg(2) with MSG_NOSIGNAL, gathering `vectors` in one call.
    public static func sendVectors(_ fd: FileDescriptor, _ vectors: UnsafeMutableBufferPointer<iovec>) throws(SystemError) -> IOResult<Int> {
        var message = msghdr()
        message.msg_iov = vectors.baseAddress
        message.msg_iovlen = vectors.count
        return try retryingInterrupts("sendmsg", "fd \(fd)") { Glibc.sendmsg(fd, &message, keepalive_lab_msg_nosignal) }
    }

    /// shutdown(2) of the write side: sends FIN once queued bytes are out.
    public static func shutdownWrite(_ fd: FileDescriptor) throws(SystemError) {
        _ = try blockingCall("shutdown", "fd \(fd)") { Glibc.shutdown(fd, Int32(SHUT_WR)) }
    }
}
