import Glibc
import ProxyModel

/// A one-line progress bar on standard error, redrawn in place:
/// `sweep [########------------]  12/64 points  elapsed 0:12  ETA 0:52`.
/// Drawn only when standard error is a terminal: a log file or CI gets nothing.
/// Wall-clock time appears here and nowhere in results.
struct ProgressBar {
    let label: String
    let total: Int
    /// Simulations per point: progress comes in simulations, people think in points.
    let perPoint: Int
    let isShown: Bool
    private let started = MonotonicClock.now()
    private var lastDrawn = -1

    static let width = 24

    init(label: String, points: Int, perPoint: Int, console: Console) {
        self.label = label
        total = points * perPoint
        self.perPoint = max(1, perPoint)
        isShown = isatty(console.err.fileDescriptor) == 1 && total > 0
    }

    /// Redraws the line for `finished` simulations (only when it changed).
    mutating func update(_ finished: Int, console: inout Console) {
        guard isShown, finished != lastDrawn else { return }
        lastDrawn = finished
        let filled = Self.width * finished / total
        let elapsed = (MonotonicClock.now() - started).seconds
        var line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled) + "]"
        line += "  \(finished / perPoint)/\(total / perPoint) points  elapsed \(Self.clock(elapsed))"
        if finished > 0, finished < total {
            line += "  ETA \(Self.clock(elapsed * Double(total - finished) / Double(finished)))"
        }
        console.err.write(line + "\u{1B}[K")  // erase what a longer previous line left
        console.err.flush()
    }

    /// Ends the line, so later messages start on their own.
    mutating func finish(console: inout Console) {
        guard isShown, lastDrawn >= 0 else { return }
        console.err.write("\n")
        console.err.flush()
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
