import HarkCore
import HarkReader
import HarkTestSupport
import ReaderState
import TerminalKit
import Testing

/// The loop driven through the in-memory terminal.
struct LoopTests {
    private func run(_ events: [TerminalEvent], files: [String] = ["talk.json"], size: Size = Size(width: 80, height: 20))
        -> (FakeTerminal, ReaderLoop.Ending)
    {
        let terminal = FakeTerminal(size: size, events: events)
        let state = ReaderState(document: ReaderDocument(Fixtures.conversation), files: files, size: size, colors: true)
        let ending = ReaderLoop.run(backend: terminal, state: state) { path in
            path == "missing.srt"
                ? .failure(LoadError(path: path, reason: "no such file"))
                : .success(ReaderDocument(Transcript(source: path, format: .srt, segments: [Segment(start: 0, end: 1000, text: "Second file.")])))
        }
        return (terminal, ending)
    }

    @Test func drawsTheFirstFrameThenOneAfterEachEvent() {
        let (terminal, ending) = run([.key(.character("j")), .key(.character("q"))])
        #expect(ending == .quit)
        #expect(terminal.frames.count == 2)
        #expect(terminal.frames[0].text.contains("[MUSIC]"))
    }

    @Test func resizeRedrawsAtTheNewSize() {
        let (terminal, _) = run([.resize(Size(width: 30, height: 8)), .key(.character("q"))])
        #expect(terminal.frames.last?.size == Size(width: 30, height: 8))
    }

    @Test func suspendGoesToTheBackend() {
        let (terminal, ending) = run([.key(.control("z")), .key(.control("c"))])
        #expect(terminal.suspensions == 1)
        #expect(ending == .quit)
    }

    @Test func colonNOpensTheNextFile() {
        let events: [TerminalEvent] = [.key(.character(":")), .key(.character("n")), .key(.enter), .key(.character("q"))]
        let (terminal, _) = run(events, files: ["talk.json", "b.srt"])
        let last = terminal.frames.last?.text ?? ""
        #expect(last.contains("Second file."))
        #expect(last.contains("[2/2]"))
    }

    @Test func aFileThatFailsToLoadIsAMessage() {
        let events: [TerminalEvent] = [.key(.character(":")), .key(.character("n")), .key(.enter), .key(.character("q"))]
        let (terminal, _) = run(events, files: ["talk.json", "missing.srt"])
        let last = terminal.frames.last?.text ?? ""
        #expect(last.contains("missing.srt: no such file"))
        #expect(last.contains("[MUSIC]"))
    }

    @Test func aTerminationSignalEndsTheLoop() {
        let terminal = FakeTerminal(size: Size(width: 80, height: 20))
        let state = ReaderState(document: ReaderDocument(Fixtures.conversation), files: ["t"], size: terminal.size, colors: true)
        let ending = ReaderLoop.run(backend: terminal, state: state, load: { _ in fatalError() }, pendingSignal: { 15 })
        #expect(ending == .signal(15))
    }

    @Test func commandLineOptionsApply() {
        var options = ReaderLoop.Options()
        options.highlights = ["data", "models"]
        options.at = "0:10"
        options.search = "café"
        let state = ReaderState.start(
            document: ReaderDocument(Fixtures.conversation), files: ["t"], size: Size(width: 80, height: 20), colors: true,
            options: options)
        #expect(state.highlights == ["data", "models"])
        #expect(state.search?.pattern == "café")
        #expect(state.cursor == 3)
    }

    @Test func theFirstFrameDoesNotWaitForTopicsAndTheyAreDrawnWhenFound() {
        let terminal = FakeTerminal(size: Size(width: 100, height: 30))
        terminal.idleSleepMicroseconds = 1000
        let document = ReaderDocument(Fixtures.sampleTranscript, topicDefinitions: Fixtures.sampleDefinitions)
        let state = ReaderState(document: document, files: ["t"], size: terminal.size, colors: true)
        var framesWhenTopicsCame: Int?
        let ending = ReaderLoop.run(backend: terminal, state: state, load: { _ in fatalError() }, pendingSignal: {
            // Quit (as if by SIGTERM) once a frame with the topics has been drawn.
            if framesWhenTopicsCame == nil, document.topics != nil { framesWhenTopicsCame = terminal.frames.count }
            if let count = framesWhenTopicsCame, terminal.frames.count > count { return 15 }
            return 0
        })
        #expect(ending == .signal(15))
        #expect(terminal.frames.first?.text.contains("Finding topics…") == true)
        #expect(terminal.frames.last?.text.contains("MLOps consolidation") == true)
    }
}
