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
        let count = read.count
        let weights = words.map { Int64(max(1, $0)) }
        var starts = [Milliseconds](repeating: 0, count: count)
        let anchors = read.indices.filter { read[$0] != nil }
        guard let first = anchors.first, let last = anchors.last else {
            atSpeakingRate(0..<count, from: 0, weights, into: &starts)
            return starts
        }
        let firstTime = read[first]!
        let wordsBefore = weights[0..<first].reduce(0, +)
        if wordsBefore * millisecondsPerWord <= firstTime {
            atSpeakingRate(0..<first, from: firstTime - wordsBefore * millisecondsPerWord, weights, into: &starts)
        } else {
            spread(0..<first, from: 0, to: firstTime, weights, into: &starts)
        }
        for (a, b) in zip(anchors, anchors.dropFirst()) {
            let from = read[a]!
            let to = read[b]!
            if to >= from {
                spread(a..<b, from: from, to: to, weights, into: &starts)
            } else {
                // Read out of order: the segments after `a` follow it at the speaking rate.
                atSpeakingRate(a..<b, from: from, weights, into: &starts)
            }
        }
        atSpeakingRate(last..<count, from: read[last]!, weights, into: &starts)
        return starts
    }

    /// Each segment's end: the next segment's start, or its own words at the
    /// speaking rate when the next starts no later.
    public static func ends(starts: [Milliseconds], words: [Int]) -> [Milliseconds] {
        precondition(starts.count == words.count)
        return starts.indices.map { k in
            if k + 1 < starts.count && starts[k + 1] > starts[k] { return starts[k + 1] }
            return starts[k] + Int64(max(1, words[k])) * millisecondsPerWord
        }
    }

    private static func atSpeakingRate(
        _ range: Range<Int>, from start: Milliseconds, _ weights: [Int64], into starts: inout [Milliseconds]
    ) {
        var time = start
        for k in range {
            starts[k] = time
            time += weights[k] * millisecondsPerWord
        }
    }

    /// `from` to `to` shared by the segments of `range` in proportion to
    /// their words: the first starts at `from`.
    private static func spread(
        _ range: Range<Int>, from: Milliseconds, to: Milliseconds, _ weights: [Int64], into starts: inout [Milliseconds]
    ) {
        let total = weights[range].reduce(0, +)
        let span = to - from
        var before: Int64 = 0
        for k in range {
            // span × before / total without overflow, however far apart the times.
            let product = span.multipliedFullWidth(by: before)
            starts[k] = from + total.dividingFullWidth(product).quotient
            before += weights[k]
        }
    }
}

extension TranscriptBuilder {
    /// Gives every segment committed as `estimated` a start, and every
    /// segment an end, by `TimeEstimator`; for readers of formats without end
    /// times, once all segments are committed. The warnings say how many
    /// segments have estimated times.
    mutating func estimateTimes() {
        let count = store.count
        guard count > 0 else { return }
        let store = self.store
        let words = store.withText { text in
            (0..<count).map { WordCounter.count(in: UnsafeBufferPointer(rebasing: text[store.textRange(of: $0)])) }
        }
        let read = (0..<count).map { store.estimated[$0] ? nil : store.starts[$0] }
        let starts = TimeEstimator.starts(read: read, words: words)
        let ends = TimeEstimator.ends(starts: starts, words: words)
        var maxEnd: Milliseconds = 0
        for k in 0..<count {
            store.starts[k] = starts[k]
            store.ends[k] = ends[k]
            maxEnd = max(maxEnd, ends[k])
        }
        self.store.maxEnd = maxEnd
        if store.estimatedCount > 0 {
            warn(.estimatedTimes, line: nil, detail: "\(store.estimatedCount) of \(count) segments")
        }
    }
}
