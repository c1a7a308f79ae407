import CByteKernels

/// A loaded transcript: the in-memory model every hark feature reads.
///
/// Segments are stored column by column, and their texts as one UTF-8 buffer
/// in which consecutive segments are joined by a single space. That buffer is
/// the transcript's *continuous text*: search runs over it directly, so a
/// phrase split across two segments is found like any other, and a
/// 1,000-hour transcript costs about as much memory as its own text.
public struct Transcript: Sendable {
    /// The path as the user gave it.
    public let source: String
    public let format: TranscriptFormat
    /// Named speakers in order of first appearance.
    public let speakers: [String]
    public let warnings: [LoadWarning]
    let store: SegmentStore

    init(source: String, format: TranscriptFormat, speakers: [String], warnings: [LoadWarning], store: SegmentStore) {
        self.source = source
        self.format = format
        self.speakers = speakers
        self.warnings = warnings
        self.store = store
    }

    /// Builds a transcript from values (tests, generated data, readers that
    /// work with strings). Text is cleaned exactly as a file's would be.
    public init(source: String, format: TranscriptFormat, segments: [Segment]) {
        var builder = TranscriptBuilder()
        for segment in segments { builder.append(segment) }
        self = builder.build(source: source, format: format)
    }

    public var segments: Segments { Segments(store: store, speakers: speakers) }
    public var isEmpty: Bool { store.count == 0 }

    /// From zero to the latest end time.
    public var duration: Milliseconds { store.maxEnd }

    public func start(of index: Int) -> Milliseconds { store.starts[index] }
    public func end(of index: Int) -> Milliseconds { store.ends[index] }
    public func speaker(of index: Int) -> String? {
        let id = store.speakerIDs[index]
        return id < 0 ? nil : speakers[Int(id)]
    }
    public func hasSpeakerChange(at index: Int) -> Bool { store.speakerChanges[index] }
    /// The file gave no time for this segment: its start was estimated.
    public func isEstimated(_ index: Int) -> Bool { store.estimated[index] }
    /// How many segments have estimated times (0 for a file with every time in it).
    public var estimatedCount: Int { store.estimatedCount }
    /// The duration comes from an estimate: the last segment's start was estimated.
    public var durationIsEstimated: Bool { store.count > 0 && store.estimated[store.count - 1] }
    public func text(of index: Int) -> String {
        store.withText { text in String(decoding: UnsafeBufferPointer(rebasing: text[store.textRange(of: index)]), as: UTF8.self)
        }
    }

    /// The byte range of a segment's text inside the continuous text.
    public func textRange(of index: Int) -> Range<Int> { store.textRange(of: index) }

    /// Whether the segment has any text: a WebVTT cue is kept even when it
    /// has none, with an empty range where the next segment's text starts.
    public func hasText(_ index: Int) -> Bool { !store.textRange(of: index).isEmpty }

    /// How many segments have no text (`hasText` false).
    public var segmentsWithoutText: Int { (0..<store.count).count { store.textRange(of: $0).isEmpty } }

    /// How many segments have a change of speaker marked (`hasSpeakerChange`).
    public var speakerChangeCount: Int { (0..<store.count).count { store.speakerChanges[$0] } }

    /// The text of consecutive segments, from the first one's to the end of
    /// the last one with text: segments without text at the end add nothing,
    /// not even the space before the next segment's text.
    public func textRange(of segments: Range<Int>) -> Range<Int> {
        guard !segments.isEmpty else { return 0..<0 }
        let lower = store.textRange(of: segments.lowerBound).lowerBound
        var last = segments.upperBound - 1
        while last > segments.lowerBound && !hasText(last) { last -= 1 }
        return lower..<max(lower, store.textRange(of: last).upperBound)
    }

    /// The nearest segment with text at or after `index`, else at or before
    /// it; `index` itself when no segment has text.
    public func nearestSegmentWithText(from index: Int) -> Int {
        var next = index
        while next < store.count && !hasText(next) { next += 1 }
        if next < store.count { return next }
        return previousSegmentWithText(before: index + 1) ?? index
    }

    /// The last segment with text before `index`, if any.
    public func previousSegmentWithText(before index: Int) -> Int? {
        var previous = index - 1
        while previous >= 0 && !hasText(previous) { previous -= 1 }
        return previous >= 0 ? previous : nil
    }

    /// Calls `body` with the continuous text (UTF-8, segments joined by one space).
    package func withContinuousText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try store.withText(body)
    }

    /// The segment whose text contains the byte at `offset` of the continuous
    /// text (the separator after a segment belongs to that segment).
    public func segmentIndex(atTextOffset offset: Int) -> Int {
        var low = 0
        var high = store.textStarts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if store.textStarts[mid] <= offset { low = mid } else { high = mid }
        }
        return low
    }

    /// The segment being spoken at `time`: the last one that starts at or
    /// before it (the first segment for earlier times).
    public func segmentIndex(at time: Milliseconds) -> Int? {
        guard store.count > 0 else { return nil }
        var low = 0
        var high = store.count
        while low < high {
            let mid = (low + high) / 2
            if store.starts[mid] <= time { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }

    /// Words, counted as `wc -w` counts them.
    public var wordCount: Int { store.withText { WordCounter.count(in: $0) } }

    /// Speaker turns: segments that begin a new speaker's turn, whether the
    /// source named the speaker or only marked the change. Segments without
    /// text say nothing: they start no turn, a change marked on them passes
    /// to the next segment with text, and a speaker is compared with the
    /// last segment that had text.
    public func startsTurn(at index: Int) -> Bool {
        guard hasText(index) else { return false }
        guard let previous = previousSegmentWithText(before: index) else {
            return (0...index).contains { store.speakerChanges[$0] }
        }
        return startsTurn(at: index, after: previous)
    }

    /// `startsTurn` for a segment with text, `previous` being the last
    /// segment with text before it (paragraphs know it already).
    func startsTurn(at index: Int, after previous: Int) -> Bool {
        if store.speakerChanges[index] { return true }
        for between in (previous + 1)..<index where store.speakerChanges[between] { return true }
        let id = store.speakerIDs[index]
        return id >= 0 && id != store.speakerIDs[previous]
    }
}

extension Transcript {
    /// The transcript's segments as values, built on demand.
    public struct Segments: RandomAccessCollection, Sendable {
        let store: SegmentStore
        let speakers: [String]
        public var startIndex: Int { 0 }
        public var endIndex: Int { store.count }
        public subscript(position: Int) -> Segment {
            let id = store.speakerIDs[position]
            let text = store.withText {
                String(decoding: UnsafeBufferPointer(rebasing: $0[store.textRange(of: position)]), as: UTF8.self)
            }
            return Segment(
                start: store.starts[position], end: store.ends[position],
                speaker: id < 0 ? nil : speakers[Int(id)], text: text,
                speakerChange: store.speakerChanges[position], line: Int(store.lines[position]),
                estimated: store.estimated[position])
        }
    }
}

/// Column storage behind `Transcript`: one buffer per field keeps a segment
/// at 34 bytes, with no padding and no allocation per segment.
struct SegmentStore: Sendable {
    var starts = RawBuffer<Milliseconds>()
    var ends = RawBuffer<Milliseconds>()
    var speakerIDs = RawBuffer<Int32>()
    var speakerChanges = RawBuffer<Bool>()
    /// Whether each segment's start was estimated rather than read.
    var estimated = RawBuffer<Bool>()
    var estimatedCount = 0
    var lines = RawBuffer<Int32>()
    var textStarts = RawBuffer<Int>()
    var text = ByteBuffer()
    var maxEnd: Milliseconds = 0

    var count: Int { starts.count }

    /// A segment's text runs to the separator before the next segment's. A
    /// segment kept with no text (an empty WebVTT cue) starts where the next
    /// segment's text does, so its range is empty and ranges never go back;
    /// empty segments after the last text start past its end (where text
    /// would have followed), so their ranges are clamped to it.
    func textRange(of index: Int) -> Range<Int> {
        let raw = textStarts[index]
        let start = min(raw, text.count)
        guard index + 1 < textStarts.count else { return start..<text.count }
        let next = textStarts[index + 1]
        let end = next > raw ? min(next - 1, text.count) : start
        return min(start, end)..<end
    }

    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try text.withUnsafeBufferPointer(body)
    }

    func reserve(segments: Int, textBytes: Int) {
        starts.reserve(segments)
        ends.reserve(segments)
        speakerIDs.reserve(segments)
        speakerChanges.reserve(segments)
        estimated.reserve(segments)
        lines.reserve(segments)
        textStarts.reserve(segments)
        text.reserve(textBytes)
    }
}

/// Words as `wc -w` counts them: runs of text between spaces. The
/// continuous text has single spaces only, so a word starts at every
/// non-space byte that follows a space.
enum WordCounter {
    static func count(in text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = text.baseAddress else { return 0 }
        return hark_count_words(p, text.count)
    }
}

enum ByteClass {
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
}
