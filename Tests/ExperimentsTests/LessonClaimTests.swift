import Experiments
import Testing

/// The claims lesson files make about their before and after runs.
@Suite struct LessonClaimTests {
    static let values: [String: Double] = ["before.opened": 1_000, "after.opened": 40, "before.errors": 5, "after.errors": 0]

    static func outcome(_ text: String) throws -> LessonClaim.Outcome {
        try LessonClaim(parsing: text).evaluate { side, name in values["\(side).\(name)"] }
    }

    @Test func comparesWithArithmeticAndPrecedence() throws {
        #expect(try Self.outcome("after.opened < before.opened / 10") == .holds(left: 40, right: 100))
        #expect(try Self.outcome("after.opened < before.opened / 10 - 70") == .fails(left: 40, right: 30))
        #expect(try Self.outcome("after.opened * 2 + 1 >= (before.opened - 920) * 1") == .holds(left: 81, right: 80))
        #expect(try Self.outcome("after.errors + before.errors == 5") == .holds(left: 5, right: 5))
        #expect(try Self.outcome("before.errors<=4") == .fails(left: 5, right: 4))
        #expect(try Self.outcome("0.5 > after.errors") == .holds(left: 0.5, right: 0))
    }

    @Test func anUnmeasuredMetricIsNamed() throws {
        #expect(try Self.outcome("after.latency < 3") == .notMeasured("after.latency"))
    }

    @Test func listsTheMetricsItReads() throws {
        let claim = try LessonClaim(parsing: "after.opened < (before.opened + before.errors) / 10")
        #expect(claim.metrics.map { "\($0.side).\($0.name)" } == ["after.opened", "before.opened", "before.errors"])
    }

    @Test(arguments: [
        ("after.opened", "expected a comparison"),
        ("after.opened <", "found the end"),
        ("after.opened < (before.opened", "a '(' is not closed"),
        ("during.opened < 3", "found 'during.opened'"),
        ("after.opened < 3 3", "unexpected '3' at the end"),
        ("after. < 3", "found 'after.'"),
        ("< 3", "found '<'"),
    ])
    func malformedClaimsSayWhatWasExpected(text: String, message: String) {
        #expect {
            _ = try LessonClaim(parsing: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
