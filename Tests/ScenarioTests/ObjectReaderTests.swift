import ProxyModel
import Scenario
import Testing

/// Reading a model into typed values: every problem reported, where it is, in the documented words.
@Suite struct ObjectReaderTests {
    /// The problems reading `text` with `SampleModel` finds, as printed lines.
    func problems(_ text: String, file: String = "models/x.json5") -> [String] {
        do {
            let document = try ModelDocument(file: file, bytes: Array(text.utf8))
            _ = try document.read(SampleModel.read)
            return []
        } catch {
            return error.items.map(\.description)
        }
    }

    @Test func aValidModelReadsIntoTypedValuesInFileOrder() throws {
        let document = try ModelDocument(file: "sample.json5", bytes: Array(SampleModel.text.utf8))
        let model = try document.read(SampleModel.read)
        #expect(model.name == "keepalive demo")
        #expect(model.seed == 42)
        #expect(model.duration == .minutes(10))
        #expect(model.format == .json)
        #expect(model.percentiles == [50, 90, 99, 99.9])
        #expect(model.workers == 4)
        #expect(model.upstreams.map(\.name) == ["app", "api"])
        #expect(model.upstreams[0].keepaliveTimeout == .seconds(75))
        #expect(model.upstreams[0].keepaliveRequests == 1000)
        #expect(model.upstreams[0].servers[1] == .init(address: "app-2:8080", maxFails: 3, failTimeout: .milliseconds(1500)))
        #expect(model.upstreams[0].servers[2].backup)
        #expect(model.rate == 1500)
        #expect(model.pattern == "constant")
    }

    @Test func outOfRangeIntegerIsReportedWithFilePositionPathAndValue() {
        let text = """
            {
              name: 'x',
              traffic: { rate: 1 },
              nginx: {
                upstreams: {
                  app: {
                    servers: [
                      { address: 'a' },
                    ],
                    // the pool size
                    keepalive:
                  -3,
                  },
                },
              },
            }
            """
        #expect(problems(text) == ["models/x.json5:12:7: nginx.upstreams.app.keepalive: must be >= 0 (got -3)"])
    }

    @Test func rangeMessagesNameTheBoundsThatApply() {
        let text = """
            {name: 'x', traffic: {rate: 0}, nginx: {workers: 2000, upstreams: {app: {keepalive_requests: 0, servers: [{address: 'a', weight: 0}]}}},
             output: {percentiles: [101]}}
            """
        #expect(problems(text) == [
            "models/x.json5:1:29: traffic.rate: must be >= 0.001 (got 0)",
            "models/x.json5:1:50: nginx.workers: must be between 1 and 1024 (got 2000)",
            "models/x.json5:1:94: nginx.upstreams.app.keepalive_requests: must be >= 1 (got 0)",
            "models/x.json5:1:130: nginx.upstreams.app.servers[0].weight: must be between 1 and 1000 (got 0)",
            "models/x.json5:2:25: output.percentiles[0]: must be between 0 and 100 (got 101)",
        ])
    }

    @Test func unknownKeyIsReportedWithTheNearestValidKey() {
        let text = "{name: 'x', traffic: {rate: 1}, nginx: {upstreams: {app: {keepalve: 3, servers: [{address: 'a'}]}}}}"
        #expect(problems(text) == ["models/x.json5:1:59: nginx.upstreams.app.keepalve: unknown key; did you mean 'keepalive'?"])
    }

    @Test func unknownKeysAreCaughtCaseAndTranspositionTyposIncluded() {
        let text = "{name: 'x', Seed: 1, traffic: {rtae: 1, rate: 2}, nginx: {upstreams: {app: {servers: [{address: 'a', wieght: 2}]}}}}"
        #expect(problems(text) == [
            "models/x.json5:1:13: Seed: unknown key; did you mean 'seed'?",
            "models/x.json5:1:32: traffic.rtae: unknown key; did you mean 'rate'?",
            "models/x.json5:1:102: nginx.upstreams.app.servers[0].wieght: unknown key; did you mean 'weight'?",
        ])
    }

    @Test func unknownKeyFarFromEveryValidKeyListsTheValidKeys() {
        let text = "{name: 'x', traffic: {rate: 1, burstiness: 2}, nginx: {upstreams: {app: {servers: [{address: 'a'}]}}}}"
        #expect(problems(text) == ["models/x.json5:1:32: traffic.burstiness: unknown key; valid keys are: rate, pattern"])
    }

    @Test func everyProblemIsReportedAtOnceSortedByPosition() {
        let text = """
            {
              seed: -1,
              duration: '10 minutes',
              output: { format: 'xml' },
              nginx: { workers: 'four', upstreams: { app: { servers: [] } } },
              traffic: { rate: 'fast' },
              extra: true,
            }
            """
        #expect(problems(text) == [
            "models/x.json5:1:1: name: is required but missing",
            "models/x.json5:2:9: seed: must be >= 0 (got -1)",
            "models/x.json5:3:13: duration: " + (parseError("10 minutes") ?? "?"),
            #"models/x.json5:4:21: output.format: must be one of: table, json, csv (got "xml")"#,
            #"models/x.json5:5:21: nginx.workers: must be an integer (got "four")"#,
            "models/x.json5:5:58: nginx.upstreams.app.servers: must have at least 1 element (got 0)",
            #"models/x.json5:6:20: traffic.rate: must be a number (got "fast")"#,
            "models/x.json5:7:3: extra: unknown key; valid keys are: output, nginx, traffic, name, seed, duration",
        ])
    }

    @Test func durationErrorsCarryTheParseErrorsExplanation() throws {
        let expected = try #require(parseError("60"))
        #expect(problems("{name: 'x', duration: '60', traffic: {rate: 1}, nginx: {upstreams: {a: {servers: [{address: 'a'}]}}}}")
            == ["models/x.json5:1:23: duration: \(expected)"])
        #expect(problems("{name: 'x', duration: 60, traffic: {rate: 1}, nginx: {upstreams: {a: {servers: [{address: 'a'}]}}}}")
            == ["models/x.json5:1:23: duration: \(expected)"])
        #expect(problems("{name: 'x', duration: true, traffic: {rate: 1}, nginx: {upstreams: {a: {servers: [{address: 'a'}]}}}}")
            == [#"models/x.json5:1:23: duration: must be a duration such as "250ms" (got true)"#])
        #expect(problems("{name: 'x', duration: '0s', traffic: {rate: 1}, nginx: {upstreams: {a: {servers: [{address: 'a'}]}}}}")
            == [#"models/x.json5:1:23: duration: must be >= 1ms (got "0s")"#])
    }

    private func parseError(_ text: String) -> String? {
        do {
            _ = try TimeSpan(parsing: text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func oneOfSuggestsTheNearestChoice() {
        let text = "{name: 'x', output: {format: 'jsno'}, traffic: {rate: 1, pattern: 'Poisson'}, nginx: {upstreams: {a: {servers: [{address: 'a'}]}}}}"
        #expect(problems(text) == [
            #"models/x.json5:1:30: output.format: must be one of: table, json, csv (got "jsno"; did you mean "json"?)"#,
            #"models/x.json5:1:67: traffic.pattern: must be one of: poisson, constant, bursty (got "Poisson"; did you mean "poisson"?)"#,
        ])
    }

    @Test func wrongTypesSayWhatWasFound() {
        let text = "{name: 12, seed: 1.5, output: [], traffic: {rate: NaN}, nginx: {upstreams: {a: {keepalive: 1e30, servers: [{address: 'a', backup: 'yes'}]}}}}"
        #expect(problems(text) == [
            "models/x.json5:1:8: name: must be a string (got 12)",
            "models/x.json5:1:18: seed: must be an integer (got 1.5)",
            "models/x.json5:1:31: output: must be an object (got an array)",
            "models/x.json5:1:51: traffic.rate: must be a finite number (got NaN)",
            "models/x.json5:1:92: nginx.upstreams.a.keepalive: must be >= 0 (got 1e30)",
            #"models/x.json5:1:131: nginx.upstreams.a.servers[0].backup: must be true or false (got "yes")"#,
        ])
    }

    @Test func aMissingSectionReadsAsEmptySoItsRequiredFieldsAreNamed() {
        #expect(problems("{name: 'x'}") == [
            "models/x.json5:1:1: nginx.upstreams: is required but missing (must have at least 1 entry)",
            "models/x.json5:1:1: traffic.rate: is required but missing",
        ])
    }

    @Test func aSectionOfTheWrongTypeIsReportedOnceNotOncePerField() {
        #expect(problems("{name: 'x', traffic: 5, nginx: {upstreams: {a: {servers: [{address: 'a'}]}}}}") == [
            "models/x.json5:1:22: traffic: must be an object (got 5)",
        ])
    }

    @Test func mapsKeepFileOrderAndTheirNamesAreNeverUnknown() throws {
        let text = "{name: 'x', traffic: {rate: 1}, nginx: {upstreams: {zeta: {servers: [{address: 'z'}]}, alpha: {servers: [{address: 'a'}]}, mid: {servers: [{address: 'm'}]}}}}"
        let model = try ModelDocument(file: "m", bytes: Array(text.utf8)).read(SampleModel.read)
        #expect(model.upstreams.map(\.name) == ["zeta", "alpha", "mid"])
    }

    @Test func aSyntaxErrorIsOneDiagnosticWithFileLineAndColumn() {
        #expect(problems("{\n  name: 'x'\n  seed: 1\n}") == [
            "models/x.json5:3:3: expected ',' or '}' after object member, found 's'",
        ])
        #expect(problems("{nginx: {upstreams: {a: {servers: [{address: 'a}]}}}}") == [
            "models/x.json5:1:46: nginx.upstreams.a.servers[0].address: unterminated string",
        ])
    }

    @Test func anUnreadableFileIsADiagnosticWithTheSystemsReason() {
        #expect(throws: Diagnostics([Diagnostic(file: "/nonexistent/model.json5", location: nil, message: "cannot read the file: No such file or directory")])) {
            try ModelDocument(contentsOfFile: "/nonexistent/model.json5")
        }
        #expect(throws: Diagnostics([Diagnostic(file: "/", location: nil, message: "cannot read the file: Is a directory")])) {
            try ModelDocument(contentsOfFile: "/")
        }
    }

    @Test func optionalFieldsWithoutDefaultAreNilWhenAbsent() throws {
        let document = try ModelDocument(file: "m", bytes: Array("{a: 3}".utf8))
        let (a, b) = try document.read { root in (root.field("a")?.integer(), root.field("b")?.integer()) }
        #expect(a == 3)
        #expect(b == nil)
    }

    @Test func allowedKeysAreValidWithoutBeingRead() throws {
        let document = try ModelDocument(file: "m", bytes: Array("{a: 3, comment: 'mine'}".utf8))
        let a = try document.read { root in
            root.allow("comment")
            return root.integer("a")
        }
        #expect(a == 3)
    }

    @Test func checksAcrossFieldsReportAtTheObject() {
        let document = try? ModelDocument(file: "m.json5", bytes: Array("{\n  min: 5, max: 2}".utf8))
        #expect(throws: Diagnostics([Diagnostic(file: "m.json5", location: at(1, 1), message: "min must not exceed max")])) {
            try document?.read { root in
                let (low, high) = (root.integer("min"), root.integer("max"))
                if low > high { root.report("min must not exceed max") }
            }
        }
    }

    @Test func documentsSharingACollectorAreSortedFileByFile() throws {
        let collector = DiagnosticCollector()
        let model = try ModelDocument(file: "model.json5", bytes: Array("{a: 1,\n b: 'x'}".utf8))
        let profile = try ModelDocument(file: "profile.json5", bytes: Array("{c: -1}".utf8))
        model.read(reportingTo: collector) { root in
            _ = root.integer("b")
            _ = profile.read(reportingTo: collector) { $0.integer("c", in: 0...) }
        }
        #expect(collector.sorted.map(\.description) == [
            "model.json5:1:2: a: unknown key; valid keys are: b",
            #"model.json5:2:5: b: must be an integer (got "x")"#,
            "profile.json5:1:5: c: must be >= 0 (got -1)",
        ])
    }
}
