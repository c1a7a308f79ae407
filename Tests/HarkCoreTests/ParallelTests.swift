import Testing

@testable import HarkCore

struct ParallelTests {
    @Test(arguments: [0, 1, 2, 3, 8]) func onThreadsRunsEveryBodyOnceBeforeReturning(count: Int) {
        // Each body writes its own slot only.
        let runs = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
        defer { runs.deallocate() }
        runs.initialize(repeating: 0)
        nonisolated(unsafe) let slots = runs
        Parallel.onThreads(count) { k in slots[k] += 1 }
        #expect(Array(runs.prefix(count)) == Array(repeating: 1, count: count))
        if count == 0 { #expect(runs[0] == 0) }
    }
}
