import Foundation
import Testing

/// `keepalive-lab demo`: the catalogue, every lesson's claims, and bad lesson files.
@Suite struct DemoCommandTests {
    static let lessonsDirectory = NginxSyntaxCheckTests.repositoryRoot + "/models/demos"

    /// The lessons that run (not the ones still to come), by file name.
    static var runnableLessons: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json5") }.sorted().map { String($0.dropLast(".json5".count)) }.filter { name in
            let text = (try? String(contentsOfFile: lessonsDirectory + "/" + name + ".json5", encoding: .utf8)) ?? ""
            return !text.contains("\n  coming:")
        }
    }

    @Test func demoAloneListsEveryLesson() throws {
        let run = try ToolRun.run(["demo", "--lessons", Self.lessonsDirectory])
        #expect(run.status == 0, "\(run.standardError)")
        for name in ["no-upstream-keepalive", "http10-upstream", "connection-header", "pool-is-per-worker",
                     "stale-connection-race", "pool-too-small", "time-wait-ports", "page-fan-out", "http2-at-the-front"] {
            #expect(run.standardOutput.contains("\n  \(name) "), "\(name) is not listed")
        }
        #expect(!run.standardOutput.contains("Coming"))
        #expect(!run.standardOutput.contains("problems"))
    }

    @Test func theLessonsAreFound() {
        #expect(Self.runnableLessons.count == 9, "\(Self.runnableLessons)")
    }

    @Test(arguments: runnableLessons)
    func everyLessonMakesItsPoint(name: String) throws {
        let run = try ToolRun.run(["demo", name, "--lessons", Self.lessonsDirectory])
        #expect(run.status == 0, "\(name): \(run.standardError)\n\(run.standardOutput)")
        let output = run.standardOutput
        for part in ["Lesson \(name): ", "What to look at:", "Why:", "Decided in nginx by:", "Numbers (same seed", "Claims:"] {
            #expect(output.contains(part), "\(name): no '\(part)'")
        }
        #expect(output.contains("The moment ("), "\(name): no timeline of the moment:\n\(output)")
        #expect(output.contains("  holds  ") && !output.contains("FAILS"), "\(name):\n\(output)")
    }

    @Test func aLessonToComeSaysWhatItWaitsFor() throws {
        let run = try runLesson("""
            { title: "HTTP/3 at the front", summary: "QUIC to nginx", coming: "needs client-side HTTP/3" }
            """, named: "http3.json5")
        #expect(run.status == 1)
        #expect(run.standardError.contains("is coming: needs client-side HTTP/3"))
    }

    /// `coming` stays for teachers' drafts: the catalogue lists such a lesson apart.
    @Test func theCatalogueListsALessonToComeApart() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        try Data(#"{ title: "HTTP/3 at the front", summary: "QUIC to nginx", coming: "needs client-side HTTP/3" }"#.utf8)
            .write(to: URL(fileURLWithPath: model.sibling("http3.json5")))
        let run = try ToolRun.run(["demo", "--lessons", model.directory.path])
        let coming = try #require(run.standardOutput.components(separatedBy: "Coming").dropFirst().first)
        #expect(coming.contains("http3") && coming.contains("needs client-side HTTP/3"), "\(run.standardOutput)")
    }

    @Test func anUnknownLessonSuggestsTheNearest() throws {
        let run = try ToolRun.run(["demo", "pool-to-small", "--lessons", Self.lessonsDirectory])
        #expect(run.status == 1)
        #expect(run.standardError.contains("no lesson 'pool-to-small'"))
        #expect(run.standardError.contains("did you mean 'pool-too-small'?"))
    }

    /// Runs `demo` on a lesson file written next to the small test model (`model.json5`).
    func runLesson(_ text: String, named name: String) throws -> ToolRun {
        let model = try TestModelFile()
        defer { model.remove() }
        let lesson = model.sibling(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: lesson))
        return try ToolRun.run(["demo", lesson])
    }

    /// A lesson whose claim the numbers contradict fails, saying which claim.
    @Test func aClaimThatDoesNotHoldFailsTheLesson() throws {
        let run = try runLesson("""
            {
              title: "t", summary: "s",
              before: { label: "keepalive 4", model: "model.json5" },
              after: { label: "keepalive 1", model: "model.json5", set: { "nginx.upstreams.app.keepalive": 1, "run.duration": "3s" } },
              look_at: "l", why: "w", decided_by: ["ngx_http_upstream_keepalive_module.c: ngx_http_upstream_free_keepalive_peer"],
              numbers: ["requests_completed"],
              claims: ["after.requests_completed > before.requests_completed * 100"],
            }
            """, named: "wrong.json5")
        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardOutput.contains("  FAILS  after.requests_completed > before.requests_completed * 100"))
        #expect(run.standardError.contains("1 claim did not hold"))
    }

    /// Every problem of a lesson file at once, each with its line, column and field.
    @Test func aBadLessonFileNamesEveryProblem() throws {
        let run = try runLesson("""
            {
              title: "t", summary: "s",
              before: { label: "b", model: "model.json5", set: { "nginx..keepalive": 1 } },
              after: { label: "a", model: "model.json5" },
              look_at: "l", why: "w", decided_by: ["x"],
              timeline: { side: "middle", around: "upstream_opened" },
              numbers: ["upstream_conections_opened"],
              claims: ["after.upstream_connections_opened <", "after.errors < bfore.errors"],
              colour: "red",
            }
            """, named: "bad.json5")
        #expect(run.status == 1)
        let err = run.standardError
        for expected in ["bad.json5:3:", "is not a field path", "bad.json5:6:", "timeline.side", "timeline.around",
                         "unknown event 'upstream_opened'", "did you mean 'upstream_connections_opened'?", "claims[0]",
                         "expected a number, before.METRIC or after.METRIC, found the end", "claims[1]", "found 'bfore.errors'",
                         "colour: unknown key"] {
            #expect(err.contains(expected), "no '\(expected)' in:\n\(err)")
        }
    }
}

extension DemoCommandTests {
    @Test func aLessonPrintsTheSameBytesEveryRun() throws {
        let first = try ToolRun.run(["demo", "stale-connection-race", "--lessons", Self.lessonsDirectory])
        let second = try ToolRun.run(["demo", "stale-connection-race", "--lessons", Self.lessonsDirectory])
        #expect(first.status == 0 && second.status == 0)
        #expect(first.standardOutput == second.standardOutput)
    }

    @Test func aMissingLessonsDirectoryIsNamed() throws {
        let run = try ToolRun.run(["demo", "--lessons", "/nonexistent/lessons"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("cannot list the lessons in '/nonexistent/lessons'"))
    }
}
