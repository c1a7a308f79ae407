import HarkCore
import HarkReader
import HarkTestSupport
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

struct MovementTests {
    @Test func jAndKMoveTheCursorOneSegment() {
        var state = Fixtures.sampleState()
        state.press(.character("j"), .character("j"), .down)
        #expect(state.cursor == 3)
        state.press(.character("k"), .up)
        #expect(state.cursor == 1)
        state.press(.up, .up, .up)
        #expect(state.cursor == 0)
    }

    @Test func gAndGGoToTheEnds() {
        var state = Fixtures.sampleState()
        state.press(.character("G"))
        #expect(state.cursor == 924)
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == 924 } })
        state.press(.home)
        #expect(state.cursor == 0)
        #expect(state.top == ViewAnchor(block: 0, line: 0))
        state.press(.end)
        #expect(state.cursor == 924)
    }

    @Test func spacePagesAndBGoesBack() {
        var state = Fixtures.sampleState()
        let firstScreen = state.visibleLines()
        state.press(.character(" "))
        let secondScreen = state.visibleLines()
        // One line of context is kept.
        #expect(secondScreen.first == firstScreen.last)
        #expect(state.cursor > 0)
        #expect(secondScreen.contains { $0.runs.contains { $0.segment == state.cursor } })
        state.press(.character("b"))
        #expect(state.visibleLines() == firstScreen)
        state.press(.pageDown, .control("f"), .pageUp, .control("b"))
        #expect(state.visibleLines() == firstScreen)
    }

    @Test func halfPagesMoveViewAndCursorTogether() {
        var state = Fixtures.sampleState()
        state.press(.control("d"))
        let afterDown = state.cursor
        #expect(afterDown > 0)
        state.press(.control("u"))
        #expect(state.cursor < afterDown)
        #expect(state.top == ViewAnchor(block: 0, line: 0))
    }

    @Test func bracesMoveByParagraph() {
        var state = Fixtures.sampleState()
        state.press(.character("}"))
        #expect(state.cursor == 1)  // [MUSIC] is a paragraph of its own
        state.press(.character("}"))
        #expect(state.cursor == 7)  // the `>>` turn
        state.press(.character("j"), .character("{"))
        #expect(state.cursor == 7)
        state.press(.character("{"))
        #expect(state.cursor == 1)
    }

    @Test func rawModeShowsOneSegmentALineWithItsTime() {
        var state = Fixtures.sampleState()
        state.press(.character("j"), .character("j"), .character("r"))
        #expect(state.raw)
        // Each segment is a block of its own, its first line timed; long ones wrap.
        let firsts = state.visibleLines().filter { $0.lineInBlock == 0 }
        #expect(firsts.allSatisfy { $0.time != nil && $0.runs.count == 1 })
        #expect(firsts.map(\.block) == Array(firsts[0].block..<(firsts[0].block + firsts.count)))
        #expect(firsts.map { $0.runs[0].segment } == firsts.map(\.block))
        #expect(firsts.contains { $0.runs[0].segment == 2 })
        state.press(.character("r"))
        #expect(!state.raw)
    }

    @Test func resizingKeepsTheCursorOnScreen() {
        var state = Fixtures.sampleState()
        for _ in 0..<40 { state.press(.character("j")) }
        _ = state.handle(.resize(Size(width: 40, height: 8)))
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == 40 } })
        _ = state.handle(.resize(Size(width: 20, height: 5)))
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == 40 } })
        _ = state.handle(.resize(Size(width: 200, height: 60)))
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == 40 } })
    }

    @Test func quitSuspendAndControlC() {
        var state = Fixtures.sampleState()
        #expect(state.press(.character("q")) == [.quit])
        #expect(state.press(.control("c")) == [.quit])
        #expect(state.press(.control("z")) == [.suspend])
    }
}

struct SearchInTheReaderTests {
    @Test func incrementalSearchMovesToTheFirstMatchAndEnterKeepsIt() {
        var state = Fixtures.sampleState()
        state.press(.character("/"))
        state.type("languag")
        #expect(state.search?.pattern == "languag")
        let first = state.cursor
        #expect(Fixtures.sampleTranscript.text(of: first).lowercased().contains("languag"))
        state.type("e model")
        state.press(.enter)
        #expect(state.prompt == nil)
        #expect(state.matchCounter == "1/4")
        #expect(Fixtures.sampleTranscript.text(of: state.cursor).contains("large language models"))
    }

    @Test func escapeGoesBackToWhereTheSearchStarted() {
        var state = Fixtures.sampleState()
        state.press(.character("j"), .character("/"))
        state.type("structured")
        #expect(state.cursor != 1)
        state.press(.escape)
        #expect(state.cursor == 1)
        #expect(state.search == nil)
        #expect(state.top == ViewAnchor(block: 0, line: 0))
    }

    @Test func nAndNWrapAroundWithAMessage() {
        var state = Fixtures.sampleState()
        state.submit(.search, text: "language model")
        #expect(state.matchCounter == "1/4")
        state.press(.character("n"), .character("n"), .character("n"))
        #expect(state.matchCounter == "4/4")
        state.press(.character("n"))
        #expect(state.matchCounter == "1/4")
        #expect(state.message == "search wrapped to the start")
        state.press(.character("N"))
        #expect(state.matchCounter == "4/4")
        #expect(state.message == "search wrapped to the end")
    }

    @Test func aPhraseAcrossSegmentsIsFoundAtItsStart() {
        var state = Fixtures.conversationState()
        state.submit(.search, text: "language models everywhere")
        #expect(state.cursor == 4)
        #expect(state.matchCounter == "1/1")
    }

    @Test func smartCaseAndDiacritics() {
        var state = Fixtures.conversationState()
        state.submit(.search, text: "cafe")
        #expect(state.cursor == 3)
        state.submit(.search, text: "Language")
        #expect(state.matchCounter == "1/1")
    }

    @Test func nWithoutASearchSaysSo() {
        var state = Fixtures.sampleState()
        state.press(.character("n"))
        #expect(state.message == "no search yet: / searches")
        state.submit(.search, text: "zzzzqqq")
        #expect(state.message == "pattern not found: zzzzqqq")
        #expect(state.cursor == 0)
    }
}

struct JumpTests {
    @Test(arguments: [
        ("1:02:03", Int64(3_723_000)), ("62:03", 3_723_000), ("3723s", 3_723_000), ("90m", 4_582_520),
        ("50%", 2_291_260),
    ])
    func jumpsToTheSegmentBeingSpoken(input: String, time: Int64) {
        var state = Fixtures.sampleState()
        state.submit(.jump, text: input)
        let t = Fixtures.sampleTranscript
        #expect(t.start(of: state.cursor) <= time)
        #expect(state.cursor == t.segments.count - 1 || t.start(of: state.cursor + 1) > time)
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == state.cursor } })
    }

    @Test func relativeJumps() {
        var state = Fixtures.sampleState()
        state.submit(.jump, text: "10m")
        let at = Fixtures.sampleTranscript.start(of: state.cursor)
        state.submit(.jump, text: "+30s")
        #expect(Fixtures.sampleTranscript.start(of: state.cursor) > at)
        state.submit(.jump, text: "-2m")
        #expect(Fixtures.sampleTranscript.start(of: state.cursor) < at)
    }

    @Test(arguments: ["abc", "5", "1:75:00", "+", "200%"])
    func aBadTimeChangesNothingAndSaysWhy(input: String) {
        var state = Fixtures.sampleState()
        state.press(.character("j"))
        let before = (state.cursor, state.top)
        state.submit(.jump, text: input)
        #expect(state.cursor == before.0 && state.top == before.1)
        #expect(state.message != nil)
    }

    @Test func nAndPSwitchFiles() {
        var state = Fixtures.state(
            Fixtures.conversation, files: ["a.srt", "b.srt"], width: 80, height: 20, colors: .extended, topics: nil)
        state.press(.character(":"))
        state.type("p")
        #expect(state.press(.enter) == [])
        #expect(state.message == "no previous file")
        state.press(.character(":"))
        state.type("n")
        #expect(state.press(.enter) == [.openFile(index: 1)])
        #expect(state.message == "opening b.srt…")
        state.press(.character(":"))
        state.type("n")
        #expect(state.press(.enter) == [])
        #expect(state.message == "no next file")  // counted from the file on its way
    }

    @Test(arguments: [
        ("1:02:03", TimeJump.absolute(3_723_000)), ("62:03", .absolute(3_723_000)), ("3723s", .absolute(3_723_000)),
        ("90m", .absolute(5_400_000)), ("1.5h", .absolute(5_400_000)), ("45%", .percent(45)), ("+30s", .relative(30_000)),
        ("-2m", .relative(-120_000)), ("n", .nextFile), ("p", .previousFile),
    ])
    func parsesEveryTimeForm(input: String, expected: TimeJump) {
        #expect(TimeJump.parse(input) == .success(expected))
    }
}

struct HighlightAndSidePaneTests {
    @Test func highlightsUpToSixKeywordsAndHClears() {
        var state = Fixtures.sampleState()
        for word in ["hype", "data", "model", "MLOps", "tabular", "LLM"] {
            state.submit(.highlight, text: word)
        }
        #expect(state.highlights.count == 6)
        state.submit(.highlight, text: "seventh")
        #expect(state.highlights.count == 6)
        #expect(state.message == "6 keywords at most: H clears them")
        state.press(.character("H"))
        #expect(state.highlights.isEmpty)
    }

    @Test func sidePaneListsSpeakersChangesAndKeywords() {
        var state = Fixtures.conversationState()
        state.submit(.highlight, text: "data")
        let entries = state.sidePaneEntries
        // Too short for topics, and one chapter is not listed.
        #expect(entries.map(\.title) == ["Speakers & keywords", "Sarah", "Lukas", "speaker changes", "data"])
        #expect(entries.map(\.count) == [nil, 1, 1, 1, 1])
        #expect(entries[4].segments == [2])
    }

    @Test func tabFocusesTheSidePaneWhereJKSelectAndEnterJumps() {
        var state = Fixtures.conversationState()
        state.press(.tab)
        #expect(state.focus == .sidePane)
        #expect(state.selection == .speaker("Sarah"))  // the first entry that can be selected
        state.press(.character("j"))
        #expect(state.selection == .speaker("Lukas"))
        state.press(.enter)
        #expect(state.cursor == 3)  // Lukas's first turn
        state.press(.tab)
        #expect(state.focus == .timeline)
    }

    @Test func bracketsStepThroughTheSelectedEntry() throws {
        var state = Fixtures.sampleState()
        // The sample names no speakers; it marks changes of speaker.
        try state.selectEntry(titled: "speaker changes")
        state.press(.tab)  // back to the timeline: ] and [ work anywhere
        let changes = try #require(state.selectedEntry?.segments)
        #expect(changes.count == 6 && changes[0] == 7 && changes[5] == 807)
        state.press(.character("]"))
        #expect(state.cursor == 7)
        state.press(.character("]"))
        #expect(state.cursor == changes[1])
        state.press(.character("["))
        #expect(state.cursor == 7)
        state.press(.character("["))
        #expect(state.cursor == 807)  // wrapped to the last
        #expect(state.message == "speaker changes: on to the last")
    }

    @Test func narrowTerminalsHaveNoSidePane() {
        var state = Fixtures.sampleState(width: 60, height: 15)
        #expect(!state.layout.showsSidePane)
        state.press(.tab)
        #expect(state.focus == .timeline)
        #expect(state.message?.contains("70 columns") == true)
        state.press(.character("T"), .character("T"))
        #expect(state.message?.contains("70 columns") == true)
    }

    @Test func tToggleHidesThePane() {
        var state = Fixtures.sampleState()
        state.press(.character("T"))
        #expect(!state.layout.showsSidePane)
        state.press(.character("T"))
        #expect(state.layout.showsSidePane)
    }
}

struct MouseTests {
    @Test func wheelScrollsAndKeepsTheCursorOnScreen() {
        var state = Fixtures.sampleState()
        for _ in 0..<5 { _ = state.handle(.mouse(.wheelDown, column: 10, row: 10)) }
        #expect(state.top > ViewAnchor(block: 0, line: 0))
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == state.cursor } })
        for _ in 0..<5 { _ = state.handle(.mouse(.wheelUp, column: 10, row: 10)) }
        #expect(state.top == ViewAnchor(block: 0, line: 0))
    }

    @Test func clickingTextMovesTheCursorThere() {
        var state = Fixtures.sampleState()
        // Row 3 is "0:00:03 I think people see…", the second paragraph's first line.
        _ = state.handle(.mouse(.left, column: 20, row: 3))
        #expect(state.cursor == 1)
        _ = state.handle(.mouse(.left, column: 50, row: 4))
        #expect(state.cursor == 2)
    }

    @Test func clickingASidePaneEntrySelectsIt() {
        var state = Fixtures.conversationState(width: 100, height: 20)
        // Below the header: the heading (one row), Sarah (two), then Lukas.
        _ = state.handle(.mouse(.left, column: 80, row: 1 + 1 + 2))
        #expect(state.focus == .sidePane)
        #expect(state.selectedEntry?.title == "Lukas")
        // A heading cannot be selected.
        _ = state.handle(.mouse(.left, column: 80, row: 1))
        #expect(state.selectedEntry?.title == "Lukas")
    }
}

struct KeymapDocumentationTests {
    /// The README's key table is the keymap's, so the two cannot drift.
    @Test func readmeListsExactlyTheKeymap() throws {
        let readme = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- keys: generated from the keymap, checked by a test -->\n"))
        let end = try #require(readme.range(of: "\n<!-- end of keys -->", range: start.upperBound..<readme.endIndex))
        let table = String(readme[start.upperBound..<end.lowerBound])
        if table != Keymap.markdownTable() {
            Issue.record("README key table differs from the keymap; it should read:\n\(Keymap.markdownTable())")
        }
    }

    @Test func everyCommandHasAKey() {
        let bound = Set(
            (Keymap.timeline.bindings + Keymap.sidePane.bindings + Keymap.library.bindings + Keymap.overlay.bindings).map(
                \.command))
        #expect(bound == Set(Command.allCases))
    }

    @Test func helpShowsEveryBinding() {
        var state = Fixtures.sampleState(width: 130, height: 70)
        state.press(.character("?"))
        let text = ReaderScreen.render(state).text
        for row in Keymap.helpRows() { #expect(text.contains(row.summary)) }
    }
}

struct ParagraphAccessTests {
    /// Paragraphs found from any point are the ones found from the start.
    @Test func randomAccessAgreesWithAScanFromTheStart() throws {
        let transcript = Fixtures.sampleTranscript
        let expected = Paragraphs.of(transcript).map(\.segments)
        let document = Fixtures.document(transcript)
        var walked: [Range<Int>] = []
        var start: Int? = 0
        while let block = start {
            walked.append(document.block(block, raw: false)!)
            start = document.nextBlock(after: block, raw: false)
        }
        #expect(walked == expected)
        for segment in stride(from: 0, to: transcript.segments.count, by: 37) {
            let fresh = Fixtures.document(transcript)
            let found = fresh.blockIndex(ofSegment: segment, raw: false)
            #expect(expected.contains { $0.lowerBound == found && $0.contains(segment) })
        }
        let fresh = Fixtures.document(transcript)
        #expect(fresh.previousBlock(before: expected[5].lowerBound, raw: false) == expected[4].lowerBound)
    }
}

struct SearchRefinementTests {
    /// Matches found by narrowing a shorter pattern's are the ones a full search finds.
    @Test(arguments: ["l", "la", "lan", "language", "language m", "language models", "Language", "xyz"])
    func narrowingGivesWhatSearchingGives(pattern: String) {
        let transcript = Fixtures.sampleTranscript
        let document = Fixtures.document(transcript)
        for length in 1...pattern.count { _ = document.matches(of: SearchQuery(String(pattern.prefix(length)))) }
        let narrowed = document.matches(of: SearchQuery(pattern)).map(\.range)
        let full = TextSearch.matches(of: SearchQuery(pattern), in: transcript).map(\.range)
        #expect(narrowed == full)
    }
}
