import Testing
import Traffic

@Suite struct AccessLogTimeTests {
    @Test func nginxTimeFormatsReadBackToTheSameInstant() {
        #expect(AccessLogTime.local("01/Jan/1970:00:00:00 +0000") == 0)
        #expect(AccessLogTime.iso8601("1970-01-01T00:00:00+00:00") == 0)
        #expect(AccessLogTime.local("29/Feb/2028:23:59:59 -0130") == AccessLogTime.iso8601("2028-03-01T01:29:59Z"))
        #expect(AccessLogTime.msec("1796367631.250") == 1_796_367_631_250_000_000)
        #expect(AccessLogTime.seconds("0.012") == 12_000_000)
    }

    @Test func renderedTimesParseBackForManyInstants() {
        // Seeded and bounded: every 7,919,311 s from 1970 to 2200.
        var t: Int64 = 0
        while t < 7_200_000_000 {
            let ns = t * 1_000_000_000
            #expect(AccessLogTime.local(AccessLogTime.localText(ns)) == ns, "t = \(t)")
            #expect(AccessLogTime.iso8601(AccessLogTime.iso8601Text(ns)) == ns, "t = \(t)")
            t += 7_919_311
        }
    }

    @Test func malformedTimesAreNil() {
        for text in ["", "-", "1.", ".5", "abc", "04/Foo/2026:07:40:31 +0000", "04/Dec/2026:25:40:31 +0000",
                     "04/Dec/2026:07:40:31 +0000x", "2026-12-04 07:40:31", "2026-13-04T07:40:31Z", "99999999999999.1"] {
            #expect(AccessLogTime.local(text) == nil && AccessLogTime.iso8601(text) == nil && (text.contains("/") || AccessLogTime.msec(text) == nil),
                    "\(text)")
        }
    }
}
