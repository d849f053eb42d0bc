/// Edit distance for "did you mean" suggestions on unknown options,
/// subcommands and choice values: Levenshtein's insertions, deletions and
/// substitutions plus swaps of two neighbours (the optimal string alignment
/// variant), because swapped letters (`bnech`) are the commonest typo.
enum EditDistance {
    /// The number of single-character insertions, deletions, substitutions and
    /// neighbour swaps turning `a` into `b`.
    static func between(_ a: String, _ b: String) -> Int {
        let source = Array(a), target = Array(b)
        if source.isEmpty { return target.count }
        if target.isEmpty { return source.count }
        // Three rows of the classic table: two rows back are needed for swaps.
        var beforePrevious = [Int](repeating: 0, count: target.count + 1)
        var previous = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for i in 1...source.count {
            current[0] = i
            for j in 1...target.count {
                let substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, source[i - 1] == target[j - 2], source[i - 2] == target[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[target.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo
    /// (at most a third of the word's length, and at least 1, edits away).
    /// Ties go to the earlier candidate, so the answer never depends on hashing.
    static func nearest(to word: String, among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)? = nil
        for candidate in candidates {
            let distance = between(word, candidate)
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let tolerance = max(1, word.count / 3)
        return best.distance <= tolerance ? best.candidate : nil
    }
}
