import Foundation
import ProxyModel
import Testing

@Suite struct BenchKernelCommandTests {
    /// The JSON report's members, parsed by Foundation as an independent reader.
    func jsonReport(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> (raw: String, object: [String: Any]) {
        let run = try ToolRun.run(["bench", "kernel"] + arguments + ["--format", "json"], sourceLocation: sourceLocation)
        #expect(run.status == 0, "\(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.isEmpty, sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        return (run.standardOutput, try #require(object, sourceLocation: sourceLocation))
    }

    @Test func jsonReportIsOneObjectWithTheRequestedEventCount() throws {
        let (raw, object) = try jsonReport(["--pending", "100", "--events", "1000"])
        #expect(raw.hasSuffix("}\n"))
        #expect(raw.filter { $0 == "\n" }.count == 1)
        #expect(object["events"] as? Int == 1000)
        #expect(object["pending"] as? Int == 100)
        #expect(object["seed"] as? Int == 1)
        #expect(object["benchmark"] as? String == "kernel")
        #expect(object["version"] as? String == ProxyModelInfo.toolVersion)
        #expect((object["seconds"] as? Double).map { $0 >= 0 } == true)
        #expect(object["events_per_second"] != nil)
        #expect((object["fingerprint"] as? String)?.hasPrefix("0x") == true)
        #expect((object["fingerprint"] as? String)?.count == 18)
    }

    @Test func jsonKeysComeInAStableOrder() throws {
        let (raw, _) = try jsonReport(["--pending", "10", "--events", "10"])
        let keys = [
            "benchmark", "version", "events", "seconds", "events_per_second", "ns_per_event", "pending", "until_ns",
            "virtual_time_ns", "seed", "fingerprint",
        ]
        let positions = keys.map { raw.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(raw)")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "\(raw)")
    }

    @Test func equalsFormOfOptionsAndShortNamesAreAccepted() throws {
        let (_, object) = try jsonReport(["--pending=100", "-n", "500", "-s", "7"])
        #expect(object["events"] as? Int == 500)
        #expect(object["seed"] as? Int == 7)
    }

    @Test func sameSeedGivesTheSameFingerprintAndHexEqualsDecimal() throws {
        let decimal = try jsonReport(["--pending", "50", "--events", "2000", "--seed", "42"]).object
        let hexadecimal = try jsonReport(["--pending", "50", "--events", "2000", "--seed", "0x2A"]).object
        let other = try jsonReport(["--pending", "50", "--events", "2000", "--seed", "43"]).object
        #expect(decimal["fingerprint"] as? String == hexadecimal["fingerprint"] as? String)
        #expect(decimal["virtual_time_ns"] as? Int == hexadecimal["virtual_time_ns"] as? Int)
        #expect(decimal["fingerprint"] as? String != other["fingerprint"] as? String)
    }

    @Test func untilStopsTheRunWhenTheVirtualClockPassesIt() throws {
        // With 100 pending events of mean 1 s, about 100 events fall in each virtual second.
        let (_, object) = try jsonReport(["--pending", "100", "--events", "1000000", "--until", "2s"])
        let events = try #require(object["events"] as? Int)
        #expect(events > 0 && events < 1_000_000)
        #expect(object["until_ns"] as? Int == 2_000_000_000)
        #expect((object["virtual_time_ns"] as? Int).map { $0 <= 2_000_000_000 } == true)
    }

    @Test func textReportHasAlignedLabelledLines() throws {
        let run = try ToolRun.run(["bench", "kernel", "--pending", "100", "--events", "1000", "--seed", "0x10"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n")
        let labels = ["events", "seconds", "events/s", "pending", "seed", "fingerprint"]
        for label in labels {
            #expect(lines.contains { $0.hasPrefix(label + " ") }, "no \(label) line in \(run.standardOutput)")
        }
        #expect(lines.contains { $0.hasPrefix("events ") && $0.hasSuffix(" 1000") })
        #expect(lines.contains { $0.hasPrefix("seed ") && $0.hasSuffix(" 16") })
        // A value starts after the first run of two or more spaces (labels may hold one space).
        let valueColumns = Set(lines.map { line -> Int in
            guard let gap = line.range(of: "  ") else { return -1 }
            let valueStart = line[gap.lowerBound...].firstIndex { $0 != " " } ?? line.endIndex
            return line.distance(from: line.startIndex, to: valueStart)
        })
        #expect(valueColumns.count == 1, "values not aligned:\n\(run.standardOutput)")
    }
}
