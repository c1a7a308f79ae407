import Foundation
import HarkCore
import HarkReader
import HarkTopics
import ReaderState
import TerminalKit
import Testing

/// The library through the loop and the real runner: rows loaded off the
/// loop, several at once, each arriving as an event; a row opened as `:n` opens a file.
struct LibraryLoopTests {
    /// The library of `files` through the loop and the real runner, on
    /// `terminal`'s steps; a row opens as the conversation.
    static func run(
        _ terminal: FakeTerminal, files: [String], loadRow: @escaping ReaderLoop.LibraryLoader,
        findTopics: ReaderLoop.LibraryTopicsFinder? = nil
    ) {
        let (state, effects) = ReaderState.openingLibrary(
            placeholder: CachedDocument(Transcript(source: "", format: .srt, segments: []), id: DocumentID(0)), files: files,
            size: terminal.size, colorSupport: .extended)
        let open: ReaderLoop.Loader = { path, id in .success(CachedDocument(Fixtures.conversation, id: id)) }
        _ = ReaderLoop.run(
            backend: terminal, state: state, effects: effects, load: open,
            save: { _, path, _ in throw LoadError(path: path, reason: "not in this test") }, loadLibraryFile: loadRow,
            findLibraryTopics: findTopics)
    }

    @Test func rowsLoadInTheBackgroundAndARowOpens() {
        let files = (0..<40).map { "/shelf/episode-\($0).json" }
        let loadRow: ReaderLoop.LibraryLoader = { path in
            if path.hasSuffix("-7.json") { return .failed("episode-7.json: not valid JSON") }
            if path.hasSuffix("-9.json") { return .skipped }
            return .transcript(
                LibraryTranscript(
                    Transcript(source: path, format: .diarizedJSON, segments: Fixtures.conversation.segments.map { $0 })))
        }
        let size = Size(width: 100, height: 24)
        let terminal = FakeTerminal(
            size: size,
            steps: [
                // Every row loaded: nothing (no "· loading n/40…") after the count of failures.
                .waitForScreen("Library · 39 transcripts"), .waitForScreen("1 could not be read   "),
                // Searched off the loop, every transcript: the results arrive as an event.
            ] + "/language\r".map { .event(.key($0 == "\r" ? .enter : .character($0))) } + [
                .waitForScreen("76 matches of \"language\" in 38 transcripts"),
                .event(.key(.enter)), .waitForScreen("[1/39]"),
                .event(.key(.character("q"))),
            ])
        Self.run(terminal, files: files, loadRow: loadRow)
        #expect(!terminal.gaveUp, "the last screen was:\n\(terminal.lastFrame?.text ?? "")")
        #expect(terminal.frames.first?.text.contains("loading 0/40") == true, "the first screen does not wait for the rows")
        #expect(terminal.frames.contains { $0.text.contains("episode-7.json: not valid JSON") })
    }

    /// Once every row is loaded, each file's topics are found off the loop
    /// and arrive a few files at a time: the topics list counts them all.
    @Test func topicsAreFoundAfterTheRowsAndListedAcrossTheLibrary() {
        let files = (0..<40).map { "/shelf/episode-\($0).json" }
        let loadRow: ReaderLoop.LibraryLoader = { path in
            if path.hasSuffix("-9.json") { return .skipped }
            return .transcript(
                LibraryTranscript(
                    Transcript(source: path, format: .diarizedJSON, segments: Fixtures.conversation.segments.map { $0 })))
        }
        let findTopics: ReaderLoop.LibraryTopicsFinder = { path, transcript in
            if path.hasSuffix("-3.json") { return .failed("episode-3.topics.toml:2: a topic needs keywords") }
            let passage = Passage(segments: 1...2, start: 2000, end: 9000, score: 1, hits: 2)
            return .found([LibraryFileTopic(name: "LLM hype", source: .file, passages: [passage])])
        }
        let size = Size(width: 120, height: 24)
        let terminal = FakeTerminal(
            size: size,
            steps: [
                .waitForScreen("Library · 39 transcripts"), .event(.key(.character("t"))),
                // 38 files' topics: every transcript but the one whose topics file is broken.
                .waitForScreen("Topics · 1 in 38 transcripts · the topics file of episode-3.json could not be read"),
                .event(.key(.enter)), .waitForScreen("LLM hype: 38 passages in 38 transcripts"),
                .event(.key(.enter)), .waitForScreen("[1/39]"),
                .event(.key(.character("q"))),
            ])
        Self.run(terminal, files: files, loadRow: loadRow, findTopics: findTopics)
        #expect(!terminal.gaveUp, "the last screen was:\n\(terminal.lastFrame?.text ?? "")")
    }
}
