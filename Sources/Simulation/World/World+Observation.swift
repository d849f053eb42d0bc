import ProxyModel

extension World {
    /// Reports a lifecycle step to the observer, if one is installed.
    /// `mutating` only so that `self` is passed by reference: as a plain
    /// method, called from the mutating handlers, it made the optimiser copy
    /// the whole world (~2.9 KB) at some call sites.
    @inline(__always)
    mutating func observe(_ time: Instant, _ kind: LifecycleEvent.Kind, request r: Int32, clientConnection c: Int32 = -1,
                 upstreamConnection u: Int32 = -1, worker: Int32 = -1, detail: @autoclosure () -> String = "") {
        guard let observer else { return }
        let requestSerial = r >= 0 ? requests[Int(r)].serial : -1
        var connection: Int64 = -1
        var w = worker
        var backend: Int32 = -1
        if u >= 0 {
            connection = upstreamConnections[Int(u)].serial
            w = upstreamConnections[Int(u)].worker
            backend = upstreamConnections[Int(u)].backend
        } else if c >= 0 {
            connection = clientConnections[Int(c)].serial
            if w < 0 { w = clientConnections[Int(c)].worker }
        }
        observer.record(LifecycleEvent(time: time, kind: kind, request: requestSerial, connection: connection,
                                       worker: w, backend: backend, detail: detail()))
    }
}
