import ProxyModel

/// The model file an import writes: the nginx section through the same
/// canonical code as `--print-model` (so it says exactly what the
/// configuration writes, with nginx's defaults for the rest in comments),
/// then backends, network, traffic and run with stated defaults, each marked
/// "to be filled in".
extension NginxConfImporter {
    /// What backends, network and traffic get: the model format's own defaults, said out loud.
    static let stated = (
        workers: 1, serviceCPU: "1ms", oneWay: "250us", rate: 100.0, clients: 100, duration: "60s", warmup: "5s")

    mutating func modelText() throws(NginxConfError) -> String {
        configuration.upstreams = upstreams.map(\.block)
        configuration.locations = locations.map(\.location)
        let effective: EffectiveConfiguration
        do {
            effective = try configuration.resolved()
        } catch {
            throw problemError(error.problems[0])
        }
        notes += effective.warnings.map { "nginx warning: \($0)" }
        let assignment = backendAssignment()
        var definition = NginxDefinition(
            configuration: configuration, serverBackends: assignment.servers, locationBackends: assignment.locations,
            costs: .nginxDefault, acceptBurst: NginxDefinition.exclusiveWakeupDefaults.burst,
            wakeOrder: NginxDefinition.exclusiveWakeupDefaults.wakeOrder)
        definition.listenBacklog = listenBacklog
        let tree = JSON5Value.object([
            JSON5Member(key: "nginx", value: nginxSection(definition.canonicalValue(effective: effective))),
            JSON5Member(key: "backends", value: .object(assignment.names.map(backendMember)),
                        comment: "To be filled in: the servers behind nginx. Each upstream's servers run the backend named like it;\n"
                            + "profile \(options.backendProfile) (--backend-profile; one of \(BackendProfile.catalog.map(\.name).joined(separator: ", "))),\n"
                            + "\(Self.stated.workers) worker, \(Self.stated.serviceCPU) of CPU per request: replace with what they really run."),
            JSON5Member(key: "network", value: .object([
                JSON5Member("client_proxy", .object([JSON5Member("one_way", .text(Self.stated.oneWay))])),
                JSON5Member("proxy_backend", .object([JSON5Member("one_way", .text(Self.stated.oneWay))])),
            ]), comment: "To be filled in: the delays between clients, nginx and the backends (\(Self.stated.oneWay) each way: one datacenter)."),
            JSON5Member(key: "traffic", value: .object([
                JSON5Member("rate", .number(Self.stated.rate)), JSON5Member("spacing", .text("poisson")),
                JSON5Member("clients", .integer(Self.stated.clients)),
            ]), comment: "To be filled in: the traffic nginx sees (requests per second, clients, methods, sizes)."),
            JSON5Member(key: "run", value: .object([
                JSON5Member("duration", .text(Self.stated.duration)), JSON5Member("warmup", .text(Self.stated.warmup)),
                JSON5Member("seed", .integer(1)),
            ]), comment: "How long to simulate."),
        ])
        var writer = JSON5Writer()
        writer.inlinesSmallObjects = true
        return writer.string(for: tree, header: header())
    }

    private func header() -> String {
        var lines = [
            "Imported from \(mainFile) by keepalive-lab nginx import.",
            "nginx \(configuration.version): \(options.versionSource).",
            "The nginx section is the file's; backends, network and traffic are not in an",
            "nginx.conf and have stated defaults, each marked \"to be filled in\".",
        ]
        if !notes.isEmpty {
            lines += ["", "Notes (what the model does not cover or assumed):"] + notes.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The canonical nginx section without the model-only `accept` parameters,
    /// and `cpu` marked as to be filled in.
    private func nginxSection(_ canonical: JSON5Value) -> JSON5Value {
        guard case .object(let members) = canonical.kind else { return canonical }
        return .object(members.compactMap { member in
            switch member.key {
            case "accept": return nil
            case "cpu":
                var cpu = member
                cpu.comment = "To be filled in: nginx's CPU per event (here nginx's measured defaults; all zero: an infinitely fast proxy)."
                return cpu
            default: return member
            }
        })
    }

    private func backendMember(_ name: String) -> JSON5Member {
        JSON5Member(name, .object([
            JSON5Member("profile", .text(options.backendProfile)),
            JSON5Member("workers", .integer(Self.stated.workers)),
            JSON5Member("service", .object([JSON5Member("cpu", .text(Self.stated.serviceCPU))])),
        ]))
    }

    /// The backend behind each server and address location: every address is
    /// one backend process, named after the first upstream it serves in; an
    /// address only a location passes to gets the backend `direct`.
    private func backendAssignment() -> (servers: [[String]], locations: [String?], names: [String]) {
        var names: [String] = []
        var nameOfAddress: [String: String] = [:]  // looked up only
        let servers = upstreams.map { upstream in
            upstream.block.servers.map { server in
                if let known = nameOfAddress[server.address] { return known }
                nameOfAddress[server.address] = upstream.block.name
                if !names.contains(upstream.block.name) { names.append(upstream.block.name) }
                return upstream.block.name
            }
        }
        var direct = "direct"
        while upstreams.contains(where: { $0.block.name == direct }) { direct += "_" }
        let locationBackends: [String?] = locations.map { imported in
            guard case .address(let address) = imported.location.proxyPass else { return nil }
            if let known = nameOfAddress[address] { return known }
            if !names.contains(direct) { names.append(direct) }
            return direct
        }
        return (servers, locationBackends, names)
    }

    /// nginx's checks' first problem, at the directive that wrote the value.
    private func problemError(_ problem: ConfigurationProblem) -> NginxConfError {
        let directive = String(problem.directive.prefix { $0 != " " })
        let scope = problem.scope
        var site: NginxConfDirective?
        if scope.hasPrefix("upstream "), let upstream = upstreams.first(where: { "upstream \($0.block.name)" == scope }) {
            site = upstream.sites[directive] ?? upstream.directive
        } else if scope.hasPrefix("location "), let location = locations.first(where: { "location \($0.location.path)" == scope }) {
            site = location.sites[problem.directive] ?? location.sites[directive] ?? location.directive
        } else {
            site = sites["\(scope) \(directive)"]
        }
        return NginxConfError(file: site?.file ?? mainFile, line: site?.line, message: problem.description)
    }
}
