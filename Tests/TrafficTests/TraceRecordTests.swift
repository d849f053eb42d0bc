import Testing
import ProxyModel
import Traffic

@Suite struct TraceRecordTests {
    @Test func aRecordDefaultsToAGetWithNoBodyAndAThousandByteResponse() {
        let r = TraceRecord(time: Instant(nanoseconds: 5), client: 3)
        #expect(r.method == .get)
        #expect(r.requestBytes == 0)
        #expect(r.responseBytes == 1_000)
        #expect(r.time == Instant(nanoseconds: 5))
        #expect(r.client == 3)
    }

    @Test func recordsAreEqualExactlyWhenEveryFieldIs() {
        let r = TraceRecord(time: Instant(nanoseconds: 5), client: 3, method: .post, requestBytes: 10, responseBytes: 20)
        #expect(r == TraceRecord(time: Instant(nanoseconds: 5), client: 3, method: .post, requestBytes: 10, responseBytes: 20))
        var other = r
        other.responseBytes = 21
        #expect(r != other)
        #expect(Set([r, r, other]).count == 2)
    }
}
