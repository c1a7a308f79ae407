import HarkCore
import TerminalKit

/// One open transcript and what the reader derives from it: paragraphs
/// (found as far as needed, see `ParagraphScanner`), wrapped lines (cached
/// per width), folded text for searching (made once per case mode).
///
/// A reference type: it is big, it is shared by successive states, and its
/// caches fill as the reader looks further. Everything it returns depends only
/// on the transcript and the arguments, so states stay values in effect.
public final class ReaderDocument {
    public let transcript: Transcript
    private var scanner: ParagraphScanner
    private var wrapCache: [WrapKey: [TimelineLine]] = [:]
    private var wrapCacheOrder: [WrapKey] = []
    private let searchIndex: SearchIndex
    private var searchCache: [SearchQuery: MatchList] = [:]
    private var occurrenceCache: [SearchQuery: [Int]] = [:]
    private var searchPrepared = false
    var cachedSpeakerTurns: [(String, [Int])]?
    var cachedChanges: [Int]?

    public init(_ transcript: Transcript) {
        self.transcript = transcript
        searchIndex = SearchIndex(transcript)
        scanner = ParagraphScanner(transcript)
        scanner.advance(throughSegment: 0)
    }

    public var segmentCount: Int { transcript.segments.count }

    // MARK: Blocks: paragraphs, or segments in raw mode

    /// The segments of block `index`, or nil past the end.
    public func block(_ index: Int, raw: Bool) -> Range<Int>? {
        guard index >= 0 else { return nil }
        if raw { return index < segmentCount ? index..<(index + 1) : nil }
        while index >= scanner.paragraphs.count && !scanner.isComplete {
            let last = scanner.paragraphs.last?.segments.upperBound ?? 0
            scanner.advance(throughSegment: min(segmentCount - 1, last + 256))
        }
        return index < scanner.paragraphs.count ? scanner.paragraphs[index].segments : nil
    }

    public func paragraph(_ index: Int) -> Paragraph? {
        _ = block(index, raw: false)
        return index < scanner.paragraphs.count ? scanner.paragraphs[index] : nil
    }

    public func blockIndex(ofSegment segment: Int, raw: Bool) -> Int {
        raw ? segment : scanner.paragraphIndex(ofSegment: segment)
    }

    public func lastBlockIndex(raw: Bool) -> Int {
        if raw { return segmentCount - 1 }
        scanner.advance(throughSegment: segmentCount - 1)
        return scanner.paragraphs.count - 1
    }

    /// Work that can wait: finds more paragraphs, a slice at a time, so that
    /// `G` on a long transcript finds them already found. Returns false when
    /// there is nothing left to do.
    public func doBackgroundWork() -> Bool {
        guard !scanner.isComplete else {
            // Then fold the text for searching, so the first `/` does not wait for it.
            if !searchPrepared {
                searchPrepared = true
                searchIndex.prepare()
            }
            return false
        }
        let last = scanner.paragraphs.last?.segments.upperBound ?? 0
        scanner.advance(throughSegment: min(segmentCount - 1, last + 20_000))
        return !scanner.isComplete
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
        let found = searchIndex.matches(of: query)
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
