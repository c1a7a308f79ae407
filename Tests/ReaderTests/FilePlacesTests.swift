import HarkCore
import HarkReader
import ReaderState
import TerminalKit
import Testing

/// `:n` and `:p` come back to a file as it was left: place, search,
/// highlights, the side pane's selection (issue 12: the reader used to
/// forget them all).
@Suite struct FilePlacesTests {
    static let files = ["one.json", "two.json"]

    /// Two files of the same transcript (the conversation; the sample, whose topics the pane lists).
    static func twoFiles(sample: Bool = false) -> ReaderState {
        let (transcript, topics) = content(sample: sample)
        var state = ReaderState.opening(
            Fixtures.document(transcript), files: files, size: Size(width: 100, height: 30), colorSupport: .extended
        ).0
        _ = state.handle(.topicsFound(state.document.id, topics))
        return state
    }

    static func content(sample: Bool) -> (Transcript, FoundTopics) {
        sample ? (Fixtures.sampleTranscript, Fixtures.sampleTopics) : (Fixtures.conversation, Fixtures.conversationTopics)
    }

    /// `:n` or `:p`, and the file arriving as the runner would load it, topics found after.
    static func switchTo(_ index: Int, _ state: inout ReaderState, sample: Bool = false, topicsArrive: Bool = true) {
        let effects = state.submit(.jump, text: index > state.fileIndex ? "n" : "p")
        #expect(effects.contains(.openFile(index: index)))
        let (transcript, topics) = content(sample: sample)
        let document = Fixtures.document(transcript)
        _ = state.handle(.fileOpened(index: index, document))
        if topicsArrive { _ = state.handle(.topicsFound(document.id, topics)) }
    }

    @Test func aFileComesBackWhereItWasLeftWithItsSearchAndHighlights() {
        var state = Self.twoFiles()
        state.submit(.highlight, text: "café")
        state.submit(.search, text: "language")
        state.press(.character("n"))
        let cursor = state.cursor
        let search = state.search
        #expect(cursor > 0)

        Self.switchTo(1, &state)
        #expect(state.fileIndex == 1)
        #expect(state.cursor == 0 && state.search == nil, "a file opened for the first time starts at its start")
        #expect(state.highlights == ["café"], "and takes the highlights")
        state.submit(.highlight, text: "élan")
        state.press(.character("G"))
        let secondCursor = state.cursor

        Self.switchTo(0, &state)
        #expect(state.cursor == cursor)
        #expect(state.search == search)
        #expect(state.matchCounter == "2/\(state.document.matches(of: SearchQuery("language")).count)")
        #expect(state.highlights == ["café"], "its own highlights, not the other file's")

        Self.switchTo(1, &state)
        #expect(state.cursor == secondCursor)
        #expect(state.highlights == ["café", "élan"])
    }

    @Test func theSidePaneSelectionComesBackOnceTopicsAreFoundAgain() throws {
        var state = Self.twoFiles(sample: true)
        let topic = try #require(Fixtures.sampleTopics.topics.first?.definition.name)
        try state.selectEntry(titled: topic)
        let selected = state.selection
        state.press(.enter)  // the topic opens its passages
        #expect(state.expandedTopic == topic)

        Self.switchTo(1, &state, sample: true)
        #expect(state.expandedTopic == nil)
        Self.switchTo(0, &state, sample: true, topicsArrive: false)
        #expect(state.selection == nil, "nothing to select until the topics are found")
        // Topics are found again off the loop: the selection waits for them.
        _ = state.handle(.topicsFound(state.document.id, Fixtures.sampleTopics))
        #expect(state.selection == selected)
        #expect(state.expandedTopic == topic)
        #expect(state.sidePaneEntries.contains { if case .passage = $0.kind { true } else { false } })
    }

    @Test func aSelectionMadeWhileTopicsAreFoundIsNotOverridden() throws {
        var state = Self.twoFiles(sample: true)
        let topic = try #require(Fixtures.sampleTopics.topics.first?.definition.name)
        try state.selectEntry(titled: topic)
        Self.switchTo(1, &state, sample: true)
        Self.switchTo(0, &state, sample: true, topicsArrive: false)
        if state.focus != .sidePane { state.press(.tab) }
        state.press(.character("j"))  // "speaker changes": listed before any topic is found
        let chosen = state.selection
        #expect(chosen != nil)
        _ = state.handle(.topicsFound(state.document.id, Fixtures.sampleTopics))
        #expect(state.selection == chosen)
    }
}
