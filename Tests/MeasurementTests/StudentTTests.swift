import Measurement
import Testing

@Test func studentTCriticalValuesMatchPublishedTablesWithinOneThousandth() throws {
    let published: [(degreesOfFreedom: Int, t: Double)] = [
        (1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (30, 2.042), (Int.max, 1.960),
    ]
    for (df, expected) in published {
        let t = try #require(StudentT.twoSidedCriticalValue(.ninetyFive, degreesOfFreedom: df))
        #expect(abs(t - expected) <= 1e-3, "df=\(df): \(t) vs \(expected)")
    }
}

@Test func cornishFisherBeyondTheTableMatchesExactQuantilesWithinOneMillionth() throws {
    // Exact quantiles from SciPy's t.ppf.
    let exact: [(ConfidenceLevel, Int, Double)] = [
        (.ninetyFive, 31, 2.039513446396408), (.ninetyFive, 40, 2.021075390306273),
        (.ninetyFive, 60, 2.0002978220142604), (.ninetyFive, 100, 1.9839715185235518),
        (.ninetyNine, 31, 2.744041919294269), (.ninetyNine, 40, 2.7044592674331622),
        (.ninety, 60, 1.6706488649046363), (.ninety, 1000, 1.6463788172854643),
    ]
    for (level, df, expected) in exact {
        let t = try #require(StudentT.twoSidedCriticalValue(level, degreesOfFreedom: df))
        #expect(abs(t - expected) <= 1e-6, "\(level) df=\(df): \(t) vs \(expected)")
    }
}

@Test func criticalValuesFallTowardsTheNormalQuantileAsDegreesOfFreedomGrow() throws {
    for level in ConfidenceLevel.allCases {
        var previous = Double.infinity
        for df in 1...500 {
            let t = try #require(StudentT.twoSidedCriticalValue(level, degreesOfFreedom: df))
            #expect(t < previous, "\(level) df=\(df)")
            #expect(t > level.normalQuantile, "\(level) df=\(df)")
            previous = t
        }
        let limit = try #require(StudentT.twoSidedCriticalValue(level, degreesOfFreedom: .max))
        #expect(abs(limit - level.normalQuantile) < 1e-12)
    }
}

@Test func fewerThanOneDegreeOfFreedomHasNoCriticalValue() {
    #expect(StudentT.twoSidedCriticalValue(.ninetyFive, degreesOfFreedom: 0) == nil)
    #expect(StudentT.twoSidedCriticalValue(.ninetyFive, degreesOfFreedom: -3) == nil)
}
