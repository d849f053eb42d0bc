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
}
