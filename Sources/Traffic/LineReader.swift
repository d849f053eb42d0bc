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
final class LineReader {
    enum Failure: Error {
        case cannotOpen(errno: Int32)
        case cannotRead(errno: Int32)
        case lineTooLong
    }

    static let maximumLineLength = 65_536
    static let blockSize = 65_536

    /// The current line's bytes, without its line ending.
    private(set) var line: [UInt8] = []
    /// The current line's number, 1-based (0 before the first).
    private(set) var lineNumber = 0

    private let file: UnsafeMutablePointer<FILE>
    private var block = [UInt8](repeating: 0, count: LineReader.blockSize)
    private var blockStart = 0, blockEnd = 0
    private var atEndOfFile = false

    init(path: String) throws(Failure) {
        guard let file = fopen(path, "r") else { throw .cannotOpen(errno: errno) }
        self.file = file
    }

    deinit { fclose(file) }

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
        let count = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, Self.blockSize, file) }
        if count < Self.blockSize {
            // A directory opens fine on Linux; reading it fails with EISDIR.
            if ferror(file) != 0 { throw .cannotRead(errno: errno) }
            atEndOfFile = true
        }
        blockEnd = count
    }
}
