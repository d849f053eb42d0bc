import Testing
import Live
import ProxyModel

@Suite struct HTTPMessageReaderTests {
    @Test func aRequestHeadGivesMethodTargetFieldsAndKeepAlive() throws {
        let outcome = read("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nAccept:  */* \r\n\r\n".bytes, kind: .request)
        let message = try #require(outcome.messages.first)
        #expect(outcome.endedCleanly && outcome.messages.count == 1)
        #expect(message.head.method == .get && message.target == "/a?b=1")
        #expect(message.fields == ["Host:x", "Accept:*/*"])
        #expect(message.head.isKeepAlive && message.body.isEmpty)
    }

    @Test func keepAliveFollowsRFC9112ForBothVersions() {
        func keepAlive(_ head: String) -> Bool? { read(head.bytes, kind: .request).messages.first?.head.isKeepAlive }
        #expect(keepAlive("GET / HTTP/1.1\r\nHost: x\r\n\r\n") == true)
        #expect(keepAlive("GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") == true)
        #expect(keepAlive("GET / HTTP/1.0\r\nConnection: foo, Keep-Alive\r\n\r\n") == true)
        #expect(keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n") == false)
    }

    @Test func aContentLengthBodyIsFramedAndPipelinedRequestsFollow() throws {
        let bytes = "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /n HTTP/1.1\r\nHost: x\r\n\r\n".bytes
        let outcome = read(bytes, kind: .request)
        #expect(outcome.messages.map(\.target) == ["/p", "/n"])
        #expect(outcome.messages.first?.body == "hello".bytes)
    }

    @Test func aChunkedBodyWithExtensionsAndTrailersDecodes() throws {
        let bytes = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n".bytes
        let outcome = read(bytes, kind: .response)
        let message = try #require(outcome.messages.first)
        #expect(message.head.status == 200 && message.head.isChunked)
        #expect(message.body == "hello0123456789".bytes)
        #expect(outcome.endedCleanly)
    }

    @Test func aResponseWithoutLengthIsReadUntilClose() throws {
        let outcome = read("HTTP/1.0 200 OK\r\n\r\nall of it".bytes, kind: .response)
        #expect(outcome.messages.first?.body == "all of it".bytes)
        #expect(outcome.messages.first?.head.isKeepAlive == false)
    }

    @Test func responsesToHEADAnd204And304HaveNoBody() {
        let head = read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n".bytes, kind: .response, headResponse: true)
        #expect(head.messages.count == 1 && head.messages.first?.body == [])
        let noContent = read("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n".bytes, kind: .response)
        #expect(noContent.messages.map(\.head.status) == [204, 304] && noContent.endedCleanly)
    }

    @Test func anEmptyLineBeforeARequestLineIsIgnored() {
        let outcome = read("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".bytes, kind: .request)
        #expect(outcome.messages.count == 1 && outcome.endedCleanly)
    }

    @Test func badBytesGiveTypedErrors() {
        func error(_ text: String, _ kind: HTTPHead.Kind = .request) -> HTTPParseError? { read(text.bytes, kind: kind).error }
        #expect(error("GET / HTTP/1.1\nHost: x\n\n") == .bareLineFeed(offset: 14))
        #expect(error("GET / HTTP/1.1\rHost: x\r\n\r\n") == .strayCarriageReturn(offset: 14))
        #expect(error("GET  / HTTP/1.1\r\nHost: x\r\n\r\n") == .invalidRequestLine(offset: 4, expected: "METHOD SP TARGET SP HTTP/1.x"))
        #expect(error("GET / HTTP/2.0\r\nHost: x\r\n\r\n") == .unsupportedVersion("HTTP/2.0"))
        #expect(error("GET / HTTP/1.1\r\nHost : x\r\n\r\n") == .invalidFieldName(offset: 20))
        #expect(error("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n") == .obsoleteLineFolding(offset: 25))
        #expect(error("GET / HTTP/1.1\r\nHost: a\u{1}b\r\n\r\n") == .invalidFieldValue(offset: 23))
        #expect(error("GET / HTTP/1.1\r\n\r\n") == .missingHost)
        #expect(error("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == .duplicateHost)
        #expect(error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n") == .invalidContentLength("1x"))
        #expect(error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n")
                == .invalidContentLength("99999999999999999999"))
        #expect(error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") == .conflictingContentLengths)
        #expect(error("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
                == .contentLengthWithTransferEncoding)
        #expect(error("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n") == .unsupportedTransferCoding("gzip"))
        #expect(error("HTTP/1.1 2x0 OK\r\n\r\n", .response) == .invalidStatusLine(offset: 8, expected: "HTTP/1.x SP 3DIGIT SP REASON"))
        #expect(error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .response) == .invalidChunkSize(offset: 0))
        #expect(error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc", .response) == .missingChunkTerminator(offset: 5))
        #expect(error("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", .response) == .truncatedMessage)
    }

    @Test func limitsOnHeadSizeAndFieldCountAreEnforced() {
        let limits = HTTPLimits(maxHeadBytes: 64, maxFields: 2)
        let long = "GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\nHost: x\r\n\r\n"
        #expect(read(long.bytes, kind: .request, limits: limits).error == .headTooLarge(limit: 64))
        let many = "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n"
        #expect(read(many.bytes, kind: .request, limits: limits).error == .tooManyFields(limit: 2))
    }

    @Test func errorsMapToTheStatusAServerAnswers() {
        #expect(HTTPParseError.missingHost.responseStatus == 400)
        #expect(HTTPParseError.unsupportedVersion("HTTP/2.0").responseStatus == 505)
        #expect(HTTPParseError.unsupportedTransferCoding("gzip").responseStatus == 501)
    }

    @Test func theWriterProducesMessagesTheReaderParsesBack() throws {
        var output: [UInt8] = []
        HTTPMessageWriter.appendRequest(into: &output, method: .post, target: "/x", host: "127.0.0.1:1", bodyLength: 3, keepAlive: false)
        let request = try #require(read(output, kind: .request).messages.first)
        #expect(request.head.method == .post && request.body.count == 3 && !request.head.isKeepAlive)
        output = []
        HTTPMessageWriter.appendResponse(into: &output, status: 500, bodyLength: 1234, keepAlive: true)
        let response = try #require(read(output, kind: .response).messages.first)
        #expect(response.head.status == 500 && response.body.count == 1234 && response.head.isKeepAlive)
    }
}
