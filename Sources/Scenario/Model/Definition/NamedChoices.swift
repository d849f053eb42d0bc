import ProxyModel
import Traffic

/// A field whose value is one of a few names, each standing for a value of
/// the model: one table serves reading (name -> value) and canonical printing
/// (value -> name), so the two cannot drift apart.
struct NamedChoices<Value: Equatable> {
    let entries: [(name: String, value: Value)]

    init(_ entries: [(name: String, value: Value)]) { self.entries = entries }

    /// In the order messages list them.
    var names: [String] { entries.map(\.name) }

    func value(named name: String) -> Value? { entries.first { $0.name == name }?.value }

    func name(of value: Value) -> String { entries.first { $0.value == value }?.name ?? "" }

    /// Reads one of the names; reports anything else with the valid names and
    /// the nearest one, returning the first entry's value as a stand-in.
    func read(_ reader: ValueReader) -> Value {
        let name = reader.string(oneOf: names)
        return value(named: name) ?? entries[0].value
    }
}

/// The named choices of the scenario format.
enum SchemaChoices {
    /// `nginx.accept.wake_order`.
    static let wakeOrder = NamedChoices<AcceptStrategy.WakeOrder>([("wait_queue", .waitQueue), ("longest_idle", .longestIdle)])
    static let samePassOrder = NamedChoices<SameLoopPassOrder>([
        ("arrival", .arrival), ("backend_close_first", .backendCloseFirst), ("request_first", .requestFirst),
    ])

    /// `proxy_set_header_connection`: the fixed values, and `$connection_upgrade`
    /// with a map whose `''` entry is the value plain requests get.
    static let connectionHeader = NamedChoices<UpstreamConnectionHeader>([
        ("", .fixed(.empty)), ("close", .fixed(.close)), ("keep-alive", .fixed(.keepAlive)),
        ("upgrade_map_close", .upgradeMap(plainRequests: .close)),
        ("upgrade_map_empty", .upgradeMap(plainRequests: .empty)),
        ("upgrade_map_keep-alive", .upgradeMap(plainRequests: .keepAlive)),
    ])

    /// `backends.NAME.close_style`.
    static let closeStyle = NamedChoices<BackendCloseStyle>([("fin", .fin), ("rst", .rst)])

    /// `backends.NAME.max_requests_close`.
    static let requestLimit = NamedChoices<BackendRequestLimitBehaviour>([
        ("announced", .connectionCloseOnLastResponse), ("silent", .closeSilently),
    ])

    /// `backends.NAME.load_shedding`.
    static let loadShedding = NamedChoices<BackendLoadShedding>([
        ("none", .none), ("close_after_response_when_saturated", .closeAfterResponseWhenSaturated),
        ("close_idle_when_saturated", .closeIdleConnectionsWhenSaturated),
    ])

    /// `network.*.tls`.
    static let tls = NamedChoices<TLSVersion?>([("none", nil), ("1.2", .tls12), ("1.3", .tls13)])

    /// `traffic.closed_loop.start`.
    static let closedLoopStart = NamedChoices<ClosedLoopClient.Start>([("together", .together), ("spread", .spread)])

    /// `traffic.spacing`.
    static let spacing = NamedChoices<ArrivalGenerator.Spacing>(ArrivalGenerator.Spacing.allCases.map { ($0.rawValue, $0) })
}

extension NamedChoices: Sendable where Value: Sendable {}
