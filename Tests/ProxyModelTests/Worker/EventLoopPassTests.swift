import ProxyModel
import Testing

/// ngx_process_events_and_timers: the network events ready at a pass's
/// start, in the configured order, then the expired timers.
@Suite struct EventLoopPassTests {
    /// A pass in which a request, a timer, a backend's FIN and a response arrived, in that order.
    static func pass(_ order: SameLoopPassOrder) -> [String] {
        var pass = EventLoopPass<String>(order: order)
        pass.add("request", .network(backendClose: false))
        pass.add("idle timer", .timer)
        pass.add("fin", .network(backendClose: true))
        pass.add("response", .network(backendClose: false))
        var ordered: [String] = []
        pass.takeInOrder(into: &ordered)
        #expect(pass.isEmpty)
        return ordered
    }

    @Test func timersRunAfterEveryNetworkEventOfThePass() {
        #expect(Self.pass(.arrival) == ["request", "fin", "response", "idle timer"])
    }

    @Test func backendCloseFirstRunsTheCloseHandlersBeforeTheRequests() {
        #expect(Self.pass(.backendCloseFirst) == ["fin", "request", "response", "idle timer"])
    }

    @Test func requestFirstLetsTheRequestsMeetTheClosedConnections() {
        #expect(Self.pass(.requestFirst) == ["request", "response", "fin", "idle timer"])
    }
}
