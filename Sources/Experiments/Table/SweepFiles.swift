/// Where sweeps write when no `--out` is given: `notebooks-data/`, the folder
/// notebooks read (its CSV files are not committed).
public enum SweepFiles {
    public static let directory = "notebooks-data"

    /// `notebooks-data/default-sweep.csv` for `models/default.json5`; a shard's
    /// part adds `.part-3-of-16`.
    public static func defaultPath(model: String, shard: Shard?) -> String {
        var stem = model.split(separator: "/").last.map(String.init) ?? model
        for suffix in [".json5", ".json"] where stem.hasSuffix(suffix) && stem.count > suffix.count {
            stem.removeLast(suffix.count)
        }
        let part = shard.map { ".part-\($0.index)-of-\($0.count)" } ?? ""
        return "\(directory)/\(stem)-sweep\(part).csv"
    }
}
