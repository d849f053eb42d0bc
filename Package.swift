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
        .library(name: "Measurement", targets: ["Measurement"]),
    ],
    targets: [
        // Sans-IO nginx semantics. Depends on nothing, imports no Foundation.
        .target(name: "ProxyModel", swiftSettings: optimised),
        // Latency histograms, counters, statistics: what both modes report.
        .target(name: "Measurement", dependencies: ["ProxyModel"], swiftSettings: optimised),
        // The discrete-event kernel, random streams, distributions and (later) the actors.
        .target(name: "Simulation", dependencies: ["ProxyModel", "Measurement"], swiftSettings: optimised),
        // Model files (JSON5) -> positioned value tree -> typed, validated scenario.
        .target(name: "Scenario", dependencies: ["ProxyModel", "Measurement"], swiftSettings: optimised),
        // The command-line front end.
        .executableTarget(
            name: "keepalive-lab",
            dependencies: ["ProxyModel", "Simulation", "Measurement", "Scenario"],
            swiftSettings: optimised
        ),
        .testTarget(name: "ProxyModelTests", dependencies: ["ProxyModel"]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "Simulation"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
        .testTarget(name: "KeepaliveLabTests", dependencies: ["keepalive-lab"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario"]),
    ],
    swiftLanguageModes: [.v6]
)
