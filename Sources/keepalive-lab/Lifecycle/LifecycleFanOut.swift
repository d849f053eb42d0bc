import Simulation

/// Passes each lifecycle event to several observers (`--events` and `--timeline` together).
final class LifecycleFanOut: LifecycleObserver {
    private let observers: [any LifecycleObserver]

    init(_ observers: [any LifecycleObserver]) { self.observers = observers }

    func record(_ event: LifecycleEvent) {
        for observer in observers { observer.record(event) }
    }

    /// Nil for no observer, the observer itself for one, a fan-out for more.
    static func combining(_ observers: [any LifecycleObserver]) -> (any LifecycleObserver)? {
        observers.count > 1 ? LifecycleFanOut(observers) : observers.first
    }
}
