// swift-tools-version:6.1
// KeepaliveLab: zero package dependencies by design (see ../shared/DESIGN.md, principle 5).
import PackageDescription

/// Release builds of the kernel rely on generic code being specialised across
/// modules; hot paths are `@inlinable`, this keeps the rest honest too.
let optimised: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "KeepaliveLab",
    products: [
        .executable(name: "keepalive-lab", targets: ["keepalive-lab"]),
        .library(name: "ProxyModel", targets: ["ProxyModel"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Randomness", targets: ["Randomness"]),
        .library(name: "Measurement", targets: ["Measurement"]),
    ],
    targets: [
        // Sans-IO nginx semantics. Depends on nothing, imports no Foundation.
        .target(name: "ProxyModel", swiftSettings: optimised),
        // Latency histograms, counters, statistics: what both modes report.
        .target(name: "Measurement", dependencies: ["ProxyModel"], swiftSettings: optimised),
        // Random streams (xoshiro256**, named streams from one seed) and distributions:
        // shared by the simulator and, through Traffic, by the live load generator.
        .target(name: "Randomness", swiftSettings: optimised),
        // Traffic: arrival processes, rate patterns, request mixes, trace files, nginx access logs
        // (gzip through CLinuxShims' zlib wrapper).
        .target(name: "Traffic", dependencies: ["ProxyModel", "Randomness", "CLinuxShims"], swiftSettings: optimised),
        // Model files (JSON5) -> positioned value tree -> the typed, validated ScenarioModel
        // that both the simulator and the live mode run.
        .target(name: "Scenario", dependencies: ["ProxyModel", "Measurement", "Randomness", "Traffic"], swiftSettings: optimised),
        // The discrete-event kernel and the simulated world's actors.
        .target(name: "Simulation", dependencies: ["ProxyModel", "Measurement", "Randomness", "Traffic", "Scenario"], swiftSettings: optimised),
        // What-if sweeps and capacity planning on top of the simulator: grids of model
        // variants, parallel replications, confidence intervals, CSV, SVG charts, shards.
        .target(name: "Experiments", dependencies: ["ProxyModel", "Measurement", "Scenario", "Simulation"], swiftSettings: optimised),
        // C shim: epoll, eventfd, timerfd, accept4 (Glibc does not expose them to Swift),
        // and zlib's gzip reader for access-log import (the system's libz, no package).
        .target(name: "CLinuxShims", cSettings: [.define("_GNU_SOURCE")], linkerSettings: [.linkedLibrary("z")]),
        // Real sockets: syscall wrappers, epoll event loops, HTTP/1.1, emulated backends, load generator.
        // Never imports Simulation (DESIGN.md: the two drivers share only ProxyModel and below).
        .target(
            name: "Live",
            dependencies: ["CLinuxShims", "ProxyModel", "Traffic", "Measurement", "Randomness"],
            swiftSettings: optimised
        ),
        // The command-line front end.
        .executableTarget(
            name: "keepalive-lab",
            dependencies: ["ProxyModel", "Simulation", "Measurement", "Scenario", "Traffic", "Randomness", "Experiments", "Live", "CLinuxShims"],
            swiftSettings: optimised
        ),
        .testTarget(name: "ProxyModelTests", dependencies: ["ProxyModel", "Randomness"]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "Simulation", "Randomness"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
        .testTarget(name: "TrafficTests", dependencies: ["Traffic", "Randomness"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Randomness", "Scenario", "Traffic", "ProxyModel", "Measurement"]),
        .testTarget(name: "KeepaliveLabTests", dependencies: ["keepalive-lab", "Traffic"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Randomness", "Traffic"]),
        .testTarget(name: "LiveTests", dependencies: ["Live", "CLinuxShims", "ProxyModel", "Traffic", "Measurement", "Randomness"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Scenario", "Measurement", "ProxyModel", "Simulation"]),
    ],
    swiftLanguageModes: [.v6]
)
