import Foundation
import HarkCore
import HarkReader
import ReaderState
import TerminalKit
import Testing

/// The library through the loop and the real runner: rows loaded off the
/// loop, several at once, each arriving as an event; a row opened as `:n` opens a file.
struct LibraryLoopTests {
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
        let (state, effects) = ReaderState.openingLibrary(
            placeholder: CachedDocument(Transcript(source: "", format: .srt, segments: []), id: DocumentID(0)), files: files,
            size: size, colorSupport: .extended)
        let open: ReaderLoop.Loader = { path, id in .success(CachedDocument(Fixtures.conversation, id: id)) }
        _ = ReaderLoop.run(
            backend: terminal, state: state, effects: effects, load: open,
            save: { _, path, _ in throw LoadError(path: path, reason: "not in this test") }, loadLibraryFile: loadRow)
        #expect(!terminal.gaveUp, "the last screen was:\n\(terminal.lastFrame?.text ?? "")")
        #expect(terminal.frames.first?.text.contains("loading 0/40") == true, "the first screen does not wait for the rows")
        #expect(terminal.frames.contains { $0.text.contains("episode-7.json: not valid JSON") })
    }
}
