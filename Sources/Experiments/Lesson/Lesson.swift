import Foundation
import Scenario
import Simulation

/// One lesson of `keepalive-lab demo`: a pitfall of nginx keepalive shown by
/// two seeded runs, before and after the fix, with a narration, the timeline
/// of the interesting moment and claims the numbers must bear out. Lessons
/// are files (`models/demos/NAME.json5`), so teachers can add their own; the
/// format is in `models/demos/README.md`.
public struct Lesson: Sendable {
    /// The file name without `.json5`: what `demo NAME` takes.
    public var name: String
    public var path: String
    public var title: String
    /// One line for the catalogue.
    public var summary: String
    /// Set for a lesson the simulator cannot show yet: what it waits for.
    public var coming: String?
    public var before: Run?
    public var after: Run?
    /// What to look at in the numbers and the timeline.
    public var lookAt: String
    /// Why it happens.
    public var why: String
    /// The nginx source that decides it: `file.c: function`.
    public var decidedBy: [String]
    public var timeline: Timeline?
    /// Metrics shown before and after, in this order.
    public var numbers: [String]
    public var claims: [LessonClaim]

    /// One side of the lesson: a model file (relative to the lesson) and fields set on it.
    public struct Run: Sendable {
        public var label: String
        /// The model's path, resolved against the lesson's directory.
        public var model: String
        public var edits: [ModelFile.Assignment]
    }

    /// Which run's timeline is drawn, how many requests, and from which moment.
    public struct Timeline: Sendable {
        public var side: LessonClaim.Side
        public var requests: Int
        /// `EVENT` or `EVENT:DETAIL` (`stale_failure`, `upstream_close:cache_eviction`, `response:502`):
        /// the timeline starts at the request of the first such event after the warm-up.
        public var moment: String
    }

    /// Requests a lesson's timeline may draw: a moment, not a log.
    public static let maximumTimelineRequests = 20

    /// Reads the lesson file at `path`; every problem is reported with its line, column and field.
    public init(path: String) throws(Diagnostics) {
        let document = try ModelDocument(contentsOfFile: path)
        let directory = (path as NSString).deletingLastPathComponent
        var lesson = Lesson(name: Self.name(ofPath: path), path: path)
        lesson = try document.read { reader in
            lesson.title = reader.string("title")
            lesson.summary = reader.string("summary")
            reader.allow("comment")
            if let coming = reader.field("coming") {
                lesson.coming = coming.string()
                return lesson
            }
            lesson.before = reader.object("before") { Self.run($0, directory: directory) }
            lesson.after = reader.object("after") { Self.run($0, directory: directory) }
            lesson.lookAt = reader.string("look_at")
            lesson.why = reader.string("why")
            lesson.decidedBy = reader.array("decided_by", count: 1...) { $0.string() }
            if reader.contains("timeline") {
                lesson.timeline = reader.object("timeline") { timeline in
                    Timeline(side: timeline.choice("side", as: LessonClaim.Side.self),
                             requests: timeline.integer("requests", default: 3, in: 1...Self.maximumTimelineRequests),
                             moment: Self.moment(timeline.field("around")))
                }
            }
            lesson.numbers = reader.array("numbers", count: 1...) { value in
                let name = value.string()
                if let problem = Self.problem(withMetric: name) { value.report(problem) }
                return name
            }
            lesson.claims = reader.array("claims", count: 1...) { value -> LessonClaim? in
                do throws(ExperimentError) {
                    let claim = try LessonClaim(parsing: value.string())
                    for metric in claim.metrics {
                        if let problem = Self.problem(withMetric: metric.name) { value.report(problem) }
                    }
                    return claim
                } catch {
                    value.report(error.message)
                    return nil
                }
            }.compactMap { $0 }
            return lesson
        }
        self = lesson
    }

    private init(name: String, path: String) {
        self.name = name; self.path = path; title = ""; summary = ""; lookAt = ""; why = ""
        decidedBy = []; numbers = []; claims = []
    }

    /// `models/demos/stale-race.json5` -> `stale-race`.
    public static func name(ofPath path: String) -> String {
        let file = (path as NSString).lastPathComponent
        return file.hasSuffix(".json5") ? String(file.dropLast(".json5".count)) : file
    }

    private static func run(_ reader: ObjectReader, directory: String) -> Run {
        let model = reader.string("model")
        let label = reader.string("label")
        var edits: [ModelFile.Assignment] = []
        for (path, value) in reader.map("set", { _, value in value }) {
            do throws(ExperimentError) {
                edits.append(ModelFile.Assignment(try FieldPath(parsing: path), value.value ?? JSON5Value(.null)))
            } catch {
                value.report("'\(path)' is not a field path: \(error.message)")
            }
        }
        let resolved = model.hasPrefix("/") || directory.isEmpty ? model : directory + "/" + model
        return Run(label: label, model: Self.tidied(resolved), edits: edits)
    }

    /// `models/demos/../claims/x.json5` -> `models/claims/x.json5`: the same file, as people write it.
    static func tidied(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".", !parts.isEmpty { continue }
            if part == "..", let last = parts.last, !last.isEmpty, last != "..", last != "." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    private static func moment(_ reader: ValueReader?) -> String {
        guard let reader else { return "request_sent" }
        let text = reader.string()
        let kind = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        let kinds = LifecycleEvent.Kind.allCases.map(\.rawValue)
        if !kinds.contains(kind) {
            reader.report("unknown event '\(kind)'; events: " + kinds.joined(separator: ", ")
                + " (optionally with :DETAIL, e.g. upstream_close:cache_eviction)")
        }
        return text
    }

    /// Nil for a metric of the report, else a message with the nearest names.
    static func problem(withMetric name: String) -> String? {
        do throws(ExperimentError) { try ReportMetrics.check(name) } catch { return error.message }
        return nil
    }
}
