import Live
import ProxyModel
import Scenario

#if canImport(Glibc)
import Glibc
#endif

/// `keepalive-lab serve MODEL --role backends|proxy`: one part of the live
/// rig on its own, until Ctrl-C, so a user can put their own nginx or their
/// own load generator in the middle.
struct ServeCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "serve",
        abstract: "Run the model's emulated backends, or the built-in proxy, until Ctrl-C.",
        discussion: """
            --role backends runs every backend of the model as it behaves in the model \
            (idle timeout and its real close moment, max requests, FIN or RST, service \
            times, errors), backend instance i on 127.0.0.1:(PORT-BASE + 1 + i): where \
            `nginx export --port-base PORT-BASE` points nginx's upstream servers. Put your \
            nginx in front and send it traffic with your own load generator, or with \
            `keepalive-lab replay MODEL --proxy 127.0.0.1:PORT-BASE`.

            --role proxy runs the built-in proxy (NginxWorker on real sockets) on \
            127.0.0.1:PORT-BASE, its upstream servers at the same backend ports: put it in \
            front of your own servers listening there.

            It runs until Ctrl-C (or --for DURATION), then prints what it counted. No \
            network delay is emulated here: the model's one-way delays apply in replay.

            Examples:
              keepalive-lab serve models/default.json5 --role backends
              keepalive-lab serve models/default.json5 --role proxy --port-base 19000
            """,
        options: [
            OptionDefinition(name: "role", valueName: "ROLE", kind: .choice(Role.allCases.map(\.rawValue)),
                             help: "What to run: the model's backends, or the built-in proxy."),
            OptionDefinition(name: "port-base", valueName: "N", kind: .integer(1...65_000),
                             defaultValue: String(NginxConfExport.defaultPortBase),
                             help: "The proxy listens on 127.0.0.1:N; backend instance i on 127.0.0.1:(N + 1 + i)."),
            OptionDefinition(name: "for", valueName: "DURATION", kind: .duration,
                             help: "Stop after this long instead of waiting for Ctrl-C."),
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: ServeCommand.self
    )

    enum Role: String, CaseIterable { case backends, proxy }

    var modelPath: String
    var role: Role
    var portBase: Int
    var limit: TimeSpan?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        role = arguments.choice("role", as: Role.self)
        portBase = arguments.integer("port-base")
        limit = arguments.durationIfPresent("for")
        if let limit, limit <= .zero { throw UsageError("--for \(limit): expected more than 0") }
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let model = try ModelLoading.loadScenario(modelPath, console: &console).model
        let plan: LiveRigPlan
        do { plan = try LiveRigPlan(model) } catch { throw CommandFailure("cannot serve '\(modelPath)': \(error)") }
        let last = NginxConfExport.backendPort(instance: model.backends.count - 1, portBase: portBase)
        guard last <= 65_535 else {
            throw CommandFailure("--port-base \(portBase): the model's \(model.backends.count) backends need ports up to \(last); at most 65535")
        }
        let backendAddresses = (0..<model.backends.count).map {
            SocketAddress.loopback(port: UInt16(NginxConfExport.backendPort(instance: $0, portBase: portBase)))
        }
        System.ignoreBrokenPipeSignal()
        _ = try? System.raiseFileDescriptorLimit()
        InterruptRequest.watch()
        defer { InterruptRequest.stopWatching() }
        switch role {
        case .backends:
            let group: LiveBackendGroup
            do { group = try LiveBackendGroup.start(plan.backends, addresses: backendAddresses) } catch {
                throw CommandFailure("cannot start the backends: \(error)")
            }
            for (index, address) in backendAddresses.enumerated() {
                console.err.writeLine("backend \(model.backends[index].name) (model \(model.backends[index].address)) on \(address)")
            }
            waitForStop(console: &console)
            for (index, counters) in group.stop().enumerated() {
                console.out.writeLine("backend \(model.backends[index].name) \(backendAddresses[index]): "
                    + "\(counters.acceptedConnections) connections accepted, \(counters.requests) requests, "
                    + "\(counters.errorResponses) answered 500, closes: "
                    + BackendCloseReason.allCases.map { "\($0.reportName) \(counters.closes($0))" }.joined(separator: ", "))
            }
        case .proxy:
            let proxy: LiveProxy
            do {
                var configuration = try LiveProxyConfiguration(
                    configuration: model.nginx, servers: model.serverBackends.map { $0.map { backendAddresses[$0] } })
                configuration.listenAddress = .loopback(port: UInt16(portBase))
                proxy = try LiveProxy.start(configuration)
            } catch {
                throw CommandFailure("cannot start the built-in proxy: \(error)")
            }
            console.err.writeLine("built-in proxy (\(model.nginx.workerProcesses) workers) on \(proxy.address), upstream servers on "
                + backendAddresses.map(\.description).joined(separator: ", "))
            waitForStop(console: &console)
            let counters = proxy.stop().reduce(into: LiveProxyCounters()) { $0.merge($1) }
            console.out.writeLine("built-in proxy: \(counters.clientConnectionsAccepted) client connections, \(counters.requests) requests, "
                + "\(counters.upstreamConnectionsOpened) upstream connections opened, \(counters.upstreamReused) reused, "
                + "\(counters.retriedRequests) retried, \(counters.staleFailuresRetried + counters.staleFailuresSurfaced) stale failures")
        }
        if InterruptRequest.isRequested { throw .interrupted }
    }

    /// Until Ctrl-C or `--for` has passed.
    private func waitForStop(console: inout Console) {
        console.err.writeLine(limit.map { "serving for \($0) (Ctrl-C stops earlier)" } ?? "serving until Ctrl-C")
        console.err.flush()
        let start = MonotonicClock.now()
        while !InterruptRequest.isRequested {
            if let limit, MonotonicClock.now() - start >= limit { break }
            usleep(50_000)
        }
    }
}
