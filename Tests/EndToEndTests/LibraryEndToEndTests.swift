import Foundation
import HarkTestSupport
import Testing

/// `hark DIR`: the library screen on a folder of mixed formats with a file
/// that cannot be read, a search of every transcript, and each file's place
/// kept when going through the library.
@Suite(.serialized)
struct LibraryEndToEndTests {
    let hark = Tmux.binary

    /// A folder: the sample as whisper text, SRT (in a sub-folder) and WebVTT,
    /// a short SRT, a README (not a transcript) and a link to nothing.
    static func folder() throws -> URL {
        let folder = TestSupport.temporaryFolder.appendingPathComponent("library-\(UUID().uuidString.prefix(8))")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder.appendingPathComponent("season 2"), withIntermediateDirectories: true)
        let sample = TestSupport.samplePath
        try fileManager.copyItem(atPath: sample, toPath: folder.appendingPathComponent("ep1.whisper.txt").path)
        try fileManager.copyItem(
            atPath: sample.replacingOccurrences(of: ".whisper.txt", with: ".srt"),
            toPath: folder.appendingPathComponent("season 2/ep2.srt").path)
        try fileManager.copyItem(
            atPath: sample.replacingOccurrences(of: ".whisper.txt", with: ".vtt"),
            toPath: folder.appendingPathComponent("ep3.vtt").path)
        try Data("1\n00:00:01,000 --> 00:00:03,000\nA short one about pianos.\n".utf8).write(
            to: folder.appendingPathComponent("short.srt"))
        try Data("# About these interviews\n".utf8).write(to: folder.appendingPathComponent("README.txt"))
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("gone.srt").path, withDestinationPath: "/nonexistent/gone.srt")
        return folder
    }

    @Test func aFolderOpensTheLibraryWithEveryTranscriptAndTheOneThatFailed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = try Tmux("\(hark) '\(folder.path)'", width: 100, height: 24)
        let screen = try tmux.waitFor("every row") { $0.contains("Library · 5 transcripts") && !$0.contains("loading") }
        #expect(screen.contains("ep1.whisper.txt") && screen.contains("whisper-text") && screen.contains("1:16:22"))
        #expect(screen.contains("season 2/ep2.srt"))
        #expect(screen.contains("short.srt"))
        #expect(screen.contains("gone.srt") && screen.contains("1 could not be read"))
        #expect(!screen.contains("README"))
        // Sorted by duration: the short one goes below the interviews, the unreadable one last.
        try tmux.send("o", "o")
        // The whole frame: the topics found after the rows can redraw it as the keys are handled,
        // and a capture in the middle of that redraw misses a row.
        let sorted = try tmux.waitFor("sorted by duration, every row") { screen in
            screen.contains("sorted by duration")
                && ["ep1.whisper.txt", "short.srt", "gone.srt"].allSatisfy { screen.contains($0) }
        }
        let lines = sorted.split(separator: "\n")
        let short = try #require(lines.firstIndex { $0.contains("short.srt") })
        let gone = try #require(lines.firstIndex { $0.contains("gone.srt") }, "\(sorted)")
        let first = try #require(lines.firstIndex { $0.contains("ep1.whisper.txt") })
        #expect(first < short && short < gone)
        try tmux.send("q")
        #expect(try tmux.ending().restored)
    }

    @Test func aSearchOfEveryTranscriptOpensAFileAtItsMatchAndEachFileKeepsItsPlace() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = try Tmux("\(hark) '\(folder.path)'", width: 100, height: 24)
        try tmux.waitFor("every row") { $0.contains("Library · 5 transcripts") && !$0.contains("loading") }
        try tmux.send("/")
        try tmux.type("pianos")
        try tmux.send("Enter")
        // Only the short file says it: one result, with its time and the match in context.
        let results = try tmux.waitFor(text: "1 match of \"pianos\" in 1 transcript")
        #expect(results.contains("short.srt") && results.contains("0:00:01") && results.contains("A short one about pianos."))
        try tmux.send("Escape")
        try tmux.send("/")
        try tmux.type("consolidation")
        try tmux.send("Enter")
        try tmux.waitFor(text: "matches of \"consolidation\" in 3 transcripts")
        try tmux.send("j", "Enter")  // the second match of ep1: 0:29:05
        let opened = try tmux.waitFor(text: "ep1.whisper.txt · whisper-text")
        #expect(opened.contains("0:29:05 / 1:16:22"))
        #expect(opened.contains("2/3"), "the search is on in the file: its second match")
        // Elsewhere in the file, then to another file through the library and back.
        try tmux.jump(to: "50:00")
        try tmux.waitFor(text: "0:49:5")
        let place = try #require(try tmux.screen().range(of: #"0:49:5\d / 1:16:22"#, options: .regularExpression))
        let status = String(try tmux.screen()[place])
        try tmux.send("L")
        try tmux.waitFor(text: "matches of \"consolidation\"")
        try tmux.send("Escape")
        try tmux.waitFor(text: "Library · 5 transcripts")
        try tmux.send("G", "Enter")  // short.srt, last by name
        try tmux.waitFor(text: "short.srt · srt")
        try tmux.send("L")
        try tmux.waitFor(text: "Library · 5 transcripts")
        try tmux.send("g", "Enter")  // ep1 again
        try tmux.waitFor(text: "ep1.whisper.txt · whisper-text")
        try tmux.waitFor(text: status)
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func nAndNGoOnToTheNextTranscriptsMatches() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = try Tmux("\(hark) '\(folder.path)'", width: 100, height: 24)
        try tmux.waitFor("every row") { $0.contains("Library · 5 transcripts") && !$0.contains("loading") }
        try tmux.send("/")
        try tmux.type("consolidation")
        try tmux.send("Enter")
        try tmux.waitFor(text: "matches of \"consolidation\" in 3 transcripts")
        try tmux.send("Enter")  // ep1's first match
        try tmux.waitFor(text: "ep1.whisper.txt · whisper-text")
        try tmux.waitFor(text: "1/3")
        try tmux.send("n", "n")
        try tmux.waitFor(text: "3/3")
        try tmux.send("n")  // past ep1's last: the next transcript's first
        let next = try tmux.waitFor(text: "ep3.vtt · webvtt")
        #expect(next.contains("1/3"))
        try tmux.send("N")  // before its first: back to ep1's last
        let back = try tmux.waitFor(text: "ep1.whisper.txt · whisper-text")
        #expect(back.contains("3/3"))
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    /// `--topics` for the whole library, as `hark topics DIR` takes it: a
    /// strip a topic in every row, `t` the topics, Enter a topic's passages
    /// in every transcript, Enter the file at the passage with the topic open.
    @Test func theLibrarysTopicsListTheirPassagesAndOpenAFileAtOne() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let topics = TestSupport.samplePath.replacingOccurrences(of: ".whisper.txt", with: ".topics.toml")
        let tmux = try Tmux("\(hark) --topics '\(topics)' '\(folder.path)'", width: 120, height: 24)
        let rows = try tmux.waitFor("the topics' strips") { $0.contains("Library · 5 transcripts") && $0.contains("LLM hype") }
        #expect(rows.contains("MLOps consolidation") && rows.contains("structured data"))
        try tmux.send("t")
        try tmux.waitFor(text: "Topics · 3 in 4 transcripts")
        try tmux.send("Enter")
        try tmux.waitFor(text: "LLM hype: 21 passages in 3 transcripts")
        try tmux.send("Enter")
        let opened = try tmux.waitFor(text: "ep1.whisper.txt · whisper-text")
        #expect(opened.contains(">0:00:03"), "at the first passage")
        try tmux.waitFor(text: "0:03–0:30")  // the topic open in the side pane
        // Past the file's seventh and last passage: the next transcript's first.
        try tmux.send("]", "]", "]", "]", "]", "]")
        try tmux.waitFor(text: "LLM hype: passage 7 of 7")
        try tmux.send("]")
        let next = try tmux.waitFor(text: "ep3.vtt · webvtt")
        #expect(next.contains(">0:00:03"))
        try tmux.send("L")
        try tmux.waitFor(text: "LLM hype: 21 passages")
        try tmux.send("q")
        #expect(try tmux.ending().restored)
    }
}
