/// The two-sided confidence levels reports offer, each with the quantiles
/// `StudentT` needs: the standard normal one for large samples and a table
/// of Student's t for 1...30 degrees of freedom.
public enum ConfidenceLevel: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case ninety = 90
    case ninetyFive = 95
    case ninetyNine = 99

    public var description: String { "\(rawValue)%" }

    /// The fraction of intervals expected to cover the true mean, e.g. 0.95.
    public var coverage: Double { Double(rawValue) / 100 }

    /// `z = Φ⁻¹(1 - (1 - coverage) / 2)`: the standard normal quantile, the
    /// limit of Student's t as the degrees of freedom grow.
    public var normalQuantile: Double {
        switch self {
        case .ninety: return 1.6448536269514722
        case .ninetyFive: return 1.959963984540054
        case .ninetyNine: return 2.5758293035489004
        }
    }

    /// Student's t quantile `t(1 - (1 - coverage) / 2, df)` for df = 1...30
    /// (index df - 1), to six decimals (computed with SciPy's `t.ppf`).
    var smallSampleTable: [Double] {
        switch self {
        case .ninety: return Self.ninetyTable
        case .ninetyFive: return Self.ninetyFiveTable
        case .ninetyNine: return Self.ninetyNineTable
        }
    }

    // Stored once, so looking a value up never allocates.
    private static let ninetyTable: [Double] = [
        6.313752, 2.919986, 2.353363, 2.131847, 2.015048, 1.943180, 1.894579, 1.859548,
        1.833113, 1.812461, 1.795885, 1.782288, 1.770933, 1.761310, 1.753050, 1.745884,
        1.739607, 1.734064, 1.729133, 1.724718, 1.720743, 1.717144, 1.713872, 1.710882,
        1.708141, 1.705618, 1.703288, 1.701131, 1.699127, 1.697261,
    ]
    private static let ninetyFiveTable: [Double] = [
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
        2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
        2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
        2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
    ]
    private static let ninetyNineTable: [Double] = [
        63.656741, 9.924843, 5.840909, 4.604095, 4.032143, 3.707428, 3.499483, 3.355387,
        3.249836, 3.169273, 3.105807, 3.054540, 3.012276, 2.976843, 2.946713, 2.920782,
        2.898231, 2.878440, 2.860935, 2.845340, 2.831360, 2.818756, 2.807336, 2.796940,
        2.787436, 2.778715, 2.770683, 2.763262, 2.756386, 2.749996,
    ]
}
