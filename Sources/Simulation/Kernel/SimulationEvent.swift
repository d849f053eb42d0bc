/// What the kernel needs to know about an event: enough to fingerprint it.
///
/// Events are small trivially-copyable structs with integer ids into the
/// actors' state tables — no classes, closures, existentials or strings —
/// so the queue stays a flat array (swift-linux-notes.md: class or closure
/// events are 2x slower, `any Protocol` events 10x).
public protocol SimulationEvent {
    /// A small code for the kind of event (e.g. an enum's raw value).
    var fingerprintKind: UInt32 { get }
    /// The id of the actor the event is addressed to.
    var fingerprintActor: UInt32 { get }
}

/// Something that reacts to events: the simulated world.
///
/// The kernel and the handler are separate values so the run loop can hand
/// the kernel to the handler `inout` while it runs (`kernel.run(&world)`):
/// handlers schedule new events and arm timers through it.
public protocol SimulationEventHandler: ~Copyable {
    associatedtype Event: SimulationEvent
    mutating func handle(_ event: Event, kernel: inout SimulationKernel<Event>)
}
