import Foundation
import Testing

/// Issue 10, item 6: no output may replace an input or another output, however
/// the path is spelled; and item 4: inputs read whole have a stated size limit.
@Suite struct OutputSafetyTests {
    typealias Scratch = SweepCommandTests.Scratch

    static let oneRun = ["--vary", "traffic.rate=30", "-r", "1"]

    @Test func sweepRefusesOutAndPlotOnOneFileBeforeSimulating() throws {
        let scratch = try Scratch()
        let run = try scratch.run(["sweep", "small.json5"] + Self.oneRun + ["--out", "x", "--plot", "./x"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("--plot ./x and --out x are the same file"), "\(run.standardError)")
        #expect(!scratch.exists("x"))
    }

    @Test func sweepRefusesToWriteItsCSVOverTheModelThroughASymbolicLink() throws {
        let scratch = try Scratch()
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link.csv", withDestinationPath: "small.json5")
        let before = try scratch.read("small.json5")
        let run = try scratch.run(["sweep", "small.json5"] + Self.oneRun + ["--out", "link.csv"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("--out link.csv is the model file (small.json5)"), "\(run.standardError)")
        #expect(try scratch.read("small.json5") == before)
    }

    @Test func mergeRefusesToOverwriteOneOfItsParts() throws {
        let scratch = try Scratch()
        for index in 1...2 {
            let part = try scratch.run(["sweep", "small.json5", "--vary", "traffic.rate=30", "-r", "2", "--shard", "\(index)/2"])
            #expect(part.status == 0, "\(part.standardError)")
        }
        let first = "notebooks-data/small-sweep.part-1-of-2.csv"
        let before = try scratch.read(first)
        let merge = try scratch.run(["sweep", "merge", first, "notebooks-data/small-sweep.part-2-of-2.csv",
                                     "--out", "notebooks-data/../notebooks-data/small-sweep.part-1-of-2.csv"])
        #expect(merge.status == 1)
        #expect(merge.standardError.contains("is an input part (\(first))"), "\(merge.standardError)")
        #expect(try scratch.read(first) == before)
    }

    @Test func simulateRefusesEventsOverTheModelsTrace() throws {
        let model = try TestModelFile(contents: TestModelFile.staleRaceModel, name: "race.json5",
                                      files: ["race.csv": TestModelFile.staleRaceTrace(secondMethod: "GET")])
        defer { model.remove() }
        let trace = model.directory.path + "/race.csv"
        let before = try String(contentsOfFile: trace, encoding: .utf8)
        let run = try ToolRun.run(["simulate", model.path, "--events", trace])
        #expect(run.status == 1)
        #expect(run.standardError.contains("is the model's trace"), "\(run.standardError)")
        #expect(try String(contentsOfFile: trace, encoding: .utf8) == before)
    }

    @Test func anEndlessModelFileIsRefusedAtItsSizeLimit() throws {
        let run = try ToolRun.run(["simulate", "/dev/zero"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("/dev/zero: cannot read the file: it is larger than 16 MiB, the most a model file may hold"),
                "\(run.standardError)")
    }

    @Test func anEndlessMergePartIsRefusedAtItsSizeLimit() throws {
        let run = try ToolRun.run(["sweep", "merge", "/dev/zero", "--out", "-"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("cannot read '/dev/zero': it is larger than 256 MiB, the most a sweep part may hold"),
                "\(run.standardError)")
    }

    /// Seeded: any spelling of the model's path (`./`, `dir/..`, doubled
    /// slashes, the absolute path, a symbolic link to it or to its directory),
    /// as `--out` or `--plot`, is refused and the model survives.
    @Test func everySpellingOfTheModelAsAnOutputIsRefused() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/alias.json5", withDestinationPath: "small.json5")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/here", withDestinationPath: ".")
        let before = try scratch.read("small.json5")
        for seed in UInt64(1)...12 {
            var state = seed
            func draw(_ n: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(n))
            }
            let directories = ["", "./", "sub/../", "here/", ".//", scratch.path + "/", "sub/./../here/"]
            let names = ["small.json5", "alias.json5"]
            let spelling = directories[draw(directories.count)] + directories[draw(3)] + names[draw(names.count)]
            let option = ["--out", "--plot"][draw(2)]
            let run = try scratch.run(["sweep", "small.json5"] + Self.oneRun + [option, spelling])
            #expect(run.status == 1, "seed \(seed): \(option) \(spelling)")
            #expect(run.standardError.contains("\(option) \(spelling) is the model file"), "seed \(seed): \(run.standardError)")
            #expect(try scratch.read("small.json5") == before, "seed \(seed): \(option) \(spelling)")
        }
    }
}
