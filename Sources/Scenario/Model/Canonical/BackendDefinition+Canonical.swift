import ProxyModel

extension ListenBacklog {
    var canonicalValue: JSON5Value {
        switch self {
        case .connections(let n): return .integer(n)
        case .somaxconn: return .text("somaxconn")
        }
    }
}

extension BackendDefinition {
    /// Every keepalive setting written out, each marked with the profile it came
    /// from when the file does not override it.
    var canonicalValue: JSON5Value {
        let note = "profile \(profile)"
        let policy = keepalive
        var members = [
            JSON5Member("profile", .text(profile)),
            JSON5Member("idle_timeout", policy.idleTimeout.map(JSON5Value.duration) ?? .text("none"), defaultNote: note),
            JSON5Member("idle_close_delay", .duration(policy.idleCloseDelay), defaultNote: note),
            JSON5Member("max_requests", .integer(policy.maxRequestsPerConnection ?? 0), defaultNote: note),
            JSON5Member("max_requests_close", .text(SchemaChoices.requestLimit.name(of: policy.atRequestLimit)), defaultNote: note),
            JSON5Member("close_style", .text(SchemaChoices.closeStyle.name(of: policy.closeStyle)), defaultNote: note),
            JSON5Member("always_close", .boolean(policy.alwaysCloses), defaultNote: note),
            JSON5Member("load_shedding", .text(SchemaChoices.loadShedding.name(of: policy.loadShedding)), defaultNote: note),
            JSON5Member("timer_granularity", .duration(eventLoop.timerGranularity), defaultNote: note),
            JSON5Member("listen_backlog", listenBacklog.canonicalValue, defaultNote: note),
            JSON5Member("workers", .integer(workers)),
            JSON5Member("service", .object([
                JSON5Member("cpu", cpu.canonicalValue(.time)),
                JSON5Member("wait", wait.canonicalValue(.time)),
                JSON5Member("wait_holds_worker", .boolean(waitHoldsWorker)),
            ])),
            JSON5Member("accept_cpu", .duration(acceptCPU)),
            JSON5Member("tls_handshake_cpu", .duration(tlsHandshakeCPU)),
            JSON5Member("fin_with_response", .boolean(finWithResponse)),
            JSON5Member("error_rate", .number(errorRate)),
        ]
        // Shown once a calibration or the model sets it (zero: the model's own costs are all).
        if !serverCPU.isZero {
            members.append(JSON5Member("server_cpu", .object([
                JSON5Member("connection", .duration(serverCPU.perConnection)),
                JSON5Member("request", .duration(serverCPU.perRequest)),
            ]), defaultNote: "calibration"))
        }
        return .object(members)
    }
}
