import HarkCore
import HarkNotes
import HarkReader
import HarkTestSupport
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// Marks, quotes and speaker names in the reader: each change shows at once
/// and is asked of the runner as a save; the file's answer is merged in.
@Suite struct NotesStateTests {
    static let notesPath = "/tmp/hark-tests/sample.hark.toml"

    func sample(_ notes: OpenedNotes = OpenedNotes(path: NotesStateTests.notesPath)) -> ReaderState {
        Fixtures.state(
            Fixtures.sampleTranscript, files: [TestSupport.samplePath], width: 100, height: 30, colors: .extended,
            topics: Fixtures.sampleTopics, notes: notes)
    }

    func conversation() -> ReaderState {
        Fixtures.state(
            Fixtures.conversation, files: ["talk.json"], width: 80, height: 20, colors: .extended,
            topics: Fixtures.conversationTopics, notes: OpenedNotes(path: "/tmp/hark-tests/talk.hark.toml"))
    }

    func saved(_ effects: [Effect]) -> [NotesChange] {
        effects.flatMap { effect -> [NotesChange] in
            if case .saveNotes(_, let path, let changes) = effect, path == Self.notesPath { return changes }
            return []
        }
    }

    @Test func mWithANoteMarksTheCursorsSegmentAndSavesIt() throws {
        var state = sample()
        state.press(.character("}"), .character("}"))
        let segment = state.cursor
        state.press(.character("m"))
        #expect(state.prompt?.kind == .markNote(segment: segment, editing: false))
        state.type("hype cycle")
        let effects = state.press(.enter)
        let mark = Mark(segment: segment, start: state.transcript.start(of: segment), note: "hype cycle")
        #expect(saved(effects) == [.setMark(mark)])
        #expect(state.notes.marks == [mark])
        #expect(state.message?.hasPrefix("marked at") == true)
        // Listed in the side pane, with its time and note.
        let entry = try #require(state.sidePaneEntries.first { $0.id == .mark(segment) })
        #expect(entry.title.hasSuffix("hype cycle"))
        #expect(state.sidePaneEntries.contains { $0.kind == .marks && $0.title == "1 mark" })
    }

    @Test func mOnAMarkedSegmentEditsItsNoteAndXRemovesIt() {
        var state = sample()
        state.press(.character("m"))
        state.type("first")
        state.press(.enter)
        state.press(.character("m"))
        #expect(state.prompt?.text == "first")
        #expect(state.prompt?.kind == .markNote(segment: state.cursor, editing: true))
        state.press(.control("u"))
        state.type("second")
        state.press(.enter)
        #expect(state.notes.marks.map(\.note) == ["second"])
        let effects = state.press(.character("x"))
        #expect(saved(effects) == [.removeMark(segment: state.cursor)])
        #expect(state.notes.marks.isEmpty)
        #expect(!state.sidePaneEntries.contains { $0.kind == .marks })
    }

    @Test func escapeAtTheNotePromptMarksNothing() {
        var state = sample()
        state.press(.character("m"))
        state.type("never mind")
        let effects = state.press(.escape)
        #expect(effects.isEmpty)
        #expect(state.notes.marks.isEmpty)
    }

    @Test func bracketsStepThroughMarksWhenNothingIsSelected() {
        var state = sample()
        var marked: [Int] = []
        for _ in 0..<3 {
            for _ in 0..<5 { state.press(.character("}")) }
            marked.append(state.cursor)
            state.press(.character("m"), .enter)
        }
        state.press(.character("g"))
        state.press(.character("]"))
        #expect(state.cursor == marked[0])
        #expect(state.message == "mark 1 of 3")
        state.press(.character("]"))
        #expect(state.cursor == marked[1])
        state.press(.character("["), .character("["))
        #expect(state.cursor == marked[2])  // wrapped round to the last
    }

    @Test func vExtendsASelectionAndYKeepsItAsAQuoteOnTheClipboard() {
        var state = sample()
        state.press(.character("}"))
        let first = state.cursor
        state.press(.character("v"), .character("j"), .character("j"))
        #expect(state.selectedSegments == first...(first + 2))
        let effects = state.press(.character("y"))
        let quote = Quote(segments: first...(first + 2), in: state.transcript)
        #expect(saved(effects) == [.setQuote(quote)])
        #expect(effects.contains(.copyToClipboard(quote.citation(estimated: false))))
        #expect(quote.citation(estimated: false).hasPrefix("“"))
        #expect(quote.text.contains(state.transcript.text(of: first + 1)))
        #expect(state.selectedSegments == nil)
        #expect(state.notes.quotes == [quote])
        #expect(state.message?.contains("quote kept") == true)
    }

    @Test func yWithoutASelectionKeepsTheCursorsParagraph() {
        var state = sample()
        state.press(.character("}"), .character("j"))
        let paragraph = state.document.blockIndex(ofSegment: state.cursor, raw: false)
        let range = state.document.block(paragraph, raw: false)!
        state.press(.character("y"))
        #expect(state.notes.quotes.map(\.segments) == [range.lowerBound...(range.upperBound - 1)])
    }

    @Test func escapeCancelsASelection() {
        var state = sample()
        state.press(.character("v"), .character("j"), .escape)
        #expect(state.selectedSegments == nil)
        state.press(.character("y"))
        #expect(state.notes.quotes.count == 1)  // the paragraph, not the cancelled selection
    }

    @Test func sNamesTheTurnOfAnUnlabelledFileAndOffersTheNameAfter() throws {
        var state = sample()
        // The sample marks only a few changes of speaker (`>>`) and names nobody.
        #expect(state.transcript.speakers.isEmpty)
        let start = state.document.blockIndex(ofSegment: state.cursor, raw: false)
        state.press(.character("s"))
        guard case .speaker(let question) = state.prompt?.kind else { throw FixtureError.noEntry("speaker prompt") }
        #expect(question.target == .turn(segment: start, splitting: false))
        state.type("Lukas Biewald")
        let effects = state.press(.enter)
        #expect(saved(effects) == [.setTurn(TurnEdit(segment: start, speaker: "Lukas Biewald"))])
        #expect(state.transcript.speaker(of: start) == "Lukas Biewald")
        #expect(state.transcript.speakers == ["Lukas Biewald"])
        #expect(state.sidePaneEntries.contains { $0.id == .speaker("Lukas Biewald") })

        // The next turn: one key picks a name already used.
        let changes = state.document.speakerChangeSegments
        let next = try #require(changes.first { $0 > start })
        state.press(.character(":"))
        state.type(TimeFormat.short(state.transcript.start(of: next)))
        state.press(.enter)
        state.press(.character("s"))
        #expect(state.prompt?.kind.symbol.contains("1 Lukas Biewald") == true)
        state.type("Sarah Catanzaro")
        state.press(.enter)
        state.press(.character("s"))
        #expect(state.prompt?.kind.symbol.contains("2 Sarah Catanzaro") == true)
        let effectsOfOneKey = state.press(.character("1"))
        #expect(state.prompt == nil)
        #expect(saved(effectsOfOneKey).count == 1)
        #expect(state.transcript.speaker(of: state.cursor) == "Lukas Biewald")
    }

    @Test func sOnALabelledTurnNamesTheLabelEverywhere() throws {
        var state = conversation()
        state.press(.character("j"))  // Sarah's first segment
        state.press(.character("s"))
        guard case .speaker(let question) = state.prompt?.kind else { throw FixtureError.noEntry("speaker prompt") }
        #expect(question.target == .label("Sarah"))
        state.type("Sarah Catanzaro")
        let effects = state.press(.enter)
        #expect(
            effects.contains {
                if case .saveNotes(_, _, [.nameSpeaker(label: "Sarah", name: "Sarah Catanzaro")]) = $0 { true } else { false }
            }
        )
        #expect(state.transcript.speaker(of: 1) == "Sarah Catanzaro")
        #expect(state.transcript.speaker(of: 2) == "Sarah Catanzaro")
        #expect(state.transcript.speaker(of: 3) == "Lukas")
        #expect(state.document.fileTranscript.speaker(of: 1) == "Sarah")
    }

    @Test func capitalSSplitsTheParagraphAtTheCursor() {
        var state = sample()
        state.press(.character("j"), .character("j"), .character("j"))
        let cursor = state.cursor
        #expect(state.document.blockIndex(ofSegment: cursor, raw: false) != cursor)
        state.press(.character("S"))
        state.type("Sarah Catanzaro")
        state.press(.enter)
        #expect(state.document.blockIndex(ofSegment: cursor, raw: false) == cursor)
        #expect(state.transcript.speaker(of: cursor) == "Sarah Catanzaro")
        #expect(state.transcript.speaker(of: cursor - 1) == nil)
        // `-` undoes it.
        state.press(.character("S"), .character("-"))
        #expect(state.prompt == nil)
        #expect(state.document.blockIndex(ofSegment: cursor, raw: false) != cursor)
        #expect(state.notes.turns.isEmpty)
    }

    @Test func theFilesAnswerBringsAnotherProcesssMarks() {
        var state = sample()
        let effects = state.press(.character("m"), .enter)
        #expect(saved(effects).count == 1)
        var onDisk = state.notes
        onDisk.apply(.setMark(Mark(segment: 40, start: state.transcript.start(of: 40), note: "from the other window")))
        _ = state.handle(.notesSaved(state.document.id, path: Self.notesPath, onDisk))
        #expect(state.notes == onDisk)
        #expect(state.sidePaneEntries.contains { $0.id == .mark(40) })
    }

    @Test func anAnswerIsNotAdoptedWhileAnotherSaveIsOnItsWay() {
        var state = sample()
        state.press(.character("m"), .enter)
        let afterFirst = state.notes
        state.press(.character("j"), .character("m"), .enter)
        _ = state.handle(.notesSaved(state.document.id, path: Self.notesPath, afterFirst))
        #expect(state.notes.marks.count == 2)
    }

    @Test func anUnwritableFolderKeepsNotesInMemoryAndSaysHowToSaveThem() {
        var state = sample()
        state.press(.character("m"), .enter)
        _ = state.handle(
            .notesNotSaved(
                state.document.id, path: Self.notesPath, reason: "cannot save notes in /tmp/hark-tests: permission denied"))
        #expect(state.message?.contains(":w FILE") == true)
        #expect(state.notesNotSaved != nil)
        // Later changes stay in memory and ask for no save.
        let effects = state.press(.character("j"), .character("m"), .enter)
        #expect(saved(effects).isEmpty)
        #expect(state.notes.marks.count == 2)
        // q is refused once, with how to save; the second goes.
        #expect(state.press(.character("q")) == [])
        #expect(state.message?.contains("not saved") == true)
        #expect(state.press(.character("q")) == [.quit])
    }

    @Test func colonWWritesEverythingToAnotherFile() {
        var state = sample()
        state.press(.character("m"), .enter)
        _ = state.handle(.notesNotSaved(state.document.id, path: Self.notesPath, reason: "permission denied"))
        state.press(.character("j"), .character("m"), .enter)
        state.press(.character(":"))
        state.type("w /tmp/elsewhere.toml")
        let effects = state.press(.enter)
        guard case .saveNotes(_, let path, let changes) = effects.first else {
            Issue.record("no save asked for")
            return
        }
        #expect(path == "/tmp/elsewhere.toml")
        #expect(changes.count == 2)
        _ = state.handle(.notesSaved(state.document.id, path: path, state.notes))
        #expect(state.notesNotSaved == nil)
        #expect(state.message?.contains("saved to /tmp/elsewhere.toml") == true)
        #expect(state.press(.character("q")) == [.quit])
    }

    @Test func aBrokenNotesFileIsNeverWrittenOver() {
        var state = sample(OpenedNotes(path: Self.notesPath, readOnlyReason: "sample.hark.toml:3: expected a value"))
        #expect(state.message?.contains("sample.hark.toml:3") == true)
        let effects = state.press(.character("m"), .enter)
        #expect(saved(effects).isEmpty)
        #expect(state.notes.marks.count == 1)
    }

    @Test func notesReadWithTheFileShowAtOnce() {
        var notes = Notes()
        notes.apply(.setTurn(TurnEdit(segment: 0, speaker: "Lukas Biewald")))
        notes.apply(.setMark(Mark(segment: 12, start: Fixtures.sampleTranscript.start(of: 12), note: "intro")))
        let state = sample(OpenedNotes(path: Self.notesPath, notes: notes))
        #expect(state.transcript.speaker(of: 0) == "Lukas Biewald")
        #expect(state.sidePaneEntries.contains { $0.id == .mark(12) })
    }

    /// Marks and quotes are looked for among the lines on screen, whose
    /// first or last may be a blank line between paragraphs.
    @Test func everyPageDrawsWithMarksAndQuotes() {
        var state = sample()
        state.press(.character("m"), .enter, .character("y"))
        for height in [7, 13, 30] {
            var paged = state
            _ = paged.handle(.resize(Size(width: 100, height: height)))
            for _ in 0..<40 {
                let grid = ReaderScreen.render(paged)
                #expect(!grid.text.isEmpty)
                paged.press(.control("d"))
            }
        }
    }

    @Test func aMarkAndAQuoteOnOneSegmentAreSaidTogether() {
        var state = sample()
        state.press(.character("}"), .character("m"))
        state.type("the start")
        state.press(.enter, .character("y"), .character("g"), .character("]"))
        #expect(state.message?.hasPrefix("mark and quote 1 of 1: the start; “") == true)
    }

    @Test func xInThePaneSelectsTheRowThatTookTheRemovedOnesPlace() throws {
        var state = sample()
        state.press(.character("m"), .enter, .character("}"), .character("m"), .enter)
        let second = state.cursor
        try state.selectEntry { $0.kind == .mark(segment: 0) }
        state.press(.character("x"))
        #expect(state.selection == .mark(second))
    }

    @Test func whileNotSavedEveryChangeSaysSoAndWListsWhy() {
        var state = sample(OpenedNotes(path: Self.notesPath, readOnlyReason: "sample.hark.toml:3: expected a value"))
        #expect(state.message?.hasPrefix("notes not saved, :w FILE saves them") == true)
        state.press(.character("m"), .enter)
        #expect(state.message?.hasSuffix("(in memory only: :w FILE saves)") == true, "\(state.message ?? "")")
        state.press(.character("W"))
        #expect(state.overlay?.lines.first?.key == "notes")
        #expect(ReaderScreen.render(state).text.contains("notes not saved"))
    }

    @Test func aQuoteAcrossTurnsNamesEachSpeaker() {
        var state = conversation()
        state.press(.character("j"), .character("j"), .character("v"), .character("j"), .character("y"))
        let quote = state.notes.quotes.first
        #expect(quote?.speaker == nil)
        #expect(quote?.text.hasPrefix("Sarah: Today we talk") == true)
        #expect(quote?.text.contains(" Lukas: Thanks.") == true)
    }

    @Test func colonWWithoutAFileSaysWhatItWants() {
        var state = sample()
        state.press(.character(":"), .character("w"), .enter)
        #expect(state.message == ":w FILE saves the notes in FILE (give a file name)")
    }
}
