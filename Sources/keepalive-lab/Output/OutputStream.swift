import Glibc

/// A buffered writer on a file descriptor (1 = standard output, 2 = standard error).
///
/// Swift 6 language mode refuses the C `stdout`/`stderr` globals, and
/// `print` has its own buffer that would interleave badly with raw writes,
/// so all output of the tool goes through this type and `write(2)`.
/// A closed pipe (`keepalive-lab ... | head`) is not an error: SIGPIPE is
/// ignored at start, `write` fails with EPIPE, and the stream quietly drops
/// everything after; the runner then exits without a message.
struct OutputStream: TextOutputStream {
    /// Why the stream stopped writing.
    enum State: Equatable, Sendable {
        case open
        /// The reader went away (EPIPE): not worth a message.
        case brokenPipe
        /// Any other write error, with its errno.
        case failed(errno: Int32)
    }

    let fileDescriptor: Int32
    private(set) var state: State = .open
    private var buffer: [UInt8] = []
    /// Flush once this many bytes are waiting: large writes, bounded memory.
    private let capacity = 1 << 16

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        buffer.reserveCapacity(capacity)
    }

    static var standardOutput: OutputStream { OutputStream(fileDescriptor: 1) }
    static var standardError: OutputStream { OutputStream(fileDescriptor: 2) }

    /// Appends the text; writes it out once the buffer is full.
    mutating func write(_ text: String) {
        guard state == .open else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    /// Appends the text and a newline.
    mutating func writeLine(_ text: String = "") {
        write(text)
        write("\n")
    }

    /// Writes out everything buffered, retrying short writes and EINTR.
    mutating func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard state == .open else { return }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                Glibc.write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            let error = errno
            if error == EINTR { continue }
            state = error == EPIPE ? .brokenPipe : .failed(errno: error)
            return
        }
    }
}
