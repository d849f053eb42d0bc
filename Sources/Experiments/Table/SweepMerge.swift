/// Combines the parts written by the shards of one sweep into the table one
/// machine would have written: the same header (without `# shard:`), every
/// replication row in grid order, the aggregated rows recomputed.
public enum SweepMerge {
    /// `parts` are (file name, table) pairs, in any order. Checks that they
    /// belong to one sweep (same header apart from the shard, same columns),
    /// that every shard 1...N is there exactly once, and that together they
    /// hold every simulation of the grid exactly once.
    public static func merge(_ parts: [(file: String, table: SweepTable)]) throws(ExperimentError) -> SweepTable {
        guard let (firstFile, first) = parts.first else { throw ExperimentError("no parts to merge") }
        guard let count = first.header.shard?.count else {
            throw ExperimentError("\(firstFile) is not a shard's part (its header has no '# shard: I/N' line)")
        }
        var identity = first.header
        identity.shard = nil
        var fileOfShard = [String?](repeating: nil, count: count)
        var rows: [SweepRow] = []
        for (file, table) in parts {
            guard let shard = table.header.shard else {
                throw ExperimentError("\(file) is not a shard's part (its header has no '# shard: I/N' line)")
            }
            var header = table.header
            header.shard = nil
            if header != identity {
                throw ExperimentError("\(file) is from another sweep than \(firstFile): "
                    + differences(between: identity, and: header) + "; merge only the parts of one sweep command")
            }
            guard shard.count == count else {
                throw ExperimentError("\(file) is shard \(shard) but \(firstFile) is one of \(count) shards: "
                    + "the parts of one sweep all have the same shard count")
            }
            if let earlier = fileOfShard[shard.index - 1] {
                throw ExperimentError("shard \(shard) is given twice: \(earlier) and \(file)")
            }
            fileOfShard[shard.index - 1] = file
            guard table.parameterNames == first.parameterNames, table.metricNames == first.metricNames else {
                throw ExperimentError("\(file) has other columns than \(firstFile); were they written by different versions?")
            }
            for row in table.rows where !shard.contains(task: row.point * identity.replications + row.replication) {
                throw ExperimentError("\(file): point \(row.point) replication \(row.replication) is not in shard \(shard)")
            }
            rows += table.rows
        }
        let missing = fileOfShard.indices.filter { fileOfShard[$0] == nil }.map { "\($0 + 1)/\(count)" }
        guard missing.isEmpty else {
            throw ExperimentError("missing shard part\(missing.count == 1 ? "" : "s") "
                + Self.list(missing) + " of \(count); every shard's part is needed")
        }
        let merged = SweepTable(header: identity, parameterNames: first.parameterNames, metricNames: first.metricNames, rows: rows)
        try checkComplete(merged)
        return merged
    }

    /// Every (point, replication) exactly once.
    private static func checkComplete(_ table: SweepTable) throws(ExperimentError) {
        let expected = table.header.points * table.header.replications
        var task = 0
        for row in table.rows {
            let rowTask = row.point * table.header.replications + row.replication
            if rowTask < task { throw ExperimentError("point \(row.point) replication \(row.replication) appears twice in the parts") }
            if rowTask > task {
                throw ExperimentError("point \(task / table.header.replications) replication \(task % table.header.replications) "
                    + "is in no part: was a shard's run cut short?")
            }
            task += 1
        }
        if task < expected {
            throw ExperimentError("point \(task / table.header.replications) replication \(task % table.header.replications) "
                + "is in no part: was a shard's run cut short?")
        }
    }

    private static func differences(between a: SweepHeader, and b: SweepHeader) -> String {
        var found: [String] = []
        if a.title != b.title { found.append("tool '\(a.title)' vs '\(b.title)'") }
        if a.modelSHA256 != b.modelSHA256 { found.append("model sha256 \(a.modelSHA256.prefix(12))... vs \(b.modelSHA256.prefix(12))...") }
        if a.command != b.command { found.append("command '\(a.command)' vs '\(b.command)'") }
        if a.seed != b.seed { found.append("seed \(a.seed) vs \(b.seed)") }
        if a.replications != b.replications { found.append("replications \(a.replications) vs \(b.replications)") }
        if found.isEmpty { found.append("the headers differ") }
        return found.joined(separator: ", ")
    }

    private static func list(_ items: [String]) -> String {
        items.count <= 10 ? items.joined(separator: ", ") : items.prefix(10).joined(separator: ", ") + " and \(items.count - 10) more"
    }
}
