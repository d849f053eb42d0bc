/// Everything `calibrate` measures on a machine: the CPU the proxy, the rig's
/// load generator and its backends spend per connection and per request
/// (each fitted from the same runs), the machine's cores, and how long a
/// woken thread takes to run.
struct MachineCalibrationFit {
    var proxy: CPUCostFit
    var loadGenerator: CPUCostFit?
    var backends: CPUCostFit?
    var cores: Int
    /// Seconds; nil when the probe could not run.
    var wakeUpLatency: Double?
    /// The machine's busy CPU that no thread or process of the rig was
    /// charged for, as a share of what they were charged (the kernel's
    /// softirq work on loopback packets, which Linux accounts to no task);
    /// nil when /proc/stat could not be read. Every cost written includes it,
    /// in proportion: the cores it takes are the processes' competitors.
    var kernelShare: Double?

    /// The runs' kernel share: (machine busy - the rig's CPU) / the rig's CPU, at least 0.
    static func kernelShare(machineBusy: [Double?], rigCPU: [Double]) -> Double? {
        let measured = zip(machineBusy, rigCPU).compactMap { busy, rig in busy.map { ($0, rig) } }
        guard measured.count == rigCPU.count, case let rig = measured.reduce(0, { $0 + $1.1 }), rig > 0 else { return nil }
        return max(0, (measured.reduce(0) { $0 + $1.0 } - rig) / rig)
    }

    /// A fitted cost with the kernel's share added.
    func withKernel(_ seconds: Double) -> Double { seconds * (1 + (kernelShare ?? 0)) }
}
