import Live

/// A message as the reader delivered it, with its body gathered.
struct ParsedMessage: Equatable {
    var head: HTTPHead
    var target: String
    var fields: [String]
    var body: [UInt8]
}

/// Everything a reader made of some bytes: the complete messages, then the
/// error that stopped it (if any), and whether a message was left half read.
struct ReadOutcome: Equatable {
    var messages: [ParsedMessage] = []
    var error: HTTPParseError?
    var endedCleanly = false
}

/// Feeds `bytes` to a fresh reader in pieces cut at `cuts` (sorted offsets),
/// draining events after each piece, then signals the end of the stream.
func read(_ bytes: [UInt8], kind: HTTPHead.Kind, cuts: [Int] = [], limits: HTTPLimits = HTTPLimits(),
          headResponse: Bool = false) -> ReadOutcome {
    var reader = HTTPMessageReader(kind: kind, limits: limits)
    reader.nextResponseHasNoBody = headResponse
    var outcome = ReadOutcome()
    var current: ParsedMessage?
    func drain() throws(HTTPParseError) {
        while let event = try reader.next() { take(event) }
    }
    func take(_ event: HTTPReadEvent) {
        switch event {
        case .head(let head):
            current = ParsedMessage(
                head: head, target: String(decoding: reader.headBytes(head.target), as: UTF8.self),
                fields: head.fields.map {
                    String(decoding: reader.headBytes($0.name), as: UTF8.self) + ":" + String(decoding: reader.headBytes($0.value), as: UTF8.self)
                },
                body: [])
        case .body(let range):
            current?.body.append(contentsOf: reader.bodyBytes(range))
        case .end:
            if let message = current { outcome.messages.append(message) }
            current = nil
        }
    }
    var from = 0
    do throws(HTTPParseError) {
        for cut in cuts + [bytes.count] where cut >= from && cut <= bytes.count {
            reader.append(bytes[from..<cut])
            from = cut
            try drain()
        }
        if let event = try reader.finish() { take(event) }
        outcome.endedCleanly = true
    } catch {
        outcome.error = error
    }
    return outcome
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
