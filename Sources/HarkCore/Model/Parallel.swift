import Dispatch

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

    /// `0..<count` as two halves when `split`, else whole: work worth
    /// splitting runs on this machine's two cores.
    package static func halves(of count: Int, if split: Bool) -> [Range<Int>] {
        split ? [0..<(count / 2), (count / 2)..<count] : [0..<count]
    }
}
