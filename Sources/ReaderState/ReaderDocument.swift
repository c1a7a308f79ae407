import HarkCore
import HarkTopics
import TerminalKit

/// One open transcript and what the reader derives from it: paragraphs
/// (each found where the view needs it, see `Paragraphs`), wrapped lines (cached
/// per width), folded text for searching (made once per case mode).
///
/// A reference type: it is big, it is shared by successive states, and its
/// caches fill as the reader looks further. Everything it returns depends only
/// on the transcript and the arguments, so states stay values in effect.
public final class ReaderDocument {
    public let transcript: Transcript
    /// Paragraphs found so far, by first segment.
    private var paragraphs: [Int: Range<Int>] = [:]
    private var wrapCache: [WrapKey: [TimelineLine]] = [:]
    private var wrapCacheOrder: [WrapKey] = []
    private let searchIndex: SearchIndex
    private var searchCache: [SearchQuery: MatchList] = [:]
    private var occurrenceCache: [SearchQuery: [Int]] = [:]
    private var searchPrepared = false
    var cachedSpeakerTurns: [(String, [Int])]?
    var cachedChanges: [Int]?
    let topicsJob: TopicsJob
    /// The side pane's entries for what they depend on: 14,000 chapters are
    /// not to be listed (or copied) again for every frame.
    var cachedEntries: (key: SidePaneEntriesKey, entries: [SidePaneEntry])?

    /// `topicDefinitions` are the topics file's, or nil for hark's own topics.
    public init(_ transcript: Transcript, topicDefinitions: [TopicDefinition]? = nil) {
        self.transcript = transcript
        searchIndex = SearchIndex(transcript)
        topicsJob = TopicsJob(index: searchIndex, definitions: topicDefinitions)
    }

    public var segmentCount: Int { transcript.segments.count }

    // MARK: Blocks: paragraphs, or segments in raw mode
    //
    // A block is known by its first segment. A paragraph's end depends only
    // on where it starts, and paragraphs always break at "hard" breaks (a
    // turn, a pause, non-speech), so any paragraph can be found from the
    // nearest hard break before it: `G` on a 1,000-hour transcript looks at
    // the end, not at everything before it.

    /// The segments of the block that starts at `start`, or nil past the end.
    public func block(_ start: Int, raw: Bool) -> Range<Int>? {
        guard start >= 0, start < segmentCount else { return nil }
        if raw { return start..<(start + 1) }
        if let known = paragraphs[start] { return known }
        let range = Paragraphs.paragraph(startingAt: start, in: transcript)
        if paragraphs.count > 100_000 { paragraphs.removeAll(keepingCapacity: true) }
        paragraphs[start] = range
        return range
    }

    public func nextBlock(after start: Int, raw: Bool) -> Int? {
        guard let range = block(start, raw: raw), range.upperBound < segmentCount else { return nil }
        return range.upperBound
    }

    public func previousBlock(before start: Int, raw: Bool) -> Int? {
        guard start > 0 else { return nil }
        return blockIndex(ofSegment: start - 1, raw: raw)
    }

    /// The start of the block holding `segment`.
    public func blockIndex(ofSegment segment: Int, raw: Bool) -> Int {
        if raw { return segment }
        var start = Paragraphs.hardBreak(atOrBefore: segment, in: transcript)
        while let range = block(start, raw: false), range.upperBound <= segment { start = range.upperBound }
        return start
    }

    public func lastBlockIndex(raw: Bool) -> Int { blockIndex(ofSegment: segmentCount - 1, raw: raw) }

    /// Work that can wait, started on other threads: folding the text for
    /// searching (so that the first `/` does not wait for it) and finding
    /// topics and chapters. Returns true while some of it is still running;
    /// the loop asks again, and draws again when it is done.
    public func doBackgroundWork() -> Bool {
        if !searchPrepared {
            searchPrepared = true
            searchIndex.prepare()
            topicsJob.start()
        }
        return topics == nil
    }

    /// Returns once the work started by `doBackgroundWork` is done (for
    /// measuring, and for tests that need the topics).
    public func waitForBackgroundWork() {
        searchIndex.waitUntilPrepared()
        topicsJob.wait()
    }

    // MARK: Wrapped lines

    struct WrapKey: Hashable { var block: Int; var raw: Bool; var width: Int }

    /// The block's lines at `width` columns of text (a blank separator line
    /// ends each paragraph).
    public func lines(ofBlock index: Int, raw: Bool, width: Int) -> [TimelineLine] {
        let key = WrapKey(block: index, raw: raw, width: width)
        if let cached = wrapCache[key] { return cached }
        guard let segments = block(index, raw: raw) else { return [] }
        let lines = TimelineWrapper.wrap(
            transcript, block: index, segments: segments, raw: raw, width: width)
        wrapCache[key] = lines
        wrapCacheOrder.append(key)
        if wrapCacheOrder.count > 4096 {
            for old in wrapCacheOrder.prefix(1024) { wrapCache[old] = nil }
            wrapCacheOrder.removeFirst(1024)
        }
        return lines
    }

    // MARK: Search

    /// Every match of `query`, cached: incremental search asks again as the
    /// pattern grows, highlights ask on every frame.
    public func matches(of query: SearchQuery) -> MatchList {
        if let cached = searchCache[query] { return cached }
        // As you type, the new pattern extends the last: look among its matches.
        let shorter = searchCache.values
            .filter { $0.query.pattern.count < query.pattern.count && query.pattern.hasPrefix($0.query.pattern) }
            .max { $0.query.pattern.count < $1.query.pattern.count }
        let found = shorter.flatMap { $0.refined(to: query) } ?? searchIndex.matches(of: query)
        if searchCache.count > 32 { searchCache.removeAll() }
        searchCache[query] = found
        return found
    }

    /// The segments where `query` matches, each once, for the side pane.
    public func matchingSegments(of query: SearchQuery) -> [Int] {
        if let cached = occurrenceCache[query] { return cached }
        let matches = self.matches(of: query)
        var segments: [Int] = []
        for index in matches.indices {
            let segment = transcript.segmentIndex(atTextOffset: matches.start(of: index))
            if segments.last != segment { segments.append(segment) }
        }
        if occurrenceCache.count > 32 { occurrenceCache.removeAll() }
        occurrenceCache[query] = segments
        return segments
    }
}
