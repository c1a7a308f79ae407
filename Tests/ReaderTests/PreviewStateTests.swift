import HarkCore
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// A large file opens on its first part while the rest loads; keys pressed
/// meanwhile wait for the whole file.
struct PreviewStateTests {
    private static let whole = Transcript(
        source: "long.srt", format: .srt,
        segments: (0..<400).map { k in
            Segment(start: Milliseconds(k) * 4000, end: Milliseconds(k) * 4000 + 3000, text: "Sentence number \(k) of the talk.")
        })
    private static let preview = Transcript(
        source: "long.srt", format: .srt, segments: Array(whole.segments.prefix(30)))

    private func opening(_ options: ReaderOptions = ReaderOptions()) -> (ReaderState, [Effect]) {
        ReaderState.openingPreview(
            Fixtures.document(Self.preview), files: ["long.srt"], size: Size(width: 100, height: 30), colorSupport: .extended,
            options: options)
    }

    @Test func theWholeFileIsAskedForAndKeysWaitForIt() {
        var (state, effects) = opening()
        #expect(effects == [.openFile(index: 0)])
        #expect(state.message == "loading all of long.srt…")
        #expect(state.press(.character("G")) == [])
        #expect(state.cursor == 0)
        let whole = Fixtures.document(Self.whole)
        effects = state.handle(.fileOpened(index: 0, whole))
        #expect(state.loadingRest == nil)
        #expect(state.transcript.segments.count == 400)
        // G meant the end of the whole file, not of the part that was shown.
        #expect(state.cursor == 399)
        #expect(effects.contains(.prepareSearch(whole.id)) && effects.contains(.findTopics(whole.id)))
    }

    @Test func keysAreHandledInTheOrderPressed() {
        var (state, _) = opening()
        state.press(.character("G"), .character("k"), .character("k"))
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Self.whole)))
        #expect(state.cursor < 399 && state.cursor > 300)
    }

    @Test func quittingAndResizingDoNotWait() {
        var (state, _) = opening()
        _ = state.handle(.terminal(.resize(Size(width: 80, height: 24))))
        #expect(state.size == Size(width: 80, height: 24))
        #expect(state.press(.character("q")) == [.quit])
    }

    @Test func theCommandLinesPlaceAndSearchApplyToTheWholeFile() {
        var options = ReaderOptions()
        options.at = "50%"
        var (state, _) = opening(options)
        #expect(state.cursor == 0)
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Self.whole)))
        #expect((195...205).contains(state.cursor))
    }

    @Test func aFileThatFailsToLoadWholeKeepsItsFirstPartAndSaysWhy() {
        var (state, _) = opening()
        state.press(.character("G"))
        let effects = state.handle(.fileFailed(index: 0, LoadError(path: "long.srt", reason: "permission denied")))
        #expect(state.loadingRest == nil)
        #expect(state.transcript.segments.count == 30)
        #expect(state.cursor == 29)
        #expect(state.message?.contains("permission denied") == true)
        #expect(effects.contains(.prepareSearch(state.document.id)))
    }

    /// After `/`, a `q` is a letter of the search, not a way out.
    @Test func aQTypedIntoAWaitingSearchIsALetter() {
        var (state, _) = opening()
        #expect(state.press(.character("/")) == [])
        state.type("quick")
        #expect(state.press(.character("q")) == [])
        // Ctrl-C still quits at once.
        var impatient = state
        #expect(impatient.press(.control("c")) == [.quit])
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Self.whole)))
        #expect(state.prompt?.text == "quickq")
    }

    @Test func aFailedLoadStillAppliesTheCommandLine() {
        var options = ReaderOptions()
        options.at = "50%"
        var (state, _) = opening(options)
        _ = state.handle(.fileFailed(index: 0, LoadError(path: "long.srt", reason: "not valid JSON")))
        #expect((13...16).contains(state.cursor))
        #expect(state.message?.contains("not valid JSON") == true)
    }

    /// The first part's length is not the file's: it shows as unknown.
    @Test func theLengthIsUnknownUntilTheWholeFileArrives() {
        var (state, _) = opening()
        func lines() -> [Substring] { ReaderScreen.render(state).text.split(separator: "\n", omittingEmptySubsequences: false) }
        func statusBar() -> Substring { lines()[state.size.height - 2] }
        #expect(lines()[0].contains("· …"))
        #expect(statusBar().contains("0:00:00 / …"))
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Self.whole)))
        #expect(statusBar().contains("0:00:00 / " + TimeFormat.short(Self.whole.duration)))
    }
}
