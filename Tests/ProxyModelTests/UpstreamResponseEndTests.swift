import ProxyModel
import Testing

/// nginx-semantics.md section 1, the `u->keepalive` condition: which responses
/// leave the upstream connection reusable.
struct UpstreamResponseEndTests {
    func classify(
        status: Int = 200, version: HTTPVersion = .http11, close: Bool = false,
        body: UpstreamResponseEnd.Body = .contentLength(100), method: HTTPMethod = .get, fullyRead: Bool = true
    ) -> UpstreamResponseEnd {
        UpstreamResponseEnd(status: status, statusLineVersion: version, connectionClose: close, body: body,
                            method: method, bodyFullyRead: fullyRead)
    }

    @Test func fullyReadResponseIsReusable() {
        #expect(classify(body: .contentLength(100)) == .reusable)
        #expect(classify(body: .chunked) == .reusable)
    }

    @Test func headerOnlyResponsesAreReusableWithoutReadingABody() {
        #expect(classify(status: 204, body: .chunked, fullyRead: false) == .reusable)
        #expect(classify(status: 304, fullyRead: false) == .reusable)
        #expect(classify(method: .head, fullyRead: false) == .reusable)
        #expect(classify(body: .contentLength(0), fullyRead: false) == .reusable)
    }

    @Test func connectionCloseHeaderMarksTheResponseClose() {
        #expect(classify(close: true) == .markedClose)
    }

    @Test func http10StatusLineMarksTheResponseClose() {
        #expect(classify(version: .http10) == .markedClose)
    }

    @Test func closeDelimitedBodyMarksTheResponseClose() {
        #expect(classify(body: .untilClose) == .markedClose)
    }

    @Test func switchingProtocolsIsNeverReused() {
        #expect(classify(status: 101) == .switchedProtocols)
    }

    @Test func responseWhoseBodyWasNotFullyReadFinishedEarly() {
        #expect(classify(fullyRead: false) == .finishedEarly)
    }

    @Test func eachUnreusableEndHasItsOwnCloseReason() {
        #expect(UpstreamResponseEnd.reusable.closeReason == nil)
        #expect(UpstreamResponseEnd.markedClose.closeReason == .responseMarkedClose)
        #expect(UpstreamResponseEnd.switchedProtocols.closeReason == .responseSwitchedProtocols)
        #expect(UpstreamResponseEnd.finishedEarly.closeReason == .responseFinishedEarly)
    }
}
