import HarkCore

/// Turns keyword hits into passages: hits close in time form a cluster, a
/// cluster with a single hit is a passing mention and is dropped, and what
/// remains is widened to whole paragraphs (which end at every change of
/// speaker), so a passage starts and ends where a reader would.
public enum PassageBuilder {
    public struct Rules: Sendable {
        /// Hits further apart than this start a new cluster.
        public var maximumGap: Milliseconds = 60_000
        /// Clusters with fewer hits are passing mentions.
        public var minimumHits = 2
        public init() {}
    }

    /// A hit: the segment it starts in and which keyword it is.
    public struct Hit: Equatable, Sendable {
        public var segment: Int
        public var keyword: Int
        public init(segment: Int, keyword: Int) {
            self.segment = segment
            self.keyword = keyword
        }
    }

    public static func passages(from hits: [Hit], in transcript: Transcript, rules: Rules = Rules()) -> [Passage] {
        let found = clusters(hits, in: transcript, rules: rules)
        return widened(found, ParagraphLookup.paragraphs(around: endpoints(found), in: transcript), transcript)
    }

    /// Hits close in time, passing mentions left out.
    static func clusters(_ hits: [Hit], in transcript: Transcript, rules: Rules) -> [ArraySlice<Hit>] {
        let sorted = hits.sorted { ($0.segment, $0.keyword) < ($1.segment, $1.keyword) }
        var clusters: [ArraySlice<Hit>] = []
        var clusterStart = 0
        for i in sorted.indices.dropFirst() {
            let gap = transcript.start(of: sorted[i].segment) - transcript.end(of: sorted[i - 1].segment)
            if gap > rules.maximumGap {
                clusters.append(sorted[clusterStart..<i])
                clusterStart = i
            }
        }
        if !sorted.isEmpty { clusters.append(sorted[clusterStart...]) }
        return clusters.filter { $0.count >= rules.minimumHits }
    }

    /// The segments whose paragraphs the clusters widen to.
    static func endpoints(_ clusters: [ArraySlice<Hit>]) -> [Int] {
        clusters.flatMap { [$0.first!.segment, $0.last!.segment] }
    }

    /// Clusters widened to the paragraphs around their first and last hits
    /// (`paragraphs` holds them, by segment), merged where they then meet.
    /// A passage ends with its last paragraph's last text: segments without
    /// text (empty WebVTT cues) after it would stretch it over silence.
    static func widened(_ clusters: [ArraySlice<Hit>], _ paragraphs: [Int: Range<Int>], _ transcript: Transcript) -> [Passage] {
        var passages: [Passage] = []
        var reach = 0  // where the last passage's last paragraph ends
        for cluster in clusters {
            let first = paragraphs[cluster.first!.segment]!.lowerBound
            let paragraphEnd = paragraphs[cluster.last!.segment]!.upperBound
            let last = max(first, transcript.previousSegmentWithText(before: paragraphEnd) ?? first)
            let passage = Passage(
                segments: first...last, start: transcript.start(of: first), end: transcript.end(of: last),
                score: score(cluster), hits: cluster.count)
            if let previous = passages.last, reach >= first {
                passages[passages.count - 1] = merged(previous, passage)
            } else {
                passages.append(passage)
            }
            reach = max(reach, paragraphEnd)
        }
        return passages
    }

    /// Each keyword's hits count 1, 1/2, 1/3…: five different words weigh
    /// more than one word said five times.
    static func score<C: Collection>(_ hits: C) -> Double where C.Element == Hit {
        var perKeyword: [Int: Int] = [:]
        for hit in hits { perKeyword[hit.keyword, default: 0] += 1 }
        var total = 0.0
        for count in perKeyword.values {
            for n in 1...count { total += 1 / Double(n) }
        }
        return total
    }

    private static func merged(_ a: Passage, _ b: Passage) -> Passage {
        let segments = a.segments.lowerBound...max(a.segments.upperBound, b.segments.upperBound)
        return Passage(
            segments: segments, start: a.start, end: max(a.end, b.end), score: a.score + b.score, hits: a.hits + b.hits)
    }
}

/// Finds the paragraph around a segment, remembering the last one found,
/// so that lookups in order walk the transcript's paragraphs once at most.
struct ParagraphLookup {
    let transcript: Transcript
    private var last: Range<Int> = 0..<0

    init(_ transcript: Transcript) { self.transcript = transcript }

    /// The paragraph around each of `segments`, looked up in order.
    static func paragraphs(around segments: [Int], in transcript: Transcript) -> [Int: Range<Int>] {
        var lookup = ParagraphLookup(transcript)
        var result: [Int: Range<Int>] = [:]
        for segment in Set(segments).sorted() { result[segment] = lookup.paragraph(containing: segment) }
        return result
    }

    /// How far back from the last paragraph found a walk from its end is
    /// taken without looking for a hard break: in speech with few pauses the
    /// nearest hard break lies far back, and the walk back to it and forward
    /// again would cross the same segments twice.
    static let walkWithoutLooking = 256

    mutating func paragraph(containing segment: Int) -> Range<Int> {
        if last.contains(segment) { return last }
        // Walk from the end of the last paragraph (a paragraph starts there)
        // when it is near, else from the nearest hard break or that end,
        // whichever is nearer.
        var start: Int
        if last.upperBound <= segment, segment - last.upperBound <= Self.walkWithoutLooking {
            start = last.upperBound
        } else {
            start = Paragraphs.hardBreak(atOrBefore: segment, in: transcript)
            if last.upperBound <= segment, last.upperBound > start { start = last.upperBound }
        }
        while true {
            let range = Paragraphs.paragraph(startingAt: start, in: transcript)
            if range.contains(segment) || range.isEmpty {
                last = range.isEmpty ? segment..<(segment + 1) : range
                return last
            }
            start = range.upperBound
        }
    }
}
