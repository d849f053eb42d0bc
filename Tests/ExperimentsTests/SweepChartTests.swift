import Foundation
import Experiments
import Testing

@Suite struct SweepChartTests {
    /// A table built by hand: keepalive 1, 2, 4, ..., 64 against two worker counts, 2 replications.
    static func table() throws -> SweepTable {
        let metrics = ReportMetrics.names
        let column = try #require(metrics.firstIndex(of: "upstream_connections_per_1k"))
        var rows: [SweepRow] = []
        let pools = ["1", "2", "4", "8", "16", "32", "64"], workers = ["1", "<2>"]
        for (p, pool) in pools.enumerated() {
            for (w, worker) in workers.enumerated() {
                for replication in 0..<2 {
                    var values = [String](repeating: "", count: metrics.count)
                    values[column] = String(1000 / (p + 1) + replication * 10 + w)
                    rows.append(SweepRow(point: p * 2 + w, replication: replication, parameterValues: [pool, worker], metricValues: values))
                }
            }
        }
        let header = SweepHeader(command: "keepalive-lab sweep m.json5", model: "m.json5", modelSHA256: "00", seed: 1, replications: 2,
                                 vary: ["nginx.upstreams.api.keepalive=1..64x2", "nginx.worker_processes=1,<2>"], points: 14)
        return SweepTable(header: header, parameterNames: ["nginx.upstreams.api.keepalive", "nginx.worker_processes"],
                          metricNames: metrics, rows: rows)
    }

    @Test func theChartHasTitleAxesLegendAndOneBandedLinePerSeries() throws {
        let svg = try SweepChart(Self.table(), metric: "upstream_connections_per_1k").svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains(">upstream_connections_per_1k by nginx.upstreams.api.keepalive</text>"))
        #expect(svg.contains(">nginx.upstreams.api.keepalive (idle connections per worker, log scale)</text>"))
        #expect(svg.contains(">upstream_connections_per_1k (per 1,000 requests)</text>"))
        #expect(svg.contains(">mean of 2 replications per point; bands: 95% confidence interval · model m.json5</text>"))
        // Legend: the second field, its values (escaped).
        #expect(svg.contains(">nginx.worker_processes</text>"))
        #expect(svg.contains(">&lt;2&gt;</text>"))
        #expect(svg.components(separatedBy: "<polyline ").count - 1 == 2)
        #expect(svg.components(separatedBy: "<polygon ").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 14)
        for label in ["1", "2", "4", "8", "16", "32", "64"] { #expect(svg.contains(">\(label)</text>")) }
    }

    @Test func theSameTableDrawsTheSameBytes() throws {
        let a = try SweepChart(Self.table(), metric: "upstream_connections_per_1k").svg
        let b = try SweepChart(Self.table(), metric: "upstream_connections_per_1k").svg
        #expect(a == b)
    }

    /// One series of connections per 1,000 requests over pool sizes: `values[i]` at keepalive 2^i.
    static func decadesTable(_ values: [Double]) throws -> SweepTable {
        let metrics = ReportMetrics.names
        let column = try #require(metrics.firstIndex(of: "upstream_connections_per_1k"))
        let rows = values.enumerated().map { index, value in
            var cells = [String](repeating: "", count: metrics.count)
            cells[column] = String(value)
            return SweepRow(point: index, replication: 0, parameterValues: [String(1 << index)], metricValues: cells)
        }
        let header = SweepHeader(command: "keepalive-lab sweep m.json5", model: "m.json5", modelSHA256: "00", seed: 1,
                                 replications: 1, vary: ["nginx.upstreams.api.keepalive=1..8x2"], points: values.count)
        return SweepTable(header: header, parameterNames: ["nginx.upstreams.api.keepalive"], metricNames: metrics, rows: rows)
    }

    static let logLabel = ">upstream_connections_per_1k (per 1,000 requests, log scale)</text>"

    @Test func meansSpanningDecadesGetALogScaleAutomaticallyWithTicksAtPowersOfTen() throws {
        let svg = try SweepChart(Self.decadesTable([1000, 120, 9, 1]), metric: "upstream_connections_per_1k").svg
        #expect(svg.contains(Self.logLabel))
        for tick in ["1", "10", "100", "1000"] { #expect(svg.contains(">\(tick)</text>")) }
        // Equal ratios are equal distances: 1 -> 10 as far as 10 -> 100.
        let linear = try SweepChart(Self.decadesTable([1000, 120, 9, 1]), metric: "upstream_connections_per_1k", yScale: .linear).svg
        #expect(!linear.contains("log scale)</text>"))
        #expect(linear != svg)
    }

    @Test func meansWithinTwoDecadesStayLinearUnlessLogYIsAsked() throws {
        let table = try Self.decadesTable([80, 40, 20, 10])
        #expect(!(try SweepChart(table, metric: "upstream_connections_per_1k").svg.contains("log scale)</text>")))
        let forced = try SweepChart(table, metric: "upstream_connections_per_1k", yScale: .logarithmic).svg
        #expect(forced.contains(Self.logLabel))
        // One decade: ticks at 1, 2 and 5 times its power of ten too.
        for tick in ["10", "20", "50", "100"] { #expect(forced.contains(">\(tick)</text>")) }
    }

    @Test func aZeroMeanKeepsTheAutomaticScaleLinearAndIsNotedUnderLogY() throws {
        let table = try Self.decadesTable([1000, 100, 1, 0])
        #expect(!(try SweepChart(table, metric: "upstream_connections_per_1k").svg.contains("log scale)</text>")))
        let forced = try SweepChart(table, metric: "upstream_connections_per_1k", yScale: .logarithmic).svg
        #expect(forced.contains(">1 mean at or below 0 drawn on the bottom edge (log scale)</text>"))
        #expect(!forced.contains("nan") && !forced.contains("inf"))
    }

    @Test func anUnknownMetricIsRefused() throws {
        #expect(throws: ExperimentError.self) { try SweepChart(Self.table(), metric: "latency") }
    }
}
