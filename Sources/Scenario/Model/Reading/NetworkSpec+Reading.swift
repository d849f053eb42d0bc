import ProxyModel

/// `network`: the two hops and the kernel's port and TIME_WAIT facts.
extension NetworkSpec {
    static func read(_ network: ObjectReader) -> NetworkSpec {
        let d = NetworkSpec()
        return NetworkSpec(
            clientToProxy: network.object("client_proxy") { LinkSpec.read($0, default: d.clientToProxy) },
            proxyToBackend: network.object("proxy_backend") { LinkSpec.read($0, default: d.proxyToBackend) },
            ephemeralPorts: network.integer("ephemeral_ports", default: d.ephemeralPorts, in: 1...65_535),
            timeWait: network.duration("time_wait", default: d.timeWait),
            somaxconn: network.integer("somaxconn", default: d.somaxconn, in: 1...1_000_000))
    }
}

extension LinkSpec {
    static func read(_ link: ObjectReader, default d: LinkSpec) -> LinkSpec {
        LinkSpec(
            oneWay: link.duration("one_way", default: d.oneWay),
            jitter: link.duration("jitter", default: d.jitter),
            tls: link.field("tls").map(readTLS) ?? d.tls,
            tlsResumption: link.double("tls_resumption", default: d.tlsResumption, in: 0.0...1.0),
            bandwidthMbps: link.field("bandwidth_mbps").flatMap(readBandwidth) ?? d.bandwidthMbps)
    }

    /// Megabits per second, or `"unlimited"`.
    static let allowedBandwidth = 0.001...10_000_000.0

    private static func readBandwidth(_ reader: ValueReader) -> Double? {
        if case .string(let text)? = reader.value?.kind {
            if text != "unlimited" { reader.report("must be a number of megabits per second or \"unlimited\"") }
            return nil
        }
        return reader.double(in: allowedBandwidth)
    }

    /// `"none"`, `"1.2"` or `"1.3"` (a number `1.3` reads as its digits).
    private static func readTLS(_ reader: ValueReader) -> TLSVersion? {
        let choices = SchemaChoices.tls
        guard let text = reader.versionText("must be one of: " + choices.names.joined(separator: ", ")) else { return nil }
        if let known = choices.entries.first(where: { $0.name == text }) { return known.value }
        reader.refuse("must be one of: " + choices.names.joined(separator: ", "))
        return nil
    }
}

extension RunSpec {
    static func read(_ run: ObjectReader) -> RunSpec {
        let d = RunSpec()
        let duration = run.duration("duration", default: d.duration, in: TimeSpan.milliseconds(1)...)
        let warmup = run.duration("warmup", default: d.warmup)
        if warmup >= duration {
            let written = run.field("warmup") != nil
            let message = "must be shorter than run.duration (\(duration.formatted()))"
                + (written ? " (got \(warmup.formatted()))" : ": the default \(warmup.formatted()) is not; write a shorter warmup")
            if let reader = run.field("warmup") { reader.report(message) } else { run.reportMissing("warmup", message) }
        }
        return RunSpec(
            duration: duration, warmup: warmup,
            seed: run.unsignedInteger64("seed", default: d.seed),
            replications: run.integer("replications", default: d.replications, in: 1...100_000),
            drain: run.duration("drain", default: d.drain))
    }
}
