import ProxyModel
import Traffic

/// `traffic`: where requests come from (one source), who sends them and what they are.
extension TrafficDefinition {
    /// The source keys; a model writes at most one.
    static let sourceKeys = ["rate", "pattern", "trace", "closed_loop", "pages"]
    /// Without a source: open loop at this many requests per second.
    static let defaultRate = 100.0
    /// `closed_loop.connections` when not written: wrk's default `-c 10`.
    static let defaultClosedLoopConnections = 10
    /// `pages.requests_per_page` when not written: a single-page app's burst of API calls.
    static let defaultRequestsPerPage = 20
    /// `pages.hosts` when not written: every call to one host name.
    static let defaultHostsPerPage = 1
    /// `trace.speed`: from a hundredth to a million times the trace's own pace.
    static let allowedTraceSpeeds = 0.01...1_000_000.0

    /// `nginxOffersHTTP2`: the model's nginx writes `http2: true` (HTTP/2 clients need it).
    static func read(_ traffic: ObjectReader, locationPaths: [String], modelDirectory: String,
                     calibration: MachineCalibration = MachineCalibration(), nginxOffersHTTP2: Bool = false) -> TrafficDefinition {
        let d = TrafficSpec(source: .openLoop(pattern: .constant(perSecond: defaultRate), spacing: .poisson))
        let dm = RequestMix()
        let methods = traffic.field("methods").map(readMethods) ?? dm.methods
        let source = readSource(traffic, modelDirectory: modelDirectory, calibration: calibration)
        if let spacing = traffic.field("spacing") {
            switch source {
            case .trace, .closedLoop: spacing.report("applies only to rate, pattern and pages: a trace and a closed loop set their own times")
            case .openLoop, .pages: break
            }
        }
        var definition = TrafficDefinition(
            source: source,
            spacing: traffic.field("spacing").map(SchemaChoices.spacing.read) ?? .poisson,
            // A trace numbers its own clients: by default there are as many as it names.
            clients: traffic.integer("clients", default: source.traceClients ?? d.clients, in: 1...1_000_000),
            connectionsPerClient: traffic.integer("connections_per_client", default: d.connectionsPerClient, in: 1...1_000),
            methods: methods,
            requestBytes: traffic.field("request_bytes").map {
                DistributionReading.read($0, .bytes, fallback: .init(dm.requestBytes))
            } ?? .init(dm.requestBytes),
            responseBytes: traffic.field("response_bytes").map {
                DistributionReading.read($0, .bytes, fallback: .init(dm.responseBytes))
            } ?? .init(dm.responseBytes),
            locationWeights: traffic.field("locations").map { readLocationWeights($0, paths: locationPaths) } ?? [],
            clientsCloseConnections: traffic.bool("clients_close_connections", default: d.clientsCloseConnections))
        definition.readRequestFacts(traffic)
        definition.readClientProtocol(traffic, nginxOffersHTTP2: nginxOffersHTTP2)
        return definition
    }

    /// `client_protocol`: "http/1.1" (default) or "h2". HTTP/2 needs nginx to
    /// offer it; a browser would fall back to HTTP/1.1 silently (ALPN), so
    /// the model refuses rather than guess which one was meant.
    private mutating func readClientProtocol(_ traffic: ObjectReader, nginxOffersHTTP2: Bool) {
        guard let reader = traffic.field("client_protocol") else { return }
        let names = ClientProtocol.allCases.map(\.rawValue)
        guard let value = ClientProtocol(rawValue: reader.string(oneOf: names)), value == .http2 else { return }
        clientProtocol = value
        if case .closedLoop = source {
            reader.report("\"h2\" applies to rate, pattern, trace and pages: a closed loop sends one request at a time per "
                + "connection, as wrk does over HTTP/1.1")
        } else if !nginxOffersHTTP2 {
            reader.report("\"h2\" needs nginx to offer HTTP/2: write nginx.http2: true (`http2 on`, nginx 1.25.1+; "
                + "`listen ... http2` before); against nginx without it a browser falls back to HTTP/1.1 — "
                + "write client_protocol: \"http/1.1\" to model that")
        } else {
            if let written = traffic.field("connections_per_client") {
                written.report("does not apply with client_protocol \"h2\": a client opens one connection per host name and "
                    + "multiplexes its requests on it (up to nginx.http2_max_concurrent_streams at once)")
            }
            if clientsCloseConnections, let written = traffic.field("clients_close_connections") {
                written.report("does not apply with client_protocol \"h2\": HTTP/2 has no Connection: close (RFC 9113 "
                    + "section 8.2.2); an HTTP/2 connection stays until nginx's keepalive_timeout or keepalive_requests ends it")
            }
        }
    }

    private static func readSource(_ traffic: ObjectReader, modelDirectory: String, calibration: MachineCalibration) -> Source {
        let written = sourceKeys.compactMap { key in traffic.field(key).map { (key: key, reader: $0) } }
        if written.count > 1 {
            traffic.report("give one traffic source: \(sourceKeys.joined(separator: ", ")) "
                + "(got \(written.map(\.key).joined(separator: " and ")))")
        }
        guard let (key, reader) = written.first else { return .openLoop(.constant(perSecond: defaultRate)) }
        switch key {
        case "rate":
            return .openLoop(RatePatternReading.readRate(reader))
        case "pattern":
            return .openLoop(RatePatternReading.readPattern(reader))
        case "trace":
            return readTrace(reader, modelDirectory: modelDirectory)
        case "closed_loop":
            return reader.object { closedLoop in
                let d = ClosedLoopClient(cpuPerRequest: calibration.loadGeneratorCPUPerRequest ?? .zero)
                return .closedLoop(
                    connections: closedLoop.integer("connections", default: defaultClosedLoopConnections, in: 1...1_000_000),
                    thinkTime: closedLoop.field("think_time").map {
                        DistributionReading.read($0, .time, fallback: .constant(0))
                    } ?? .constant(0),
                    client: ClosedLoopClient(
                        start: closedLoop.field("start").map(SchemaChoices.closedLoopStart.read) ?? d.start,
                        threads: closedLoop.integer("threads", default: d.threads, in: 1...1_000),
                        cpuPerRequest: closedLoop.duration("cpu_per_request", default: d.cpuPerRequest)))
            }
        default:  // "pages"
            return reader.object { pages in
                let pattern: RatePattern
                switch pages.soleKey(among: ["rate", "pattern"]) {
                case ("rate", let rate)?: pattern = RatePatternReading.readRate(rate)
                case (_, let written)?: pattern = RatePatternReading.readPattern(written)
                case nil: pattern = .constant(perSecond: 1)  // reported by soleKey
                }
                return .pages(pattern, requestsPerPage: pages.integer("requests_per_page", default: defaultRequestsPerPage,
                                                                      in: 1...10_000),
                              hosts: pages.integer("hosts", default: defaultHostsPerPage, in: 1...100))
            }
        }
    }

    /// A trace file, relative to the model file's directory; every row of it
    /// must be valid now, not minutes into a run (which would end the replay
    /// early with exit 0). Read in constant memory, row by row.
    private static func readTrace(_ reader: ValueReader, modelDirectory: String) -> Source {
        // `trace: "FILE"` or `trace: { file: "FILE", speed: 2 }`.
        if case .object? = reader.value?.kind {
            return reader.object { trace in
                let speed = trace.double("speed", default: 1, in: allowedTraceSpeeds)
                guard case .trace(let written, let resolved, _, let clients) = readTraceFile(trace.required("file"), modelDirectory: modelDirectory)
                else { return .trace(written: "", resolved: "", speed: speed, clients: nil) }
                return .trace(written: written, resolved: resolved, speed: speed, clients: clients)
            }
        }
        return readTraceFile(reader, modelDirectory: modelDirectory)
    }

    private static func readTraceFile(_ reader: ValueReader, modelDirectory: String) -> Source {
        let written = reader.string()
        guard reader.value != nil, case .string = reader.value?.kind else {
            return .trace(written: written, resolved: written, speed: nil, clients: nil)
        }
        if written.isEmpty {
            reader.report("must name a trace file (CSV with columns \(TraceFileReader.columns.joined(separator: ", ")))")
            return .trace(written: written, resolved: written, speed: nil, clients: nil)
        }
        let resolved = written.hasPrefix("/") || modelDirectory.isEmpty ? written : modelDirectory + "/" + written
        var clients: Int?
        do {
            let summary = try TraceFileReader.checkEveryRow(path: resolved)
            clients = summary.largestClient < 0 ? nil : min(1_000_000, Int(summary.largestClient) + 1)
        } catch {
            reader.report("cannot use the trace file: \(error.description)")
        }
        return .trace(written: written, resolved: resolved, speed: nil, clients: clients)
    }

    /// Relative weights (methods, locations): bounded so that their sum stays finite
    /// and sampling by cumulative weight stays exact enough.
    static let allowedWeights = 0.0...1e15

    private static func readMethods(_ reader: ValueReader) -> [(method: HTTPMethod, weight: Double)] {
        let names = HTTPMethod.allCases.map(\.rawValue)
        let problemsBefore = reader.context.collector.count
        let methods = reader.map(count: 1...) { name, weight -> (method: HTTPMethod, weight: Double)? in
            let value = weight.double(in: TrafficDefinition.allowedWeights)
            guard let method = HTTPMethod(rawValue: name) else {
                var message = "unknown method"
                if let suggestion = SpellingSuggestion.nearest(to: name, among: names) {
                    message += "; did you mean \(JSON5Writer.quoted(suggestion))?"
                }
                weight.report(message + " (methods: \(names.joined(separator: ", ")))")
                return nil
            }
            return (method, value)
        }.compactMap(\.value)
        // A refused weight stands in as 0: "all are 0" would then only echo that refusal.
        if !methods.isEmpty, methods.allSatisfy({ $0.weight == 0 }), reader.context.collector.count == problemsBefore {
            reader.report("at least one method must have a weight above 0")
        }
        return methods.isEmpty ? RequestMix().methods : methods
    }

    private static func readLocationWeights(_ reader: ValueReader, paths: [String]) -> [(path: String, weight: Double)] {
        let problemsBefore = reader.context.collector.count
        let weights = reader.map { path, weight -> (path: String, weight: Double)? in
            let value = weight.double(in: TrafficDefinition.allowedWeights)
            guard paths.isEmpty || paths.contains(path) else {
                var message = "no location \(JSON5Writer.quoted(path)) is defined in nginx.locations"
                if let suggestion = SpellingSuggestion.nearest(to: path, among: paths) {
                    message += "; did you mean \(JSON5Writer.quoted(suggestion))?"
                }
                weight.report(message + " (defined: \(NameList.few(paths.map(JSON5Writer.quoted))))")
                return nil
            }
            return (path, value)
        }.compactMap(\.value)
        // A refused weight stands in as 0: "all are 0" would then only echo that refusal.
        if !weights.isEmpty, weights.allSatisfy({ $0.weight == 0 }), reader.context.collector.count == problemsBefore {
            reader.report("at least one location must have a weight above 0")
        }
        return weights
    }
}
