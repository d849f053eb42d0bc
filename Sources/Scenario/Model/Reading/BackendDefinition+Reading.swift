import ProxyModel

/// `backends`: named backend definitions. Each starts from a `BackendProfile`
/// (a real server's shipped keepalive defaults) and may override any of them.
extension BackendDefinition {
    /// The name of the backend a model without a `backends` section gets.
    static let implicitName = "default"

    /// Every definition, with where each is written (for "unused" reports).
    /// Without the section: one backend, `default`, with every default.
    static func readAll(_ root: ObjectReader, calibration: MachineCalibration) -> [(definition: BackendDefinition, site: ReportSite)] {
        if root.contains("backends") {
            return root.map("backends", count: 1...) { name, value in
                (value.object { read(name, $0, calibration: calibration) }, ReportSite(value))
            }.map(\.value)
        }
        return root.object("backends") { backends in
            [backends.object(implicitName) { (read(implicitName, $0, calibration: calibration), ReportSite($0)) }]
        }
    }

    static func read(_ name: String, _ backend: ObjectReader, calibration: MachineCalibration = MachineCalibration()) -> BackendDefinition {
        let profileName = backend.field("profile")?.string(oneOf: BackendProfile.names) ?? BackendProfile.defaultProfileName
        let idleTimeoutReader = backend.field("idle_timeout")
        let idleTimeout = idleTimeoutReader.map(readIdleTimeout)
        var policy = profilePolicy(profileName, idleTimeout: idleTimeout?.duration, backend, idleTimeoutReader)
        if case .never? = idleTimeout { policy.idleTimeout = nil }
        if let delay = backend.field("idle_close_delay")?.duration() { policy.idleCloseDelay = delay }
        if let limit = backend.field("max_requests")?.integer(in: 0...) { policy.maxRequestsPerConnection = limit == 0 ? nil : limit }
        if let reader = backend.field("max_requests_close") { policy.atRequestLimit = SchemaChoices.requestLimit.read(reader) }
        if let reader = backend.field("close_style") { policy.closeStyle = SchemaChoices.closeStyle.read(reader) }
        if let alwaysCloses = backend.field("always_close")?.bool() { policy.alwaysCloses = alwaysCloses }
        if let reader = backend.field("load_shedding") { policy.loadShedding = SchemaChoices.loadShedding.read(reader) }
        var eventLoop = BackendProfile.eventLoop(ofProfile: profileName)
        if let granularity = backend.field("timer_granularity")?.duration(in: TimeSpan.zero...TimeSpan.seconds(1)) {
            eventLoop.timerGranularity = granularity
        }

        // The model's own defaults: `BackendSpec`'s initialiser.
        let d = BackendSpec(name: name, address: "", keepalive: policy)
        let (cpu, wait, waitHoldsWorker) = backend.object("service") { service in
            (service.field("cpu").map { DistributionReading.read($0, .time, fallback: .init(d.cpuTimeMs)) } ?? .init(d.cpuTimeMs),
             service.field("wait").map { DistributionReading.read($0, .time, fallback: .init(d.waitTimeMs)) } ?? .init(d.waitTimeMs),
             service.bool("wait_holds_worker", default: d.waitHoldsWorker))
        }
        return BackendDefinition(
            name: name, profile: profileName, keepalive: policy, eventLoop: eventLoop,
            listenBacklog: backend.field("listen_backlog").map(readListenBacklog) ?? BackendProfile.listenBacklog(ofProfile: profileName),
            workers: backend.integer("workers", default: d.workers, in: 1...100_000),
            cpu: cpu, wait: wait, waitHoldsWorker: waitHoldsWorker,
            acceptCPU: backend.duration("accept_cpu", default: d.acceptCPU),
            tlsHandshakeCPU: backend.duration("tls_handshake_cpu", default: d.tlsHandshakeCPU),
            finWithResponse: backend.bool("fin_with_response", default: d.finWithResponse),
            errorRate: backend.double("error_rate", default: d.errorRate, in: 0.0...1.0),
            serverCPU: backend.object("server_cpu") { ServerCPU.read($0, defaults: calibration.backendServerCPU) })
    }

    /// `listen_backlog`: a number of connections, or `"somaxconn"`.
    private static func readListenBacklog(_ reader: ValueReader) -> ListenBacklog {
        if case .string("somaxconn")? = reader.value?.kind { return .somaxconn }
        if case .string? = reader.value?.kind {
            reader.report("must be a number of connections (1 to 1000000) or \"somaxconn\"")
            return .somaxconn
        }
        return .connections(reader.integer(in: 1...1_000_000))
    }

    /// `idle_timeout` as written.
    private enum IdleTimeoutSetting {
        case after(TimeSpan)
        /// `"none"`: the server never closes idle connections.
        case never

        var duration: TimeSpan? {
            if case .after(let duration) = self { return duration }
            return nil
        }
    }

    /// `idle_timeout`: a duration > 0, or `"none"`.
    private static func readIdleTimeout(_ reader: ValueReader) -> IdleTimeoutSetting {
        if case .string("none")? = reader.value?.kind { return .never }
        return .after(reader.duration(in: TimeSpan.nanoseconds(1)...))
    }

    /// The profile's policy, with `idle_timeout` applied the way the profile applies it.
    private static func profilePolicy(
        _ name: String, idleTimeout: TimeSpan?, _ backend: ObjectReader, _ idleTimeoutReader: ValueReader?
    ) -> BackendKeepalivePolicy {
        do {
            return try BackendProfile.named(name, idleTimeout: idleTimeout).policy
        } catch {
            switch error {
            case .idleTimeoutRequired:
                let requirement = "profile \(name) stands for a Go server with Server.IdleTimeout set"
                if let idleTimeoutReader {
                    idleTimeoutReader.report("\(requirement): give a duration such as \"90s\", "
                        + "or use profile go-default for a server without one")
                } else {
                    backend.reportMissing("idle_timeout", "is required: \(requirement), e.g. idle_timeout: \"90s\"")
                }
            case .unknownName, .invalidIdleTimeout:
                break  // refused when read: the name by `oneOf`, the timeout by its bounds
            }
            return BackendKeepalivePolicy(idleTimeout: idleTimeout)
        }
    }
}
