import HarkTestSupport
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// The main screens as text (and highlights as style masks), compared with
/// snapshots in Snapshots/. Re-record with HARK_RECORD_SNAPSHOTS=1.
struct ScreenSnapshotTests {
    static var legend: [(Character, (Style) -> Bool)] {
        [
            ("C", { $0.background == .blue }),  // cursor segment
            ("M", { $0.background == .red }),  // current match
            ("S", { $0.background == .yellow }),  // other matches
            ("K", { $0.underline && $0.foreground != nil }),  // keywords
            ("R", { $0.reverse }),
            ("B", { $0.bold }),
            ("U", { $0.underline }),
            ("D", { $0.dim }),
            ("c", { $0.foreground != nil || $0.background != nil }),
        ]
    }

    private func check(
        _ state: ReaderState, _ name: String, mask: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let grid = ReaderScreen.render(state)
        #expect(TestSupport.compareSnapshot(grid.text, named: name) == nil, sourceLocation: sourceLocation)
        if mask {
            #expect(
                TestSupport.compareSnapshot(grid.styleMask(Self.legend), named: name + ".styles") == nil,
                sourceLocation: sourceLocation)
        }
    }

    @Test func normal() {
        var state = Fixtures.sampleState()
        state.press(.character("j"), .character("j"))
        check(state, "normal-100x30", mask: true)
    }

    /// Named speakers, two marks (● in the gutter), a quote (a bar beside
    /// it), a selection under way and the side pane's marks and quotes.
    @Test func notes() {
        var state = Fixtures.state(
            Fixtures.sampleTranscript, files: [TestSupport.samplePath], width: 100, height: 30, colors: .extended,
            topics: Fixtures.sampleTopics, notes: OpenedNotes(path: "/tmp/hark-tests/snapshot.hark.toml"))
        state.press(.character("s"))
        state.type("Lukas Biewald")
        state.press(.enter, .character("j"), .character("j"), .character("S"))
        state.type("Sarah Catanzaro")
        state.press(.enter, .character("m"))
        state.type("first answer")
        state.press(.enter, .character("j"), .character("j"), .character("m"), .enter)
        state.press(.character("j"), .character("v"), .character("j"), .character("y"))
        state.press(.character("j"), .character("j"), .character("v"), .character("j"))
        check(state, "notes-100x30", mask: true)
    }

    @Test func searchWithHighlights() {
        var state = Fixtures.sampleState()
        state.press(.character("/"))
        state.type("the")
        check(state, "search-typing-100x30", mask: true)
        state.press(.enter, .character("n"))
        check(state, "search-kept-100x30", mask: true)
    }

    @Test func keywordsInSeveralColours() {
        var state = Fixtures.sampleState()
        state.submit(.highlight, text: "AI")
        state.submit(.highlight, text: "data")
        state.submit(.jump, text: "2:00")
        check(state, "keywords-100x30", mask: true)
    }

    @Test func jumpPrompt() {
        var state = Fixtures.sampleState()
        state.press(.character(":"))
        state.type("1:02:03")
        check(state, "jump-prompt-100x30")
        state.press(.enter)
        check(state, "jumped-100x30")
    }

    @Test func help() {
        var state = Fixtures.sampleState()
        state.press(.character("?"))
        check(state, "help-100x30")
    }

    @Test func sidePaneFocus() {
        var state = Fixtures.conversationState(width: 100, height: 20)
        state.submit(.highlight, text: "data")
        state.press(.tab, .character("j"))
        check(state, "side-pane-focus-100x20", mask: true)
    }

    @Test func conversationWithSpeakersWideCharactersAndNonSpeech() {
        var state = Fixtures.conversationState(width: 72, height: 16)
        state.press(.character("j"), .character("j"), .character("j"))
        check(state, "conversation-72x16", mask: true)
    }

    @Test func estimatedTimesAreMarked() {
        var state = Fixtures.markdownState()
        check(state, "estimated-80x24")
        // A jump works on the estimated times, and the status bar marks them.
        state.submit(.jump, text: "1:35")
        check(state, "estimated-jumped-80x24")
    }

    @Test func narrowTerminal() {
        var state = Fixtures.sampleState(width: 60, height: 15)
        state.press(.character("G"))
        check(state, "narrow-60x15")
    }

    @Test func smallestTerminal() {
        var state = Fixtures.sampleState(width: 20, height: 5)
        check(state, "tiny-20x5")
        state.press(.character("j"), .character(" "), .character("?"))
        check(state, "tiny-help-20x5")
    }

    @Test func noColour() {
        var state = Fixtures.sampleState(colors: .none)
        state.submit(.highlight, text: "AI")
        state.submit(.search, text: "the")
        check(state, "no-colour-100x30", mask: true)
        // Without colours, highlights still show, through attributes.
        let grid = ReaderScreen.render(state)
        #expect(grid.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
        #expect(grid.cells.contains { $0.style.reverse })
        #expect(grid.cells.contains { $0.style.underline })
        #expect(grid.cells.contains { $0.style.bold })
    }

    @Test func everySizeDownTo20x5Renders() {
        for width in stride(from: 20, through: 120, by: 7) {
            for height in stride(from: 5, through: 40, by: 5) {
                var state = Fixtures.conversationState(width: width, height: height)
                state.press(.character("G"), .character("?"))
                _ = ReaderScreen.render(state)
                state.press(.escape, .character("/"))
                state.type("a")
                let grid = ReaderScreen.render(state)
                #expect(grid.size == Size(width: width, height: height))
            }
        }
    }
}
