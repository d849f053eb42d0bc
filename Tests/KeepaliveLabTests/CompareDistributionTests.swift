import Foundation
import Testing

/// `compare --seeds M --repeat N`: distributions on both sides, verdicts,
/// the same simulated side for any --jobs, and the single-run output kept.
/// Each replay is one second of real time on loopback.
@Suite(.serialized) struct CompareDistributionTests {
    /// `compare --format csv`'s rows by metric: each row's cells by column name.
    static func csvRows(_ output: String) -> [String: [String: String]] {
        let lines = output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [:] }
        var rows: [String: [String: String]] = [:]
        for cells in lines.dropFirst() where cells.count == header.count {
            rows[cells[0]] = Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        return rows
    }

    @Test func repeatedRunsReplayTheTrafficOfTheSameReplicationsTheSimulationRan() throws {
        let model = try ReplayCommandTests.model()
        defer { model.remove() }
        // Three of each: minimum, median and maximum are the whole set.
        let run = try ToolRun.run(["compare", model.path, "--repeat", "3", "--seeds", "3", "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("run 1 of 3: replaying") && run.standardError.contains("run 3 of 3: replaying"))
        let rows = Self.csvRows(run.standardOutput)
        let sent = try #require(rows["requests_sent"], "\(run.standardOutput)")
        // Open-loop arrivals: run r sends exactly the requests simulation r intends.
        #expect(sent["simulated_min"] == sent["measured_min"] && sent["simulated"] == sent["measured"]
                && sent["simulated_max"] == sent["measured_max"], "\(sent)")
        #expect(sent["simulated_min"] != sent["simulated_max"], "the replications must differ: \(sent)")
        #expect(sent["simulations"] == "3" && sent["runs"] == "3")
        #expect(sent["medians_agree"] == "" && sent["ranges_overlap"] == "true")
        let fraction = try #require(rows["new_connection_fraction"])
        #expect(fraction["tolerance_absolute"] == "0.1000" && ["true", "false"].contains(fraction["medians_agree"]), "\(fraction)")
        #expect(!run.standardOutput.contains("\n\n"), "no blank lines between CSV rows")
    }

    @Test func theSimulatedSideIsTheSameForAnyNumberOfJobs() throws {
        let model = try ReplayCommandTests.model()
        defer { model.remove() }
        var simulatedColumns: [[String]] = []
        for jobs in ["1", "3"] {
            let run = try ToolRun.run(["compare", model.path, "--seeds", "5", "--jobs", jobs, "--format", "csv"])
            #expect(run.status == 0, "\(run.standardError)")
            let rows = Self.csvRows(run.standardOutput)
            simulatedColumns.append(rows.keys.sorted().map { key in
                [key, rows[key]?["simulated"] ?? "", rows[key]?["simulated_min"] ?? "", rows[key]?["simulated_max"] ?? ""].joined(separator: ",")
            })
        }
        #expect(simulatedColumns[0].count > 10)
        #expect(simulatedColumns[0] == simulatedColumns[1])
    }

    @Test func theTableGivesMediansRangesAndVerdicts() throws {
        let model = try ReplayCommandTests.model()
        defer { model.remove() }
        let run = try ToolRun.run(["compare", model.path, "--seeds", "3", "--repeat", "2"])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("seed 5: 3 simulations (replications 0-2) vs 2 runs through the built-in proxy; median and range (min..max)") == true,
                "\(run.standardOutput)")
        #expect(lines.dropFirst().first?.contains("medians") == true)
        let fraction = try #require(lines.first { $0.contains("new_connection_fraction") })
        #expect(fraction.contains("(±0.1)") && fraction.contains(".."), "\(fraction)")
        let rate = try #require(lines.first { $0.contains("completed_per_second") })
        #expect(rate.contains("(±15%)"), "\(rate)")
        #expect(run.standardOutput.contains("replay notes:"))
    }

    @Test func markdownRowsCarryTheCaseAndOnlyTheVerdictMetrics() throws {
        let model = try ReplayCommandTests.model()
        defer { model.remove() }
        let run = try ToolRun.run(["compare", model.path, "--seeds", "2", "--format", "markdown"])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "| case | metric | built-in median | built-in range | simulated median | simulated range | medians | ranges |")
        let caseName = (model.path as NSString).lastPathComponent.replacingOccurrences(of: ".json5", with: "")
        #expect(lines.dropFirst(2).map { $0.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? "" }
            == Array(repeating: caseName, count: 5), "\(run.standardOutput)")
        #expect(lines.dropFirst(2).map { $0.split(separator: "|")[1].trimmingCharacters(in: .whitespaces) }
            == ["new_connection_fraction", "completed_per_second", "latency_p50_ms", "latency_p99_ms", "error_ratio"])
    }

    @Test func oneSeedAndOneRunPrintTheSingleRunComparison() throws {
        let model = try ReplayCommandTests.model()
        defer { model.remove() }
        let run = try ToolRun.run(["compare", model.path, "--seeds", "1", "--repeat", "1", "--format", "csv"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("metric,simulated,measured,relative_difference\nrequests_sent,"), "\(run.standardOutput)")
        #expect(!run.standardError.contains("run 1 of"))
    }

    @Test(arguments: [(["--repeat", "0"], "--repeat: 0 is out of range; expected an integer from 1 to 100"),
                      (["--seeds", "0"], "--seeds: 0 is out of range; expected an integer from 1 to 10000"),
                      (["--jobs", "0"], "--jobs: 0 is out of range; expected an integer from 1 to 4096"),
                      (["--format", "html"], "--format")])
    func outOfRangeCountsAreUsageErrors(_ option: [String], _ message: String) throws {
        let run = try ToolRun.run(["compare", "no-such-model.json5"] + option)
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }
}
