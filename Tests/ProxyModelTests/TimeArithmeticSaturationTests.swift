import ProxyModel
import Testing

/// Time arithmetic saturates at Int64's ends instead of trapping (the code
/// base's one rule for time; model durations are also bounded at load time,
/// see `TimeSpan.modelMaximum`).
@Suite struct TimeArithmeticSaturationTests {
    @Test func instantPlusAHugeSpanSaturatesAtDistantFuture() {
        #expect(Instant.distantFuture + .nanoseconds(1) == .distantFuture)
        #expect(Instant(nanoseconds: .max - 5) + .nanoseconds(.max) == .distantFuture)
        #expect(Instant(nanoseconds: 10) + .nanoseconds(5) == Instant(nanoseconds: 15))
        var instant = Instant(nanoseconds: .max - 1)
        instant += .seconds(1)
        #expect(instant == .distantFuture)
    }

    @Test func subtractionsSaturateAtBothEnds() {
        #expect(Instant(nanoseconds: .min + 1) - .nanoseconds(10) == Instant(nanoseconds: .min))
        #expect(Instant(nanoseconds: .max) - .nanoseconds(.min) == Instant(nanoseconds: .max))
        #expect(Instant.distantFuture - Instant(nanoseconds: -1) == .nanoseconds(.max))
        #expect(Instant(nanoseconds: .min) - Instant(nanoseconds: 1) == .nanoseconds(.min))
        #expect(TimeSpan.nanoseconds(.min) - .nanoseconds(1) == .nanoseconds(.min))
        #expect(TimeSpan.nanoseconds(7) - .nanoseconds(9) == .nanoseconds(-2))
    }

    @Test func spanSumsAndProductsSaturateWithTheSignOfTheResult() {
        #expect(TimeSpan.nanoseconds(.max) + .nanoseconds(1) == .nanoseconds(.max))
        #expect(TimeSpan.nanoseconds(.min) + .nanoseconds(-1) == .nanoseconds(.min))
        #expect(TimeSpan.nanoseconds(.max / 2 + 1) * 2 == .nanoseconds(.max))
        #expect(TimeSpan.nanoseconds(-(.max / 2) - 2) * 2 == .nanoseconds(.min))
        #expect(TimeSpan.nanoseconds(.max) * -2 == .nanoseconds(.min))
        #expect(TimeSpan.nanoseconds(3) * 4 == .nanoseconds(12))
        var total = TimeSpan.nanoseconds(.max - 1)
        total += .seconds(1)
        #expect(total == .nanoseconds(.max))
    }

    @Test func unitConstructorsSaturateInsteadOfOverflowing() {
        #expect(TimeSpan.seconds(.max) == .nanoseconds(.max))
        #expect(TimeSpan.hours(.min) == .nanoseconds(.min))
        #expect(TimeSpan.minutes(3) == .seconds(180))
        #expect(TimeSpan.microseconds(.max / 10) == .nanoseconds(.max))
    }

    @Test func floatingPointNanosecondsClampAndNaNIsZero() {
        #expect(TimeSpan(clampingNanoseconds: 1e300) == .nanoseconds(.max))
        #expect(TimeSpan(clampingNanoseconds: -.infinity) == .nanoseconds(.min))
        #expect(TimeSpan(clampingNanoseconds: .nan) == .zero)
        #expect(TimeSpan(clampingNanoseconds: 1234.9) == .nanoseconds(1234))
    }

    /// The documented bound leaves room for the sums a run forms: twenty
    /// maximal durations still fit with room to spare.
    @Test func theModelMaximumIs365DaysAndTwentyOfThemFitInInt64() throws {
        #expect(TimeSpan.modelMaximum == (try TimeSpan(parsing: "365d")))
        let (twenty, overflow) = TimeSpan.modelMaximum.nanoseconds.multipliedReportingOverflow(by: 20)
        #expect(!overflow && twenty < Int64.max / 10)
    }

    @Test func aParseErrorQuotesAtMostSixtyCharactersOfItsInput() {
        let long = String(repeating: "9", count: 100_000) + "x"
        do {
            _ = try TimeSpan(parsing: long)
            Issue.record("parsed")
        } catch {
            #expect(error.description.count < 400, "\(error.description.prefix(500))")
            #expect(error.description.contains("(100001 characters)"))
        }
    }
}
