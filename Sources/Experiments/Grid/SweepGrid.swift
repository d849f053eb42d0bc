/// Every combination of the varied parameters' values, in a fixed order: the
/// first parameter changes slowest, the last fastest (nested loops in the
/// order the `--vary` options were given). A point is an index into that order.
public struct SweepGrid: Equatable, Sendable {
    public var parameters: [SweepParameter]

    /// More points than this is certainly a mistake (and would not fit in memory as rows).
    public static let maximumPointCount = 10_000_000

    public init(_ parameters: [SweepParameter]) throws(ExperimentError) {
        guard !parameters.isEmpty else {
            throw ExperimentError("nothing to vary: give at least one --vary PATH=VALUES, e.g. --vary nginx.upstreams.api.keepalive=8,16,32")
        }
        for (index, parameter) in parameters.enumerated() {
            if parameters[..<index].contains(where: { $0.path == parameter.path }) {
                throw ExperimentError("--vary \(parameter.name) is given twice; list all its values in one --vary")
            }
        }
        var count = 1
        for parameter in parameters {
            let (product, overflow) = count.multipliedReportingOverflow(by: parameter.values.count)
            guard !overflow, product <= Self.maximumPointCount else {
                throw ExperimentError("the grid has more than \(Self.maximumPointCount) points; vary fewer values")
            }
            count = product
        }
        self.parameters = parameters
        pointCount = count
    }

    /// The number of points: the product of the value counts.
    public private(set) var pointCount: Int

    /// For each parameter, the index of its value at `point`.
    public func coordinates(of point: Int) -> [Int] {
        precondition((0..<pointCount).contains(point), "point \(point) outside a grid of \(pointCount)")
        var rest = point
        var coordinates = [Int](repeating: 0, count: parameters.count)
        for index in parameters.indices.reversed() {
            let count = parameters[index].values.count
            coordinates[index] = rest % count
            rest /= count
        }
        return coordinates
    }

    /// Each parameter's value at `point`.
    public func values(at point: Int) -> [SweepValue] {
        zip(parameters, coordinates(of: point)).map { $0.values[$1] }
    }
}
