import ProxyModel

extension HostSpec {
    var canonicalValue: JSON5Value {
        .object([
            JSON5Member("cores", .integer(cores)),
            JSON5Member("wake_up_latency", .duration(wakeUpLatency)),
            JSON5Member("nginx", .boolean(runsNginx)),
            JSON5Member("load_generator", .boolean(runsLoadGenerator)),
            JSON5Member("backends", .array(backends.map(JSON5Value.text))),
        ])
    }
}
