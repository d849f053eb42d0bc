import Experiments
import Measurement
import ProxyModel
import Scenario
import Simulation

/// Runs a lesson for `demo NAME`: both sides seeded, the timeline of the
/// interesting moment, the numbers side by side and the claims checked.
struct LessonRunner {
    let lesson: Lesson

    /// One side's run: its model and its metrics by name (looked up, never iterated).
    struct SideResult {
        var model: ScenarioModel
        var metrics: [String: ReportMetric]
    }

    /// Prints the lesson; returns the claims that do not hold (empty: the lesson's point is made).
    func run(console: inout Console) throws(CommandFailure) -> [String] {
        guard let before = lesson.before, let after = lesson.after else {
            throw CommandFailure("the lesson '\(lesson.name)' is coming: \(lesson.coming ?? "not written yet")")
        }
        var text = "Lesson \(lesson.name): \(lesson.title)\n"
        text += "  before: \(before.label)\n          (\(Self.describe(before)))\n"
        text += "  after:  \(after.label)\n          (\(Self.describe(after)))\n\n"
        text += Self.paragraph("What to look at", lesson.lookAt)
        text += Self.paragraph("Why", lesson.why)
        text += "Decided in nginx by:\n" + lesson.decidedBy.map { "  - \($0)\n" }.joined() + "\n"
        console.out.write(text)

        let timeline = lesson.timeline
        let beforeModel = try load(before), afterModel = try load(after)
        let finder = timeline.flatMap { timeline in
            MomentFinder(moment: timeline.moment, notBefore: Instant.zero + (timeline.side == .before ? beforeModel : afterModel).run.warmup)
        }
        let beforeResult = try simulate(beforeModel, side: .before, observer: timeline?.side == .before ? finder : nil)
        let afterResult = try simulate(afterModel, side: .after, observer: timeline?.side == .after ? finder : nil)

        if let timeline {
            console.out.write(try timelineText(timeline, model: timeline.side == .before ? beforeModel : afterModel, moment: finder?.request))
        }
        console.out.write(numbersText(before: beforeResult, after: afterResult))
        let (claimsText, failed) = claimsReport(before: beforeResult, after: afterResult)
        console.out.write(claimsText)
        return failed
    }

    static func describe(_ run: Lesson.Run) -> String {
        run.model + run.edits.map { " with \($0.path) = \($0.value.description)" }.joined(separator: ",")
    }

    static func paragraph(_ heading: String, _ text: String) -> String {
        heading + ":\n" + HelpFormatter.wrap(text, indent: 2, hangingIndent: 2) + "\n\n"
    }

    private func load(_ run: Lesson.Run) throws(CommandFailure) -> ScenarioModel {
        let file: ModelFile
        do { file = try ModelFile(path: run.model) } catch { throw CommandFailure("lesson \(lesson.path): \(error.description)") }
        do {
            return try file.variant(run.edits).model
        } catch {
            throw CommandFailure("lesson \(lesson.path): \(run.model) with its edits: " + error.lines.joined(separator: "; "))
        }
    }

    private func simulate(_ model: ScenarioModel, side: LessonClaim.Side, observer: (any LifecycleObserver)?)
        throws(CommandFailure) -> SideResult
    {
        let result: Simulator.Result
        do {
            result = try Simulator.run(model, command: "keepalive-lab demo \(lesson.name) (\(side))", observer: observer)
        } catch {
            throw CommandFailure("lesson \(lesson.name): cannot simulate the \(side) model: \(error)")
        }
        if let stop = result.earlyStop { throw CommandFailure("lesson \(lesson.name): the \(side) run stopped early: \(stop.message)") }
        var metrics: [String: ReportMetric] = [:]
        for metric in result.report.metrics { metrics[metric.name] = metric }
        return SideResult(model: model, metrics: metrics)
    }

    /// The moment's requests drawn with the `--timeline` machinery, from a second run of the same seed.
    private func timelineText(_ timeline: Lesson.Timeline, model: ScenarioModel, moment: Int64?) throws(CommandFailure) -> String {
        guard let moment else {
            return "Timeline: no \(timeline.moment) after the warm-up in the \(timeline.side) run.\n\n"
        }
        let recorder = TimelineRecorder(requestLimit: timeline.requests, firstRequest: moment)
        _ = try simulate(model, side: timeline.side, observer: recorder)
        let diagram = TimelineDiagram(requestLimit: timeline.requests, firstRequest: moment, events: recorder.events,
                                      backendNames: model.backends.map { "\($0.name) \($0.address)" })
        return "The moment (\(timeline.side), the first \(timeline.moment) after the warm-up):\n" + diagram.text + "\n"
    }

    private func numbersText(before: SideResult, after: SideResult) -> String {
        var table = TextTable([TextTable.Column("metric", .left), TextTable.Column("before"), TextTable.Column("after")])
        for name in lesson.numbers {
            table.append([name, before.metrics[name]?.text ?? "-", after.metrics[name]?.text ?? "-"])
        }
        return "Numbers (same seed, \(Self.seconds(before.model)) before, \(Self.seconds(after.model)) after):\n" + table.text() + "\n"
    }

    static func seconds(_ model: ScenarioModel) -> String { "\(model.run.duration.formatted()) simulated" }

    private func claimsReport(before: SideResult, after: SideResult) -> (text: String, failed: [String]) {
        var text = "Claims:\n"
        var failed: [String] = []
        for claim in lesson.claims {
            let outcome = claim.evaluate { side, name in (side == .before ? before : after).metrics[name]?.number }
            switch outcome {
            case .holds(let left, let right):
                text += "  holds  \(claim)  (\(Self.number(left)) vs \(Self.number(right)))\n"
            case .fails(let left, let right):
                text += "  FAILS  \(claim)  (\(Self.number(left)) vs \(Self.number(right)))\n"
                failed.append(claim.text)
            case .notMeasured(let metric):
                text += "  FAILS  \(claim)  (\(metric) was not measured)\n"
                failed.append(claim.text)
            }
        }
        return (text, failed)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? NumberText.grouped(Int64(value)) : NumberText.fixed(value, fractionDigits: 3) ?? "-"
    }
}
