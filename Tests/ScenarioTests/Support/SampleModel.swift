import ProxyModel
import Scenario

/// A small scenario schema written with the reader API the way the real one
/// will be: the reader tests and the mutation test read model files with it.
struct SampleModel: Equatable {
    enum Format: String, CaseIterable { case table, json, csv }

    struct Server: Equatable {
        var address: String
        var weight = 1
        var maxFails = 1
        var failTimeout = TimeSpan.seconds(10)
        var backup = false
    }

    struct Upstream: Equatable {
        var name: String
        var keepalive: Int
        var keepaliveTimeout: TimeSpan
        var keepaliveRequests: Int
        var servers: [Server]
    }

    var name: String
    var seed: Int
    var duration: TimeSpan
    var format: Format
    var percentiles: [Double]
    var workers: Int
    var upstreams: [Upstream]
    var rate: Double
    var pattern: String

    static func read(_ root: ObjectReader) -> SampleModel {
        let (format, percentiles) = root.object("output") { output in
            (output.choice("format", default: Format.table),
             output.array("percentiles") { $0.double(in: 0.0...100.0) })
        }
        let (workers, upstreams) = root.object("nginx") { nginx in
            (nginx.integer("workers", default: 1, in: 1...1024),
             nginx.map("upstreams", count: 1...) { name, value in value.object { readUpstream(name, $0) } })
        }
        let (rate, pattern) = root.object("traffic") { traffic in
            (traffic.double("rate", in: 0.001...),
             traffic.string("pattern", default: "poisson", oneOf: ["poisson", "constant", "bursty"]))
        }
        return SampleModel(
            name: root.string("name"),
            seed: root.integer("seed", default: 1, in: 0...),
            duration: root.duration("duration", default: .seconds(60), in: TimeSpan.milliseconds(1)...),
            format: format, percentiles: percentiles,
            workers: workers, upstreams: upstreams.map(\.value),
            rate: rate, pattern: pattern)
    }

    static func readUpstream(_ name: String, _ upstream: ObjectReader) -> Upstream {
        Upstream(
            name: name,
            keepalive: upstream.integer("keepalive", default: 0, in: 0...),
            keepaliveTimeout: upstream.duration("keepalive_timeout", default: .seconds(60)),
            keepaliveRequests: upstream.integer("keepalive_requests", default: 1000, in: 1...),
            servers: upstream.array("servers", count: 1...) { element in
                element.object { server in
                    Server(
                        address: server.string("address"),
                        weight: server.integer("weight", default: 1, in: 1...1000),
                        maxFails: server.integer("max_fails", default: 1, in: 0...),
                        failTimeout: server.duration("fail_timeout", default: .seconds(10)),
                        backup: server.bool("backup", default: false))
                }
            })
    }

    /// A valid model file using most of JSON5.
    static let text = """
        // A sample model: two upstreams behind nginx.
        {
          name: 'keepalive demo',
          seed: 42,
          duration: "10m",
          output: { format: 'json', percentiles: [50, 90, 99, 99.9,], },
          nginx: {
            workers: 0x4,
            upstreams: {
              app: {
                keepalive: 32,
                keepalive_timeout: '75s',
                servers: [
                  { address: 'app-1:8080', weight: 2 },
                  { address: 'app-2:8080', max_fails: 3, fail_timeout: '1.5s' },
                  { address: "app-3:8080", backup: true },
                ],
              },
              api: { keepalive: 0, servers: [{ address: 'api:9000' }] },
            },
          },
          /* open loop */ traffic: { rate: 1.5e3, pattern: "constant" },
        }

        """
}
