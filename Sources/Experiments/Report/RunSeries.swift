import ProxyModel

/// What a run did over time, for the pictures of `--report`: per window of
/// virtual time and per nginx worker, the most upstream connections open and
/// idle at once, and the new connections opened; per worker, how long its
/// keepalive cache held 0, 1, ..., N idle connections.
///
/// Memory grows with windows x workers, never with requests: a run is cut
/// into at most `maximumWindows` windows of a round width.
public struct RunSeries: Equatable, Sendable {
    /// Enough points for a chart a screen wide; bounds memory whatever the run's length.
    public static let maximumWindows = 500
    /// Idle levels told apart in `idleLevelTime`; more idle connections than
    /// this count as this many (a pool of thousands needs no finer picture).
    public static let maximumIdleLevels = 256

    /// The width of one window.
    public let window: TimeSpan
    /// The end of the series: what happens from then on is not recorded.
    public let end: Instant
    public let windowCount: Int
    public let workerCount: Int
    /// Idle-connection slots per worker: the sum of `keepalive N` over the upstreams with a cache.
    public let poolSlots: Int
    /// The measured part of the run (after the warm-up, until the traffic ends), for the occupancy shares.
    public let measuredFrom: Instant
    public let measuredUntil: Instant

    /// `[worker][window]`: the most connections open (busy or idle) at once in the window.
    public internal(set) var peakOpen: [[Int64]]
    /// `[worker][window]`: the most idle connections in the worker's caches at once in the window.
    public internal(set) var peakIdle: [[Int64]]
    /// `[window]`: upstream connections opened in the window, all workers together.
    public internal(set) var opened: [Int64]
    /// `[worker][k]`: nanoseconds of the measured window during which the
    /// worker held k idle connections (k above `idleLevelCap` counted at `idleLevelCap`).
    public internal(set) var idleLevelTime: [[Int64]]

    /// Series for the first `length` of a run with `workers` workers.
    public init(length: TimeSpan, workers: Int, poolSlots: Int, measuredFrom: Instant, measuredUntil: Instant) {
        window = Self.windowWidth(for: length)
        end = Instant.zero + length
        let whole = length.nanoseconds / window.nanoseconds
        windowCount = max(1, min(Self.maximumWindows, Int(whole) + (length.nanoseconds % window.nanoseconds > 0 ? 1 : 0)))
        workerCount = max(0, workers)
        self.poolSlots = max(0, poolSlots)
        self.measuredFrom = measuredFrom
        self.measuredUntil = measuredUntil
        peakOpen = Array(repeating: Array(repeating: 0, count: windowCount), count: workerCount)
        peakIdle = peakOpen
        opened = Array(repeating: 0, count: windowCount)
        idleLevelTime = Array(repeating: Array(repeating: 0, count: min(self.poolSlots, Self.maximumIdleLevels) + 1),
                              count: workerCount)
    }

    /// The highest idle level told apart: the pool's slots, or `maximumIdleLevels`.
    public var idleLevelCap: Int { min(poolSlots, Self.maximumIdleLevels) }

    /// The window holding `instant`; instants outside the run are put in the first or last window.
    public func windowIndex(of instant: Instant) -> Int {
        guard instant.nanoseconds > 0 else { return 0 }
        return Int(min(Int64(windowCount - 1), instant.nanoseconds / window.nanoseconds))
    }

    /// The start of window `index`, in seconds of virtual time.
    public func seconds(atWindow index: Int) -> Double { Double(index) * window.seconds }

    /// The smallest round width (1, 2 or 5 times a power of ten nanoseconds,
    /// at least a millisecond) that cuts `length` into at most `maximumWindows`.
    static func windowWidth(for length: TimeSpan) -> TimeSpan {
        let windows = Int64(maximumWindows)
        let rough = max(1_000_000, length.nanoseconds / windows + (length.nanoseconds % windows > 0 ? 1 : 0))
        var power: Int64 = 1_000_000
        while true {
            for multiple: Int64 in [1, 2, 5] where multiple * power >= rough { return .nanoseconds(multiple * power) }
            // Lengths are bounded far below Int64's range (about 292 years); stop before the power overflows.
            guard power <= Int64.max / 100 else { return .nanoseconds(power * 10) }
            power *= 10
        }
    }
}
