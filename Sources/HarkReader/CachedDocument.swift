import HarkCore
import HarkNotes
import HarkTopics
import ReaderState
import TerminalKit

/// A transcript open in the reader, with what the state asks of it
/// remembered: paragraphs, wrapped lines, search matches. Lives in the
/// runner's layer and is used on the loop's thread only; the one thing work
/// off the loop gives it (folded text) is handed over as a value (`adopt`).
public final class CachedDocument: ReaderDocument {
    public let id: DocumentID
    /// With the user's speaker names applied (see `withSpeakers`).
    public let transcript: Transcript
    public let fileTranscript: Transcript
    /// The topics file's topics, or nil for hark's own.
    public let topicDefinitions: [TopicDefinition]?
    public let openedNotes: OpenedNotes
    public let audioPath: String?
    /// Paragraphs found so far, by first segment.
    private var paragraphs: [Int: Range<Int>] = [:]
    private var wrapCache: [WrapKey: [TimelineLine]] = [:]
    private var wrapCacheOrder: [WrapKey] = []
    private let searchIndex: SearchIndex
    private var searchCache: [SearchQuery: MatchList] = [:]
    private var occurrenceCache: [SearchQuery: [Int]] = [:]
    private var cachedSpeakerTurns: [(String, [Int])]?
    private var cachedChanges: [Int]?

    /// `transcript` as the file has it; the state applies the notes' speakers
    /// with `withSpeakers` when it opens the document.
    public init(
        _ transcript: Transcript, id: DocumentID, topicDefinitions: [TopicDefinition]? = nil,
        notes: OpenedNotes = OpenedNotes(path: nil), audioPath: String? = nil
    ) {
        self.id = id
        self.transcript = transcript
        self.fileTranscript = transcript
        self.topicDefinitions = topicDefinitions
        self.openedNotes = notes
        self.audioPath = audioPath
        searchIndex = SearchIndex(transcript)
    }

    private init(speakers edits: SpeakerEdits, of other: CachedDocument) {
        id = other.id
        fileTranscript = other.fileTranscript
        transcript = other.fileTranscript.applying(edits)
        topicDefinitions = other.topicDefinitions
        openedNotes = other.openedNotes
        audioPath = other.audioPath
        // The text is the same: its folding and matches still hold.
        searchIndex = other.searchIndex
        searchCache = other.searchCache
        occurrenceCache = other.occurrenceCache
    }

    public func withSpeakers(_ edits: SpeakerEdits) -> any ReaderDocument { CachedDocument(speakers: edits, of: self) }

    /// Text folded off the loop for case-insensitive search.
    public func adopt(folded: FoldedText) { searchIndex.adopt(folded, caseSensitive: false) }

    /// The text folded for case-insensitive search, if a search has made it
    /// already (one given on the command line, or typed before the fold off
    /// the loop was done).
    public var foldedText: FoldedText? { searchIndex.foldedIfMade(caseSensitive: false) }

    // MARK: Blocks: paragraphs, or segments in raw mode
    //
    // A block is known by its first segment. A paragraph's end depends only
    // on where it starts, and paragraphs always break at "hard" breaks (a
    // turn, a pause, non-speech), so any paragraph can be found from the
    // nearest hard break before it: `G` on a 1,000-hour transcript looks at
    // the end, not at everything before it.

    public func block(_ start: Int, raw: Bool) -> Range<Int>? {
        guard start >= 0, start < segmentCount else { return nil }
        if raw { return start..<(start + 1) }
        if let known = paragraphs[start] { return known }
        let range = Paragraphs.paragraph(startingAt: start, in: transcript)
        if paragraphs.count > 100_000 { paragraphs.removeAll(keepingCapacity: true) }
        paragraphs[start] = range
        return range
    }

    public func blockIndex(ofSegment segment: Int, raw: Bool) -> Int {
        if raw { return segment }
        return DocumentAnswers.blockIndex(ofSegment: segment, in: transcript) { block($0, raw: false) }
    }

    // MARK: Wrapped lines

    private struct WrapKey: Hashable {
        var block: Int
        var raw: Bool
        var width: Int
    }

    public func lines(ofBlock index: Int, raw: Bool, width: Int) -> [TimelineLine] {
        let key = WrapKey(block: index, raw: raw, width: width)
        if let cached = wrapCache[key] { return cached }
        guard let segments = block(index, raw: raw) else { return [] }
        let lines = DocumentAnswers.lines(of: segments, block: index, in: transcript, raw: raw, width: width)
        wrapCache[key] = lines
        wrapCacheOrder.append(key)
        if wrapCacheOrder.count > 4096 {
            for old in wrapCacheOrder.prefix(1024) { wrapCache[old] = nil }
            wrapCacheOrder.removeFirst(1024)
        }
        return lines
    }

    // MARK: Search

    /// Incremental search asks again as the pattern grows, highlights ask on
    /// every frame: matches are kept, and a longer pattern is looked for
    /// among the matches of the last one it extends.
    public func matches(of query: SearchQuery) -> MatchList {
        if let cached = searchCache[query] { return cached }
        let shorter = searchCache.values
            .filter { $0.query.pattern.count < query.pattern.count && query.pattern.hasPrefix($0.query.pattern) }
            .max { $0.query.pattern.count < $1.query.pattern.count }
        let found = shorter.flatMap { $0.refined(to: query) } ?? searchIndex.matches(of: query)
        if searchCache.count > 32 { searchCache.removeAll() }
        searchCache[query] = found
        return found
    }

    public func matchingSegments(of query: SearchQuery) -> [Int] {
        if let cached = occurrenceCache[query] { return cached }
        let segments = DocumentAnswers.segments(of: matches(of: query), in: transcript)
        if occurrenceCache.count > 32 { occurrenceCache.removeAll() }
        occurrenceCache[query] = segments
        return segments
    }

    // MARK: Speakers

    public var speakerTurns: [(String, [Int])] {
        if let cached = cachedSpeakerTurns { return cached }
        let turns = DocumentAnswers.speakerTurns(transcript)
        cachedSpeakerTurns = turns
        return turns
    }

    public var speakerChangeSegments: [Int] {
        if let cached = cachedChanges { return cached }
        let changes = DocumentAnswers.speakerChangeSegments(transcript)
        cachedChanges = changes
        return changes
    }
}
