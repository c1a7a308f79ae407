import HarkCore
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// Topics and chapters in the side pane: listed with their passages,
/// opened with Enter, stepped through with `]` and `[`, marked in the gutter.
struct TopicPaneTests {
    private func select(_ title: String, in state: inout ReaderState) throws {
        try state.selectEntry(titled: title)
    }

    private static func isChapter(_ entry: SidePaneEntry) -> Bool { if case .chapter = entry.kind { true } else { false } }

    @Test func theSampleListsItsTopicsThenItsChapters() throws {
        let state = Fixtures.sampleState()
        let entries = state.sidePaneEntries
        let found = try #require(state.topics)
        #expect(found.fromFile)
        #expect(Array(entries.prefix(4).map(\.title)) == ["Topics", "LLM hype", "MLOps consolidation", "structured data"])
        for (k, topic) in found.topics.enumerated() {
            #expect(entries[1 + k].count == topic.passages.count)
            #expect(entries[1 + k].segments == topic.passages.map(\.segments.lowerBound))
        }
        #expect(entries[4].title == "Chapters")
        #expect(entries[5].title.hasPrefix("0:00 "))
        #expect(entries.filter { if case .chapter = $0.kind { true } else { false } }.count == found.chapters.count)
    }

    @Test func untilTopicsAreFoundThePaneSaysSo() {
        let state = Fixtures.sampleState(topicsFound: false)
        // No `.topicsFound` event has come yet.
        #expect(state.sidePaneEntries.first?.title == "Finding topics…")
    }

    @Test func enterOpensATopicIntoItsPassagesAndJumpsToOne() throws {
        var state = Fixtures.sampleState()
        state.press(.tab)
        try select("MLOps consolidation", in: &state)
        let closed = state.sidePaneEntries.map(\.title)
        state.press(.enter)
        let passages = try #require(state.topics?.topics[1].passages)
        let titles = state.sidePaneEntries.map(\.title)
        let first = try #require(titles.firstIndex(of: "MLOps consolidation"))
        #expect(titles[first + 1] == "25:20–36:29")
        #expect(titles[first + 2] == "48:33–52:51")
        state.press(.character("j"), .character("j"), .enter)
        #expect(state.cursor == passages[1].segments.lowerBound)
        // Enter on the topic again closes it.
        state.press(.character("k"), .character("k"), .enter)
        #expect(state.sidePaneEntries.map(\.title) == closed)
    }

    @Test func bracketsStepThroughTheSelectedTopicsPassages() throws {
        var state = Fixtures.sampleState()
        try select("LLM hype", in: &state)
        let starts = try #require(state.topics?.topics[0].passages.map(\.segments.lowerBound))
        state.press(.character("]"))
        #expect(state.cursor == starts[0])
        #expect(state.message == "LLM hype: passage 1 of \(starts.count)")
        state.press(.character("]"))
        #expect(state.cursor == starts[1])
        state.press(.character("["), .character("["))
        #expect(state.cursor == starts[starts.count - 1])
        #expect(state.message == "LLM hype: passage \(starts.count) of \(starts.count); on to the last")
    }

    @Test func bracketsStepThroughChaptersWhenOneIsSelected() throws {
        var state = Fixtures.sampleState()
        state.press(.tab)
        let chapters = try #require(state.topics?.chapters)
        try state.selectEntry(where: Self.isChapter)
        state.press(.character("]"))
        #expect(state.cursor == chapters[1].segments.lowerBound)
        state.press(.enter)  // the selected chapter is the first
        #expect(state.cursor == 0)
    }

    @Test func theSelectedTopicsPassagesAreMarkedInTheGutter() throws {
        var state = Fixtures.sampleState()
        try select("structured data", in: &state)
        #expect(state.markedPassages?.topic == 2)
        let first = try #require(state.markedPassages?.passages.first)
        state.press(.character("]"))
        #expect(state.cursor == first.segments.lowerBound)
        let screen = ReaderScreen.render(state).text
        #expect(screen.contains("┃"))
        // A chapter marks nothing.
        try state.selectEntry(where: Self.isChapter)
        #expect(state.markedPassages.map(\.topic) == nil)
        #expect(!ReaderScreen.render(state).text.contains("┃"))
    }

    @Test func thePaneScrollsToKeepTheSelectionInView() throws {
        var state = Fixtures.sampleState(width: 100, height: 12)
        state.press(.tab)
        for _ in 0..<20 { state.press(.character("j")) }
        let entries = state.sidePaneEntries
        let selected = try #require(state.selectedIndex)
        #expect(selected > 12)
        let screen = ReaderScreen.render(state).text
        #expect(screen.contains("›" + entries[selected].title.prefix(10)))
        #expect(!screen.contains("LLM hype"))  // scrolled off the top
        // A click lands on the entry drawn there, scrolled or not.
        let first = SidePaneGeometry.firstVisible(entries, selected: selected, height: state.layout.sidePane.height)
        _ = state.handle(.mouse(.left, column: 90, row: state.layout.sidePane.y))
        #expect(state.selectedIndex == first || !entries[first].isSelectable)
        // Back up to the top, the pane shows the start again.
        for _ in 0..<30 { state.press(.character("k")) }
        #expect(ReaderScreen.render(state).text.contains("LLM hype"))
    }

    @Test func aTranscriptWithNothingToListSaysSo() {
        let transcript = Transcript(source: "t", format: .srt, segments: [Segment(start: 0, end: 1000, text: "Hello there.")])
        let found = FoundTopics.find(in: transcript, folded: FoldedText(transcript, caseSensitive: false), definitions: nil)
        let state = Fixtures.state(transcript, files: ["t"], width: 100, height: 12, colors: .extended, topics: found)
        #expect(state.sidePaneEntries.isEmpty)
        #expect(ReaderScreen.render(state).text.contains("No topics, chapters or"))
    }

    @Test func theGutterBarWaitsUntilTheUserSelectsATopic() throws {
        var state = Fixtures.sampleState()
        #expect(state.selection == nil)
        #expect(state.markedPassages == nil)
        #expect(!ReaderScreen.render(state).text.contains("┃"))
        try select("LLM hype", in: &state)
        #expect(state.markedPassages?.topic == 0)
    }

    @Test func topicsArrivingKeepTheSelectedEntry() throws {
        var state = Fixtures.sampleState(topicsFound: false)
        state.submit(.highlight, text: "data")
        try select("data", in: &state)
        let before = state.selectedEntry
        _ = state.handle(.topicsFound(state.document.id, Fixtures.sampleTopics))
        #expect(state.sidePaneEntries.first?.title == "Topics")
        #expect(state.selectedEntry == before)
        #expect(state.selection == .keyword("data"))
    }

    @Test func topicsForAnotherDocumentAreDropped() {
        var state = Fixtures.sampleState(topicsFound: false)
        _ = state.handle(.topicsFound(DocumentID(-1), Fixtures.sampleTopics))
        #expect(state.topics == nil)
    }
}
