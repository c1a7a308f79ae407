import HarkCore
import HarkNotes
import TerminalKit

/// An open transcript, as the reader's state asks about it: its paragraphs,
/// wrapped lines and search matches. Every answer depends only on the
/// transcript and the arguments, so asking twice changes nothing; the
/// runner's implementation (`CachedDocument` in HarkReader) remembers the
/// answers, which is why it is a reference type the state only reads.
public protocol ReaderDocument: AnyObject {
    var id: DocumentID { get }
    var transcript: Transcript { get }

    /// The segments of the block that starts at `start` (a paragraph, or one
    /// segment in raw mode), or nil past the end.
    func block(_ start: Int, raw: Bool) -> Range<Int>?
    /// The start of the block holding `segment`.
    func blockIndex(ofSegment segment: Int, raw: Bool) -> Int
    /// The block's lines at `width` columns of text.
    func lines(ofBlock index: Int, raw: Bool, width: Int) -> [TimelineLine]
    /// Every match of `query`.
    func matches(of query: SearchQuery) -> MatchList
    /// The segments where `query` matches, each once.
    func matchingSegments(of query: SearchQuery) -> [Int]
    /// Segments that open a turn, per named speaker, in order of first appearance.
    var speakerTurns: [(String, [Int])] { get }
    /// Segments where the source marks a change of speaker without a name.
    var speakerChangeSegments: [Int] { get }

    /// The transcript as the file has it, before the user's speaker names
    /// (`transcript` has them applied): where the file's labels are.
    var fileTranscript: Transcript { get }
    /// The notes read with the file (speaker names, marks, quotes).
    var openedNotes: OpenedNotes { get }
    /// The audio found beside the file (or given), if any.
    var audioPath: String? { get }
    /// The same file with other speaker names and turns: same id, same
    /// folded text; paragraphs and lines found anew.
    func withSpeakers(_ edits: SpeakerEdits) -> any ReaderDocument
}

/// The notes a file opened with, and whether they can be saved.
public struct OpenedNotes: Sendable {
    /// The notes file (it may not exist yet); nil keeps notes in memory only.
    public var path: String?
    public var notes: Notes
    /// Why the notes file cannot be written (it is broken): changes are
    /// then kept in memory, and `:w FILE` saves them elsewhere.
    public var readOnlyReason: String?
    /// What reading the notes noticed (an entry found again by its time).
    public var warnings: [String]

    public init(path: String?, notes: Notes = Notes(), readOnlyReason: String? = nil, warnings: [String] = []) {
        self.path = path
        self.notes = notes
        self.readOnlyReason = readOnlyReason
        self.warnings = warnings
    }
}

extension ReaderDocument {
    public var segmentCount: Int { transcript.segments.count }

    public func nextBlock(after start: Int, raw: Bool) -> Int? {
        guard let range = block(start, raw: raw), range.upperBound < segmentCount else { return nil }
        return range.upperBound
    }

    public func previousBlock(before start: Int, raw: Bool) -> Int? {
        guard start > 0 else { return nil }
        return blockIndex(ofSegment: start - 1, raw: raw)
    }

    public func lastBlockIndex(raw: Bool) -> Int { blockIndex(ofSegment: segmentCount - 1, raw: raw) }
}

/// The answers a `ReaderDocument` gives, computed from scratch: the runner's
/// cached document calls these, and tests can compare against them.
public enum DocumentAnswers {
    /// The paragraph holding `segment` starts at the nearest hard break
    /// before it (see `Paragraphs`); `block` finds each paragraph's end.
    public static func blockIndex(ofSegment segment: Int, in transcript: Transcript, block: (Int) -> Range<Int>?) -> Int {
        var start = Paragraphs.hardBreak(atOrBefore: segment, in: transcript)
        while let range = block(start), range.upperBound <= segment { start = range.upperBound }
        return start
    }

    public static func lines(of segments: Range<Int>, block: Int, in transcript: Transcript, raw: Bool, width: Int)
        -> [TimelineLine]
    {
        TimelineWrapper.wrap(transcript, block: block, segments: segments, raw: raw, width: width)
    }

    public static func speakerTurns(_ transcript: Transcript) -> [(String, [Int])] {
        var turns: [String: [Int]] = [:]
        // The first text opens a turn; segments without text open none.
        let first = transcript.isEmpty ? 0 : transcript.nearestSegmentWithText(from: 0)
        for index in 0..<transcript.segments.count where transcript.startsTurn(at: index) || index == first {
            if let name = transcript.speaker(of: index) { turns[name, default: []].append(index) }
        }
        return transcript.speakers.map { ($0, turns[$0] ?? []) }
    }

    /// Where an unnamed change of speaker takes effect: a change marked on a
    /// segment without text passes to the next text, where the cursor can go.
    public static func speakerChangeSegments(_ transcript: Transcript) -> [Int] {
        (0..<transcript.segments.count).filter { transcript.startsTurn(at: $0) && transcript.speaker(of: $0) == nil }
    }

    /// The segments where the matches fall, each once.
    public static func segments(of matches: MatchList, in transcript: Transcript) -> [Int] {
        var segments: [Int] = []
        for index in matches.indices {
            let segment = transcript.segmentIndex(atTextOffset: matches.start(of: index))
            if segments.last != segment { segments.append(segment) }
        }
        return segments
    }
}
