/// The fields that decide framing and persistence, gathered over a head.
extension HTTPHeadParser {
    struct FieldFacts {
        var contentLength: Int64?
        var hasTransferEncoding = false
        var isChunked = false
        var connectionClose = false
        var connectionKeepAlive = false
        var hostCount = 0

        mutating func note(_ field: HTTPHead.Field, in bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
            let name = bytes[field.name], value = bytes[field.value]
            if HTTPBytes.equalsIgnoringCase(name, "content-length") {
                try noteContentLength(value)
            } else if HTTPBytes.equalsIgnoringCase(name, "transfer-encoding") {
                try noteTransferEncoding(value)
            } else if HTTPBytes.equalsIgnoringCase(name, "connection") {
                for token in Self.listElements(value) {
                    if HTTPBytes.equalsIgnoringCase(token, "close") { connectionClose = true }
                    if HTTPBytes.equalsIgnoringCase(token, "keep-alive") { connectionKeepAlive = true }
                }
            } else if HTTPBytes.equalsIgnoringCase(name, "host") {
                hostCount += 1
            }
        }

        /// Content-Length = 1*DIGIT; a list of equal values is the same value (RFC 9110 8.6).
        private mutating func noteContentLength(_ value: Slice<UnsafeBufferPointer<UInt8>>) throws(HTTPParseError) {
            let elements = Self.listElements(value)
            if elements.isEmpty { throw .invalidContentLength(String(decoding: value, as: UTF8.self)) }
            for element in elements {
                var length: Int64 = 0
                guard !element.isEmpty else { throw .invalidContentLength(String(decoding: value, as: UTF8.self)) }
                for byte in element {
                    guard HTTPBytes.isDigit(byte) else { throw .invalidContentLength(String(decoding: value, as: UTF8.self)) }
                    let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                    guard !overflow1, !overflow2 else { throw .invalidContentLength(String(decoding: value, as: UTF8.self)) }
                    length = sum
                }
                if let known = contentLength, known != length { throw .conflictingContentLengths }
                contentLength = length
            }
        }

        /// Only `chunked` is supported, once, as the final coding.
        private mutating func noteTransferEncoding(_ value: Slice<UnsafeBufferPointer<UInt8>>) throws(HTTPParseError) {
            let codings = Self.listElements(value)
            guard !codings.isEmpty else { throw .unsupportedTransferCoding(String(decoding: value, as: UTF8.self)) }
            for coding in codings {
                guard HTTPBytes.equalsIgnoringCase(coding, "chunked"), !isChunked else {
                    throw .unsupportedTransferCoding(String(decoding: coding, as: UTF8.self))
                }
                isChunked = true
            }
            hasTransferEncoding = true
        }

        func apply(to head: inout HTTPHead) throws(HTTPParseError) {
            if hasTransferEncoding && contentLength != nil { throw .contentLengthWithTransferEncoding }
            if head.kind == .request && head.versionMinor == 1 && hostCount == 0 { throw .missingHost }
            if hostCount > 1 { throw .duplicateHost }
            head.contentLength = contentLength
            head.isChunked = isChunked
            head.connectionClose = connectionClose
            head.connectionKeepAlive = connectionKeepAlive
        }

        /// The non-empty elements of a comma-separated list, OWS trimmed (RFC 9110 5.6.1).
        static func listElements(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> [Slice<UnsafeBufferPointer<UInt8>>] {
            value.split(separator: UInt8(ascii: ",")).compactMap { element in
                var trimmed = element
                while let first = trimmed.first, HTTPBytes.isWhitespace(first) { trimmed.removeFirst() }
                while let last = trimmed.last, HTTPBytes.isWhitespace(last) { trimmed.removeLast() }
                return trimmed.isEmpty ? nil : trimmed
            }
        }
    }
}
