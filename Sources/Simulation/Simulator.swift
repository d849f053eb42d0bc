import ProxyModel
import Scenario
import Measurement
import Randomness

/// Runs one scenario on the virtual clock.
public enum Simulator {
    /// One run's outcome: the report, plus the kernel's determinism fingerprint.
    public struct Result: Sendable {
        public var report: RunReport
        /// The latency histograms behind the report's percentiles (nanoseconds), for pictures of the whole distribution.
        public var latency: LatencyHistogram
        public var latencyFromSend: LatencyHistogram
        public var fingerprint: Fingerprint
        public var eventsDelivered: UInt64
        public var virtualEnd: Instant
        /// Conservation totals and invariant checks at the end of the run.
        public var audit: WorldAudit
        /// Set when the run stopped early (overload, a stalled clock); the report covers the traffic up to then.
        public var earlyStop: EarlyStop?
    }

    /// Events delivered between two looks at the live-state budget: a few
    /// megabytes of growth at most, and no measurable cost.
    static let eventsBetweenOverloadChecks: UInt64 = 1 << 16

    /// Simulates `model` for replication `replication` of its seed.
    public static func run(_ model: ScenarioModel, replication: UInt64 = 0, modelSHA256: String = "", command: String = "",
                           observer: (any LifecycleObserver)? = nil) throws(SimulationModelError) -> Result {
        let seeds = SeedSequence(masterSeed: model.run.seed, replication: replication)
        var world = try World(model: model, seeds: seeds, observer: observer)
        var kernel = SimulationKernel<WorldEvent>()
        world.start(&kernel)
        let end = Instant.zero + model.run.duration + model.run.drain
        // In slices, so that a run past its live-state budget, or whose clock
        // stalls, stops within a slice's worth of events (see `EarlyStop`).
        var instant = kernel.now
        var eventsAtInstant: UInt64 = 0
        while kernel.run(&world, until: end, maxEvents: Self.eventsBetweenOverloadChecks) == .eventLimit, world.earlyStop == nil {
            if kernel.now == instant {
                eventsAtInstant += Self.eventsBetweenOverloadChecks
                if eventsAtInstant >= EarlyStop.maximumEventsAtOneInstant {
                    world.noteEarlyStop(.clockStalled(events: eventsAtInstant), now: kernel.now)
                }
            } else {
                instant = kernel.now
                eventsAtInstant = 0
            }
        }
        let provenance = Provenance(toolVersion: ProxyModelInfo.toolVersion, mode: "simulate", seed: model.run.seed,
                                    replication: replication, modelSHA256: modelSHA256, command: command)
        return Result(report: world.report(provenance: provenance), latency: world.metrics.latency,
                      latencyFromSend: world.metrics.latencyFromSend, fingerprint: kernel.fingerprint,
                      eventsDelivered: kernel.eventsDelivered, virtualEnd: kernel.now,
                      audit: world.audit(), earlyStop: world.earlyStop)
    }
}
