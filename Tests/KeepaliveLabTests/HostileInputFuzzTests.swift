import Foundation
import Randomness
import Testing

/// The generators behind issue 10's findings, kept as tests: hostile model
/// values, `--vary` value lists, trace rows and merge parts, thrown at the
/// built tool. Every run must exit 0, 1 or 64 (never a trap or a signal)
/// within its time bound, with a bounded standard error. Seeded; a failure
/// prints its seed and input. `KEEPALIVE_LAB_FUZZ_SCALE=N` runs N times as
/// many inputs (for a longer hunt than the suite's few seconds).
@Suite(.serialized) struct HostileInputFuzzTests {
    static let scale = max(1, Int(ProcessInfo.processInfo.environment["KEEPALIVE_LAB_FUZZ_SCALE"] ?? "") ?? 1)

    /// A small model: 200 ms of light traffic, so a run takes milliseconds.
    static let base = """
        {
          nginx: {
            version: "1.22.1", worker_processes: 2,
            upstreams: { app: { servers: ["10.0.0.1:8080"], keepalive: 4, keepalive_timeout: "4s" } },
            locations: { "/": { proxy_pass: "app", proxy_http_version: "1.1", proxy_set_header_connection: "" } },
            cpu: { accept: "10us" },
          },
          backends: { app: { profile: "node-20", workers: 2, service: { cpu: { exponential: { mean: "1ms" } } } } },
          network: { proxy_backend: { one_way: "250us" } },
          traffic: { rate: 50, clients: 4 },
          run: { duration: "200ms", warmup: "0s", seed: 1 },
        }
        """

    /// A temporary directory of its own, removed at the end (the sweep tests' scratch space).
    typealias Scratch = SweepCommandTests.Scratch

    /// Tallies outcomes by exit code and records broken promises (at most a few, each with its seed).
    struct Tally: CustomStringConvertible {
        var byStatus: [Int32: Int] = [:]
        var broken = 0
        var inputs: Int { byStatus.values.reduce(0, +) + broken }

        mutating func check(_ run: BoundedToolRun, seed: UInt64, input: @autoclosure () -> String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
            if case .exited(let status) = run.outcome, run.keepsTheExitCodePromise {
                byStatus[status, default: 0] += 1
                if run.standardError.count >= 2_000 || run.standardError.contains("Fatal error") {
                    broken += 1
                    Issue.record("seed \(seed): standard error is unbounded or raw:\n\(run.standardError.prefix(600))\ninput: \(input().prefix(2_000))",
                                 sourceLocation: sourceLocation)
                }
                return
            }
            broken += 1
            Issue.record("seed \(seed): \(run.outcome)\n\(run.standardError.prefix(600))\ninput: \(input().prefix(2_000))",
                         sourceLocation: sourceLocation)
        }

        var description: String {
            let statuses = byStatus.keys.sorted().map { "exit \($0): \(byStatus[$0] ?? 0)" }.joined(separator: ", ")
            return "\(inputs) inputs (\(statuses)\(broken > 0 ? ", broken: \(broken)" : ""))"
        }
    }

    // MARK: Model values

    /// Values for model fields, valid and not: huge, negative, NaN, beyond the bounds, malformed.
    static let hostileValues = [
        "\"0s\"", "\"365d\"", "\"366d\"", "\"1000d\"", "\"106751d\"", "\"99999999999999d\"", "\"1ns\"", "\"-1s\"",
        "0", "-1", "1e300", "-1e300", "NaN", "Infinity", "9223372036854775808", "18446744073709551616", "1e12", "1e15",
        String(repeating: "9", count: 20_000), "\"a\\u0000b\"", "\"\(String(repeating: "k", count: 5_000))\"",
        "\"10.0.0.1\"", "\"10.0.0.1:0\"", "\"10.0.0.1:999999\"", "\"0.0.1\"", "\"2.0\"", "{ GET: 1e308, POST: 1e308 }",
        "{ pareto: { scale: \"365d\", shape: 0.01 } }", "{ exponential: { mean: \"1000d\" } }", "[]", "{}", "null", "true",
    ]

    /// Where a hostile value goes (each replaces the text after its key in `base`, or is added to its object).
    static let slots: [(find: String, key: String)] = [
        ("one_way: \"250us\"", "one_way"), ("accept: \"10us\"", "accept"), ("keepalive_timeout: \"4s\"", "keepalive_timeout"),
        ("seed: 1", "seed"), ("version: \"1.22.1\"", "version"), ("servers: [\"10.0.0.1:8080\"]", "servers"),
        ("rate: 50", "rate"), ("workers: 2,", "accept_cpu"), ("workers: 2,", "idle_close_delay"), ("warmup: \"0s\"", "drain"),
        ("clients: 4", "response_bytes"), ("clients: 4", "methods"), ("keepalive: 4", "keepalive"),
        ("proxy_http_version: \"1.1\"", "proxy_read_timeout"), ("mean: \"1ms\"", "mean"), ("worker_processes: 2", "worker_processes"),
    ]

    @Test func hostileModelValuesExitZeroOneOrSixtyFour() throws {
        let scratch = try Scratch()
        var tally = Tally()
        for seed in UInt64(1)...UInt64(40 * Self.scale) where tally.broken < 3 {
            var random = SplitMix64(seed: seed)
            var text = Self.base
            for _ in 0...Int(random.next() % 3) {
                let slot = Self.slots[Int(random.next() % UInt64(Self.slots.count))]
                var value = Self.hostileValues[Int(random.next() % UInt64(Self.hostileValues.count))]
                if slot.key == "servers" { value = "[{ address: \(value) }]" }
                guard let range = text.range(of: slot.find) else { continue }
                let replacement = slot.find.hasPrefix(slot.key + ":") ? "\(slot.key): \(value)" : "\(slot.find) \(slot.key): \(value),"
                text.replaceSubrange(range, with: replacement)
            }
            try scratch.write(text, "model.json5")
            let extra = [[], ["--print-model"], ["--format", "json"]][Int(random.next() % 3)]
            tally.check(try BoundedToolRun.run(["simulate", "model.json5"] + extra, in: scratch.path), seed: seed, input: text)
        }
        print("fuzz: hostile model values: \(tally)")
    }

    // MARK: --vary value lists

    static let listItems = [
        "1", "2.5", "1e300", "-9e18", "nan", "inf", "1e400", "0", "1s", "250ms", "365d", "366d",
        "1e300..1e301", "1..inf", "-9e18..9e18", "nan..1", "1..nan", "1..2+nan", "1..2+inf", "1..8xinf", "1..1e308x1e308",
        "0..0+1e300", "106751d..106751d23h47m16s+1d", "1s..400d+100d", "364d..365d+1d", "1ms..4msx2", "1..3", "3..1",
        "'x'", "{}", "[1]", "\"", "", "1..", "..2",
    ]
    static let varyPaths = ["run.warmup", "network.proxy_backend.one_way", "backends.app.idle_timeout", "run.seed",
                            "run.replications", "nginx.upstreams.app.keepalive_timeout", "run.drain", "nginx.cpu.accept"]

    @Test func hostileVaryListsExitZeroOneOrSixtyFour() throws {
        let scratch = try Scratch()
        try scratch.write(Self.base, "model.json5")
        var tally = Tally()
        for seed in UInt64(1)...UInt64(40 * Self.scale) where tally.broken < 3 {
            var random = SplitMix64(seed: seed)
            let items = (0...Int(random.next() % 2)).map { _ in Self.listItems[Int(random.next() % UInt64(Self.listItems.count))] }
            let path = Self.varyPaths[Int(random.next() % UInt64(Self.varyPaths.count))]
            let option = path + "=" + items.joined(separator: ",")
            let run = try BoundedToolRun.run(["sweep", "model.json5", "--vary", option, "-r", "1", "--jobs", "1", "--out", "out.csv"],
                                             in: scratch.path)
            tally.check(run, seed: seed, input: option)
        }
        print("fuzz: --vary lists: \(tally)")
    }

    // MARK: Trace rows

    /// Rows of five fields, as the header names, each bad in one way (the first only when not the first row).
    static let badRows = ["7,0,GET,1,1", "1e3,0,GET,1,1", "NaN,0,GET,1,1", "-1,0,GET,1,1", "12,0,BREW,1,1", "12,-1,GET,1,1",
                          "12,0", "12,0,GET,1,2,3", "12,0,GET,1,1000000000001", "99999999999999999999,0,GET,1,1", ",0,GET,1,1",
                          "12,0,G\u{0}T,1,1", "12,\u{7F},GET,1,1", "12,0,GET,1e3,1"]

    @Test func hostileTraceRowsAreRefusedBeforeTheRunWithTheirLine() throws {
        let scratch = try Scratch()
        try scratch.write(Self.base.replacingOccurrences(of: "rate: 50, clients: 4", with: "trace: \"trace.csv\""), "model.json5")
        var tally = Tally()
        for seed in UInt64(1)...UInt64(30 * Self.scale) where tally.broken < 3 {
            var random = SplitMix64(seed: seed)
            var rows = (0..<40).map { "\(10 + $0 * 3),\($0 % 3),\(["GET", "post", "HEAD"][$0 % 3]),100,2000" }
            let badLine = Int(random.next() % UInt64(rows.count))
            let bad = Self.badRows[Int(random.next() % UInt64(Self.badRows.count))]
            rows[badLine] = bad
            try scratch.write((["time_ms,client,method,request_bytes,response_bytes"] + rows).joined(separator: "\n") + "\n", "trace.csv")
            let run = try BoundedToolRun.run(["simulate", "model.json5"], in: scratch.path)
            tally.check(run, seed: seed, input: bad)
            // "7,0,GET,1,1" is unsorted only after a later time: as the first row it is valid.
            let mustFail = !(bad == "7,0,GET,1,1" && badLine == 0)
            if mustFail, run.outcome != .exited(1) || !run.standardError.contains("trace.csv:\(badLine + 2):") {
                Issue.record("seed \(seed): bad row \(bad.debugDescription) at line \(badLine + 2) gave \(run.outcome): \(run.standardError.prefix(400))")
                tally.broken += 1
            }
        }
        print("fuzz: trace rows: \(tally)")
    }

    // MARK: Merge parts

    static let badMetrics = ["NaN", "1e400", "abc", "inf", "-", "1.", "0x1F", String(repeating: "9", count: 50), " 1", "1 "]

    @Test func hostileMergePartsExitZeroOneOrSixtyFour() throws {
        let scratch = try Scratch()
        try scratch.write(Self.base, "model.json5")
        for index in 1...2 {
            let part = try BoundedToolRun.run(["sweep", "model.json5", "--vary", "run.warmup=0s,10ms", "-r", "2", "--jobs", "1",
                                               "--shard", "\(index)/2", "--out", "part\(index).csv"], in: scratch.path)
            #expect(part.outcome == .exited(0), "\(part.standardError)")
        }
        let parts = [try scratch.read("part1.csv"), try scratch.read("part2.csv")]
        var tally = Tally()
        for seed in UInt64(1)...UInt64(30 * Self.scale) where tally.broken < 3 {
            var random = SplitMix64(seed: seed)
            var edited = parts
            let which = Int(random.next() % 2)
            var lines = edited[which].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let rowLines = lines.indices.filter { lines[$0].hasPrefix("replication,") }
            var garbled = false
            switch random.next() % 4 {
            case 0, 1:  // a metric replaced by something that is not a decimal
                let line = rowLines[Int(random.next() % UInt64(rowLines.count))]
                var fields = lines[line].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[4 + Int(random.next() % UInt64(fields.count - 4))] = Self.badMetrics[Int(random.next() % UInt64(Self.badMetrics.count))]
                lines[line] = fields.joined(separator: ",")
                garbled = true
            case 2:  // a line dropped or repeated
                let line = Int(random.next() % UInt64(lines.count))
                if random.next() % 2 == 0 { lines.remove(at: line) } else { lines.insert(lines[line], at: line) }
            default:  // bytes damaged
                let line = Int(random.next() % UInt64(lines.count))
                var characters = Array(lines[line])
                for _ in 0..<3 where !characters.isEmpty {
                    characters[Int(random.next() % UInt64(characters.count))] = [",", "\"", "#", "x", "\u{0}"][Int(random.next() % 5)]
                }
                lines[line] = String(characters)
            }
            edited[which] = lines.joined(separator: "\n")
            try scratch.write(edited[0], "a.csv")
            try scratch.write(edited[1], "b.csv")
            let run = try BoundedToolRun.run(["sweep", "merge", "a.csv", "b.csv", "--out", "merged.csv"], in: scratch.path)
            tally.check(run, seed: seed, input: edited[which])
            if garbled, run.outcome != .exited(1) {
                Issue.record("seed \(seed): a part with a garbled metric gave \(run.outcome)")
                tally.broken += 1
            }
        }
        print("fuzz: merge parts: \(tally)")
    }
}

extension SweepCommandTests.Scratch {
    func write(_ text: String, _ name: String) throws { try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8) }
}
