import Testing
import ProxyModel

@Suite struct TimeSpanTests {
    @Test(arguments: [
        ("250ms", Int64(250_000_000)), ("1.5s", 1_500_000_000), ("75s", 75_000_000_000),
        ("1h", 3_600_000_000_000), ("40us", 40_000), ("40µs", 40_000), ("7ns", 7), ("2m", 120_000_000_000),
        ("1d", 86_400_000_000_000), ("1h30m", 5_400_000_000_000), ("1m0.5s", 60_500_000_000),
        ("0s", 0), ("0.001ms", 1_000), (".5s", 500_000_000), ("1.s", 1_000_000_000),
        ("0.3333333333s", 333_333_333), ("1.5ns", 2), ("1.4ns", 1),
    ])
    func humanDurationsParseToExactNanoseconds(text: String, nanoseconds: Int64) throws {
        #expect(try TimeSpan(parsing: text).nanoseconds == nanoseconds)
    }

    @Test(arguments: [
        ("-1s", "negative"), ("5 parsecs", "space"), ("5parsecs", "unknown unit \"parsecs\""), ("", "empty"),
        ("300000000h", "too large"), ("9223372036854775808ns", "too large"), ("1s1h", "largest to smallest"),
        ("10", "no unit"), ("s", "not a number"), ("+5s", "sign"), ("1.5.5s", "unexpected \".5s\""), ("1h 30m", "space"),
        ("ms", "not a number"), ("1e3s", "unknown unit"), ("NaNs", "not a number"),
    ])
    func badDurationsAreRefusedSayingWhatIsAccepted(text: String, problem: String) {
        do {
            let value = try TimeSpan(parsing: text)
            Issue.record("\"\(text)\" parsed as \(value.nanoseconds) ns")
        } catch {
            #expect(error.description.contains(problem), "\(error.description)")
            #expect(error.description.contains("expected a non-negative number with a unit"))
        }
    }

    @Test func aBareNumberIsReadInTheDefaultUnitWhereTheCallerGivesOne() throws {
        #expect(try TimeSpan(parsing: "65", defaultUnit: "s") == .seconds(65))
        #expect(try TimeSpan(parsing: "500", defaultUnit: "ms") == .milliseconds(500))
    }

    @Test(arguments: [
        (Int64(0), "0s"), (250_000_000, "250ms"), (1_500_000_000, "1.5s"), (90_000_000_000, "90s"),
        (120_000_000_000, "2m"), (7_200_000_000_000, "2h"), (40_000, "40us"), (7, "7ns"), (1_234_567, "1.234567ms"),
        (1_234_000, "1.234ms"), (86_400_000_000_000, "1d"), (1_000_001, "1.000001ms"), (1_000_000_001, "1.000000001s"), (999, "999ns"),
    ])
    func formattingGivesTheCanonicalForm(nanoseconds: Int64, text: String) {
        #expect(TimeSpan(nanoseconds: nanoseconds).formatted() == text)
    }

    @Test func formattingRoundTripsThroughParsing() throws {
        var x: UInt64 = 12345
        for _ in 0..<20_000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let shift = x >> 58  // 0...63
            let n = Int64(bitPattern: (x >> 1) >> shift)
            let span = TimeSpan(nanoseconds: n)
            #expect(try TimeSpan(parsing: span.formatted()) == span, "\(n) -> \(span.formatted())")
        }
    }

    @Test func instantArithmeticIsExact() {
        let t = Instant.zero + .milliseconds(1500)
        #expect(t.nanoseconds == 1_500_000_000)
        #expect(t.wholeSeconds == 1)
        #expect(t - Instant.zero == .milliseconds(1500))
        #expect(Instant.distantFuture.addingSaturating(.seconds(1)) == .distantFuture)
    }
}
