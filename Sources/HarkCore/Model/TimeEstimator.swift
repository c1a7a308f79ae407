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
/// A segment ends where the next one starts, or, when the next starts no
/// later (the last segment, or times read out of order), after its own
/// words at 150 words a minute. Every word counts as at least one, so no
/// segment takes no time.
public enum TimeEstimator {
    /// 150 words a minute.
    public static let millisecondsPerWord: Milliseconds = 400

    /// The start of every segment: `read[k]` where the file gave one, an
    /// estimate elsewhere. `words[k]` is the segment's word count.
    public static func starts(read: [Milliseconds?], words: [Int]) -> [Milliseconds] {
        precondition(read.count == words.count)
        var starts = read.map { $0 ?? 0 }
        estimateStarts(
            count: read.count, isRead: { read[$0] != nil }, words: { words[$0] }, start: { starts[$0] },
            setStart: { starts[$0] = $1 })
        return starts
    }

    /// Each segment's end: the next segment's start, or its own words at the
    /// speaking rate when the next starts no later.
    public static func ends(starts: [Milliseconds], words: [Int]) -> [Milliseconds] {
        precondition(starts.count == words.count)
        var ends = [Milliseconds](repeating: 0, count: starts.count)
        estimateEnds(count: starts.count, words: { words[$0] }, start: { starts[$0] }, setEnd: { ends[$0] = $1 })
        return ends
    }

    /// The estimate itself, over columns reached through closures, so that
    /// the builder estimates in place and needs no array per segment. `start`
    /// holds the read times on entry (at `isRead` segments) and every start
    /// on return.
    static func estimateStarts(
        count: Int, isRead: (Int) -> Bool, words: (Int) -> Int, start: (Int) -> Milliseconds,
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
        func nextRead(after k: Int) -> Int {
            var next = k + 1
            while next < count && !isRead(next) { next += 1 }
            return next
        }

        let first = nextRead(after: -1)
        guard first < count else {
            atSpeakingRate(0..<count, from: 0)
            return
        }
        let firstTime = start(first)
        let wordsBefore = totalWeight(0..<first)
        if wordsBefore * millisecondsPerWord <= firstTime {
            atSpeakingRate(0..<first, from: firstTime - wordsBefore * millisecondsPerWord)
        } else {
            spread(0..<first, from: 0, to: firstTime)
        }
        var a = first
        while true {
            let b = nextRead(after: a)
            let from = start(a)
            guard b < count else {
                atSpeakingRate(a..<count, from: from)
                return
            }
            let to = start(b)
            if to >= from {
                spread(a..<b, from: from, to: to)
            } else {
                // Read out of order: the segments after `a` follow it at the speaking rate.
                atSpeakingRate(a..<b, from: from)
            }
            a = b
        }
    }

    static func estimateEnds(
        count: Int, words: (Int) -> Int, start: (Int) -> Milliseconds, setEnd: (Int, Milliseconds) -> Void
    ) {
        for k in 0..<count {
            let own = start(k)
            if k + 1 < count, start(k + 1) > own {
                setEnd(k, start(k + 1))
            } else {
                setEnd(k, own + Int64(max(1, words(k))) * millisecondsPerWord)
            }
        }
    }
}

extension TranscriptBuilder {
    /// Gives every segment committed as `estimated` a start, and every
    /// segment an end, by `TimeEstimator`, in place; for readers of formats
    /// without end times, once all segments are committed. The warnings say
    /// how many segments have estimated times.
    mutating func estimateTimes() {
        let count = store.count
        guard count > 0 else { return }
        let store = self.store
        let maxEnd = store.withText { text -> Milliseconds in
            func words(_ k: Int) -> Int { WordCounter.count(in: UnsafeBufferPointer(rebasing: text[store.textRange(of: k)])) }
            TimeEstimator.estimateStarts(
                count: count, isRead: { !store.estimated[$0] }, words: words, start: { store.starts[$0] },
                setStart: { store.starts[$0] = $1 })
            var maxEnd: Milliseconds = 0
            TimeEstimator.estimateEnds(
                count: count, words: words, start: { store.starts[$0] },
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
