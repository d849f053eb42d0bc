import Glibc

/// The process's peak resident memory, for benchmarks.
enum PeakMemory {
    /// getrusage(2)'s ru_maxrss: the largest resident set so far, in bytes
    /// (Linux reports kilobytes). Nil if the call fails.
    static func residentBytes() -> Int64? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
        return Int64(usage.ru_maxrss) * 1024
    }
}
