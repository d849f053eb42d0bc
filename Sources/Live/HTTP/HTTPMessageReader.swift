/// What the reader found next in the bytes.
public enum HTTPReadEvent: Hashable, Sendable {
    /// A complete head; its ranges are relative to the head's first byte
    /// (`HTTPMessageReader.headBytes`).
    case head(HTTPHead)
    /// Body bytes at this range of the reader's buffer (`HTTPMessageReader.bodyBytes`).
    case body(Range<Int>)
    /// The message is complete; the next one may follow.
    case end
}

/// Turns a stream of bytes into HTTP/1.1 messages, incrementally and in
/// place: bytes go into one growing buffer (`append`, or `readInto` straight
/// from a socket), and `next()` returns heads and body ranges that point into
/// it — valid until the next `append`/`readInto`, which may compact the buffer.
/// Any split of the same bytes gives the same events (the fuzz test checks it).
/// After an error the reader stays failed: the connection must be closed.
public struct HTTPMessageReader {
    private enum State {
        case head(HTTPHeadScanner)
        case body(HTTPBodyDecoder)
        /// The message ended with its head (or its body just ended): `.end` is due.
        case ending
    }

    public let kind: HTTPHead.Kind
    public let limits: HTTPLimits
    private var storage: [UInt8] = []
    /// Unconsumed bytes are storage[start..<end].
    private var start = 0
    private var end = 0
    /// Where the last head returned begins in `storage`.
    private var headStart = 0
    private var state: State = .head(HTTPHeadScanner())
    private var failure: HTTPParseError?

    /// For a client: the next response answers a HEAD request, so it has no
    /// body whatever its fields say (RFC 9112 6.3, rule 1). Reset by each final response.
    public var nextResponseHasNoBody = false

    public init(kind: HTTPHead.Kind, limits: HTTPLimits = HTTPLimits()) {
        self.kind = kind; self.limits = limits
    }

    /// Bytes received and not yet consumed.
    public var bufferedByteCount: Int { end - start }

    /// Between messages with nothing buffered: a close here loses nothing.
    public var isIdle: Bool {
        guard start == end, case .head(let scanner) = state else { return false }
        return scanner.scanned == 0
    }

    // MARK: Input

    /// Adds received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        reserveFreeSpace(bytes.count)
        storage.replaceSubrange(end..<end + bytes.count, with: bytes)
        end += bytes.count
    }

    /// Lets `fill` write up to `capacity` bytes straight into the buffer (a
    /// socket read); `fill` returns how many it wrote. A negative return
    /// (e.g. "would block") adds nothing and is passed back as is.
    public mutating func readInto<Failure: Error>(
        capacity: Int, _ fill: (UnsafeMutableRawBufferPointer) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        reserveFreeSpace(capacity)
        let written: Int = try withFreeSpace(capacity, fill)
        end += Swift.max(written, 0)
        return written
    }

    private mutating func withFreeSpace<Failure: Error>(
        _ capacity: Int, _ fill: (UnsafeMutableRawBufferPointer) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        let base = end
        var outcome: Result<Int, Failure> = .success(0)
        storage.withUnsafeMutableBytes { raw in
            let space = UnsafeMutableRawBufferPointer(rebasing: raw[base..<base + capacity])
            do throws(Failure) { outcome = .success(Swift.min(try fill(space), capacity)) } catch { outcome = .failure(error) }
        }
        return try outcome.get()
    }

    /// Makes room for `count` more bytes after `end`, first moving unconsumed
    /// bytes to the front (which invalidates ranges handed out earlier).
    private mutating func reserveFreeSpace(_ count: Int) {
        if start == end {
            headStart -= start; start = 0; end = 0
        } else if start > 0 && storage.count - end < count {
            let length = end - start
            let from = start
            storage.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + from, byteCount: length)
            }
            headStart -= start; start = 0; end = length
        }
        if storage.count - end < count {
            storage.append(contentsOf: repeatElement(0, count: Swift.max(count - (storage.count - end), storage.count)))
        }
    }

    // MARK: Output

    /// The next event, or nil until more bytes arrive.
    public mutating func next() throws(HTTPParseError) -> HTTPReadEvent? {
        if let failure { throw failure }
        do throws(HTTPParseError) {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    /// The connection ended (read returned 0): the event that completes a body
    /// read until close, nil if the stream ended cleanly between messages,
    /// or `truncatedMessage` if it ended inside one.
    public mutating func finish() throws(HTTPParseError) -> HTTPReadEvent? {
        if let failure { throw failure }
        switch state {
        case .body(let decoder) where decoder.readsUntilClose && start == end:
            state = .head(HTTPHeadScanner())
            return .end
        case .head(let scanner) where scanner.scanned == 0 && start == end:
            return nil
        default:
            failure = .truncatedMessage
            throw .truncatedMessage
        }
    }

    /// The bytes of a range of the last head returned.
    public func headBytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        storage[headStart + range.lowerBound..<headStart + range.upperBound]
    }

    /// The bytes of a `.body` range.
    public func bodyBytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        storage[range]
    }

    /// The value of the last head's first field named `name` (ASCII lowercase), as text.
    public func fieldValue(_ head: HTTPHead, named name: StaticString) -> String? {
        guard let field = head.fields.first(where: { HTTPBytes.equalsIgnoringCase(headBytes($0.name), name) }) else { return nil }
        return String(decoding: headBytes(field.value), as: UTF8.self)
    }

    private mutating func step() throws(HTTPParseError) -> HTTPReadEvent? {
        switch state {
        case .ending:
            state = .head(HTTPHeadScanner())
            return .end
        case .head(var scanner):
            if kind == .request && scanner.scanned == 0 {
                try skipEmptyLinesBeforeRequest()
                // A lone CR may start another empty line: wait for its LF, so
                // that how the bytes were split cannot change the outcome.
                if end - start == 1 && storage[start] == HTTPBytes.cr { return nil }
            }
            let (first, last) = (start, end)
            let result = try withBytes(first..<last) { bytes throws(HTTPParseError) in try scanner.scan(bytes, limits: limits) }
            guard case .complete(let length) = result else { state = .head(scanner); return nil }
            let head = try withBytes(first..<first + length) { bytes throws(HTTPParseError) in
                try HTTPHeadParser.parse(bytes, kind: kind, limits: limits)
            }
            headStart = start
            start += length
            beginBody(of: head)
            return .head(head)
        case .body(var decoder):
            let (first, last) = (start, end)
            let (consumed, body) = try withBytes(first..<last) { bytes throws(HTTPParseError) in try decoder.decode(bytes) }
            start += consumed
            state = decoder.isFinished ? .ending : .body(decoder)
            if let body, !body.isEmpty { return .body(first + body.lowerBound..<first + body.upperBound) }
            return decoder.isFinished ? try step() : nil
        }
    }

    /// RFC 9112 2.2: a server SHOULD ignore at least one empty line before a
    /// request line (nginx skips any number).
    private mutating func skipEmptyLinesBeforeRequest() throws(HTTPParseError) {
        while end - start >= 2 && storage[start] == HTTPBytes.cr && storage[start + 1] == HTTPBytes.lf { start += 2 }
        if end - start >= 1 && storage[start] == HTTPBytes.lf { throw .bareLineFeed(offset: 0) }
    }

    /// Which body follows `head` (RFC 9112 6.3).
    private mutating func beginBody(of head: HTTPHead) {
        var framing: HTTPBodyDecoder.Framing?
        switch head.kind {
        case .request:
            framing = head.isChunked ? .chunked : head.contentLength.map { .fixed($0) }
        case .response:
            let interim = head.status >= 100 && head.status < 200
            let bodyless = interim || head.status == 204 || head.status == 304 || nextResponseHasNoBody
            if !interim { nextResponseHasNoBody = false }
            if !bodyless {
                framing = head.isChunked ? .chunked : head.contentLength.map { .fixed($0) } ?? .untilClose
            }
        }
        let decoder = framing.map { HTTPBodyDecoder($0, limits: limits) }
        state = decoder.map { $0.isFinished ? .ending : .body($0) } ?? .ending
    }

    private func withBytes<Value>(
        _ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Value
    ) throws(HTTPParseError) -> Value {
        var outcome: Result<Value, HTTPParseError>!
        storage.withUnsafeBufferPointer { all in
            do throws(HTTPParseError) { outcome = .success(try body(UnsafeBufferPointer(rebasing: all[range]))) } catch { outcome = .failure(error) }
        }
        return try outcome.get()
    }
}
