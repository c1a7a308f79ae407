import HarkCore
import HarkReader
import HarkTestSupport
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// What a new user hit, each fixed: help that scrolls, hints that are
/// whole, a reading measure, keys that say they do nothing, warnings,
/// 100% at the end, colours that never repeat a topic's.
struct NewUserTests {
    private func statusBar(_ state: ReaderState) -> String {
        let lines = ReaderScreen.render(state).text.split(separator: "\n")
        return String(lines[state.layout.statusBar.y].dropLast())  // the row's closing `|`
    }

    @Test func helpScrollsAndSaysHow() {
        var state = Fixtures.sampleState(width: 80, height: 24)
        state.press(.character("?"))
        var screen = ReaderScreen.render(state).text
        #expect(screen.contains("j/k Space b scroll  q closes"))
        #expect(screen.contains("1–22 of "))
        #expect(!screen.contains("close (so does any other key)"))
        state.press(.character("G"))
        screen = ReaderScreen.render(state).text
        #expect(screen.contains("close (so does any other key)"))
        #expect(screen.contains("hold Shift"))
        state.press(.character("k"))
        #expect(state.overlay?.scroll == (state.overlay?.maximumScroll ?? -1) - 1)
        state.press(.character(" "))
        #expect(state.overlay?.scroll == (state.overlay?.maximumScroll ?? -1))
        state.press(.character("q"))
        #expect(state.overlay == nil)
        // Any other key closes it and does nothing else.
        state.press(.character("?"), .character("x"))
        #expect(state.overlay == nil && state.cursor == 0)
    }

    @Test(arguments: [40, 52, 60, 70, 80, 100, 200])
    func statusHintsAreWholeOrLeftOut(width: Int) {
        let bar = statusBar(Fixtures.sampleState(width: width, height: 24))
        // The sample has no audio beside it: no audio hint.
        let words = Keymap.hints(for: .timeline).filter { !$0.command.needsAudio }.map { "\($0.keys) \($0.word)" }
        // The bar ends in a run of whole hints, most needed first, with space before it.
        let count = (0...words.count).last { bar.hasSuffix(words.prefix($0).joined(separator: "  ") + " ") } ?? 0
        let hints = Array(words.prefix(count))
        let before = bar.dropLast(hints.joined(separator: "  ").count + 1)
        #expect(count == 0 || before.hasSuffix("  "), "\(bar)")
        if width >= 60 { #expect(count >= 3, "\(bar)") }
        if width >= 80 { #expect(hints.count >= 4) }
    }

    @Test func theReadingColumnKeepsAMeasureAndThePaneTakesTheRest() {
        let wide = Fixtures.sampleState(width: 200, height: 60)
        #expect(wide.textWidth == ScreenLayout.readingMeasure)
        #expect(wide.layout.sidePane.width >= 80)
        let longest =
            wide.visibleLines().map {
                wide.transcript.string(ofBytes: ($0.runs.first?.bytes.lowerBound ?? 0)..<($0.runs.last?.bytes.upperBound ?? 0))
                    .count
            }.max() ?? 0
        #expect(longest <= 100)
        // The pane's titles are whole at 200 columns.
        let screen = ReaderScreen.render(wide).text
        for chapter in Fixtures.sampleTopics.chapters.prefix(10) { #expect(screen.contains(chapter.title)) }
        // Without the pane, the text still keeps the measure.
        var hidden = wide
        hidden.press(.character("T"))
        #expect(hidden.textWidth == ScreenLayout.readingMeasure)
        // At 100 columns, as before.
        #expect(Fixtures.sampleState(width: 100, height: 30).layout.sidePane.width == 33)
    }

    @Test(arguments: ["z", "o", "e", "w"])
    func aKeyThatDoesNothingSaysSo(key: Character) {
        var state = Fixtures.sampleState()
        state.press(.character(key))
        #expect(state.message == "\(key) is not bound to anything here: ? lists the keys")
        #expect(ReaderScreen.render(state).text.contains("? lists the keys"))
    }

    @Test func loadWarningsAreSaidAndListed() throws {
        let path = TestSupport.write(
            "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:99,000 --> 00:01:03,000\nBad.\n\n3\n00:00:04,000 --> 00:00:05,000\nWorld.\n",
            name: "warned.srt")
        let transcript = try TranscriptLoader.load(path: path)
        #expect(transcript.warnings.count == 1)
        var (state, _) = ReaderState.opening(
            Fixtures.document(transcript), files: [path], size: Size(width: 100, height: 30), colorSupport: .extended)
        #expect(state.message == "1 warning while loading: W lists them")
        var screen = ReaderScreen.render(state).text
        #expect(screen.contains("1 warning (W)"))
        state.press(.character("W"))
        screen = ReaderScreen.render(state).text
        #expect(screen.contains("warnings while loading"))
        #expect(screen.contains("line 6"))
        #expect(screen.contains("minutes or seconds past 59; cue skipped"))
        // A clean file says so.
        var clean = Fixtures.sampleState()
        clean.press(.character("W"))
        #expect(clean.overlay == nil)
        #expect(clean.message == "no warnings: the file loaded cleanly")
    }

    @Test func theEndIsAHundredPercent() {
        var state = Fixtures.sampleState()
        state.press(.character("G"))
        #expect(statusBar(state).contains("1:16:22  100%") || statusBar(state).contains("100%"))
        state.press(.character("k"))
        #expect(!statusBar(state).contains("100%"))
    }

    @Test(arguments: [ColorSupport.basic, .extended])
    func highlightsNeverShareATopicsColour(support: ColorSupport) {
        // The sample's topics, and a file naming the colours keywords would take first.
        for names in [[nil, nil, nil], ["magenta", "yellow", nil], [String?](repeating: nil, count: 6)] as [[String?]] {
            let theme = Theme(support: support, topicColorNames: names)
            let topics = Set(names.indices.compactMap { theme.topic($0).foreground })
            for k in 0..<ReaderState.maximumHighlights {
                let colour = theme.keyword(k).foreground
                #expect(
                    colour.map { !topics.contains($0) } ?? true,
                    "keyword \(k) \(String(describing: colour)) with topics \(topics)")
                #expect(theme.keyword(k).underline)
            }
        }
    }

    @Test func mKeyHandsTheMouseToTheTerminalAndBack() {
        var state = Fixtures.sampleState()
        #expect(state.press(.character("M")) == [.captureMouse(false)])
        #expect(statusBar(state).contains("mouse off"))
        #expect(state.press(.character("M")) == [.captureMouse(true)])
    }

    @Test func f1OpensHelpAndAKeyWithNoMeaningSaysSo() {
        var state = Fixtures.sampleState()
        state.press(.function(1))
        #expect(state.overlay?.kind == .help)
        state.press(.character("q"))
        state.press(.other("Insert"))
        #expect(state.message == "Insert is not bound to anything here: ? lists the keys")
    }

    @Test func helpTakesTheWholeWidthOfAnEightyColumnTerminal() {
        var state = Fixtures.sampleState(width: 80, height: 24)
        state.press(.character("?"))
        #expect(state.overlay?.layout.box == Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(ReaderScreen.render(state).text.split(separator: "\n").first?.hasSuffix("┐|") == true)
    }
}

/// Files opened with `:n` and `:p` arrive as events, maybe after the user has moved on.
struct FileSwitchingTests {
    private func threeFiles() -> ReaderState {
        Fixtures.state(
            Fixtures.conversation, files: ["a.json", "b.json", "c.json"], width: 80, height: 20, colors: .extended, topics: nil)
    }

    @Test func colonNTwiceGoesTwoFilesOnAndColonPGoesBackToTheOpenOne() {
        var state = threeFiles()
        #expect(state.submit(.jump, text: "n") == [.openFile(index: 1)])
        #expect(state.submit(.jump, text: "n") == [.openFile(index: 2)])
        #expect(state.submit(.jump, text: "p") == [.openFile(index: 1)])
        #expect(state.submit(.jump, text: "p") == [])  // back to the file that is open: nothing to load
        #expect(state.message == "1/3: a.json")
        // The file loaded meanwhile is no longer wanted.
        _ = state.handle(.fileOpened(index: 1, Fixtures.document(Fixtures.conversation)))
        #expect(state.fileIndex == 0)
    }

    @Test func aSearchTypedWhileAFileLoadsGoesOnInTheNewFile() {
        var state = threeFiles()
        state.submit(.jump, text: "n")
        state.press(.character("/"))
        state.type("caf")
        let second = Fixtures.document(
            Transcript(source: "b.json", format: .srt, segments: [Segment(start: 0, end: 1000, text: "A café, again.")]))
        _ = state.handle(.fileOpened(index: 1, second))
        #expect(state.fileIndex == 1)
        #expect(state.prompt?.kind == .search)
        #expect(state.prompt?.text == "caf")
        #expect(state.search?.pattern == "caf")
        #expect(state.matchCounter == "1/1")
        // And the next keys still type into it rather than running commands.
        state.type("e")
        #expect(state.prompt?.text == "cafe")
    }

    @Test func helpOpenWhileAFileLoadsStaysOpen() {
        var state = threeFiles()
        state.submit(.jump, text: "n")
        state.press(.character("?"))
        _ = state.handle(.fileOpened(index: 1, Fixtures.document(Fixtures.conversation)))
        #expect(state.overlay?.kind == .help)
    }

    @Test func clearingTheSelectedKeywordSelectsNothingRatherThanATopic() throws {
        var state = Fixtures.sampleState()
        state.submit(.highlight, text: "data")
        try state.selectEntry(titled: "data")
        state.press(.character("H"))
        #expect(state.selection == nil)
        #expect(state.markedPassages == nil)
    }
}
