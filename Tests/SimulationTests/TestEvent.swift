import Simulation

/// A minimal event for kernel tests: a label and an actor.
struct TestEvent: SimulationEvent, Equatable {
    var label: UInt32
    var actor: UInt32 = 0
    var fingerprintKind: UInt32 { label }
    var fingerprintActor: UInt32 { actor }
}

/// Records what it was handed, with the time.
struct Recorder: SimulationEventHandler {
    var delivered: [(time: Int64, label: UInt32)] = []
    mutating func handle(_ event: TestEvent, kernel: inout SimulationKernel<TestEvent>) {
        delivered.append((kernel.now.nanoseconds, event.label))
    }
    var labels: [UInt32] { delivered.map(\.label) }
}
