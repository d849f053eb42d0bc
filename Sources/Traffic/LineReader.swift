import CLinuxShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file one line at a time through a fixed block buffer, so memory
/// stays bounded whatever the file holds: a line longer than
/// `maximumLineLength` is refused rather than read whole (`getline` would
/// grow its buffer to fit a gigabyte without a newline).
///
/// A line ends at "\n"; a "\r" before it (CRLF files) is dropped; the last
/// line needs no ending. Bytes are not decoded here.
///
/// A gzip file (any number of concatenated members) is inflated on the fly
/// by zlib; other files are read as they are. Inflating is bounded: more
/// than `maximumInflationRatio` bytes out per byte in (plus a MiB) is a
/// gzip bomb, not a log (text logs shrink 5-30 times).
final class LineReader {
    enum Failure: Error {
        case cannotOpen(errno: Int32)
        case cannotRead(errno: Int32)
        case lineTooLong
        /// zlib's message: corrupt or truncated gzip data.
        case corruptGzip(String)
        case inflatesTooMuch(limit: Int64)
    }

    static let maximumLineLength = 65_536
    static let blockSize = 65_536

    /// The current line's bytes, without its line ending.
    private(set) var line: [UInt8] = []
    /// The current line's number, 1-based (0 before the first).
    private(set) var lineNumber = 0

    static let maximumInflationRatio: Int64 = 250

    private let file: UnsafeMutableRawPointer
    private var block = [UInt8](repeating: 0, count: LineReader.blockSize)
    private var blockStart = 0, blockEnd = 0
    private var atEndOfFile = false
    /// The file's size on disk, and the bytes read out of it so far.
    private let storedBytes: Int64
    private var bytesOut: Int64 = 0

    init(path: String) throws(Failure) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .cannotOpen(errno: errno) }
        // A directory would open, and read as nothing: say what it is.
        guard status.st_mode & S_IFMT != S_IFDIR else { throw .cannotRead(errno: EISDIR) }
        guard let file = keepalive_lab_gzip_open(path) else { throw .cannotOpen(errno: errno) }
        self.file = file
        storedBytes = Int64(status.st_size)
    }

    deinit { keepalive_lab_gzip_close(file) }

    /// Whether the file is gzip data (known once the first line was read).
    var isCompressed: Bool { keepalive_lab_gzip_is_compressed(file) != 0 }

    /// Moves to the next line; false at the end of the file.
    func advance() throws(Failure) -> Bool {
        line.removeAll(keepingCapacity: true)
        var sawBytes = false
        while true {
            if let newline = block[blockStart..<blockEnd].firstIndex(of: UInt8(ascii: "\n")) {
                try take(blockStart..<newline)
                blockStart = newline + 1
                return finishLine()
            }
            sawBytes = sawBytes || blockStart < blockEnd
            try take(blockStart..<blockEnd)
            blockStart = 0; blockEnd = 0
            if atEndOfFile { return sawBytes ? finishLine() : false }
            try refill()
        }
    }

    private func take(_ range: Range<Int>) throws(Failure) {
        guard line.count + range.count <= Self.maximumLineLength else {
            lineNumber += 1
            throw .lineTooLong
        }
        line.append(contentsOf: block[range])
    }

    private func finishLine() -> Bool {
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        lineNumber += 1
        return true
    }

    private func refill() throws(Failure) {
        let count = block.withUnsafeMutableBytes { keepalive_lab_gzip_read(file, $0.baseAddress, UInt32(Self.blockSize)) }
        guard count >= 0 else {
            let code = errno
            let message = keepalive_lab_gzip_error(file).map { String(cString: $0) } ?? ""
            if isCompressed, !message.isEmpty, code == 0 || message != String(cString: strerror(code)) { throw .corruptGzip(message) }
            throw .cannotRead(errno: code)
        }
        if count == 0 {
            // zlib hands over what it has and ends; only its error code tells a cut-off stream.
            if isCompressed, keepalive_lab_gzip_is_truncated(file) != 0 { throw .corruptGzip("unexpected end of file") }
            atEndOfFile = true
        }
        bytesOut += Int64(count)
        if isCompressed {
            let (product, overflow) = storedBytes.multipliedReportingOverflow(by: Self.maximumInflationRatio)
            let limit = overflow ? Int64.max : product.addingReportingOverflow(1 << 20).partialValue
            if bytesOut > limit { throw .inflatesTooMuch(limit: limit) }
        }
        blockEnd = count
    }
}

extension LineReader.Failure {
    /// What is wrong with a gzip file, for any reader's message.
    var gzipProblem: String {
        switch self {
        case .corruptGzip(let message):
            return "the gzip data is corrupt or cut short (zlib: \(message)); check the file with gzip -t"
        case .inflatesTooMuch(let limit):
            return "the gzip data inflates to more than \(limit) bytes, over \(LineReader.maximumInflationRatio) times its size: "
                + "a gzip bomb, not a log; decompress it yourself if it is genuine"
        default:
            return "not a gzip problem"
        }
    }
}
