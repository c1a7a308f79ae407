import Glibc
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

    /// Parts of a file read in parallel are parts of the file that was
    /// opened, even when another is renamed over its path meanwhile.
    @Test func aPartIsOfTheFileOpenedNotOfTheOneAtItsPathNow() throws {
        let path = TestFiles.write("first file, line one\nfirst file, line two\n", name: "part.txt")
        let file = try SourceFile(path: path)
        let other = TestFiles.write("second file, line one\nsecond file, line two\n", name: "other.txt")
        #expect(rename(other, path) == 0)
        let part = try SourceFile(partOf: file, byteRange: 21..<42)
        var lines: [String] = []
        try part.forEachLine { line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["first file, line two"])
    }

    /// `Parallel.start`'s work is done once `wait()` returns, and waiting again returns at once.
    @Test func startedWorkIsDoneWhenWaitedFor() {
        final class Box: @unchecked Sendable { var value = 0 }
        let box = Box()
        let work = Parallel.start { box.value = 42 }
        work.wait()
        #expect(box.value == 42)
        work.wait()
    }
}
