import Foundation
import ProxyModel
import Scenario
import Testing

/// models/README.md and the loader agree: every field the loader prints is
/// documented, every documented field exists, and every documented default is
/// the one that applies.
@Suite struct ScenarioReferenceTests {
    let reference = ReferenceDocument()

    /// The canonical trees of the fixtures that write only required fields.
    func defaultsOnlyTrees() throws -> [(name: String, fields: CanonicalFields)] {
        try ScenarioFixtures.defaultsOnly.map { name, text in
            (name, CanonicalFields(try JSON5Parser.parse(try ScenarioFixtures.load(text).canonical), reference: reference))
        }
    }

    @Test func referenceHasFieldTablesForEverySection() {
        #expect(reference.fields.count > 100)
        for section in ReferenceDocument.sections {
            #expect(reference.fields.contains { $0.components.first == section }, "no rows for \(section)")
        }
    }

    @Test func everyDocumentedLiteralDefaultIsTheDefaultThatApplies() throws {
        let trees = try defaultsOnlyTrees()
        var checked = 0
        for row in reference.fields {
            guard let documented = row.literalDefault else { continue }
            checked += 1
            var found = false
            for (name, fields) in trees {
                for value in fields.values(at: row.components) {
                    found = true
                    #expect(sameSetting(value, documented), "\(row.path): documented \(row.defaultCell), fixture \(name) gives \(value)")
                }
            }
            #expect(found, "\(row.path): documented default \(row.defaultCell), but no fixture shows the field")
        }
        #expect(checked > 40)
    }

    @Test func everyFieldTheLoaderPrintsIsDocumented() throws {
        var trees = try defaultsOnlyTrees().map(\.fields)
        trees.append(CanonicalFields(try JSON5Parser.parse(try ScenarioFixtures.load(ScenarioFixtures.everything).canonical),
                                     reference: reference))
        for fields in trees {
            for field in fields.values where field.isLeaf {
                #expect(reference.row(field.components) != nil, "\(field.components.joined(separator: ".")) is not documented")
            }
        }
    }

    @Test func everyDocumentedFieldExists() throws {
        var paths = Set<[String]>()
        var trees = try defaultsOnlyTrees().map(\.fields)
        trees.append(CanonicalFields(try JSON5Parser.parse(try ScenarioFixtures.load(ScenarioFixtures.everything).canonical),
                                     reference: reference))
        trees.append(CanonicalFields(try JSON5Parser.parse(try TraceFixture.load().canonical), reference: reference))
        for fields in trees { paths.formUnion(fields.values.map(\.components)) }
        for row in reference.fields {
            #expect(paths.contains(row.components), "\(row.path) is documented but no scenario has it")
        }
    }

    @Test(arguments: ["1.22.1", "modern"])
    func nginxDefaultsTableMatchesTheDefaultsThatApply(version: String) throws {
        // Without `keepalive` a classic upstream has no cache, so its keepalive_* defaults apply only with one.
        let applied = try ["", ", keepalive: 8"].flatMap { keepalive in
            let text = """
                { nginx: { version: "\(version)", upstreams: { app: { servers: ["10.0.0.1:8080"]\(keepalive) } } } }
                """
            return try ScenarioFixtures.load(text).model.nginx.appliedDefaults
        }
        func scope(_ documented: String) -> String {
            documented.replacingOccurrences(of: "NAME", with: "app").replacingOccurrences(of: "PATH", with: "/")
        }
        for row in reference.nginxDefaults {
            let match = applied.first { $0.scope == scope(row.scope) && $0.directive == row.directive }
            let documented = version == "modern" ? row.modern : row.classic
            #expect(match?.value.hasPrefix(documented) == true,
                    "\(row.scope): \(row.directive): documented \(documented), applied \(match?.value ?? "nothing")")
        }
        for entry in applied {
            #expect(reference.nginxDefaults.contains { scope($0.scope) == entry.scope && $0.directive == entry.directive },
                    "\(entry) applies but is not in the table")
        }
    }

    @Test func backendProfilesTableMatchesTheCatalog() throws {
        #expect(reference.profiles.map(\.name) == BackendProfile.names)
        for (name, cells) in reference.profiles {
            let idleTimeout = cells["idle_timeout"] == "required" ? ", idle_timeout: \"90s\"" : ""
            let text = """
                { nginx: { upstreams: { app: { servers: ["10.0.0.1:8080"] } } }, backends: { app: { profile: "\(name)"\(idleTimeout) } } }
                """
            let backend = try JSON5Parser.parse(try ScenarioFixtures.load(text).canonical)["backends"]?["app"]
            for column in ["idle_timeout", "idle_close_delay", "max_requests", "timer_granularity", "listen_backlog"]
            where cells[column] != "required" {
                let documented = try JSON5Parser.parse(cells[column].map { Double($0) != nil ? $0 : "\"\($0)\"" } ?? "null")
                #expect(backend?[column].map { sameSetting($0, documented) } == true,
                        "\(name).\(column): documented \(cells[column] ?? "nothing"), canonical \(String(describing: backend?[column]))")
            }
        }
    }

    /// Equal values, durations compared as durations (`"60s"` is `"1m"`).
    func sameSetting(_ a: JSON5Value, _ b: JSON5Value) -> Bool {
        if case .string(let x) = a.kind, case .string(let y) = b.kind,
           let spanX = try? TimeSpan(parsing: x), let spanY = try? TimeSpan(parsing: y) {
            return spanX == spanY
        }
        return a == b
    }
}

/// A scenario whose traffic comes from a trace file, written to a temporary directory.
enum TraceFixture {
    static func load() throws -> LoadedScenario {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-trace-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "time_ms,client,method\n0,1,GET\n5.5,2,POST\n".write(to: directory.appendingPathComponent("trace.csv"), atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("traced.json5")
        try """
            { nginx: { upstreams: { app: { servers: ["10.0.0.1:8080"] } } }, traffic: { trace: "trace.csv" } }
            """.write(to: model, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: model.path)
    }
}
