import HarkCore
import HarkReader
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// The library screen's state: rows arriving as they load, sorting,
/// opening a file and coming back, and a search of every transcript.
@Suite struct LibraryStateTests {
    static let files = ["/talks/b-conversation.json", "/talks/README.txt", "/talks/sub/a-episode.md", "/talks/broken.srt"]

    static func library(width: Int = 120, height: Int = 24) -> (ReaderState, [Effect]) {
        ReaderState.openingLibrary(
            placeholder: CachedDocument(Transcript(source: "", format: .srt, segments: []), id: DocumentID(0)), files: files,
            size: Size(width: width, height: height), colorSupport: .extended)
    }

    /// Every row loaded as the runner would: a transcript, a file that is not one, two more.
    static func loaded() -> ReaderState {
        var (state, _) = library()
        _ = state.handle(.libraryFileLoaded(index: 0, .transcript(LibraryTranscript(Fixtures.conversation))))
        _ = state.handle(.libraryFileLoaded(index: 1, .skipped))
        _ = state.handle(.libraryFileLoaded(index: 2, .transcript(LibraryTranscript(Fixtures.markdownEpisode))))
        _ = state.handle(.libraryFileLoaded(index: 3, .failed("broken.srt: line 2: no timing line")))
        return state
    }

    func screen(_ state: ReaderState) -> String { ReaderScreen.render(state).text }

    @Test func theFirstScreenIsTheLibraryLoadingInTheBackground() {
        let (state, effects) = Self.library()
        #expect(effects == [.loadLibrary(counting: [])])
        #expect(state.library?.showing == true && !state.fileIsOpen)
        let text = screen(state)
        #expect(text.contains("Library · 4 transcripts"))
        #expect(text.contains("loading 0/4…"))
        #expect(text.contains("b-conversation.json") && text.contains("loading…"))
    }

    @Test func rowsFillAsTheyLoadAndWhatIsNotATranscriptIsLeftOut() {
        let state = Self.loaded()
        let text = screen(state)
        #expect(!text.contains("README"))
        #expect(text.contains("Library · 3 transcripts"))
        #expect(text.contains("sub/a-episode.md") && text.contains("markdown"))
        #expect(text.contains("broken.srt: line 2: no timing line"))
        #expect(text.contains("2 speakers"))
        #expect(!text.contains("loading"))
    }

    @Test func sortingKeepsTheSelectedRow() {
        var state = Self.loaded()
        state.press(.character("j"))  // sub/a-episode.md
        #expect(state.library?.selectedFile == 2)
        state.press(.character("o"))  // by name
        #expect(state.library?.sort == .name)
        #expect(state.library?.order == [0, 3, 2], "by the names shown: b-…, broken…, sub/…")
        #expect(state.library?.selectedFile == 2)
        state.press(.character("o"))  // by duration, longest first; the broken file last
        #expect(state.library?.order.last == 3)
    }

    @Test func enterOpensATranscriptAndLComesBackWhereTheListWas() {
        var state = Self.loaded()
        state.press(.character("j"))
        #expect(state.press(.enter) == [.openFile(index: 2)])
        _ = state.handle(.fileOpened(index: 2, Fixtures.document(Fixtures.markdownEpisode)))
        #expect(state.library?.showing == false && state.fileIsOpen)
        #expect(screen(state).contains("episode.md"))
        #expect(screen(state).contains("[2/3]"), "its place among the transcripts listed")
        state.press(.character("L"))
        #expect(state.library?.showing == true && state.library?.selectedFile == 2)
        // Enter on the file that is open: back to it at once.
        #expect(state.press(.enter).isEmpty)
        #expect(state.library?.showing == false)
        state.press(.character("L"), .escape)
        #expect(state.library?.showing == false, "Esc goes back to the open file")
    }

    @Test func enterOnARowThatCouldNotBeReadSaysWhy() {
        var state = Self.loaded()
        state.press(.character("G"))
        #expect(state.press(.enter).isEmpty)
        #expect(state.message == "broken.srt: line 2: no timing line")
        state.press(.escape)
        #expect(state.library?.showing == true, "no file is open to go back to")
    }

    @Test func aSearchOfEveryTranscriptListsEachMatchAndEnterLandsOnIt() throws {
        var state = Self.loaded()
        let asked = state.submit(.search, text: "label")
        #expect(state.library?.search == nil && state.message == "searching every transcript for label…")
        #expect(screen(state).contains("Library · 3 transcripts"), "the list stays until the results come")
        state.doLibraryWork(asked)
        let search = try #require(state.library?.search)
        #expect(search.results.count == 3)
        #expect(Set(search.results.map(\.file)) == [2])
        #expect(state.message == "3 matches in 1 transcript")
        let text = screen(state)
        #expect(text.contains("3 matches of \"label\" in 1 transcript"))
        #expect(text.contains("sub/a-episode.md"))
        state.press(.character("j"))
        #expect(state.press(.enter) == [.openFile(index: 2)])
        _ = state.handle(.fileOpened(index: 2, Fixtures.document(Fixtures.markdownEpisode)))
        #expect(state.search?.pattern == "label")
        #expect(state.search?.current == 1)
        #expect(state.cursor == search.results[1].match.segment)
        // Back in the library, the results are where they were; Esc returns to the list.
        state.press(.character("L"))
        #expect(state.library?.search?.selected == 1)
        state.press(.escape)
        #expect(state.library?.search == nil && state.library?.showing == true)
    }

    @Test func highlightsAreCountedInEveryRow() throws {
        var state = Self.loaded()
        let asked = state.submit(.highlight, text: "language")
        #expect(asked == [.countLibrary(generation: 1, words: ["language"])])
        #expect(screen(state).contains("counting…"), "old strips are not shown for new words")
        state.doLibraryWork(asked)
        #expect(!screen(state).contains("counting…"))
        let conversation = try #require(state.library?.file(0))
        #expect(conversation.totalMatches == 2)
        #expect(state.library?.file(2)?.totalMatches == 0)
        state.press(.character("o"), .character("o"), .character("o"))  // by matches
        #expect(state.library?.order.first == 0)
        #expect(screen(state).contains("sorted by matches"))
    }

    @Test func colonNPassesOverWhatTheLibraryLeftOut() {
        var state = Self.loaded()
        state.press(.enter)
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Fixtures.conversation)))
        #expect(state.submit(.jump, text: "n") == [.openFile(index: 2)], "README.txt is not a transcript")
    }

    @Test func aRowStillLoadingSaysSo() {
        var (state, _) = Self.library()
        #expect(state.press(.enter).isEmpty)
        #expect(state.message == "b-conversation.json is still loading")
    }

    @Test func onlyTheLastSearchAskedIsShown() throws {
        var state = Self.loaded()
        let first = state.submit(.search, text: "label")
        let second = state.submit(.search, text: "language")
        state.doLibraryWork(second)
        state.doLibraryWork(first)  // arriving late: dropped
        #expect(state.library?.search?.pattern == "language")
    }

    @Test func aRowLoadedAfterTheCountIsCountedAsItArrives() throws {
        var (state, _) = Self.library()
        _ = state.handle(.libraryFileLoaded(index: 2, .transcript(LibraryTranscript(Fixtures.markdownEpisode))))
        let asked = state.submit(.highlight, text: "language")
        state.doLibraryWork(asked)
        // Loaded by the runner before it heard of the new word: counted on arrival.
        _ = state.handle(.libraryFileLoaded(index: 0, .transcript(LibraryTranscript(Fixtures.conversation))))
        #expect(state.library?.file(0)?.counted == ["language"])
        #expect(state.library?.file(0)?.totalMatches == 2)
    }

    @Test func aSearchWhileRowsLoadNamesWhatWasNotSearched() throws {
        var (state, _) = Self.library()
        _ = state.handle(.libraryFileLoaded(index: 2, .transcript(LibraryTranscript(Fixtures.markdownEpisode))))
        state.doLibraryWork(state.submit(.search, text: "label"))
        #expect(state.library?.search?.results.count == 3)
        #expect(state.library?.search?.unsearched == 3)
        #expect(state.message == "3 matches in 1 transcript (3 still loading, not searched)")
    }

    @Test func nAndNAtAFilesEndsGoOnToTheOtherFilesMatches() throws {
        var state = Self.loaded()
        state.doLibraryWork(state.submit(.search, text: "today"))
        let results = try #require(state.library?.search?.results)
        #expect(results.map(\.file) == [0, 2, 2])
        state.press(.character("G"))
        #expect(state.press(.enter) == [.openFile(index: 2)])
        _ = state.handle(.fileOpened(index: 2, Fixtures.document(Fixtures.markdownEpisode)))
        #expect(state.search?.current == 1, "the file's last match")
        // n past the last file's last match: round to the first file.
        #expect(state.press(.character("n")) == [.openFile(index: 0)])
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Fixtures.conversation)))
        #expect(state.cursor == results[0].match.segment)
        #expect(state.message?.contains("search wrapped round the library") == true)
        #expect(state.library?.search?.selected == 0, "the library's results follow")
        // n past its only match: the next file's first.
        #expect(state.press(.character("n")) == [.openFile(index: 2)])
        _ = state.handle(.fileOpened(index: 2, Fixtures.document(Fixtures.markdownEpisode)))
        #expect(state.cursor == results[1].match.segment && state.search?.current == 0)
        // N before the first match: the previous file's last.
        #expect(state.press(.character("N")) == [.openFile(index: 0)])
        _ = state.handle(.fileOpened(index: 0, Fixtures.document(Fixtures.conversation)))
        #expect(state.cursor == results[0].match.segment)
        // A search of the file's own wraps within it.
        state.submit(.search, text: "structured")
        #expect(state.press(.character("n")).isEmpty)
        #expect(state.message == "search wrapped to the start")
    }
}
