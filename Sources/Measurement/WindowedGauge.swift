import ProxyModel

/// A `PeakGauge` that also averages its level over short fixed windows
/// (e.g. each second of virtual time) and keeps the highest window average
/// and how many windows reached a high level: what a mean over the whole run
/// hides (a backend busy 100% during each 2 s burst and idle between them
/// averages a moderate 40%).
///
/// Memory is constant: a window is summed while it runs and only its
/// average's effect on the peak and the count is kept. Windows are aligned to
/// multiples of `window` from time zero; only windows observed from their
/// start to their end count (not the one the observation starts in, nor the
/// one still running). Updates must come with non-decreasing `now`, as
/// `PeakGauge`'s.
public struct WindowedGauge: Equatable, Sendable {
    public private(set) var gauge: PeakGauge
    /// The window length in nanoseconds (> 0).
    public let windowNanoseconds: Int64
    /// A window whose average level is at least this counts as high.
    public let highLevel: Double
    /// The running window's index (its start is index × window), and
    /// ∫ level dt from the later of its start and the observation's start to `lastChange`.
    private var windowIndex: Int64
    private var windowArea: Int128 = 0
    private var lastChange: Instant
    /// The first window observed whole.
    private var firstWholeWindow: Int64
    /// The highest ∫ level dt of a whole window, or -1 when none has ended.
    private var peakWindowArea: Int128 = -1
    /// Whole windows ended, and those whose average reached `highLevel`.
    public private(set) var windowsEnded: Int64 = 0
    public private(set) var highWindows: Int64 = 0

    public init(window: TimeSpan, highLevel: Double, value: Int64 = 0, at start: Instant = .zero) {
        gauge = PeakGauge(value: value, at: start)
        windowNanoseconds = max(1, window.nanoseconds)
        self.highLevel = highLevel
        lastChange = start
        windowIndex = start.nanoseconds / windowNanoseconds
        firstWholeWindow = Self.firstWindow(startingAtOrAfter: start, window: windowNanoseconds)
    }

    @inlinable public mutating func increment(by amount: Int64 = 1, at now: Instant) {
        set(gauge.current &+ amount, at: now)
    }

    @inlinable public mutating func decrement(by amount: Int64 = 1, at now: Instant) {
        set(gauge.current &- amount, at: now)
    }

    public mutating func set(_ value: Int64, at now: Instant) {
        advance(to: now)
        gauge.set(value, at: now)
    }

    /// The level now, its peak, and its time-weighted average (`PeakGauge`'s).
    public var current: Int64 { gauge.current }
    public var peak: Int64 { gauge.peak }
    public func timeWeightedAverage(until now: Instant) -> Double? { gauge.timeWeightedAverage(until: now) }

    /// Restarts both the whole-run statistics and the windows at `now`.
    public mutating func restartWindow(at now: Instant) {
        advance(to: now)
        gauge.restartWindow(at: now)
        peakWindowArea = -1
        windowsEnded = 0
        highWindows = 0
        firstWholeWindow = Self.firstWindow(startingAtOrAfter: max(now, lastChange), window: windowNanoseconds)
    }

    /// The highest average level of a whole window ended by `now`; nil when none has.
    public func peakWindowAverage(until now: Instant) -> Double? {
        var copy = self
        copy.advance(to: now)
        return copy.peakWindowArea < 0 ? nil : Double(copy.peakWindowArea) / Double(windowNanoseconds)
    }

    /// Whole windows ended by `now`, and how many of them averaged at least `highLevel`.
    public func windowCounts(until now: Instant) -> (ended: Int64, high: Int64) {
        var copy = self
        copy.advance(to: now)
        return (copy.windowsEnded, copy.highWindows)
    }

    /// Adds the level's area up to `now`, ending the windows that end by then.
    /// Constant time however many windows pass: all but the first are at one level.
    mutating func advance(to now: Instant) {
        guard now > lastChange else { return }
        let level = Int128(gauge.current)
        let nowIndex = now.nanoseconds / windowNanoseconds
        if nowIndex > windowIndex {
            let runningEnd = (windowIndex &+ 1) &* windowNanoseconds
            windowArea &+= level &* Int128(runningEnd &- lastChange.nanoseconds)
            endWindow(windowIndex, area: windowArea)
            // The windows wholly between the running one and now's, all at `level`.
            let between = nowIndex &- windowIndex &- 1
            if between > 0 {
                let firstBetween = max(windowIndex &+ 1, firstWholeWindow)
                let counted = nowIndex &- firstBetween
                if counted > 0 { endWindows(counted, area: level &* Int128(windowNanoseconds)) }
            }
            windowIndex = nowIndex
            windowArea = level &* Int128(now.nanoseconds &- nowIndex &* windowNanoseconds)
        } else {
            windowArea &+= level &* Int128(now.nanoseconds &- lastChange.nanoseconds)
        }
        lastChange = now
    }

    private mutating func endWindow(_ index: Int64, area: Int128) {
        guard index >= firstWholeWindow else { return }
        endWindows(1, area: area)
    }

    private mutating func endWindows(_ count: Int64, area: Int128) {
        windowsEnded &+= count
        if area > peakWindowArea { peakWindowArea = area }
        if Double(area) >= highLevel * Double(windowNanoseconds) { highWindows &+= count }
    }

    private static func firstWindow(startingAtOrAfter start: Instant, window: Int64) -> Int64 {
        let index = start.nanoseconds / window
        return index &* window == start.nanoseconds ? index : index &+ 1
    }
}
