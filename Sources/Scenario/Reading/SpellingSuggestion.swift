/// "Did you mean ...?" for mistyped keys and choices.
public enum SpellingSuggestion {
    /// The candidate nearest to `word` by edit distance (ignoring case), when it
    /// is near enough to be a plausible typo: only a difference of case for words
    /// of 1 or 2 characters (`a` is not a typo of `b`), at most 1 edit up to 5
    /// characters, 2 up to 8, 3 beyond. Ties go to the earlier candidate.
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.lowercased().unicodeScalars)
        let allowed = typed.count <= 2 ? 0 : typed.count <= 5 ? 1 : typed.count <= 8 ? 2 : 3
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.lowercased().unicodeScalars))
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Damerau-Levenshtein distance in its optimal-string-alignment form: the
    /// fewest insertions, deletions, substitutions and swaps of two neighbours
    /// (`keepalvie` -> `keepalive` is 1), each substring edited at most once.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the dynamic-programming table: i-2, i-1, i.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, beforePrevious[j - 2] + 1)
                }
                current[j] = best
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
