import Foundation
import Measurement
import Testing

@Suite struct RunReportJSONTests {
    func parsed(_ report: RunReport) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(report.jsonText.utf8)) as? [String: Any]
        return try #require(object)
    }

    @Test func topLevelSectionsComeInAFixedOrder() {
        let text = ReportFixtures.sample().jsonText
        let keys = ["provenance", "measured_seconds", "requests", "latency_ms", "latency_from_send_ms", "upstream", "client",
                    "time_wait", "workers", "backends", "warnings"]
        let positions = keys.map { text.range(of: "\n  \"\($0)\": ")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(text)")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted())
        #expect(text.hasSuffix("}\n"))
    }

    @Test func everyRequiredKeyIsPresent() throws {
        let json = try parsed(ReportFixtures.sample())
        let required: [String: [String]] = [
            "provenance": ["version", "seed", "model_sha256", "command", "mode", "replication"],
            "requests": ["sent", "completed", "status", "retried", "upstream_attempts", "completed_per_second", "offered_per_second"],
            "latency_ms": ["p50", "p90", "p99", "p999", "max", "mean"],
            "latency_from_send_ms": ["p50", "p90", "p99", "p999", "max", "mean"],
            "upstream": ["connections_opened", "requests_per_connection", "connections_per_1k_requests", "reuse_ratio", "closed",
                         "closed_by_side", "stale_failures", "peak_open", "peak_idle", "handshake_seconds_per_second"],
            "client": ["connections_opened", "closed", "peak_open", "stale_retries", "queued_for_connection",
                       "queue_wait_mean_ms", "queue_wait_p99_ms"],
            "time_wait": ["proxy_peak", "backend_peak", "peak_port_use", "port_exhaustion_failures"],
        ]
        for (section, keys) in required.sorted(by: { $0.key < $1.key }) {
            let object = try #require(json[section] as? [String: Any], "no section \(section)")
            for key in keys { #expect(object[key] != nil, "\(section).\(key) missing") }
        }
        #expect((json["workers"] as? [Any])?.count == 2)
        #expect((json["backends"] as? [Any])?.count == 1)
        let backend = try #require((json["backends"] as? [[String: Any]])?.first)
        for key in ["utilisation", "peak_second_utilisation", "seconds_measured", "saturated_seconds",
                    "stale_failures_retried", "stale_failures_surfaced"] {
            #expect(backend[key] != nil, "backends[0].\(key) missing")
        }
        #expect((json["warnings"] as? [String])?.count == 1)
    }

    @Test func valuesAreTheReportsWithFixedDecimals() throws {
        let report = ReportFixtures.sample()
        let text = report.jsonText
        let json = try parsed(report)
        #expect(text.contains("\"p99\": 4.000,"))
        #expect(text.contains("\"p999\": 10.000,"))
        #expect(text.contains("\"reuse_ratio\": 0.9876,"))
        #expect(text.contains("\"completed_per_second\": 99.873,\n"))
        #expect(text.contains("\"mean_in_flight_at_proxy\": 0.000\n"))
        #expect(text.contains("\"handshake_seconds_per_second\": 0.000618\n"))
        let requests = try #require(json["requests"] as? [String: Any])
        #expect(requests["sent"] as? Int == 5_500)
        #expect((requests["status"] as? [String: Int]) == ["200": 5_480, "502": 10, "504": 3])
        #expect(requests["errors"] as? Int == 13)
        let stale = (json["upstream"] as? [String: Any])?["stale_failures"] as? [String: Int]
        #expect(stale == ["retried": 9, "surfaced": 4])
        let provenance = try #require(json["provenance"] as? [String: Any])
        #expect(provenance["seed"] as? Int == 7)
        #expect(provenance["replication"] as? Int == 2)
        #expect(provenance["command"] as? String == "keepalive-lab simulate models/x.json5 --seed 7")
    }

    @Test func statusesKeepTheReportsOrder() {
        let text = ReportFixtures.sample().jsonText
        let order = ["\"200\": 5480", "\"502\": 10", "\"504\": 3"].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    }

    @Test func nothingMeasuredGivesNullLatenciesAndEmptyLists() throws {
        let text = ReportFixtures.empty.jsonText
        let json = try parsed(ReportFixtures.empty)
        let latency = try #require(json["latency_ms"] as? [String: Any])
        #expect(latency["p50"] is NSNull)
        #expect(latency["mean"] is NSNull)
        #expect(text.contains("\"status\": {},"))
        #expect(text.contains("\"workers\": [],"))
        #expect(text.contains("\"warnings\": []\n"))
    }

    @Test func theSameReportPrintsTheSameBytes() {
        #expect(ReportFixtures.sample().jsonText == ReportFixtures.sample().jsonText)
    }
}

@Suite struct RunReportMetricsTests {
    @Test func everyReportHasTheSameMetricNamesInTheSameOrder() {
        let names = ReportFixtures.sample().csvFields.map(\.name)
        #expect(names == ReportFixtures.empty.csvFields.map(\.name))
        #expect(Set(names).count == names.count, "duplicate metric names")
        for name in ["latency_p99_ms", "upstream_connections_per_1k", "upstream_reuse_ratio", "stale_failures_retried",
                     "stale_failures_surfaced", "status_502", "status_other", "errors", "completed_per_second"] {
            #expect(names.contains(name), "no metric \(name)")
        }
        #expect(Array(names.prefix(6)) == ["version", "mode", "seed", "replication", "model_sha256", "command"])
    }

    @Test func statusesGoToTheirFixedColumnsAndTheRestToOther() {
        var report = ReportFixtures.sample()
        report.requests.byStatus = [NamedCount("200", 100), NamedCount("404", 2), NamedCount("502", 5), NamedCount("reset", 1)]
        let metrics = Dictionary(uniqueKeysWithValues: report.metrics.map { ($0.name, $0.text) })
        #expect(metrics["status_200"] == "100")
        #expect(metrics["status_502"] == "5")
        #expect(metrics["status_reset"] == "1")
        #expect(metrics["status_504"] == "0")
        #expect(metrics["status_other"] == "2")
        #expect(metrics["errors"] == "8")
    }

    @Test func numbersAreAvailableForAveragingAndMissingOnesAreNil() {
        let sample = Dictionary(uniqueKeysWithValues: ReportFixtures.sample().metrics.map { ($0.name, $0) })
        #expect(sample["latency_p99_ms"]?.number == 4.0001)
        #expect(sample["latency_p99_ms"]?.text == "4.000")
        #expect(sample["upstream_connections_opened"]?.number == 68)
        let empty = Dictionary(uniqueKeysWithValues: ReportFixtures.empty.metrics.map { ($0.name, $0) })
        #expect(empty["latency_p99_ms"]?.number == nil)
        #expect(empty["latency_p99_ms"]?.text == "")
        #expect(empty["latency_p99_ms"]?.json == .null)
    }
}

@Suite struct RunReportCSVTests {
    @Test func csvIsAHeaderAndOneRowOfEqualWidth() {
        let report = ReportFixtures.sample()
        let lines = report.csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty, "\(report.csv)")
        #expect(lines[0].split(separator: ",").count == lines[1].split(separator: ",", omittingEmptySubsequences: false).count)
        #expect(report.csv == report.csvHeader + report.csvRow)
        #expect(lines[1].hasPrefix("0.1.0,simulate,7,2,\(String(repeating: "ab", count: 32)),keepalive-lab simulate"))
    }

    @Test func aCommandWithACommaIsQuoted() {
        let report = ReportFixtures.sample(command: "keepalive-lab simulate 'a,b.json5'")
        #expect(report.csvRow.contains(",\"keepalive-lab simulate 'a,b.json5'\","))
    }

    @Test func missingValuesAreEmptyFields() {
        let row = ReportFixtures.empty.csvRow
        // latency_p50_ms ... latency_mean_ms: six empty fields in a row.
        #expect(row.contains(",,,,,,"))
    }
}

@Suite struct RunReportTableTests {
    @Test func headlineNumbersComeFirstInOrder() {
        let table = ReportFixtures.sample().table
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headline = ["requests/s", "latency ms", "from actual send", "upstream conns / 1k reqs", "reuse ratio", "errors",
                        "responses", "stale-connection failures"]
        let indices = headline.map { label in lines.firstIndex { $0.hasPrefix("  " + label) || $0.hasPrefix("    " + label) } }
        #expect(indices.allSatisfy { $0 != nil }, "\(table)")
        #expect(indices.compactMap { $0 } == indices.compactMap { $0 }.sorted())
        #expect(table.contains("requests/s                  99.873 completed (5,493 of 5,500 sent); 100.000 offered on average"))
        #expect(table.contains("p50 1.500  p90 2.250  p99 4.000  p99.9 10.000  max 12.500  mean 1.600"))
        #expect(table.contains("12.4 (68 opened; 1,000 = no reuse)"))
        #expect(table.contains("98.8% of 5,505 upstream attempts"))
        #expect(table.contains("errors                      502: 10, 504: 3 (0.24% of completed)"))
        #expect(table.contains("9 retried, 4 surfaced to clients"))
    }

    @Test func detailTablesAndWarningsFollowTheHeadline() {
        let table = ReportFixtures.sample().table
        let sections = ["\nUpstream connections", "\nClient connections", "\nTIME_WAIT", "\nWorkers\n", "\nBackends\n", "\nWarnings\n"]
        let positions = sections.map { table.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(table)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(table.hasSuffix("  - backend app closes idle connections after 5s, before nginx's 60s: stale-connection races expected\n"))
    }

    @Test func workerRowsAreAlignedUnderTheirHeader() throws {
        let lines = ReportFixtures.sample().table.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  worker  client conns") })
        let rows = lines[header...header + 2]
        #expect(Set(rows.map(\.count)).count == 1, "\(rows)")
        #expect(rows.last?.hasSuffix("10.0%") == true)
    }

    @Test func noLineHasTrailingSpaces() {
        for report in [ReportFixtures.sample(), ReportFixtures.empty] {
            for line in report.table.split(separator: "\n") {
                #expect(line.last != " ", "trailing space: '\(line)'")
            }
        }
    }

    @Test func anEmptyReportSaysSoInsteadOfPrintingNumbers() {
        let table = ReportFixtures.empty.table
        #expect(table.contains("latency ms                  none measured"))
        #expect(table.contains("errors                      none"))
        #expect(table.contains("Warnings\n  none\n"))
    }
}
