import CThreads
import Dispatch
import Glibc

package enum Parallel {
    /// `body(0)`, `body(1)`… run on as many threads as Dispatch gives,
    /// their results returned in order. `body` may only read shared state.
    package static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        if count == 1 { return [body(0)] }
        var values = [T?](repeating: nil, count: count)
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            // Each worker writes its own slot only, so no lock is needed.
            values.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let buffer = buffer
                DispatchQueue.concurrentPerform(iterations: count) { buffer[$0] = body($0) }
            }
        }
        return values.map { $0! }
    }

    /// `body(0)` on this thread and `body(1)`… each on a thread started for
    /// it on another CPU, all at once; returns when all are done. For work
    /// of a few milliseconds that must start now: Dispatch's pool takes a
    /// millisecond or more to start its first thread, and a thread left to
    /// the scheduler may wait as long behind this one.
    package static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        final class Work: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var threads: [pthread_t] = []
        for k in 1..<max(1, count) {
            let work = Unmanaged.passRetained(Work { body(k) }).toOpaque()
            var thread = pthread_t()
            let started = hark_thread_start_elsewhere(
                &thread,
                { context in
                    Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().body()
                    return nil
                }, work)
            if started == 0 {
                threads.append(thread)
            } else {
                // No thread to be had: the work is done here, in turn.
                Unmanaged<Work>.fromOpaque(work).takeRetainedValue().body()
            }
        }
        if count > 0 { body(0) }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// `0..<count` as two halves when `split`, else whole: work worth
    /// splitting runs on this machine's two cores.
    package static func halves(of count: Int, if split: Bool) -> [Range<Int>] {
        split ? [0..<(count / 2), (count / 2)..<count] : [0..<count]
    }
}
