import ProxyModel
import Scenario
import Simulation

/// Fills a `RunSeries` from the run's lifecycle events (`--report`): an
/// upstream connection is open from `upstream_open` to `upstream_close`, and
/// idle from `upstream_idle` (stored in a keepalive cache,
/// ngx_http_upstream_free_keepalive_peer) until it is reused
/// (ngx_http_upstream_get_keepalive_peer) or closed.
///
/// State is per worker plus the set of idle connections (bounded by the
/// pools' slots), so memory does not grow with the number of requests.
public final class RunSeriesRecorder: LifecycleObserver {
    public private(set) var series: RunSeries
    private var openLevel: [Int64]
    private var idleLevel: [Int64]
    /// Per worker: the last window whose peaks include the current levels.
    private var filledThrough: [Int]
    /// Per worker: when the idle level last changed.
    private var idleLevelSince: [Instant]
    /// Idle connections by serial, with their worker; looked up, never iterated.
    private var idleConnections: [Int64: Int] = [:]

    /// A recorder sized for `model`'s traffic (`run.duration`; the drain after it, where
    /// connections only wind down, would squeeze the pictures), its workers and pools.
    public convenience init(model: ScenarioModel) {
        let slots = model.nginx.upstreams.reduce(0) { total, upstream in total + (upstream.cache.settings?.capacity ?? 0) }
        let start = Instant.zero + model.run.warmup
        self.init(series: RunSeries(length: model.run.duration, workers: model.nginx.workerProcesses,
                                    poolSlots: slots, measuredFrom: start, measuredUntil: max(start, Instant.zero + model.run.duration)))
    }

    public init(series: RunSeries) {
        self.series = series
        openLevel = Array(repeating: 0, count: series.workerCount)
        idleLevel = openLevel
        filledThrough = Array(repeating: 0, count: series.workerCount)
        idleLevelSince = Array(repeating: .zero, count: series.workerCount)
    }

    public func record(_ event: LifecycleEvent) {
        let worker = Int(event.worker)
        guard worker >= 0, worker < series.workerCount, event.time < series.end else { return }
        let window = series.windowIndex(of: event.time)
        switch event.kind {
        case .upstreamOpen:
            carryLevels(of: worker, through: window)
            openLevel[worker] += 1
            series.opened[window] += 1
        case .upstreamIdle:
            carryLevels(of: worker, through: window)
            if idleConnections.updateValue(worker, forKey: event.connection) == nil { changeIdle(of: worker, by: 1, at: event.time) }
        case .upstreamReuse:
            carryLevels(of: worker, through: window)
            if idleConnections.removeValue(forKey: event.connection) != nil { changeIdle(of: worker, by: -1, at: event.time) }
        case .upstreamClose:
            carryLevels(of: worker, through: window)
            openLevel[worker] = max(0, openLevel[worker] - 1)
            if let owner = idleConnections.removeValue(forKey: event.connection) { changeIdle(of: owner, by: -1, at: event.time) }
        default:
            return
        }
        notePeaks(of: worker, in: window)
    }

    /// The series with every window filled up to the end of the run.
    public func finished() -> RunSeries {
        let last = series.windowCount - 1
        for worker in 0..<series.workerCount {
            carryLevels(of: worker, through: last)
            addIdleTime(of: worker, until: series.measuredUntil)
            idleLevelSince[worker] = series.measuredUntil
        }
        return series
    }

    /// Windows after the last change of `worker` saw its levels unchanged.
    private func carryLevels(of worker: Int, through window: Int) {
        while filledThrough[worker] < window {
            filledThrough[worker] += 1
            notePeaks(of: worker, in: filledThrough[worker])
        }
    }

    private func notePeaks(of worker: Int, in window: Int) {
        series.peakOpen[worker][window] = max(series.peakOpen[worker][window], openLevel[worker])
        series.peakIdle[worker][window] = max(series.peakIdle[worker][window], idleLevel[worker])
    }

    private func changeIdle(of worker: Int, by change: Int64, at time: Instant) {
        addIdleTime(of: worker, until: time)
        idleLevelSince[worker] = max(idleLevelSince[worker], time)
        idleLevel[worker] = max(0, idleLevel[worker] + change)
    }

    /// Credits the time since the last change, clipped to the measured part of the run, to the current idle level.
    private func addIdleTime(of worker: Int, until time: Instant) {
        let from = max(idleLevelSince[worker], series.measuredFrom)
        let until = min(time, series.measuredUntil)
        guard until > from else { return }
        let level = Int(min(idleLevel[worker], Int64(series.idleLevelCap)))
        series.idleLevelTime[worker][level] = series.idleLevelTime[worker][level] &+ (until - from).nanoseconds
    }
}
