/// How a sweep chart's vertical axis is scaled (`--log-y`, `--linear-y`).
public enum ChartYScale: String, CaseIterable, Sendable {
    /// Logarithmic when every mean drawn is above 0 and they span
    /// `ChartYScale.automaticLogarithmicSpan` or more (connections per 1,000
    /// requests falling from 1,000 to 1 as the pool grows); else linear.
    case automatic
    case linear
    case logarithmic

    /// Largest over smallest mean from which `automatic` draws a log scale: two decades.
    public static let automaticLogarithmicSpan = 100.0

    /// The scale to draw `means` with.
    func resolved(for means: [Double]) -> ChartAxis.Scale {
        switch self {
        case .linear: return .linear
        case .logarithmic: return .logarithmic
        case .automatic:
            guard let low = means.min(), let high = means.max(), low > 0,
                  high / low >= Self.automaticLogarithmicSpan else { return .linear }
            return .logarithmic
        }
    }
}
