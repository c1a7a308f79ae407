/// Times for segments the file gives no time for (plain text, edited
/// Markdown with a stamp every few minutes, speaker text without stamps):
///
/// - between two times read from the file, the time between them is spread
///   over the words said in between;
/// - before the first read time and after the last, speech runs at 150
///   words a minute (counting back from the first read time; when that
///   would start before zero, the words before it share the time from zero
///   to it instead);
/// - a file with no time at all starts at zero.
///
/// A read time is a segment's start, or an *anchor*: a time the file gives
/// between two segments that belongs to neither (a Markdown sponsor break,
/// `**Break:** \[03:00\]`, has a stamp and no words). An anchor bounds the
/// estimates as a read start does: the segments before it start before it,
/// those after it from it.
///
/// A segment ends at the next read time after it, an anchor straight after
/// it or the next segment's start, when that is later than its own start;
/// otherwise (the last segment, or times read out of order) after its own
/// words at 150 words a minute. Every word counts as at least one, so no
/// segment takes no time.
public enum TimeEstimator {
    /// 150 words a minute.
    public static let millisecondsPerWord: Milliseconds = 400

    /// A time read from the file between segments, belonging to none.
    public struct Anchor: Equatable, Sendable {
        /// The index of the segment after the anchor (the segment count when
        /// it comes after the last).
        public var before: Int
        public var time: Milliseconds

        public init(before: Int, time: Milliseconds) {
            self.before = before
            self.time = time
        }
    }

    /// The start of every segment: `read[k]` where the file gave one, an
    /// estimate elsewhere. `words[k]` is the segment's word count; `anchors`
    /// are in the file's order (by `before`, never decreasing).
    public static func starts(read: [Milliseconds?], words: [Int], anchors: [Anchor] = []) -> [Milliseconds] {
        precondition(read.count == words.count)
        precondition(anchorsAreInOrder(anchors, count: read.count))
        var starts = read.map { $0 ?? 0 }
        estimateStarts(
            count: read.count, isRead: { read[$0] != nil }, words: { words[$0] }, anchors: anchors,
            start: { starts[$0] }, setStart: { starts[$0] = $1 })
        return starts
    }

    /// Each segment's end: the next read time after it (an anchor straight
    /// after it, or the next segment's start) when later than its start, or
    /// its own words at the speaking rate.
    public static func ends(starts: [Milliseconds], words: [Int], anchors: [Anchor] = []) -> [Milliseconds] {
        precondition(starts.count == words.count)
        precondition(anchorsAreInOrder(anchors, count: starts.count))
        var ends = [Milliseconds](repeating: 0, count: starts.count)
        estimateEnds(
            count: starts.count, words: { words[$0] }, anchors: anchors, start: { starts[$0] }, setEnd: { ends[$0] = $1 })
        return ends
    }

    private static func anchorsAreInOrder(_ anchors: [Anchor], count: Int) -> Bool {
        zip(anchors, anchors.dropFirst()).allSatisfy { $0.before <= $1.before }
            && anchors.allSatisfy { (0...count).contains($0.before) }
    }

    /// The estimate itself, over columns reached through closures, so that
    /// the builder estimates in place and needs no array per segment. `start`
    /// holds the read times on entry (at `isRead` segments) and every start
    /// on return. `anchors` are in the file's order.
    static func estimateStarts(
        count: Int, isRead: (Int) -> Bool, words: (Int) -> Int, anchors: [Anchor], start: (Int) -> Milliseconds,
        setStart: (Int, Milliseconds) -> Void
    ) {
        func weight(_ k: Int) -> Int64 { Int64(max(1, words(k))) }
        func totalWeight(_ range: Range<Int>) -> Int64 { range.reduce(0) { $0 + weight($1) } }
        func atSpeakingRate(_ range: Range<Int>, from first: Milliseconds) {
            var time = first
            for k in range {
                setStart(k, time)
                time += weight(k) * millisecondsPerWord
            }
        }
        /// `from` to `to` shared by the segments of `range` in proportion to their words.
        func spread(_ range: Range<Int>, from: Milliseconds, to: Milliseconds) {
            let total = totalWeight(range)
            let span = to - from
            var before: Int64 = 0
            for k in range {
                // span × before / total without overflow, however far apart the times.
                setStart(k, from + total.dividingFullWidth(span.multipliedFullWidth(by: before)).quotient)
                before += weight(k)
            }
        }
        func firstRead(from k: Int) -> Int {
            var next = k
            while next < count && !isRead(next) { next += 1 }
            return next
        }
        // The read times in the file's order: a segment's start is a point at
        // its own index, an anchor a point at the index of the segment after
        // it (and before that segment's own start). The segments from one
        // point's index to the next's take their starts from the two times.
        var nextRead = firstRead(from: 0)
        var nextAnchor = 0
        func nextPoint() -> (index: Int, time: Milliseconds)? {
            if nextAnchor < anchors.count && anchors[nextAnchor].before <= nextRead {
                defer { nextAnchor += 1 }
                return (anchors[nextAnchor].before, anchors[nextAnchor].time)
            }
            guard nextRead < count else { return nil }
            defer { nextRead = firstRead(from: nextRead + 1) }
            return (nextRead, start(nextRead))
        }

        guard let first = nextPoint() else {
            atSpeakingRate(0..<count, from: 0)
            return
        }
        let wordsBefore = totalWeight(0..<first.index)
        if wordsBefore * millisecondsPerWord <= first.time {
            atSpeakingRate(0..<first.index, from: first.time - wordsBefore * millisecondsPerWord)
        } else {
            spread(0..<first.index, from: 0, to: first.time)
        }
        var a = first
        while true {
            guard let b = nextPoint() else {
                atSpeakingRate(a.index..<count, from: a.time)
                return
            }
            if b.time >= a.time {
                spread(a.index..<b.index, from: a.time, to: b.time)
            } else {
                // Read out of order: the segments after `a` follow it at the speaking rate.
                atSpeakingRate(a.index..<b.index, from: a.time)
            }
            a = b
        }
    }

    static func estimateEnds(
        count: Int, words: (Int) -> Int, anchors: [Anchor], start: (Int) -> Milliseconds,
        setEnd: (Int, Milliseconds) -> Void
    ) {
        var nextAnchor = 0
        for k in 0..<count {
            let own = start(k)
            while nextAnchor < anchors.count && anchors[nextAnchor].before <= k { nextAnchor += 1 }
            // The first read time after the segment that is later than its start.
            var end: Milliseconds?
            var j = nextAnchor
            while end == nil && j < anchors.count && anchors[j].before == k + 1 {
                if anchors[j].time > own { end = anchors[j].time }
                j += 1
            }
            if end == nil, k + 1 < count, start(k + 1) > own { end = start(k + 1) }
            setEnd(k, end ?? own + Int64(max(1, words(k))) * millisecondsPerWord)
        }
    }
}

extension TranscriptBuilder {
    /// Gives every segment committed as `estimated` a start, and every
    /// segment an end, by `TimeEstimator`, in place, bounded by the times
    /// marked between segments (`commitSegment(…, marksTimeWhenEmpty:)`);
    /// for readers of formats without end times, once all segments are
    /// committed. The warnings say how many segments have estimated times.
    mutating func estimateTimes() {
        let count = store.count
        guard count > 0 else { return }
        let store = self.store
        let anchors = timeAnchors.map(\.anchor)
        let maxEnd = store.withText { text -> Milliseconds in
            func words(_ k: Int) -> Int { WordCounter.count(in: UnsafeBufferPointer(rebasing: text[store.textRange(of: k)])) }
            TimeEstimator.estimateStarts(
                count: count, isRead: { !store.estimated[$0] }, words: words, anchors: anchors, start: { store.starts[$0] },
                setStart: { store.starts[$0] = $1 })
            var maxEnd: Milliseconds = 0
            TimeEstimator.estimateEnds(
                count: count, words: words, anchors: anchors, start: { store.starts[$0] },
                setEnd: {
                    store.ends[$0] = $1
                    maxEnd = max(maxEnd, $1)
                })
            return maxEnd
        }
        self.store.maxEnd = maxEnd
        if store.estimatedCount > 0 {
            warn(.estimatedTimes, line: nil, detail: "\(store.estimatedCount) of \(count) segments")
        }
    }
}
