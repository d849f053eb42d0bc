import Measurement
import Testing

@Suite struct SampleSummaryTests {
    @Test func theMedianOfAnOddCountIsTheMiddleValue() throws {
        let summary = try #require(SampleSummary([0.69, 0.06, 0.31]))
        #expect(summary.median == 0.31)
        #expect(summary.minimum == 0.06 && summary.maximum == 0.69 && summary.count == 3)
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() throws {
        #expect(SampleSummary([4, 1, 3, 2])?.median == 2.5)
    }

    @Test func nonFiniteValuesAreLeftOutAndNoFiniteValueGivesNoSummary() throws {
        #expect(SampleSummary([.nan, 2, .infinity])?.median == 2)
        #expect(SampleSummary([.nan]) == nil)
        #expect(SampleSummary([]) == nil)
    }

    @Test func rangesThatTouchOverlapAndRangesWithAGapDoNot() throws {
        let low = try #require(SampleSummary([0.1, 0.3])), touching = try #require(SampleSummary([0.3, 0.5]))
        let apart = try #require(SampleSummary([0.31, 0.5]))
        #expect(low.overlaps(touching) && touching.overlaps(low))
        #expect(!low.overlaps(apart) && !apart.overlaps(low))
        let inside = try #require(SampleSummary([0.15]))
        #expect(low.overlaps(inside) && inside.overlaps(low))
    }
}

@Suite struct AgreementToleranceTests {
    @Test func anAbsoluteToleranceBoundsTheDistanceWhateverTheSize() {
        let tolerance = AgreementTolerance.absolute(0.1)
        #expect(tolerance.accepts(simulated: 0.75, measured: 0.66))
        #expect(!tolerance.accepts(simulated: 0.75, measured: 0.64))
        #expect(tolerance.accepts(simulated: 0, measured: 0.1))
    }

    @Test func aRelativeToleranceScalesWithTheSimulatedValue() {
        let tolerance = AgreementTolerance.relative(0.15)
        #expect(tolerance.accepts(simulated: 1000, measured: 1149))
        #expect(!tolerance.accepts(simulated: 1000, measured: 1151))
        #expect(!tolerance.accepts(simulated: 0, measured: 0.001))
        #expect(tolerance.accepts(simulated: 0, measured: 0))
    }

    @Test func theDescriptionReadsAsItIsWrittenInTheTable() {
        #expect(AgreementTolerance.absolute(0.1).description == "±0.1")
        #expect(AgreementTolerance.relative(0.15).description == "±15%")
        #expect(AgreementTolerance(relative: 0.05, absolute: 2).description == "±5% or 2")
        #expect(AgreementTolerance().description == "±0")
    }
}
