/// Finds the end of a head (the empty line) as bytes arrive, resuming where
/// it stopped so a head sent byte by byte costs O(n), and checking line
/// endings on the way: CRLF only (a bare LF or a stray CR is an error at once,
/// rather than a wait for an end that will never come).
struct HTTPHeadScanner {
    enum Result: Equatable {
        case needMore
        /// The head is this many bytes long, through the empty line.
        case complete(length: Int)
    }

    /// Bytes of the head examined so far.
    private(set) var scanned = 0
    private var previousWasCR = false
    private var lineLength = 0

    /// Scans `bytes` (the message from its first byte) from where the last call stopped.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, limits: HTTPLimits) throws(HTTPParseError) -> Result {
        while scanned < bytes.count {
            guard scanned < limits.maxHeadBytes else { throw .headTooLarge(limit: limits.maxHeadBytes) }
            let byte = bytes[scanned]
            scanned += 1
            if previousWasCR {
                guard byte == HTTPBytes.lf else { throw .strayCarriageReturn(offset: scanned - 2) }
                previousWasCR = false
                // An empty line ends the head; the first line may not be empty (the
                // reader skips empty lines before a request line).
                if lineLength == 0 { return .complete(length: scanned) }
                lineLength = 0
            } else if byte == HTTPBytes.cr {
                previousWasCR = true
            } else if byte == HTTPBytes.lf {
                throw .bareLineFeed(offset: scanned - 1)
            } else {
                lineLength += 1
            }
        }
        return .needMore
    }
}
