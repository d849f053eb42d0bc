/// Frames a message body (RFC 9112 section 6 and 7.1): a fixed length, the
/// chunked coding (sizes, extensions, data, trailers), or everything until
/// the connection closes. Returns ranges of body bytes in place (zero-copy);
/// chunk sizes, extensions and trailers are consumed and dropped.
struct HTTPBodyDecoder {
    enum Framing: Hashable {
        case fixed(Int64)
        case chunked
        case untilClose
    }

    private enum State: Hashable {
        case fixed(remaining: Int64)
        case untilClose
        /// Reading a chunk size's hex digits.
        case chunkSize(value: UInt64, digits: Int)
        /// After the size: chunk extensions up to CR (`bytes` bounds them).
        case chunkExtension(value: UInt64, bytes: Int)
        /// Saw the CR after a size line.
        case chunkSizeLF(value: UInt64)
        case chunkData(remaining: UInt64)
        case chunkDataCR
        case chunkDataLF
        /// Trailer fields after the last chunk: `lineLength` of the current line.
        case trailer(lineLength: Int, sawCR: Bool)
        case finished
    }

    private var state: State
    private let limits: HTTPLimits
    /// Body bytes consumed (framing included), for error offsets.
    private var offset = 0
    private var trailerBytes = 0
    private var trailerFields = 0

    init(_ framing: Framing, limits: HTTPLimits) {
        self.limits = limits
        switch framing {
        case .fixed(let length): state = length == 0 ? .finished : .fixed(remaining: length)
        case .chunked: state = .chunkSize(value: 0, digits: 0)
        case .untilClose: state = .untilClose
        }
    }

    var isFinished: Bool { state == .finished }
    var readsUntilClose: Bool { state == .untilClose }

    /// Consumes from `bytes` up to the end of one run of body bytes (or of the
    /// framing). Returns how many bytes were consumed and where the body bytes
    /// among them are (relative to `bytes`).
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (consumed: Int, body: Range<Int>?) {
        var index = 0
        while index < bytes.count {
            switch state {
            case .finished:
                return (index, nil)
            case .fixed(let remaining):
                let take = Int(Swift.min(remaining, Int64(bytes.count - index)))
                state = remaining == Int64(take) ? .finished : .fixed(remaining: remaining - Int64(take))
                offset += take
                return (index + take, index..<index + take)
            case .untilClose:
                offset += bytes.count - index
                return (bytes.count, index..<bytes.count)
            case .chunkData(let remaining):
                let take = Int(Swift.min(remaining, UInt64(bytes.count - index)))
                state = remaining == UInt64(take) ? .chunkDataCR : .chunkData(remaining: remaining - UInt64(take))
                offset += take
                return (index + take, index..<index + take)
            default:
                try step(bytes[index])
                index += 1
                offset += 1
            }
        }
        return (index, nil)
    }

    /// One framing byte of the chunked coding.
    private mutating func step(_ byte: UInt8) throws(HTTPParseError) {
        switch state {
        case .chunkSize(let value, let digits):
            if let digit = HTTPBytes.hexValue(byte) {
                // 15 hex digits is far beyond any body; more would overflow.
                guard digits < 15 else { throw .chunkSizeTooLarge(offset: offset) }
                state = .chunkSize(value: value << 4 | digit, digits: digits + 1)
            } else if digits > 0 && byte == HTTPBytes.cr {
                state = .chunkSizeLF(value: value)
            } else if digits > 0 && (byte == UInt8(ascii: ";") || HTTPBytes.isWhitespace(byte)) {
                state = .chunkExtension(value: value, bytes: 1)
            } else {
                throw .invalidChunkSize(offset: offset)
            }
        case .chunkExtension(let value, let count):
            if byte == HTTPBytes.cr {
                state = .chunkSizeLF(value: value)
            } else {
                guard HTTPBytes.isFieldValue(byte) else { throw .invalidChunkSize(offset: offset) }
                guard count < limits.maxHeadBytes else { throw .trailerTooLarge(limit: limits.maxHeadBytes) }
                state = .chunkExtension(value: value, bytes: count + 1)
            }
        case .chunkSizeLF(let value):
            guard byte == HTTPBytes.lf else { throw .invalidChunkSize(offset: offset) }
            state = value == 0 ? .trailer(lineLength: 0, sawCR: false) : .chunkData(remaining: value)
        case .chunkDataCR:
            guard byte == HTTPBytes.cr else { throw .missingChunkTerminator(offset: offset) }
            state = .chunkDataLF
        case .chunkDataLF:
            guard byte == HTTPBytes.lf else { throw .missingChunkTerminator(offset: offset) }
            state = .chunkSize(value: 0, digits: 0)
        case .trailer(let lineLength, let sawCR):
            trailerBytes += 1
            guard trailerBytes <= limits.maxHeadBytes else { throw .trailerTooLarge(limit: limits.maxHeadBytes) }
            if sawCR {
                guard byte == HTTPBytes.lf else { throw .strayCarriageReturn(offset: offset) }
                if lineLength == 0 { state = .finished; return }
                trailerFields += 1
                guard trailerFields <= limits.maxFields else { throw .tooManyFields(limit: limits.maxFields) }
                state = .trailer(lineLength: 0, sawCR: false)
            } else if byte == HTTPBytes.cr {
                state = .trailer(lineLength: lineLength, sawCR: true)
            } else {
                guard byte != HTTPBytes.lf else { throw .bareLineFeed(offset: offset) }
                guard HTTPBytes.isFieldValue(byte) || byte == HTTPBytes.colon else { throw .invalidFieldValue(offset: offset) }
                state = .trailer(lineLength: lineLength + 1, sawCR: false)
            }
        case .fixed, .untilClose, .chunkData, .finished:
            preconditionFailure("step() on a state decode() handles")
        }
    }
}
