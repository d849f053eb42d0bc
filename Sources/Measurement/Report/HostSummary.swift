/// One shared host (`hosts` in a model): how busy its cores were and how
/// long its processes waited for one. Only models that place processes on
/// hosts report any.
public struct HostSummary: Equatable, Sendable {
    public var name: String
    public var cores: Int
    /// Mean share of the cores in use (or held by a process waking up).
    public var utilisation: Double = 0
    /// Mean number of runnable processes waiting for a core.
    public var meanWaiting: Double = 0
    /// Turns (a process becoming runnable) that found every core taken, of all turns.
    public var waitedShare: Double = 0
    /// How long those turns waited, milliseconds.
    public var waitMeanMs: Double?
    public var waitP99Ms: Double?

    public init(name: String, cores: Int) { self.name = name; self.cores = cores }
}

extension RunReport {
    /// The `hosts` array of the JSON report (absent when the model places nothing).
    var hostsJSON: [JSONValue] {
        hosts.map { host in
            var object = JSONObjectWriter()
            object.add("name", string: host.name)
            object.add("cores", integer: host.cores)
            object.add("utilisation", number: host.utilisation, fractionDigits: ReportDecimals.ratio)
            object.add("mean_waiting", number: host.meanWaiting, fractionDigits: ReportDecimals.average)
            object.add("waited_share", number: host.waitedShare, fractionDigits: ReportDecimals.ratio)
            object.add("run_queue_wait_mean_ms", number: host.waitMeanMs, fractionDigits: ReportDecimals.milliseconds)
            object.add("run_queue_wait_p99_ms", number: host.waitP99Ms, fractionDigits: ReportDecimals.milliseconds)
            return object.value
        }
    }

    /// The table's section, one line per host; empty when the model places nothing.
    var hostDetail: [(String, String)] {
        hosts.map { host in
            let wait = host.waitMeanMs.map { "mean \(NumberText.fixed($0, fractionDigits: 3) ?? "-") ms" } ?? "-"
            let p99 = host.waitP99Ms.map { ", p99 \(NumberText.fixed($0, fractionDigits: 3) ?? "-") ms" } ?? ""
            return ("\(host.name) (\(host.cores) cores)",
                    "\(NumberText.percent(host.utilisation)) busy; \(NumberText.percent(host.waitedShare)) of turns waited "
                        + "for a core (\(wait)\(p99)); \(NumberText.fixed(host.meanWaiting, fractionDigits: 2) ?? "-") waiting on average")
        }
    }
}
