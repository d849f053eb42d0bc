import Measurement
import Simulation

/// `simulate --events FILE.jsonl`: one JSON object per lifecycle event, one
/// per line, written through a fixed-size buffer as the run goes, so memory
/// does not grow with the run's length.
///
///     {"time_ns": 750000, "event": "request_at_proxy", "request": 1, "client_connection": 1,
///      "upstream_connection": null, "worker": 0, "backend": null, "detail": null}
///
/// Every line has the same keys in the same order; what does not apply is null.
/// `filter` keeps the connection steps, the request steps or both (`--events-filter`).
final class EventLogWriter: LifecycleObserver {
    private var stream: OutputStream
    let path: String
    let filter: EventsFilter

    init(path: String, filter: EventsFilter = .all) throws(CommandFailure) {
        self.path = path
        self.filter = filter
        stream = try OutputStream.creatingFile(atPath: path)
    }

    func record(_ event: LifecycleEvent) {
        guard filter.includes(event.kind) else { return }
        stream.writeLine(Self.line(for: event))
    }

    /// Writes out the rest and closes the file.
    func finish() throws(CommandFailure) {
        try stream.finishFile(atPath: path)
    }

    /// The JSON line for one event, without its newline.
    static func line(for event: LifecycleEvent) -> String {
        func optional(_ value: Int64) -> JSONValue { value >= 0 ? .integer(value) : .null }
        let clientSide = event.kind.isAboutClientConnection
        var object = JSONObjectWriter()
        object.add("time_ns", integer: event.time.nanoseconds)
        object.add("event", string: event.kind.rawValue)
        object.add("request", optional(event.request))
        object.add("client_connection", clientSide ? optional(event.connection) : .null)
        object.add("upstream_connection", clientSide ? .null : optional(event.connection))
        object.add("worker", optional(Int64(event.worker)))
        object.add("backend", optional(Int64(event.backend)))
        object.add("detail", event.detail.isEmpty ? .null : .string(event.detail))
        return object.text
    }
}
