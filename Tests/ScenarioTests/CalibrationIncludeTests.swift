import ProxyModel
import Scenario
import Testing

/// `calibration: "FILE"`: a model includes nginx.cpu measured by `calibrate`.
@Suite struct CalibrationIncludeTests {
    static let calibration = """
        // written by keepalive-lab calibrate
        { nginx: { cpu: { accept: "23us", connect: "57us", request: "12us", response: "12us", close: "0s" } } }
        """

    static func model(cpu: String = "") -> String {
        """
        {
          calibration: "calibration.json5",
          nginx: {
            upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }] } },
            locations: { "/": { proxy_pass: "app" } },
            \(cpu)
          },
          backends: { app: {} },
        }
        """
    }

    @Test func theCalibrationGivesNginxCPUItsValues() throws {
        let files = try NginxConfFiles(["calibration.json5": Self.calibration, "model.json5": Self.model()])
        defer { files.remove() }
        let costs = try ScenarioLoader.load(path: files.path("model.json5")).model.proxyCosts
        #expect(costs.accept == .microseconds(23) && costs.connect == .microseconds(57))
        #expect(costs.request == .microseconds(12) && costs.response == .microseconds(12) && costs.close == .zero)
    }

    @Test func aFieldTheModelWritesWinsOverTheCalibration() throws {
        let files = try NginxConfFiles(["calibration.json5": Self.calibration,
                                        "model.json5": Self.model(cpu: #"cpu: { accept: "5us" },"#)])
        defer { files.remove() }
        let costs = try ScenarioLoader.load(path: files.path("model.json5")).model.proxyCosts
        #expect(costs.accept == .microseconds(5) && costs.connect == .microseconds(57))
    }

    @Test func theCanonicalModelLoadsBackToTheSameCosts() throws {
        let files = try NginxConfFiles(["calibration.json5": Self.calibration, "model.json5": Self.model()])
        defer { files.remove() }
        let loaded = try ScenarioLoader.load(path: files.path("model.json5"))
        try files.write("canonical.json5", loaded.canonical)
        #expect(try ScenarioLoader.load(path: files.path("canonical.json5")).model.proxyCosts == loaded.model.proxyCosts)
    }

    @Test func theCalibrationGivesTheGeneratorTheBackendsAndTheHostsTheirDefaults() throws {
        let machine = """
            { load_generator: { cpu_per_request: "15us" }, backend_server_cpu: { connection: "20us", request: "14us" },
              host: { cores: 2, wake_up_latency: "25us" } }
            """
        let model = """
            {
              calibration: "calibration.json5",
              nginx: { upstreams: { app: { servers: [{ address: "10.0.0.1:8080", backend: "app" }, { address: "10.0.0.2:8080", backend: "other" }] } } },
              backends: { app: {}, other: { server_cpu: { request: "1us" } } },
              traffic: { closed_loop: { connections: 4 } },
              hosts: { box: { nginx: true, load_generator: true, backends: ["app"] }, big: { cores: 8, wake_up_latency: "1us", backends: ["other"] } },
            }
            """
        let files = try NginxConfFiles(["calibration.json5": machine, "model.json5": model])
        defer { files.remove() }
        let loaded = try ScenarioLoader.load(path: files.path("model.json5"))
        #expect(loaded.model.traffic.closedLoopClient.cpuPerRequest == .microseconds(15))
        #expect(loaded.model.backends[0].serverCPU == ServerCPU(perConnection: .microseconds(20), perRequest: .microseconds(14)))
        // A field the model writes wins, the rest still come from the calibration.
        #expect(loaded.model.hosts.map(\.cores) == [2, 8])
        #expect(loaded.model.hosts.map(\.wakeUpLatency) == [.microseconds(25), .microseconds(1)])
        #expect(loaded.canonical.contains("// default (calibration)\n      server_cpu: { connection: \"20us\", request: \"14us\" }"),
                "\(loaded.canonical)")
        try files.write("canonical.json5", loaded.canonical)
        let again = try ScenarioLoader.load(path: files.path("canonical.json5")).model
        #expect(again.backends.map(\.serverCPU) == loaded.model.backends.map(\.serverCPU) && again.hosts == loaded.model.hosts)
    }

    @Test func aMissingCalibrationFileIsReportedOnTheField() throws {
        let files = try NginxConfFiles(["model.json5": Self.model()])
        defer { files.remove() }
        do {
            _ = try ScenarioLoader.load(path: files.path("model.json5"))
            Issue.record("a model with a missing calibration file loaded")
        } catch {
            #expect(error.description.contains("calibration: cannot use the calibration file"), "\(error)")
            #expect(error.description.contains("calibration.json5"), "\(error)")
        }
    }

    @Test func aCalibrationFileWithOtherFieldsIsRefused() throws {
        let files = try NginxConfFiles(["calibration.json5": #"{ nginx: { cpu: { acept: "1us" } } }"#, "model.json5": Self.model()])
        defer { files.remove() }
        do {
            _ = try ScenarioLoader.load(path: files.path("model.json5"))
            Issue.record("a calibration with an unknown key loaded")
        } catch {
            #expect(error.description.contains("acept"), "\(error)")
        }
    }
}
