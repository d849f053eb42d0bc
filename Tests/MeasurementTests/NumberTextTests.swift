import Measurement
import Testing

@Suite struct NumberTextTests {
    @Test(arguments: [(0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (28_232, "28,232"),
                      (1_234_567, "1,234,567"), (-1_234, "-1,234")])
    func groupedPutsACommaEveryThreeDigits(value: Int, text: String) {
        #expect(NumberText.grouped(value) == text)
    }

    @Test func groupedHandlesTheExtremes() {
        #expect(NumberText.grouped(UInt64.max) == "18,446,744,073,709,551,615")
        #expect(NumberText.grouped(Int64.min) == "-9,223,372,036,854,775,808")
    }

    @Test(arguments: [
        (Int64(0), 3, "0.000"), (1_234_567, 3, "1.235"), (1_234_499, 3, "1.234"), (1_500_000, 0, "2"),
        (12_345_678, 6, "12.345678"), (-1_500, 3, "-0.002"), (-400, 3, "0.000"), (999_999_999, 3, "1000.000"),
    ])
    func millisecondsAreRoundedHalfAwayFromZeroOnIntegers(nanoseconds: Int64, digits: Int, text: String) {
        #expect(NumberText.milliseconds(nanoseconds: nanoseconds, fractionDigits: digits) == text)
    }

    @Test func percentOfAShare() {
        #expect(NumberText.percent(0.987_647) == "98.8%")
        #expect(NumberText.percent(1) == "100.0%")
        #expect(NumberText.percent(0.000_04, fractionDigits: 2) == "0.00%")
    }

    @Test func fixedWithAMissingValueUsesThePlaceholder() {
        #expect(NumberText.fixed(nil, fractionDigits: 3, missing: "-") == "-")
        #expect(NumberText.fixed(.nan, fractionDigits: 3, missing: "-") == "-")
        #expect(NumberText.fixed(2.5, fractionDigits: 3, missing: "-") == "2.500")
    }
}
