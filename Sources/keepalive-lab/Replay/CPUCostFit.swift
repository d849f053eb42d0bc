/// The per-event CPU costs of a proxy (or of the rig's load generator or
/// backends), fitted by least squares to runs that
/// differ in how many connections each request costs:
///
///     cpu = perClientConnection x client connections
///         + perUpstreamConnection x upstream connections
///         + perRequest x requests
///
/// Every connection opened is also closed, so a close cannot be told apart
/// from its open: the per-connection costs include the close. A request's
/// read and its response's write always come together, so `perRequest`
/// covers both. Coefficients are kept >= 0 (a negative one is fixed at 0 and
/// the others fitted again).
struct CPUCostFit {
    struct Run {
        var label: String
        var clientConnections: Double
        var upstreamConnections: Double
        var requests: Double
        /// Measured CPU seconds.
        var cpuSeconds: Double

        var factors: [Double] { [clientConnections, upstreamConnections, requests] }

        /// The same run with another process's measured CPU.
        func with(cpuSeconds: Double) -> Run {
            var run = self
            run.cpuSeconds = cpuSeconds
            return run
        }
    }

    /// Seconds per client connection, per upstream connection, per request.
    let perClientConnection: Double
    let perUpstreamConnection: Double
    let perRequest: Double
    let runs: [Run]

    /// nil when the runs cannot determine the costs (fewer runs than costs, or all zero).
    /// `fitted` says which costs the process has (client connection, upstream
    /// connection, request); the others are 0: a load generator opens no
    /// upstream connection, a backend accepts no client's.
    init?(runs: [Run], fitted: [Bool] = [true, true, true]) {
        guard runs.count >= 3, fitted.count == 3 else { return nil }
        var active = fitted
        var solution = [0.0, 0.0, 0.0]
        for _ in 0..<3 {
            guard let fitted = Self.leastSquares(runs, active: active) else { return nil }
            solution = fitted
            guard let negative = solution.indices.first(where: { active[$0] && solution[$0] < 0 }) else { break }
            active[negative] = false
        }
        perClientConnection = max(0, solution[0])
        perUpstreamConnection = max(0, solution[1])
        perRequest = max(0, solution[2])
        self.runs = runs
    }

    /// The CPU seconds the fit predicts for a run.
    func predicted(_ run: Run) -> Double {
        perClientConnection * run.clientConnections + perUpstreamConnection * run.upstreamConnections + perRequest * run.requests
    }

    /// Root mean square of the relative residuals.
    var relativeError: Double {
        let squares = runs.map { run -> Double in
            let relative = run.cpuSeconds > 0 ? (predicted(run) - run.cpuSeconds) / run.cpuSeconds : 0
            return relative * relative
        }
        return (squares.reduce(0, +) / Double(max(1, squares.count))).squareRoot()
    }

    /// Solves the normal equations for the active coefficients (Gaussian
    /// elimination with partial pivoting); inactive ones are 0.
    private static func leastSquares(_ runs: [Run], active: [Bool]) -> [Double]? {
        let columns = active.indices.filter { active[$0] }
        guard !columns.isEmpty else { return [0, 0, 0] }
        let n = columns.count
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for run in runs {
            let x = run.factors
            for (i, a) in columns.enumerated() {
                for (j, b) in columns.enumerated() { matrix[i][j] += x[a] * x[b] }
                matrix[i][n] += x[a] * run.cpuSeconds
            }
        }
        for pivot in 0..<n {
            guard let best = (pivot..<n).max(by: { abs(matrix[$0][pivot]) < abs(matrix[$1][pivot]) }),
                  abs(matrix[best][pivot]) > 1e-12 else { return nil }
            matrix.swapAt(pivot, best)
            for row in 0..<n where row != pivot {
                let factor = matrix[row][pivot] / matrix[pivot][pivot]
                for column in pivot...n { matrix[row][column] -= factor * matrix[pivot][column] }
            }
        }
        var solution = [0.0, 0.0, 0.0]
        for (i, a) in columns.enumerated() { solution[a] = matrix[i][n] / matrix[i][i] }
        return solution
    }
}
