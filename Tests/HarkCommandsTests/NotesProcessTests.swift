import Foundation
import HarkCore
import HarkNotes
import Testing

/// The real binary saving notes: killed at any moment, or two at once.
@Suite(.serialized) struct NotesProcessTests {
    /// A transcript of 300 one-second segments (segment k starts at k s), in a folder of its own.
    static func transcript(_ name: String = #function) throws -> (path: String, folder: String) {
        let folder = Files.folder.appendingPathComponent("process-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = (0..<300).map { k in
            let clock = { (s: Int) in String(format: "00:%02d:%02d.000", s / 60, s % 60) }
            return "[\(clock(k)) --> \(clock(k + 1))]   Segment number \(k)."
        }
        let path = folder.appendingPathComponent("talk.whisper.txt").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (path, folder.path)
    }

    /// Starts `hark marks FILE --add Ks --note nK`; `slowly`, the save writes its file a little at a time.
    static func startAdding(_ k: Int, to transcript: String, slowly: Bool = false) throws -> Process {
        let process = Process()
        if slowly { process.environment = ProcessInfo.processInfo.environment.merging(["HARK_TEST_SLOW_SAVE": "1"]) { $1 } }
        process.executableURL = URL(fileURLWithPath: try #require(BinaryTests.binary, "the hark binary was not built"))
        process.arguments = ["marks", transcript, "--add", "\(k)s", "--note", "n\(k)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func marks(of transcript: String) throws -> [Mark] {
        let loaded = try TranscriptLoader.load(path: transcript)
        return try NotesFile.load(path: NotesFile.path(forTranscript: transcript, given: nil), for: loaded).notes.marks
    }

    /// The marks as the first `count` additions made them.
    static func prefix(_ count: Int) -> [Mark] {
        (0..<count).map { Mark(segment: $0, start: Milliseconds($0) * 1000, note: "n\($0)") }
    }

    @Test func aSaveKilledAtAnyMomentLeavesTheOldFileOrTheNewOne() throws {
        let (transcript, folder) = try Self.transcript()
        // How long one whole run takes here, to spread the kills over it.
        let started = Date()
        let first = try Self.startAdding(0, to: transcript, slowly: true)
        first.waitUntilExit()
        let runTime = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        var added = 1
        var killedWhileWriting = 0
        for round in 0..<40 {
            let roundStarted = Date()
            let process = try Self.startAdding(added, to: transcript, slowly: true)
            usleep(UInt32(Double.random(in: 0...(runTime * 1.2), using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".saving") }
            let written = try leftovers.compactMap {
                try FileManager.default.attributesOfItem(atPath: folder + "/" + $0)[.modificationDate] as? Date
            }
            if written.contains(where: { $0 >= roundStarted }) { killedWhileWriting += 1 }
            // Never torn: the file reads, and holds the additions so far, the last one or not.
            let marks = try Self.marks(of: transcript)
            #expect(marks == Self.prefix(added) || marks == Self.prefix(added + 1), "round \(round): \(marks.count) marks")
            if marks.count > added { added += 1 }
            // A killed save leaves one temporary file at most, under its one name.
            #expect(leftovers.count <= 1 && leftovers.allSatisfy { $0 == ".talk.hark.toml.saving" }, "\(leftovers)")
        }
        // Most kills land while the file is written (slowed down, it takes most of the run).
        #expect(killedWhileWriting > 0)
        print("NotesProcessTests: 40 kills, \(killedWhileWriting) left a save half made, \(added) marks kept")
        // The next save goes on from whatever a kill left.
        let last = try Self.startAdding(added, to: transcript)
        last.waitUntilExit()
        #expect(try Self.marks(of: transcript) == Self.prefix(added + 1))
    }

    @Test func twoProcessesAddingAtOnceKeepEachOthersMarks() throws {
        let (transcript, _) = try Self.transcript()
        let failures = ParallelFailures()
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            for k in stride(from: side, to: 80, by: 2) {
                do {
                    let process = try Self.startAdding(k, to: transcript)
                    process.waitUntilExit()
                    if process.terminationStatus != 0 { failures.add("mark \(k): status \(process.terminationStatus)") }
                } catch {
                    failures.add("mark \(k): \(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try Self.marks(of: transcript) == Self.prefix(80))
    }

    @Test func aFolderThatIsAFileIsOneLineAndStatusOne() throws {
        let (transcript, folder) = try Self.transcript()
        let notFolder = folder + "/file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: notFolder))
        let result = try BinaryTests.run(["marks", transcript, "--notes", notFolder + "/notes.toml", "--add", "3s"])
        #expect(result.status == 1)
        #expect(result.stderr == "hark: \(notFolder)/notes.toml: cannot save notes in \(notFolder): not a directory\n")
        #expect(result.stdout.isEmpty)
    }
}

/// Failures collected from threads.
final class ParallelFailures: @unchecked Sendable {
    private var failures: [String] = []
    private let lock = NSLock()
    func add(_ failure: String) { lock.withLock { failures.append(failure) } }
    var all: [String] { lock.withLock { failures } }
}
