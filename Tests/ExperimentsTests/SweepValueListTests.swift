import Experiments
import Scenario
import Testing

@Suite struct SweepValueListTests {
    private func texts(_ list: String, existing: JSON5Value? = nil) throws -> [String] {
        try SweepValueList.parse(list, existing: existing).map(\.text)
    }

    @Test func geometricRangeDoublesUpToItsEnd() throws {
        #expect(try texts("1..64x2") == ["1", "2", "4", "8", "16", "32", "64"])
        #expect(try texts("1..100x2") == ["1", "2", "4", "8", "16", "32", "64"])
        #expect(try texts("1..81x3") == ["1", "3", "9", "27", "81"])
    }

    @Test func arithmeticRangeStepsFromStartToEnd() throws {
        #expect(try texts("10..100+10") == ["10", "20", "30", "40", "50", "60", "70", "80", "90", "100"])
        #expect(try texts("1..4") == ["1", "2", "3", "4"])
        #expect(try texts("1..10+4") == ["1", "5", "9"])
    }

    @Test func decimalRangeHasNoBinaryNoise() throws {
        #expect(try texts("0.1..0.5+0.1") == ["0.1", "0.2", "0.3", "0.4", "0.5"])
        #expect(try texts("0..1+0.25") == ["0", "0.25", "0.5", "0.75", "1"])
    }

    @Test func durationRangesStepOrMultiply() throws {
        #expect(try texts("1s..3s+500ms") == ["1s", "1.5s", "2s", "2.5s", "3s"])
        #expect(try texts("250ms..2sx2") == ["250ms", "500ms", "1s", "2s"])
    }

    @Test func itemsAndRangesMixInOneList() throws {
        #expect(try texts("1,4..16x2,100") == ["1", "4", "8", "16", "100"])
    }

    @Test func valuesAreTypedAsTheModelFileWouldWriteThem() throws {
        let values = try SweepValueList.parse("8,true,4s,node-20,null,'42'", existing: nil)
        #expect(values.map(\.json) == [8, true, "4s", "node-20", nil, "42"])
    }

    @Test func whereTheModelHoldsAStringUnquotedNumbersStayStrings() throws {
        let values = try SweepValueList.parse("1.22.1,1.29", existing: "1.22.1")
        #expect(values.map(\.json) == ["1.22.1", "1.29"])
    }

    @Test func objectsAndArraysAreJSON5WithCommasInside() throws {
        let values = try SweepValueList.parse("{constant: \"1ms\"},{exponential: {mean: \"1ms\"}},[1, 2]", existing: nil)
        #expect(values.count == 3)
        #expect(values[0].json == ["constant": "1ms"])
        #expect(values[1].json == ["exponential": ["mean": "1ms"]])
        #expect(values[2].json == [1, 2])
    }

    @Test(arguments: [
        ("5..1", "the start is above the end"),
        ("1..10+0", "must be a number > 0"),
        ("1..10x1", "must be a number > 1"),
        ("0..10x2", "must start above 0"),
        ("1..2s", "must both be numbers"),
        ("1s..10s", "needs a step"),
        ("1..1000000", "more than 100000 values"),
        ("8,8", "listed twice"),
        ("8,,16", "empty value"),
        ("{a: 1", "brackets do not balance"),
    ])
    func badListsAreRefusedWithTheReason(list: String, reason: String) {
        #expect {
            _ = try SweepValueList.parse(list, existing: nil)
        } throws: { error in
            (error as? ExperimentError)?.message.contains(reason) == true
        }
    }
}

/// Ranges whose numbers could not be counted exactly, or durations beyond what
/// a model accepts, are refused with a message instead of trapping.
@Suite struct SweepValueListHostileRangeTests {
    @Test(arguments: [
        ("1e300..1e301", "must lie between"), ("1..inf", "finite numbers"), ("-9e18..9e18", "must lie between"),
        ("nan..1", "NaN is not a number"), ("1..nan", "NaN is not a number"), ("1..2+inf", "must lie between"),
        ("1..2+nan", "the step after '+' must be a number > 0"), ("1..8xinf", "a number > 1 and finite"),
        ("106751d..106751d23h47m16s+1d", "the longest duration a model accepts"), ("1s..400d+1d", "365d"),
        ("0..1+0.000000001", "gives more than"),
    ])
    func aRangeThatCannotBeExpandedIsRefusedSayingWhy(list: String, problem: String) {
        do {
            let values = try SweepValueList.parse(list, existing: nil)
            Issue.record("\(list) gave \(values.count) values")
        } catch {
            #expect(error.message.contains(problem), "\(list): \(error.message)")
        }
    }

    @Test func geometricRangesOfHugeNumbersStayFinite() throws {
        let values = try SweepValueList.parse("1e300..1e301x2", existing: nil).map(\.text)
        #expect(values.count == 4, "\(values)")
        #expect(!values.contains { $0.contains("Infinity") || $0.contains("NaN") })
    }

    @Test func sixtyFourBitSeedsThatOneDoubleWouldMergeStayDistinct() throws {
        let values = try SweepValueList.parse("18446744073709551615,18446744073709551614", existing: nil).map(\.text)
        #expect(values == ["18446744073709551615", "18446744073709551614"])
    }

    @Test func durationRangesUpToTheBoundExpand() throws {
        #expect(try SweepValueList.parse("363d..365d+1d", existing: nil).map(\.text) == ["363d", "364d", "365d"])
    }
}
