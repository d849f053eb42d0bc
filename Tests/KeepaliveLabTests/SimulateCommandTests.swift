import Foundation
import Testing

@Suite struct SimulateCommandTests {
    /// Runs `simulate` on a fresh copy of the small model; expects success.
    func simulate(_ arguments: [String], model: TestModelFile, sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolRun {
        let run = try ToolRun.run(["simulate", model.path] + arguments, sourceLocation: sourceLocation)
        #expect(run.status == 0, "\(run.standardError)", sourceLocation: sourceLocation)
        return run
    }

    @Test func jsonReportParsesAndHasTheRequiredSections() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try simulate(["--format", "json"], model: model)
        #expect(run.standardError.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        for section in ["provenance", "requests", "latency_ms", "latency_from_send_ms", "upstream", "client", "time_wait",
                        "workers", "backends", "warnings"] {
            #expect(json[section] != nil, "no \(section)")
        }
        let provenance = try #require(json["provenance"] as? [String: Any])
        #expect(provenance["seed"] as? Int == 3)
        #expect(provenance["mode"] as? String == "simulate")
        #expect((provenance["model_sha256"] as? String)?.count == 64)
        #expect(provenance["command"] as? String == "keepalive-lab simulate \(model.path) --format json")
        let requests = try #require(json["requests"] as? [String: Any])
        #expect((requests["completed"] as? Int).map { $0 > 300 } == true)
        #expect((json["workers"] as? [Any])?.count == 2)
        #expect((json["backends"] as? [Any])?.count == 2)
    }

    @Test func tableStartsWithTheHeadlineNumbers() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let table = try simulate([], model: model).standardOutput
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("keepalive-lab ") == true)
        #expect(lines.first?.contains("simulate, seed 3") == true)
        for label in ["requests/s", "latency ms", "upstream conns / 1k reqs", "reuse ratio", "errors", "stale-connection failures"] {
            #expect(lines.prefix(12).contains { $0.hasPrefix("  " + label + " ") }, "no headline \(label):\n\(table)")
        }
        #expect(table.contains("\nWorkers\n  worker  client conns"))
        #expect(table.contains("\nBackends\n  backend  address"))
        #expect(table.contains("\nWarnings\n"))
    }

    @Test(arguments: [["--format", "table", "--timeline", "3"], ["--format", "json"], ["--format", "csv", "--seed", "11"]])
    func outputIsByteIdenticalRunToRun(arguments: [String]) throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let first = try simulate(arguments, model: model)
        let second = try simulate(arguments, model: model)
        #expect(!first.standardOutput.isEmpty)
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardError == second.standardError)
    }

    @Test func seedOptionOverridesTheModelsSeed() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let modelSeed = try simulate(["--format", "csv"], model: model).standardOutput
        let seven = try simulate(["--format", "csv", "--seed", "7"], model: model).standardOutput
        let row = try #require(seven.split(separator: "\n").last)
        #expect(row.hasPrefix("0.1.0,simulate,7,0,") || row.contains(",simulate,7,0,"), "\(row)")
        #expect(modelSeed.split(separator: "\n").last?.contains(",simulate,3,0,") == true)
        // Different arrivals: the measured columns differ, not only the seed.
        let measured = { (csv: String) in csv.split(separator: "\n").last!.split(separator: ",").dropFirst(6).joined(separator: ",") }
        #expect(measured(modelSeed) != measured(seven))
    }

    @Test func csvIsOneHeaderAndOneRowOfTheSameWidth() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let lines = try simulate(["--format", "csv"], model: model).standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("version,mode,seed,replication,model_sha256,command,"))
        #expect(lines[0].split(separator: ",").count == lines[1].split(separator: ",", omittingEmptySubsequences: false).count)
    }

    @Test func eventsFileHasOneJSONObjectPerLineWithStableKeys() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let eventsPath = model.sibling("events.jsonl")
        let run = try simulate(["--events", eventsPath, "--format", "csv"], model: model)
        #expect(run.standardError.isEmpty)
        let text = try String(contentsOfFile: eventsPath, encoding: .utf8)
        #expect(text.hasSuffix("}\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count > 1_000)
        var kinds: Set<String> = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            kinds.insert(object["event"] as? String ?? "?")
            #expect(line.hasPrefix("{\"time_ns\": "))
            #expect(object.count == 8, "\(line)")
        }
        for kind in ["client_open", "request_sent", "request_at_proxy", "upstream_open", "upstream_handshake_done",
                     "upstream_reuse", "request_at_backend", "response_at_proxy", "upstream_idle", "response"] {
            #expect(kinds.contains(kind), "no \(kind) event")
        }
        // The same run writes the same file.
        _ = try simulate(["--events", eventsPath, "--format", "csv"], model: model)
        #expect(try String(contentsOfFile: eventsPath, encoding: .utf8) == text)
    }

    @Test func timelineDrawsExactlyTheFirstNRequests() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let output = try simulate(["--timeline", "3"], model: model).standardOutput
        let timeline = try #require(output.components(separatedBy: "\nkeepalive-lab ").first)
        #expect(timeline.hasPrefix("Timeline of the first 3 requests"))
        #expect(timeline.contains("  time ms | client"))
        for request in 1...3 {
            #expect(timeline.contains("#\(request) request on c"), "request \(request) not sent")
            #expect(timeline.contains("#\(request) answered 200 in "), "request \(request) not answered")
        }
        #expect(!timeline.contains("#4 "))
        #expect(timeline.contains("handshake done"))
        // The report follows the timeline on standard output.
        #expect(output.contains("\nkeepalive-lab 0.1.0 simulate, seed 3"))
        // Every diagram line has its time and the three lifelines.
        let rows = timeline.split(separator: "\n").filter { $0.contains(" |") }
        #expect(rows.count > 10)
        #expect(rows.allSatisfy { $0.filter { $0 == "|" }.count == 3 })
    }

    @Test func timelineGoesToStandardErrorWhenStandardOutputIsJSON() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try simulate(["--timeline", "2", "--format", "json"], model: model)
        #expect(run.standardError.hasPrefix("Timeline of the first 2 requests"))
        #expect(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) is [String: Any])
    }

    @Test func printModelPrintsTheCanonicalModelAndRunsNothing() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try simulate(["--print-model"], model: model)
        #expect(run.standardError.isEmpty)
        #expect(run.standardOutput.hasPrefix("// The scenario \(model.path) (sha256 "), "\(run.standardOutput)")
        #expect(run.standardOutput.hasSuffix("}\n"))
        #expect(run.standardOutput.contains("seed: 3"))
        #expect(run.standardOutput.contains("// default"))
        #expect(!run.standardOutput.contains("requests/s"))
        // The model hash printed is the one a run's provenance records.
        let json = try simulate(["--format", "json"], model: model).standardOutput
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sha = try #require((object["provenance"] as? [String: Any])?["model_sha256"] as? String)
        #expect(run.standardOutput.contains("(sha256 \(sha))"))
    }

    @Test func aMissingModelFileFailsWithTheSystemsReason() throws {
        let run = try ToolRun.run(["simulate", "/nonexistent/model.json5"])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == "keepalive-lab: error: /nonexistent/model.json5: cannot read the file: No such file or directory\n")
    }

    @Test func aBadModelListsEveryProblemWithItsPlaceThenFails() throws {
        let model = try TestModelFile(contents: "{\n  run: { seed: -1 },\n  trafic: {},\n}\n")
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        let lines = run.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count >= 3, "\(run.standardError)")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("\(model.path):") }, "\(run.standardError)")
        #expect(lines.contains("\(model.path):2:16: run.seed: must be an integer between 0 and 18446744073709551615 (2^64-1) (got -1)"), "\(run.standardError)")
        #expect(lines.contains("\(model.path):3:3: trafic: unknown key; did you mean 'traffic'?"), "\(run.standardError)")
        #expect(lines.last == "keepalive-lab: error: cannot read '\(model.path)': the model has \(lines.count - 1) problems (listed above)")
    }

    @Test func anEventsFileThatCannotBeCreatedFailsBeforeRunning() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path, "--events", "/nonexistent/dir/events.jsonl"])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == "keepalive-lab: error: cannot create '/nonexistent/dir/events.jsonl': No such file or directory\n")
    }

    @Test(arguments: [
        (["--format", "xml"], "invalid value for --format: 'xml' is not one of table, json, csv"),
        (["--timeline", "0"], "invalid value for --timeline: 0 is out of range; expected an integer from 1 to 10000"),
        (["--seed", "-3"], "invalid value for --seed: '-3' is not an unsigned 64-bit integer"),
        (["--print-model", "--timeline", "2"], "--print-model prints the model and runs nothing; it cannot be combined with --timeline"),
        (["--evnets", "x"], "unknown option '--evnets'; did you mean '--events'?"),
        (["extra"], "unexpected argument 'extra'"),
    ])
    func badCommandLinesAreUsageErrors(arguments: [String], message: String) throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path] + arguments)
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("keepalive-lab: error: \(message)"), "\(run.standardError)")
        #expect(run.standardError.contains("See 'keepalive-lab simulate --help'."))
    }

    @Test func aMissingModelArgumentIsAUsageError() throws {
        let run = try ToolRun.run(["simulate"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("missing argument MODEL"))
    }

    @Test func theCommandLineInProvenanceQuotesWhatTheShellWouldSplit() throws {
        let model = try TestModelFile(name: "my model.json5")
        defer { model.remove() }
        let run = try simulate(["--format", "json"], model: model)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let command = (json["provenance"] as? [String: Any])?["command"] as? String
        #expect(command == "keepalive-lab simulate '\(model.path)' --format json")
    }
}

@Suite struct SimulateHelpTests {
    @Test func helpListsEveryOptionOfSimulate() throws {
        let run = try ToolRun.run(["simulate", "--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains(
            "USAGE: keepalive-lab simulate [--seed S] [--format table|json|csv] [--events FILE.jsonl] "
                + "[--events-filter connection|request|all] [--timeline N] "
                + "[--report FILE.html] [--replication R] [--print-model] MODEL"))
        for text in ["-s, --seed S", "-f, --format table|json|csv", "(default: table)", "--events FILE.jsonl",
                     "--events-filter connection|request|all", "--timeline N", "--report FILE.html",
                     "--replication R", "--print-model", "MODEL"] {
            #expect(run.standardOutput.contains(text), "help lacks \(text)")
        }
    }
}

@Suite struct SimulateEventsSafetyTests {
    @Test func eventsRefusesToOverwriteTheModelFile() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let before = try String(contentsOfFile: model.path, encoding: .utf8)
        let sameFile = model.directory.path + "/./" + (model.path as NSString).lastPathComponent
        let run = try ToolRun.run(["simulate", model.path, "--events", sameFile])
        #expect(run.status == 1)
        #expect(run.standardError.contains("is the model file"), "\(run.standardError)")
        #expect(try String(contentsOfFile: model.path, encoding: .utf8) == before)
    }
}

/// The timeline and the events log on the stale-connection race, where every
/// step of the story is known in advance.
@Suite struct SimulateStaleRaceTests {
    func race(secondMethod method: String, _ arguments: [String]) throws -> (run: ToolRun, model: TestModelFile) {
        let model = try TestModelFile(contents: TestModelFile.staleRaceModel,
                                      files: ["race.csv": TestModelFile.staleRaceTrace(secondMethod: method)])
        let run = try ToolRun.run(["simulate", model.path] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
        return (run, model)
    }

    @Test func timelineShowsAPOSTMeetingAClosedConnectionAndFailingWith502() throws {
        let (run, model) = try race(secondMethod: "POST", ["--timeline", "2"])
        defer { model.remove() }
        let timeline = try #require(run.standardOutput.components(separatedBy: "\nkeepalive-lab ").first)
        let expectedInOrder = [
            "      0.000 | #1 opens c1", "| w0 opens u1 to b0", "| u1 handshake done, sends #1", "|--> #1 at b0 on u1",
            "| u1 idle in w0's cache", "   3.000 | #1 answered 200 in 3.000 ms <--|",
            "   6002.250 | #2 request on c1            -->|", "| #2 reuses idle u1",
            "   6002.750 |                                | !! #2 fails on u1: backend had closed it <--|",
            "| u1 closed: failed_attempt", "   6003.000 | #2 answered 502 in 0.750 ms <--|",
        ]
        let positions = expectedInOrder.map { timeline.range(of: $0)?.lowerBound }
        for (text, position) in zip(expectedInOrder, positions) { #expect(position != nil, "no '\(text)' in\n\(timeline)") }
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(timeline)")
        #expect(!timeline.contains("retried"))
    }

    @Test func timelineShowsAGETRetriedInvisiblyOnANewConnection() throws {
        let (run, model) = try race(secondMethod: "GET", ["--timeline", "2"])
        defer { model.remove() }
        let timeline = try #require(run.standardOutput.components(separatedBy: "\nkeepalive-lab ").first)
        let expectedInOrder = ["!! #2 fails on u1", "u1 closed: failed_attempt", "#2 retried (next upstream)",
                               "w0 opens u2 to b0", "u2 handshake done, sends #2", "#2 answered 200 in "]
        let positions = expectedInOrder.map { timeline.range(of: $0)?.lowerBound }
        for (text, position) in zip(expectedInOrder, positions) { #expect(position != nil, "no '\(text)' in\n\(timeline)") }
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(timeline)")
    }

    @Test func eventsLogRecordsTheStaleFailureAndTheRetry() throws {
        let model = try TestModelFile(contents: TestModelFile.staleRaceModel,
                                      files: ["race.csv": TestModelFile.staleRaceTrace(secondMethod: "GET")])
        defer { model.remove() }
        let eventsPath = model.sibling("events.jsonl")
        let run = try ToolRun.run(["simulate", model.path, "--events", eventsPath, "--format", "json"])
        #expect(run.status == 0)
        let lines = try String(contentsOfFile: eventsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        let stale = try #require(lines.first { $0.contains("\"event\": \"stale_failure\"") })
        #expect(stale == #"{"time_ns": 6002750000, "event": "stale_failure", "request": 2, "client_connection": null, "# +
            #""upstream_connection": 1, "worker": 0, "backend": 0, "detail": null}"#)
        #expect(lines.contains { $0.contains("\"event\": \"retry\", \"request\": 2") })
        #expect(lines.contains { $0.contains("\"event\": \"upstream_close\"") && $0.contains("\"detail\": \"failed_attempt\"") })
        #expect(lines.filter { $0.contains("\"event\": \"response\"") }.count == 2)
    }
}

/// `--timeline` shows every connection it draws from its open, and a
/// handshake's end when nginx completes the connect.
@Suite struct TimelineConnectionOpenTests {
    /// Request #3 (client 0, on its kept-alive connection) opens u2; request #2
    /// (client 1, still in its TLS handshake with nginx) then reuses u2. The
    /// backend closed u1 (6 s idle) before. The stale-race model's nginx (CPU
    /// zero, so times are exact) and backend, with slower client links.
    static let model = TestModelFile.staleRaceModel.replacingOccurrences(
        of: #"traffic: { trace: "race.csv", clients: 1 },"#,
        with: #"network: { client_proxy: { one_way: "10ms", tls: "1.3" }, proxy_backend: { one_way: "1ms" } },"# + "\n"
            + #"  traffic: { trace: "t.csv", clients: 2 },"#)

    @Test func aConnectionOpenedForALaterRequestIsShownFromItsOpen() throws {
        let model = try TestModelFile(contents: Self.model, files: ["t.csv": "time_ms,client\n0,0\n7000,1\n7001,0\n"])
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path, "--timeline", "2"])
        #expect(run.status == 0, "\(run.standardError)")
        let timeline = try #require(run.standardOutput.components(separatedBy: "\nkeepalive-lab ").first)
        let expectedInOrder = ["   7011.000 |", "| w0 opens u2 to b0", "   7050.000 |", "| #2 reuses idle u2"]
        let positions = expectedInOrder.map { timeline.range(of: $0)?.lowerBound }
        for (text, position) in zip(expectedInOrder, positions) { #expect(position != nil, "no '\(text)' in\n\(timeline)") }
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(timeline)")
        // Request #3's own steps stay out of the story of the first two.
        #expect(!timeline.contains("#3"), "\(timeline)")
    }

    @Test func handshakeDoneIsWhenNginxCompletesTheConnect() throws {
        let model = try TestModelFile(contents: Self.model, files: ["t.csv": "time_ms,client\n0,0\n"])
        defer { model.remove() }
        let run = try ToolRun.run(["simulate", model.path, "--timeline", "1"])
        #expect(run.status == 0, "\(run.standardError)")
        let rows = run.standardOutput.split(separator: "\n").map(String.init)
        func time(of text: String) -> String? {
            rows.first { $0.contains(text) }?.split(separator: "|").first?.trimmingCharacters(in: .whitespaces)
        }
        // Client TCP + TLS 1.3 (2 round trips of 20 ms) and the request's 10 ms: at nginx at 50 ms.
        #expect(time(of: "w0 opens u1 to b0") == "50.000")
        // One round trip to the backend (2 x 1 ms) later nginx's connect completes and it writes #1...
        #expect(time(of: "u1 handshake done, sends #1") == "52.000")
        // ...which reaches the backend one way (1 ms) after that.
        #expect(time(of: "#1 at b0 on u1") == "53.000")
    }
}

