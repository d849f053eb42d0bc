import Dispatch
import Foundation
import Synchronization

/// Runs independent jobs on a fixed number of threads and returns their
/// outputs in job order, whatever order they finished in: so everything
/// written from them is the same for any thread count.
///
/// Threads rather than Swift concurrency because each job is a long,
/// synchronous, CPU-bound simulation: `threads` is exactly how many run at
/// once, and the calling thread stays free to report progress.
public enum ParallelWork {
    /// Calls `body` for every job index in `0..<count` on `threads` threads
    /// (each takes the next index when it finishes a job). While they run,
    /// `progress(finished)` is called on the calling thread about every
    /// `progressInterval` seconds, and once at the end. After a job fails no
    /// new job starts, and the failure of the lowest job index is thrown.
    public static func map<Output: Sendable, Failure: Error>(
        count: Int, threads: Int, progressInterval: Double = 0.2,
        progress: (_ finished: Int) -> Void = { _ in },
        _ body: @escaping @Sendable (Int) throws(Failure) -> Output
    ) throws(Failure) -> [Output] {
        guard count > 0 else { return [] }
        let shared = SharedJobs<Output, Failure>(count: count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(threads, count)) {
            group.enter()
            let thread = Thread {
                shared.work(body)
                group.leave()
            }
            // Simulations keep little on the stack, but be generous: 8 MiB like the main thread.
            thread.stackSize = 8 << 20
            thread.start()
        }
        let interval = DispatchTimeInterval.milliseconds(max(1, Int(progressInterval * 1000)))
        while group.wait(timeout: .now() + interval) == .timedOut {
            progress(shared.finished.load(ordering: .relaxed))
        }
        progress(shared.finished.load(ordering: .relaxed))
        return try shared.outputs()
    }
}

/// What the threads share: the next job to take and the results by job index.
private final class SharedJobs<Output: Sendable, Failure: Error>: Sendable {
    let next = Atomic<Int>(0)
    let finished = Atomic<Int>(0)
    let failed = Atomic<Bool>(false)
    let results: Mutex<[Result<Output, Failure>?]>
    let count: Int

    init(count: Int) {
        self.count = count
        results = Mutex([Result<Output, Failure>?](repeating: nil, count: count))
    }

    func work(_ body: @Sendable (Int) throws(Failure) -> Output) {
        while !failed.load(ordering: .relaxed) {
            let job = next.add(1, ordering: .relaxed).oldValue
            guard job < count else { return }
            let result: Result<Output, Failure>
            do {
                result = .success(try body(job))
            } catch {
                result = .failure(error)
                failed.store(true, ordering: .relaxed)
            }
            results.withLock { $0[job] = result }
            finished.add(1, ordering: .relaxed)
        }
    }

    /// Every output in job order, or the failure with the lowest job index.
    func outputs() throws(Failure) -> [Output] {
        let collected = results.withLock { $0 }
        var outputs: [Output] = []
        outputs.reserveCapacity(count)
        for result in collected {
            switch result {
            case .success(let output)?: outputs.append(output)
            case .failure(let error)?: throw error
            case nil: continue  // never started: an earlier job failed
            }
        }
        return outputs
    }
}
