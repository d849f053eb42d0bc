import ProxyModel

/// The whole file: `backends` first (servers refer to them), then `nginx`
/// (locations refer to upstreams), `traffic` (refers to locations), `network`, `run`,
/// `hosts` (places backends and the closed loop's generator).
extension ScenarioDefinition {
    /// The definition, and where the `nginx` section is (for problems nginx's checks find later).
    static func read(
        _ root: ObjectReader, modelDirectory: String, sites: DirectiveSites
    ) -> (definition: ScenarioDefinition, nginxSite: ReportSite) {
        let calibration = CalibrationReading.read(root, modelDirectory: modelDirectory)
        let backends = BackendDefinition.readAll(root, calibration: calibration)
        let names = BackendNames(names: backends.map(\.definition.name))
        let (nginxReading, nginxSite) = root.object("nginx") { nginx in
            for scope in ["main", "events", "server", "http"] { sites.record(scope: scope, nginx) }
            return (NginxDefinition.read(nginx, backends: names, sites: sites, cpuDefaults: calibration.nginxCPU), ReportSite(nginx))
        }
        let nginx = nginxReading.definition
        if !nginxReading.namesUnknownBackend { reportUnused(backends, by: nginx) }
        let traffic = root.object("traffic") { traffic in
            TrafficDefinition.read(traffic, locationPaths: nginx.configuration.locations.map(\.path), modelDirectory: modelDirectory,
                                   calibration: calibration, nginxOffersHTTP2: nginx.configuration.http2 == true)
        }
        var closedLoop = false
        if case .closedLoop = traffic.source { closedLoop = true }
        var definition = ScenarioDefinition(
            nginx: nginx, backends: backends.map(\.definition), network: root.object("network", NetworkSpec.read),
            traffic: traffic, run: root.object("run", RunSpec.read))
        definition.hosts = HostSpec.readAll(root, backendNames: backends.map(\.definition.name), closedLoop: closedLoop,
                                            calibration: calibration)
        return (definition, nginxSite)
    }

    /// A backend no server uses is most likely a misspelled `backend` field elsewhere.
    private static func reportUnused(_ backends: [(definition: BackendDefinition, site: ReportSite)], by nginx: NginxDefinition) {
        let used = nginx.serverBackends.joined() + nginx.locationBackends.compactMap { $0 }
        guard !used.isEmpty else { return }  // nothing was read that could use one: reported elsewhere
        for (definition, site) in backends where !used.contains(definition.name) {
            site.report("no server uses this backend; name it in a server's backend field "
                + "(e.g. servers: [{ address: \"10.0.0.1:8080\", backend: \(JSON5Writer.quoted(definition.name)) }])")
        }
    }
}
