import ProxyModel

/// The provenance comment lines at the top of a sweep's CSV: everything needed
/// to reproduce it, and no wall-clock time, so the file is byte-identical run
/// to run. A shard's part carries one more line, `# shard: I/N`; parts merge
/// only when everything else is the same.
///
/// ```
/// # keepalive-lab 0.1.0 sweep
/// # command: keepalive-lab sweep models/default.json5 --vary nginx.upstreams.api.keepalive=1..64x2 --replications 5 --seed 1
/// # model: models/default.json5
/// # model_sha256: 3f1c...
/// # seed: 1
/// # replications: 5
/// # vary: nginx.upstreams.api.keepalive=1..64x2
/// # points: 7
/// # statistics: mean and 95% confidence half-width (Student's t) over replications; ...
/// ```
public struct SweepHeader: Equatable, Sendable {
    /// `keepalive-lab VERSION sweep`.
    public var title: String
    /// The command line that reproduces the sweep (without --jobs, --out, --shard, which change nothing in it).
    public var command: String
    public var model: String
    public var modelSHA256: String
    public var seed: UInt64
    public var replications: Int
    /// `PATH=VALUES` per varied parameter, in grid order.
    public var vary: [String]
    public var points: Int
    /// Set in a shard's part only.
    public var shard: Shard?

    public static let statistics = "mean and 95% confidence half-width (Student's t) over independent replications; "
        + "replication r uses the same random streams at every point (common random numbers)"

    public init(command: String, model: String, modelSHA256: String, seed: UInt64, replications: Int, vary: [String],
                points: Int, shard: Shard? = nil, toolVersion: String = ProxyModelInfo.toolVersion) {
        title = "keepalive-lab \(toolVersion) sweep"
        self.command = command; self.model = model; self.modelSHA256 = modelSHA256; self.seed = seed
        self.replications = replications; self.vary = vary; self.points = points; self.shard = shard
    }

    /// The comment lines, each starting with `# ` and ending with a newline.
    public var text: String {
        var lines = [title, "command: \(command)", "model: \(model)", "model_sha256: \(modelSHA256)", "seed: \(seed)",
                     "replications: \(replications)"]
        lines += vary.map { "vary: \($0)" }
        lines += ["points: \(points)", "statistics: \(Self.statistics)"]
        if let shard { lines.append("shard: \(shard)") }
        return lines.map { "# " + Self.oneLine($0) + "\n" }.joined()
    }

    /// Reads the lines `text` writes (without their newlines); `file` names them in errors.
    public init(parsing lines: [String], file: String) throws(ExperimentError) {
        func fail(_ problem: String) -> ExperimentError {
            ExperimentError("\(file): \(problem); expected the header a keepalive-lab sweep writes")
        }
        var fields: [(key: String, value: String)] = []
        guard let first = lines.first, first.hasPrefix("# keepalive-lab "), first.hasSuffix(" sweep") else {
            throw fail("line 1 is not '# keepalive-lab VERSION sweep'")
        }
        for (number, line) in lines.enumerated().dropFirst() {
            guard line.hasPrefix("# "), let colon = line.firstIndex(of: ":") else { throw fail("line \(number + 1) is not '# key: value'") }
            let key = String(line[line.index(line.startIndex, offsetBy: 2)..<colon])
            let value = String(line[line.index(after: colon)...].drop { $0 == " " })
            fields.append((key, value))
        }
        func take(_ key: String) throws(ExperimentError) -> String {
            guard let first = fields.first, first.key == key else {
                throw fail("the header line '# \(key): ...' is missing or out of order (found '\(fields.first?.key ?? "the column names")')")
            }
            fields.removeFirst()
            return first.value
        }
        func integer(_ key: String) throws(ExperimentError) -> Int {
            let text = try take(key)
            guard let value = Int(text), value >= 0 else { throw fail("'# \(key): \(text)' is not a whole number") }
            return value
        }
        title = String(first.dropFirst(2))
        command = try take("command")
        model = try take("model")
        modelSHA256 = try take("model_sha256")
        let seedText = try take("seed")
        guard let seed = UInt64(seedText) else { throw fail("'# seed: \(seedText)' is not a seed") }
        self.seed = seed
        replications = try integer("replications")
        vary = []
        while fields.first?.key == "vary" { vary.append(try take("vary")) }
        points = try integer("points")
        _ = try take("statistics")
        if fields.first?.key == "shard" {
            do { shard = try Shard(parsing: try take("shard")) } catch { throw fail(error.message) }
        } else {
            shard = nil
        }
        if let extra = fields.first { throw fail("unexpected header line '# \(extra.key): ...'") }
    }

    /// A header value never spans lines (a newline in a path would end the comment).
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
