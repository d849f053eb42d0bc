import Testing
import Scenario
import Simulation

extension Simulator {
    /// `run`, then the audit: every simulated run in these tests goes through
    /// here, so every run checks the world's conservation laws and invariants
    /// (`WorldAudit`), whatever else its test is about.
    static func audited(_ model: ScenarioModel, replication: UInt64 = 0,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Result {
        let result = try run(model, replication: replication)
        #expect(result.audit.violations.isEmpty, "the audit found: \(result.audit.violations)", sourceLocation: sourceLocation)
        return result
    }
}
