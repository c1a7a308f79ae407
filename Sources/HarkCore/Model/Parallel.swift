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
        let started = (1..<max(1, count)).map { k in start { body(k) } }
        if count > 0 { body(0) }
        for work in started { work.wait() }
    }

    /// Work started on a thread of its own (see `start(_:)`).
    package final class Started: @unchecked Sendable {
        private var thread: pthread_t?

        fileprivate init(thread: pthread_t?) { self.thread = thread }

        /// Returns once the work is done; at once when it was waited for already.
        package func wait() {
            guard let thread else { return }
            pthread_join(thread, nil)
            self.thread = nil
        }

        deinit { wait() }
    }

    /// `body` on a thread started for it on another CPU, now; `wait()` on
    /// what it returns is when its effects may be looked at. When no thread
    /// is to be had, `body` runs here before this returns.
    package static func start(_ body: @escaping @Sendable () -> Void) -> Started {
        final class Work: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        let started = hark_thread_start_elsewhere(
            &thread,
            { context in
                Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, work)
        guard started == 0 else {
            // No thread to be had: the work is done here, now.
            Unmanaged<Work>.fromOpaque(work).takeRetainedValue().body()
            return Started(thread: nil)
        }
        return Started(thread: thread)
    }

    /// `0..<count` as two halves when `split`, else whole: work worth
    /// splitting runs on this machine's two cores.
    package static func halves(of count: Int, if split: Bool) -> [Range<Int>] {
        split ? [0..<(count / 2), (count / 2)..<count] : [0..<count]
    }
}
