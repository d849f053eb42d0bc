import ProxyModel

extension NetworkSpec {
    var canonicalValue: JSON5Value {
        .object([
            JSON5Member("client_proxy", clientToProxy.canonicalValue),
            JSON5Member("proxy_backend", proxyToBackend.canonicalValue),
            JSON5Member("ephemeral_ports", .integer(ephemeralPorts)),
            JSON5Member("time_wait", .duration(timeWait)),
            JSON5Member("somaxconn", .integer(somaxconn)),
        ])
    }
}

extension LinkSpec {
    var canonicalValue: JSON5Value {
        .object([
            JSON5Member("one_way", .duration(oneWay)),
            JSON5Member("jitter", .duration(jitter)),
            JSON5Member("tls", .text(SchemaChoices.tls.name(of: tls))),
            JSON5Member("tls_resumption", .number(tlsResumption)),
            JSON5Member("bandwidth_mbps", bandwidthMbps.map { JSON5Value.number($0) } ?? .text("unlimited")),
        ])
    }
}

extension RunSpec {
    var canonicalValue: JSON5Value {
        .object([
            JSON5Member("duration", .duration(duration)),
            JSON5Member("warmup", .duration(warmup)),
            JSON5Member("seed", JSON5Value(.number(JSON5Number(seed)))),
            JSON5Member("replications", .integer(replications)),
            JSON5Member("drain", .duration(drain)),
        ])
    }
}
