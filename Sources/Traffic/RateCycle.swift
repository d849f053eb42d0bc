/// Pieces of constant rate that repeat: the normal form of `steps` and
/// `bursty` patterns, with running sums so that both the rate at an offset
/// and its inverse integral are binary searches.
///
/// Offsets are nanoseconds since the start of a cycle; "work" is the
/// expected number of events, the integral of the rate.
struct RateCycle: Sendable {
    /// Where each piece ends (exclusive), in nanoseconds since the cycle start.
    let ends: [Int64]
    /// Each piece's rate (events per second, >= 0).
    let rates: [Double]
    /// The expected number of events from the cycle start to each piece's end.
    let workEnds: [Double]

    /// The length of one cycle in nanoseconds (> 0).
    var length: Int64 { ends[ends.count - 1] }
    /// The expected number of events in one cycle.
    var work: Double { workEnds[workEnds.count - 1] }

    /// Leaves out pieces of zero or negative duration; nil if none is left.
    /// A cycle longer than `Int64.max` nanoseconds (292 years) is cut there.
    init?(pieces: [(duration: Int64, perSecond: Double)]) {
        var ends: [Int64] = [], rates: [Double] = [], workEnds: [Double] = []
        var end: Int64 = 0, work = 0.0
        for (duration, perSecond) in pieces where duration > 0 && end < .max {
            let (sum, overflow) = end.addingReportingOverflow(duration)
            let length = overflow ? Int64.max - end : duration
            let rate = RateShape.usable(perSecond)
            end = overflow ? .max : sum
            work += rate * Double(length) / 1e9
            ends.append(end); rates.append(rate); workEnds.append(work)
        }
        guard !ends.isEmpty else { return nil }
        self.ends = ends; self.rates = rates; self.workEnds = workEnds
    }

    /// The piece holding `offset` (0 <= offset < length).
    func piece(atOffset offset: Int64) -> Int {
        var low = 0, high = ends.count - 1
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] > offset { high = middle } else { low = middle + 1 }
        }
        return low
    }

    func rate(atOffset offset: Int64) -> Double { rates[piece(atOffset: offset)] }

    /// The expected number of events from the cycle start to `offset`.
    func work(atOffset offset: Int64) -> Double {
        let i = piece(atOffset: offset)
        let pieceStart = i == 0 ? 0 : ends[i - 1]
        return (i == 0 ? 0 : workEnds[i - 1]) + rates[i] * Double(offset - pieceStart) / 1e9
    }

    /// The first offset at which the expected number of events since the
    /// cycle start reaches `work` (0 < work <= self.work, so it lies in a
    /// piece of positive rate; rounding outside that range is tolerated).
    func offset(atWork work: Double) -> Int64 {
        // The first piece whose running sum reaches `work`; a zero-rate
        // piece adds nothing, so it is only found when rounding put `work`
        // at or below its start: then the arrival belongs to the next
        // positive piece (or, past the end, to the last one).
        var low = 0, high = ends.count - 1
        while low < high {
            let middle = (low + high) / 2
            if workEnds[middle] >= work { high = middle } else { low = middle + 1 }
        }
        var i = low
        while i < rates.count - 1, rates[i] == 0 { i += 1 }
        while i > 0, rates[i] == 0 { i -= 1 }
        let pieceStart = i == 0 ? 0 : ends[i - 1]
        let workBefore = i == 0 ? 0 : workEnds[i - 1]
        let nanoseconds = (work - workBefore) / rates[i] * 1e9
        let pieceLength = ends[i] - pieceStart
        guard nanoseconds < Double(pieceLength) else { return ends[i] }
        return pieceStart + Int64(max(0, nanoseconds.rounded()))
    }
}
