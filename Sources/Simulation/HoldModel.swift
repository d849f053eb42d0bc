import ProxyModel

/// The classic "hold" benchmark of event-list implementations (Vaucher and
/// Duval 1975; also `../shared/bench/simpy_hold.py`): `pending` events are
/// in the queue; handling one schedules one more at now + Exp(mean 1 s).
/// The queue size stays constant, so the run measures the kernel's cost per
/// event: pop, dispatch, one random draw, push, fingerprint.
public enum HoldModel {
    public struct Outcome: Sendable, Equatable {
        public var eventsProcessed: Int
        public var finalTime: Instant
        public var fingerprint: UInt64
    }

    /// The benchmark's only event.
    public struct HoldEvent: SimulationEvent {
        public var holder: UInt32
        @inlinable public var fingerprintKind: UInt32 { 0 }
        @inlinable public var fingerprintActor: UInt32 { holder }
    }

    /// Reschedules every event it handles one exponential hold time later.
    public struct Holder: SimulationEventHandler {
        @usableFromInline var random: RandomStream
        @usableFromInline let meanHoldNanoseconds = 1e9

        @inlinable
        public mutating func handle(_ event: HoldEvent, kernel: inout SimulationKernel<HoldEvent>) {
            kernel.schedule(event, after: holdTime())
        }

        @inlinable @inline(__always)
        mutating func holdTime() -> TimeSpan {
            TimeSpan(nanoseconds: Int64(Distribution.exponential(mean: meanHoldNanoseconds).sample(using: &random)))
        }
    }

    /// Runs the model until `events` events were handled or the virtual
    /// clock would pass `until`.
    public static func run(pending: Int, events: Int, until: Instant?, seed: UInt64) -> Outcome {
        var kernel = SimulationKernel<HoldEvent>()
        var holder = Holder(random: SeedSequence(masterSeed: seed).stream(named: "hold"))
        for i in 0..<max(0, pending) {
            kernel.schedule(HoldEvent(holder: UInt32(truncatingIfNeeded: i)), after: holder.holdTime())
        }
        _ = kernel.run(&holder, until: until ?? .distantFuture, maxEvents: UInt64(max(0, events)))
        return Outcome(eventsProcessed: Int(kernel.eventsDelivered), finalTime: kernel.now,
                       fingerprint: kernel.fingerprint.value)
    }
}
