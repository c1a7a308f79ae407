import Dispatch
import Foundation
import HarkCore
import HarkNotes
import HarkReader
import HarkTestSupport
import ReaderState
import TerminalKit
import Testing

/// The loop driven through the in-memory terminal, with the real runner:
/// work off the loop comes back as events.
struct LoopTests {
    private static let secondFile: ReaderLoop.Loader = { path, id in
        path == "missing.srt"
            ? .failure(LoadError(path: path, reason: "no such file"))
            : .success(
                CachedDocument(
                    Transcript(source: path, format: .srt, segments: [Segment(start: 0, end: 1000, text: "Second file.")]), id: id
                ))
    }

    /// These tests open documents without a notes file; nothing asks to save.
    private static let refuseToSave: ReaderLoop.NotesSaver = { _, path, _ in
        throw LoadError(path: path, reason: "no notes are saved in this test")
    }

    private func run(
        _ steps: [FakeTerminal.Step], transcript: Transcript = Fixtures.conversation, files: [String] = ["talk.json"],
        size: Size = Size(width: 80, height: 20), beforeWork: @escaping @Sendable () -> Void = {}
    ) -> (FakeTerminal, ReaderLoop.Ending) {
        let terminal = FakeTerminal(size: size, steps: steps)
        let (state, effects) = ReaderState.opening(
            Fixtures.document(transcript), files: files, size: size, colorSupport: .extended)
        let ending = ReaderLoop.run(
            backend: terminal, state: state, effects: effects, load: Self.secondFile, save: Self.refuseToSave,
            beforeWork: beforeWork)
        #expect(!terminal.gaveUp, "a screen waited for never came; the last was:\n\(terminal.lastFrame?.text ?? "")")
        return (terminal, ending)
    }

    private func keys(_ events: TerminalEvent...) -> [FakeTerminal.Step] { events.map(FakeTerminal.Step.event) }

    @Test func drawsTheFirstFrameThenOneAfterEachEvent() {
        let (terminal, ending) = run(keys(.key(.character("j")), .key(.character("q"))))
        #expect(ending == .quit)
        #expect(terminal.frames.count >= 2)
        #expect(terminal.frames[0].text.contains("[MUSIC]"))
    }

    @Test func resizeRedrawsAtTheNewSize() {
        let (terminal, _) = run(keys(.resize(Size(width: 30, height: 8)), .key(.character("q"))))
        #expect(terminal.frames.last?.size == Size(width: 30, height: 8))
    }

    @Test func suspendGoesToTheBackend() {
        let (terminal, ending) = run(keys(.key(.control("z")), .key(.control("c"))))
        #expect(terminal.suspensions == 1)
        #expect(ending == .quit)
    }

    @Test func mouseCaptureGoesToTheBackend() {
        let (terminal, _) = run(
            keys(.key(.character("M"))) + [.waitForScreen("mouse off: the terminal selects text")] + keys(.key(.character("q"))))
        #expect(!terminal.mouseCaptured)
    }

    @Test func colonNOpensTheNextFileLoadedOffTheLoop() {
        let steps =
            keys(.key(.character(":")), .key(.character("n")), .key(.enter)) + [.waitForScreen("Second file.")]
            + keys(.key(.character("q")))
        let (terminal, _) = run(steps, files: ["talk.json", "b.srt"])
        let last = terminal.frames.last?.text ?? ""
        #expect(last.contains("Second file."))
        #expect(last.contains("[2/2]"))
    }

    @Test func aFileThatFailsToLoadIsAMessage() {
        let steps =
            keys(.key(.character(":")), .key(.character("n")), .key(.enter)) + [.waitForScreen("no such file")]
            + keys(.key(.character("q")))
        let (terminal, _) = run(steps, files: ["talk.json", "missing.srt"])
        let last = terminal.frames.last?.text ?? ""
        #expect(last.contains("missing.srt: no such file"))
        #expect(last.contains("[MUSIC]"))
    }

    /// A large file: the first frame shows its first part, the runner loads
    /// the whole file, and a key pressed before it arrived applies to it.
    @Test func aPreviewShowsFirstAndTheWholeFileFollows() {
        let size = Size(width: 80, height: 20)
        let preview = Transcript(source: "long.srt", format: .srt, segments: [Segment(start: 0, end: 1000, text: "First part.")])
        let whole = Transcript(
            source: "long.srt", format: .srt,
            segments: [Segment(start: 0, end: 1000, text: "First part.")]
                + (1...300).map {
                    Segment(start: Milliseconds($0) * 2000, end: Milliseconds($0) * 2000 + 1000, text: "Cue \($0).")
                })
        let gate = DispatchSemaphore(value: 0)
        let terminal = FakeTerminal(
            size: size,
            steps: [.waitForScreen("loading all of long.srt"), .event(.key(.character("G"))), .run({ gate.signal() })]
                + [.waitForScreen("Cue 300."), .event(.key(.character("q")))])
        let (state, effects) = ReaderState.openingPreview(
            Fixtures.document(preview), files: ["long.srt"], size: size, colorSupport: .extended)
        let ending = ReaderLoop.run(
            backend: terminal, state: state, effects: effects,
            load: { _, id in
                gate.wait()  // the whole file arrives only after G was pressed
                return .success(CachedDocument(whole, id: id))
            }, save: Self.refuseToSave)
        #expect(!terminal.gaveUp, "a screen waited for never came; the last was:\n\(terminal.lastFrame?.text ?? "")")
        #expect(ending == .quit)
        #expect(terminal.frames[0].text.contains("First part."))
        #expect(terminal.frames.last?.text.contains("Cue 300.") == true)
    }

    @Test func aTerminationSignalEndsTheLoop() {
        let terminal = FakeTerminal(size: Size(width: 80, height: 20))
        let (state, effects) = ReaderState.opening(
            Fixtures.document(Fixtures.conversation), files: ["t"], size: terminal.size, colorSupport: .extended)
        let ending = ReaderLoop.run(
            backend: terminal, state: state, effects: effects, load: Self.secondFile, save: Self.refuseToSave,
            pendingSignal: { 15 })
        #expect(ending == .signal(15))
    }

    @Test func commandLineOptionsApply() {
        var options = ReaderOptions()
        options.highlights = ["data", "models"]
        options.at = "0:10"
        options.search = "café"
        options.mouse = false
        let document = Fixtures.document(Fixtures.conversation)
        let (state, effects) = ReaderState.opening(
            document, files: ["t"], size: Size(width: 80, height: 20), colorSupport: .extended, options: options)
        #expect(state.highlights == ["data", "models"])
        #expect(state.search?.pattern == "café")
        #expect(state.cursor == 3)
        #expect(!state.mouseCaptured)
        #expect(effects == [.prepareSearch(document.id), .findTopics(document.id), .captureMouse(false)])
    }

    @Test func theFirstFrameDoesNotWaitForTopicsAndTheyAreDrawnWhenFound() {
        let steps: [FakeTerminal.Step] = [.waitForScreen("Topics found by hark"), .event(.key(.character("q")))]
        let (terminal, ending) = run(steps, transcript: Fixtures.sampleTranscript, size: Size(width: 100, height: 30))
        #expect(ending == .quit)
        #expect(terminal.frames.first?.text.contains("Finding topics…") == true)
        #expect(terminal.frames.last?.text.contains("Topics found by hark") == true)
    }

    /// The selection is by identity: topics arriving while the user has a
    /// keyword selected put rows above it, and it stays selected.
    @Test func topicsArriveAsAnEventAndTheSelectionStays() {
        let release = DispatchSemaphore(value: 0)
        let steps: [FakeTerminal.Step] = [
            .event(.key(.character("h"))), .event(.key(.character("A"))), .event(.key(.character("I"))), .event(.key(.enter)),
            .event(.key(.tab)), .event(.key(.character("j"))), .event(.key(.character("j"))),
            .waitForScreen("›AI"),
            // Only now may the work off the loop (folding, then topics) go on.
            .run {
                release.signal()
                release.signal()
            },
            .waitForScreen("Topics found by hark"),
            .event(.key(.character("q"))),
        ]
        let (terminal, _) = run(steps, transcript: Fixtures.sampleTranscript, size: Size(width: 100, height: 40)) {
            release.wait()
        }
        let before = terminal.frames.first { $0.text.contains("›AI") }?.text ?? ""
        let after = terminal.frames.last?.text ?? ""
        #expect(before.contains("Finding topics…"))
        #expect(after.contains("Topics found by hark"))
        #expect(after.contains("›AI"))
        #expect(after.components(separatedBy: "›").count == 2)  // one entry selected
    }

    /// A saver that takes its time, so that `q` comes while it works.
    private final class SlowNotesFile: @unchecked Sendable {
        private let lock = NSLock()
        private var saved: [NotesChange] = []
        var changes: [NotesChange] { lock.withLock { saved } }
        var saver: ReaderLoop.NotesSaver {
            { changes, _, _ in
                usleep(200_000)
                return self.lock.withLock {
                    self.saved += changes
                    var notes = Notes()
                    for change in self.saved { notes.apply(change) }
                    return notes
                }
            }
        }
    }

    @Test func aMarkMadeJustBeforeQuittingIsSavedBeforeTheLoopEnds() {
        let file = SlowNotesFile()
        let size = Size(width: 80, height: 20)
        let terminal = FakeTerminal(
            size: size, steps: keys(.key(.character("m")), .key(.character("x")), .key(.enter), .key(.character("q"))))
        let (state, effects) = ReaderState.opening(
            Fixtures.document(Fixtures.conversation, notes: OpenedNotes(path: "talk.hark.toml")), files: ["talk.json"],
            size: size, colorSupport: .extended)
        let ending = ReaderLoop.run(backend: terminal, state: state, effects: effects, load: Self.secondFile, save: file.saver)
        #expect(ending == .quit)
        #expect(file.changes.count == 1)
        #expect(file.changes.first.map { if case .setMark(let mark) = $0 { mark.note == "x" } else { false } } == true)
    }

    @Test func aQuoteGoesToTheTerminalsClipboard() {
        let size = Size(width: 80, height: 20)
        let terminal = FakeTerminal(size: size, steps: keys(.key(.character("j")), .key(.character("y")), .key(.character("q"))))
        let (state, effects) = ReaderState.opening(
            Fixtures.document(Fixtures.conversation), files: ["talk.json"], size: size, colorSupport: .extended)
        _ = ReaderLoop.run(backend: terminal, state: state, effects: effects, load: Self.secondFile, save: Self.refuseToSave)
        #expect(terminal.clipboard.count == 1)
        #expect(terminal.clipboard.first?.hasPrefix("“Welcome to the show") == true)
        #expect(terminal.clipboard.first?.hasSuffix("— Sarah, 0:00:02") == true)
    }
}
