import Foundation
import HarkCore
import HarkReader
import HarkTestSupport
import HarkTopics
import ReaderState
import TerminalKit

/// States to test with.
enum Fixtures {
    static let sampleTranscript: Transcript = try! TestSupport.sample()

    /// The sample with the topics of its topics file, as `hark` opens it.
    static let sampleDefinitions: [TopicDefinition] = try! TopicsFile.load(
        path: TestSupport.samplePath.replacingOccurrences(of: ".whisper.txt", with: ".topics.toml"))

    /// The sample's topics and chapters, found once for all tests.
    static let sampleTopics = FoundTopics.find(
        in: sampleTranscript, folded: FoldedText(sampleTranscript, caseSensitive: false), definitions: sampleDefinitions)

    nonisolated(unsafe) private static var lastID = 0
    private static let idLock = NSLock()

    /// A document as the runner makes one, with an id of its own.
    static func document(
        _ transcript: Transcript, definitions: [TopicDefinition]? = nil, notes: OpenedNotes = OpenedNotes(path: nil),
        audioPath: String? = nil
    ) -> CachedDocument {
        let id = idLock.withLock {
            lastID += 1
            return lastID
        }
        return CachedDocument(transcript, id: DocumentID(id), topicDefinitions: definitions, notes: notes, audioPath: audioPath)
    }

    /// A state as the reader opens it, with `topics` arriving as the event
    /// the runner sends once they are found.
    static func state(
        _ transcript: Transcript, files: [String], width: Int, height: Int, colors: ColorSupport, topics: FoundTopics?,
        notes: OpenedNotes = OpenedNotes(path: nil)
    ) -> ReaderState {
        let document = document(transcript, notes: notes)
        var (state, _) = ReaderState.opening(
            document, files: files, size: Size(width: width, height: height), colorSupport: colors)
        if let topics { _ = state.handle(.topicsFound(document.id, topics)) }
        return state
    }

    /// The sample as the reader shows it once its topics are found
    /// (`topicsFound: false`, while they are still being found).
    static func sampleState(width: Int = 100, height: Int = 30, colors: ColorSupport = .extended, topicsFound: Bool = true)
        -> ReaderState
    {
        state(
            sampleTranscript, files: [TestSupport.samplePath], width: width, height: height, colors: colors,
            topics: topicsFound ? sampleTopics : nil)
    }

    /// A small conversation with named speakers, a marked change, non-speech,
    /// wide characters and combining marks.
    static let conversation = Transcript(
        source: "talk.json", format: .diarizedJSON,
        segments: [
            Segment(start: 0, end: 2000, text: "[MUSIC]"),
            Segment(start: 2000, end: 6000, speaker: "Sarah", text: "Welcome to the show about large language models."),
            Segment(start: 6000, end: 9000, speaker: "Sarah", text: "Today we talk about structured data."),
            Segment(start: 9000, end: 12000, speaker: "Lukas", text: "Thanks. I spent a year in 東京 at a café, naïve as I was."),
            Segment(start: 12000, end: 15000, speaker: "Lukas", text: "Language"),
            Segment(start: 15000, end: 18000, speaker: "Lukas", text: "models everywhere, and e\u{301}lan."),
            Segment(start: 20500, end: 24000, text: "Somebody else cuts in.", speakerChange: true),
        ])

    static let conversationTopics = FoundTopics.find(
        in: conversation, folded: FoldedText(conversation, caseSensitive: false), definitions: nil)

    static func conversationState(width: Int = 80, height: Int = 20, colors: ColorSupport = .extended) -> ReaderState {
        state(conversation, files: ["talk.json"], width: width, height: height, colors: colors, topics: conversationTopics)
    }

    /// An edited Markdown transcript with one stamp: the other times are estimated.
    static let markdownEpisode: Transcript = {
        let text = """
            **Daniel Whitenack:** Welcome to another episode. Today we talk about data sets, and how people
            label them for models that read transcripts.

            **Chris Benson:** Thanks, Daniel. I have been looking forward to this one \\[laughter\\].

            \\[01:30\\] Labelling is where most of the time goes, in my experience.

            **Daniel Whitenack:** So what would you tell someone starting out today?

            **Chris Benson:** Start small, and read what you label.

            """
        return try! TranscriptLoader.load(path: TestSupport.write(text, name: "episode.md"))
    }()

    static func markdownState(width: Int = 80, height: Int = 24) -> ReaderState {
        let topics = FoundTopics.find(
            in: markdownEpisode, folded: FoldedText(markdownEpisode, caseSensitive: false), definitions: nil)
        return state(markdownEpisode, files: ["episode.md"], width: width, height: height, colors: .extended, topics: topics)
    }
}

extension ReaderState {
    /// Presses keys, returning the effects of the last one.
    @discardableResult
    mutating func press(_ keys: KeyPress...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = handle(.key(key)) }
        return effects
    }

    /// Does the library's work the effects ask for (a search, a recount) as
    /// the runner does, on the rows loaded now, and hands the results back.
    mutating func doLibraryWork(_ effects: [Effect]) {
        let transcripts = (library?.rows.indices ?? 0..<0).compactMap { index in
            library?.file(index).map { (file: index, transcript: $0.transcript) }
        }
        for effect in effects {
            switch effect {
            case .searchLibrary(let generation, let pattern):
                _ = handle(
                    .librarySearched(
                        generation: generation, results: LibraryWork.search(pattern, in: transcripts),
                        searched: Set(transcripts.map(\.file))))
            case .countLibrary(let generation, let words):
                _ = handle(
                    .libraryCounted(generation: generation, words: words, strips: LibraryWork.count(words, in: transcripts)))
            default: break
            }
        }
    }

    /// Types text, one character a key.
    mutating func type(_ text: String) {
        for character in text { _ = handle(.key(.character(character))) }
    }

    /// Opens a prompt with its key, types `text` and presses Enter.
    @discardableResult
    mutating func submit(_ kind: Prompt.Kind, text: String) -> [Effect] {
        let key: Character =
            switch kind {
            case .search, .librarySearch: "/"
            case .jump: ":"
            case .highlight: "h"
            case .markNote, .quoteNote, .speaker: preconditionFailure("open \(kind) with its key, then type")
            }
        press(.character(key))
        type(text)
        return press(.enter)
    }

    /// Selects the side-pane entry with this title, as a user would: Tab
    /// to the pane if needed, then j until it is selected.
    mutating func selectEntry(titled title: String) throws {
        if focus != .sidePane { press(.tab) }
        if selectedEntry?.title == title { return }
        for _ in 0..<sidePaneEntries.count {
            if selectedEntry?.title == title { return }
            press(.character("k"))
        }
        for _ in 0..<sidePaneEntries.count {
            if selectedEntry?.title == title { return }
            press(.character("j"))
        }
        if selectedEntry?.title != title { throw FixtureError.noEntry(title) }
    }

    /// Selects the first entry that satisfies `matches`.
    mutating func selectEntry(where matches: (SidePaneEntry) -> Bool) throws {
        guard let entry = sidePaneEntries.first(where: matches) else { throw FixtureError.noEntry("(condition)") }
        try selectEntry(titled: entry.title)
    }
}

enum FixtureError: Error { case noEntry(String) }
