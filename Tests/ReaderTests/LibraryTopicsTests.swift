import HarkCore
import HarkReader
import HarkTopics
import ReaderState
import TerminalKit
import Testing

@testable import ReaderScreens

/// The library's topics: each transcript's, gathered by name; a strip for
/// those with the most time in every row; `t`, the list of every topic;
/// Enter, a topic's passages in every transcript; Enter again, the file
/// there with the topic open.
@Suite struct LibraryTopicsTests {
    static func passage(_ segments: ClosedRange<Int>, _ start: Milliseconds, _ end: Milliseconds) -> Passage {
        Passage(segments: segments, start: start, end: end, score: 1, hits: 1)
    }

    /// The conversation (0), a file that is not a transcript (1), the
    /// episode (2) and a broken file (3); topics found for 0 and 2.
    static func withTopics() -> ReaderState {
        var state = LibraryStateTests.loaded()
        _ = state.handle(
            .libraryTopicsFound([
                0: .found([
                    LibraryFileTopic(name: "LLM hype", source: .file, passages: [passage(1...1, 2000, 6000)]),
                    LibraryFileTopic(
                        name: "structured data", source: .file, passages: [passage(2...2, 6000, 9000)]),
                ]),
                2: .found([
                    LibraryFileTopic(name: "LLM hype", source: .file, passages: [passage(0...1, 0, 20_000)]),
                    LibraryFileTopic(name: "no passages", source: .file, passages: []),
                ]),
            ]))
        return state
    }

    func screen(_ state: ReaderState) -> String { ReaderScreen.render(state).text }

    @Test func topicsOfTheSameNameAreOneWithTheMostTimeFirst() {
        let topics = Self.withTopics().library?.topics ?? []
        #expect(topics.map(\.name) == ["LLM hype", "structured data"], "a topic without passages is not listed")
        #expect(topics.map(\.transcripts) == [2, 1])
        #expect(topics.map(\.duration) == [24_000, 3000])
    }

    @Test func rowsShowAStripForEachTopicUnderItsName() {
        let state = Self.withTopics()
        let lines = screen(state).split(separator: "\n").map(String.init)
        let header = lines[1]
        #expect(header.contains("transcript") && header.contains("LLM hype") && header.contains("structured data"))
        // The episode discusses the hype from its start; the conversation has a passage at 2–6 s of 24 s.
        let episode = lines.first { $0.contains("a-episode.md") } ?? ""
        let conversation = lines.first { $0.contains("b-conversation.json") } ?? ""
        let hypeColumn = header.range(of: "LLM hype")!.lowerBound.utf16Offset(in: header)
        func cell(_ line: String, _ offset: Int) -> Character { Array(line)[hypeColumn + offset] }
        #expect(cell(episode, 0) != "·")
        #expect(cell(conversation, 0) == "·" && cell(conversation, 2) != "·")
    }

    @Test func aNarrowScreenShowsFewerStripsAndKeepsTheNames() {
        var state = Self.withTopics()
        _ = state.handle(.resize(Size(width: 70, height: 24)))
        var text = screen(state)
        #expect(text.contains("LLM hype") && !text.contains("structured data"), "room for one strip")
        _ = state.handle(.resize(Size(width: 60, height: 24)))
        text = screen(state)
        #expect(!text.contains("LLM hype"))
        #expect(text.contains("b-conversation.json"))
    }

    @Test func tListsTheTopicsEnterTheirPassagesAndEscGoesBack() {
        var state = Self.withTopics()
        state.press(.character("t"))
        var text = screen(state)
        #expect(text.contains("Topics · 2 in 2 transcripts"))
        #expect(text.contains("2 transcripts") && text.contains("from a topics file"))
        state.press(.enter)
        text = screen(state)
        #expect(text.contains("LLM hype: 2 passages in 2 transcripts"))
        #expect(text.contains("b-conversation.json") && text.contains("Welcome to the show"))
        state.press(.escape)
        #expect(screen(state).contains("Topics · 2"))
        state.press(.escape)
        #expect(screen(state).contains("Library · 3 transcripts"))
        state.press(.character("t"), .character("t"))
        #expect(screen(state).contains("Library · 3 transcripts"), "t again: back to the list")
    }

    @Test func enterOnAPassageOpensItsFileThereWithTheTopicOpen() {
        var state = Self.withTopics()
        state.press(.character("t"), .enter)  // LLM hype: the conversation's passage first
        #expect(state.press(.enter) == [.openFile(index: 0)])
        let definitions = [TopicDefinition(name: "LLM hype", keywords: ["large language model*", "language model*"])]
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Fixtures.conversation, definitions: definitions)))
        #expect(state.cursor == 1, "at the passage's first segment")
        #expect(state.expandedTopic == "LLM hype")
        // The file's topics are found off the loop; its passage is selected when they come.
        let found = FoundTopics.find(
            in: Fixtures.conversation, folded: FoldedText(Fixtures.conversation, caseSensitive: false),
            definitions: definitions)
        #expect(found.topics.first?.passages.isEmpty == false)
        _ = state.handle(.topicsFound(state.document.id, found))
        if case .passage(let topic, let first)? = state.selectedEntry?.id {
            #expect(topic == "LLM hype" && first <= 1, "the file's passage where the segment is")
        } else {
            Issue.record("no passage selected: \(state.sidePaneEntries.map(\.title))")
        }
        // L: the library as it was left, at the topic's passages.
        state.press(.character("L"))
        #expect(screen(state).contains("LLM hype: 2 passages in 2 transcripts"))
    }

    /// As `n` past a file's last match of a library search: `]` past its
    /// last passage of a library topic opens the next transcript that
    /// discusses it, at its first passage; `[` goes back to the last.
    @Test func bracketsGoOnThroughTheTopicsPassagesInTheNextTranscript() {
        var state = Self.withTopics()
        state.press(.character("t"), .enter, .enter)  // LLM hype, the conversation's passage
        let definitions = [TopicDefinition(name: "LLM hype", keywords: ["language model*", "model*", "label*"])]
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Fixtures.conversation, definitions: definitions)))
        let found = FoundTopics.find(
            in: Fixtures.conversation, folded: FoldedText(Fixtures.conversation, caseSensitive: false),
            definitions: definitions)
        _ = state.handle(.topicsFound(state.document.id, found))
        let last = found.topics[0].passages.count
        var effects: [Effect] = []
        for _ in 0..<last { effects = state.press(.character("]")) }
        #expect(effects == [.openFile(index: 2)], "past the last passage: the episode, the next that discusses it")
        _ = state.handle(.fileOpened(index: 2, Fixtures.document(Fixtures.markdownEpisode, definitions: definitions)))
        #expect(state.fileIndex == 2 && state.cursor == 0 && state.expandedTopic == "LLM hype")
        // Round the library at its end: back to the conversation, saying so.
        let episodeTopics = FoundTopics.find(
            in: Fixtures.markdownEpisode, folded: FoldedText(Fixtures.markdownEpisode, caseSensitive: false),
            definitions: definitions)
        _ = state.handle(.topicsFound(state.document.id, episodeTopics))
        #expect(!episodeTopics.topics[0].passages.isEmpty, "a passage of its own to go through")
        for _ in 0..<episodeTopics.topics[0].passages.count { effects = state.press(.character("]")) }
        #expect(effects == [.openFile(index: 0)])
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Fixtures.conversation, definitions: definitions)))
        #expect(state.message?.contains("passages wrapped round the library") == true)
    }

    @Test func aBrokenTopicsFileSaysWhyInItsRowAndTheListNamesIt() {
        var state = Self.withTopics()
        _ = state.handle(.libraryTopicsFound([2: .failed("a-episode.topics.toml:2: a topic needs keywords")]))
        let text = screen(state)
        let episode = text.split(separator: "\n").first { $0.contains("a-episode.md") } ?? ""
        #expect(episode.contains("topics: a-episode.topics.toml:2"))
        state.press(.character("t"))
        #expect(screen(state).contains("the topics file of sub/a-episode.md could not be read"))
    }

    @Test func theStatusBarSaysWhereTheSelectionIsInTheTopicsAndPassages() {
        var state = Self.withTopics()
        state.press(.character("t"), .character("j"))
        #expect(screen(state).contains(" topic 2/2"))
        state.press(.character("k"), .enter, .character("j"))
        #expect(screen(state).contains(" passage 2/2"))
        // o sorts the transcripts, not these lists: it says so and changes nothing.
        state.press(.character("o"))
        #expect(state.library?.sort == .given)
        #expect(state.message == "o sorts the list of transcripts: Esc goes back to it")
    }

    @Test func aTopicTakesTheColourItsFileNames() {
        let theme = Theme(support: .extended)
        #expect(theme.libraryTopic(0, colour: "magenta").foreground == .magenta)
        #expect(theme.libraryTopic(0, colour: nil).foreground == theme.libraryTopic(0, colour: "no such colour").foreground)
        #expect(Theme(support: .none).libraryTopic(0, colour: "magenta").foreground == nil)
    }

    @Test func namesTooLongAreCutInTheMiddleKeepingTheirEnd() {
        #expect(LibraryView.fittedName("conversations/bakery.src.txt", width: 22) == "convers…bakery.src.txt")
        #expect(LibraryView.fittedName("short.srt", width: 12) == "short.srt   ")
        #expect(DisplayWidth.of(LibraryView.fittedName("日本語の長いファイル名.whisper.txt", width: 15)) == 15)
    }

    /// Any topic can have a strip: `s` in the topics list chooses it, and
    /// once one is chosen the strips are those chosen.
    @Test func sGivesTheTopicSelectedAStripInEveryRow() {
        var state = Self.withTopics()
        state.press(.character("t"), .character("j"), .character("s"))  // structured data
        #expect(state.library?.stripped == ["structured data"])
        #expect(screen(state).contains("from a topics file · strip"))
        state.press(.escape)
        let header = screen(state).split(separator: "\n")[1]
        #expect(header.contains("structured data") && !header.contains("LLM hype"))
        // Taken away again: the topics with the most time.
        state.press(.character("t"), .character("j"), .character("s"))
        #expect(state.library?.stripped == [])
        state.press(.escape)
        #expect(screen(state).split(separator: "\n")[1].contains("LLM hype"))
        // Outside the topics list, s says where it works.
        state.press(.character("s"))
        #expect(state.message == "s gives a topic a strip: t lists the topics")
    }

    @Test func theListSaysWhileTopicsAreStillBeingFound() {
        var state = LibraryStateTests.loaded()
        state.press(.character("t"))
        #expect(screen(state).contains("Finding each transcript's topics…"))
        #expect(screen(state).contains("finding topics: 0 of 2 so far…"))
    }
}
