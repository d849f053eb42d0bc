import ProxyModel

/// Parses one complete head (start line through the empty line, CRLF line
/// endings already checked by `HTTPHeadScanner`) into an `HTTPHead`: ranges
/// into the bytes, plus the facts that decide framing and keep-alive.
/// RFC 9112 sections 3 (request line), 4 (status line), 5 (fields), 6.3 (length).
struct HTTPHeadParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: HTTPLimits

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, kind: HTTPHead.Kind, limits: HTTPLimits) throws(HTTPParseError) -> HTTPHead {
        try HTTPHeadParser(bytes: bytes, limits: limits).parse(kind: kind)
    }

    private func parse(kind: HTTPHead.Kind) throws(HTTPParseError) -> HTTPHead {
        var head = HTTPHead(kind: kind, versionMinor: 1)
        head.length = bytes.count
        let firstLineEnd = lineEnd(from: 0)
        switch kind {
        case .request: try parseRequestLine(0..<firstLineEnd, into: &head)
        case .response: try parseStatusLine(0..<firstLineEnd, into: &head)
        }
        var facts = FieldFacts()
        var lineStart = firstLineEnd + 2
        // The head ends with an empty line: its CRLF is the last two bytes.
        while lineStart < bytes.count - 2 {
            let end = lineEnd(from: lineStart)
            guard head.fields.count < limits.maxFields else { throw .tooManyFields(limit: limits.maxFields) }
            let field = try parseField(lineStart..<end)
            try facts.note(field, in: bytes)
            head.fields.append(field)
            lineStart = end + 2
        }
        try facts.apply(to: &head)
        return head
    }

    /// The index of the CR ending the line that starts at `start`.
    private func lineEnd(from start: Int) -> Int {
        var index = start
        while bytes[index] != HTTPBytes.cr { index += 1 }
        return index
    }

    /// request-line = method SP request-target SP HTTP-version
    private func parseRequestLine(_ line: Range<Int>, into head: inout HTTPHead) throws(HTTPParseError) {
        let expected = "METHOD SP TARGET SP HTTP/1.x"
        var index = line.lowerBound
        while index < line.upperBound, HTTPBytes.isToken(bytes[index]) { index += 1 }
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == HTTPBytes.space else {
            throw .invalidRequestLine(offset: index, expected: expected)
        }
        head.methodRange = line.lowerBound..<index
        head.method = HTTPMethod.allCases.first { $0.rawValue.utf8.elementsEqual(bytes[head.methodRange]) }
        index += 1
        let targetStart = index
        while index < line.upperBound, HTTPBytes.isVisible(bytes[index]) { index += 1 }
        guard index > targetStart, index < line.upperBound, bytes[index] == HTTPBytes.space else {
            throw .invalidRequestLine(offset: index, expected: expected)
        }
        head.target = targetStart..<index
        head.versionMinor = try parseVersion(index + 1..<line.upperBound) { offset throws(HTTPParseError) in
            throw .invalidRequestLine(offset: offset, expected: expected)
        }
    }

    /// status-line = HTTP-version SP status-code SP [ reason-phrase ]
    private func parseStatusLine(_ line: Range<Int>, into head: inout HTTPHead) throws(HTTPParseError) {
        let expected = "HTTP/1.x SP 3DIGIT SP REASON"
        let versionEnd = Swift.min(line.lowerBound + 8, line.upperBound)
        head.versionMinor = try parseVersion(line.lowerBound..<versionEnd) { offset throws(HTTPParseError) in
            throw .invalidStatusLine(offset: offset, expected: expected)
        }
        var index = versionEnd
        guard index + 4 <= line.upperBound, bytes[index] == HTTPBytes.space,
              HTTPBytes.isDigit(bytes[index + 1]), HTTPBytes.isDigit(bytes[index + 2]), HTTPBytes.isDigit(bytes[index + 3])
        else { throw .invalidStatusLine(offset: index, expected: expected) }
        head.status = bytes[index + 1..<index + 4].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        index += 4
        guard index < line.upperBound else { head.reason = index..<index; return }
        guard bytes[index] == HTTPBytes.space else { throw .invalidStatusLine(offset: index, expected: expected) }
        for offset in index + 1..<line.upperBound where !HTTPBytes.isFieldValue(bytes[offset]) {
            throw .invalidStatusLine(offset: offset, expected: expected)
        }
        head.reason = index + 1..<line.upperBound
    }

    /// "HTTP/1.0" -> 0, "HTTP/1.1" -> 1; another HTTP/d.d is unsupported; anything else invalid.
    private func parseVersion(
        _ range: Range<Int>, invalid: (Int) throws(HTTPParseError) -> Never
    ) throws(HTTPParseError) -> Int {
        let text = bytes[range]
        guard text.count == 8, "HTTP/".utf8.elementsEqual(text.prefix(5)),
              HTTPBytes.isDigit(text[range.lowerBound + 5]), text[range.lowerBound + 6] == UInt8(ascii: "."),
              HTTPBytes.isDigit(text[range.lowerBound + 7])
        else { try invalid(range.lowerBound) }
        let major = text[range.lowerBound + 5], minor = text[range.lowerBound + 7]
        guard major == UInt8(ascii: "1"), minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1") else {
            throw .unsupportedVersion(String(decoding: text, as: UTF8.self))
        }
        return Int(minor - UInt8(ascii: "0"))
    }

    /// field-line = field-name ":" OWS field-value OWS
    private func parseField(_ line: Range<Int>) throws(HTTPParseError) -> HTTPHead.Field {
        guard !HTTPBytes.isWhitespace(bytes[line.lowerBound]) else { throw .obsoleteLineFolding(offset: line.lowerBound) }
        var index = line.lowerBound
        while index < line.upperBound, HTTPBytes.isToken(bytes[index]) { index += 1 }
        // No whitespace is allowed between the name and the colon (RFC 9112 5.1).
        guard index > line.lowerBound, index < line.upperBound, bytes[index] == HTTPBytes.colon else {
            throw .invalidFieldName(offset: index)
        }
        let name = line.lowerBound..<index
        var valueStart = index + 1
        while valueStart < line.upperBound, HTTPBytes.isWhitespace(bytes[valueStart]) { valueStart += 1 }
        var valueEnd = line.upperBound
        while valueEnd > valueStart, HTTPBytes.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        for offset in valueStart..<valueEnd where !HTTPBytes.isFieldValue(bytes[offset]) {
            throw .invalidFieldValue(offset: offset)
        }
        return HTTPHead.Field(name: name, value: valueStart..<valueEnd)
    }
}
