import Glibc
import HarkCore

/// Where the subject changes, by lexical cohesion in the manner of
/// TextTiling (Hearst, 1997), computed over segments: at every boundary
/// between two segments, the content words of the block before are compared
/// with those of the block after (cosine of their counts, each word weighted
/// by how rare it is across the transcript). Where the
/// conversation moves to a new subject the vocabulary changes, and the
/// similarity dips; the depth of each dip, how far it falls below the peaks
/// on either side, says how strong a break it is.
enum TextTiling {
    struct Parameters: Sendable {
        /// Content words in each of the two blocks compared.
        var blockTokens = 90
        /// Boundaries averaged on each side when smoothing the similarities.
        var smoothing = 6
        /// No chapter is shorter than this, or than `minimumShare` of a
        /// short transcript (a five-minute talk can have chapters of a minute).
        var minimumChapter: Milliseconds = 150_000
        var minimumShare = 1.0 / 8
        /// Breaks are kept when their depth exceeds the mean depth and this,
        /// so that talk on one subject throughout is one chapter.
        var minimumDepth = 0.05
    }

    /// The first segments of chapters after the first, in order.
    ///
    /// Boundaries are those between segments with text: segments without
    /// (empty WebVTT cues) hold no words, and counting them as boundaries
    /// would change the smoothing and the snapping to sentences.
    static func boundaries(_ words: ContentWords, in transcript: Transcript, parameters: Parameters = Parameters()) -> [Int] {
        let spoken = SpokenSegments(transcript)
        let count = spoken.count
        guard count > 2, words.tokens.count > parameters.blockTokens else { return [] }
        let similarity = smoothed(
            similarities(words, count: count, block: parameters.blockTokens, segment: spoken.segment), parameters.smoothing)
        let depths = depthScores(similarity)
        let minima = depths.indices.filter { depths[$0] > 0 }
        guard !minima.isEmpty else { return [] }
        let mean = minima.reduce(0) { $0 + depths[$1] } / Double(minima.count)
        let threshold = max(mean, parameters.minimumDepth)

        // Deepest first; a break too close to one already taken (or to either end) is left out.
        let duration = transcript.duration
        let shortest = min(parameters.minimumChapter, Milliseconds(Double(duration) * parameters.minimumShare))
        var takenTimes = TakenTimes(duration: duration, apart: shortest)
        var taken: [Int] = []
        let deep = minima.filter { depths[$0] > threshold }.sorted { depths[$0] > depths[$1] }
        transcript.withContinuousText { text in
            for gap in deep {
                let segment = snapped(gap, spoken, transcript, text)
                let time = transcript.start(of: segment)
                guard time >= shortest, duration - time >= shortest else { continue }
                if takenTimes.insertIfClear(time) { taken.append(segment) }
            }
        }
        return taken.sorted()
    }

    /// `result[g]` compares the words before segment `segment(g)` with those
    /// from it on (`result[0]` is unused). The two count vectors, their dot
    /// product and their norms are updated word by word as the boundary
    /// moves, so the whole pass costs a few operations per word. A long
    /// transcript is done in two halves at once, the second starting its
    /// blocks afresh (the same figures, but for the last bits of rounding).
    static func similarities(
        _ words: ContentWords, count: Int, block: Int, segment: (Int) -> Int = { $0 }, splitAbove: Int = splitTokens
    ) -> [Double] {
        let weight = weights(words, block: block, splitAbove: splitAbove)
        let halves = Parallel.halves(of: count, if: words.tokens.count > splitAbove && count > 4)
        return [Double](unsafeUninitializedCapacity: count) { result, filled in
            nonisolated(unsafe) let result = result
            _ = Parallel.map(halves.count) { h in
                similarities(words, weight, block, segment, max(1, halves[h].lowerBound)..<halves[h].upperBound, into: result)
            }
            result[0] = 1
            filled = count
        }
    }

    /// Transcripts with more content words than this have their similarities and weights made in two halves.
    static let splitTokens = 1 << 18

    private static func similarities(
        _ words: ContentWords, _ weight: [Double], _ block: Int, _ segment: (Int) -> Int, _ gaps: Range<Int>,
        into result: UnsafeMutableBufferPointer<Double>
    ) {
        guard !gaps.isEmpty else { return }
        let total = words.tokens.count
        var left = [Double](repeating: 0, count: words.stemCount)
        var right = [Double](repeating: 0, count: words.stemCount)
        var dot = 0.0
        var leftNorm = 0.0
        var rightNorm = 0.0
        // The blocks start empty: at the start, or at the left edge of a second half's first gap.
        var leftStart = gaps.lowerBound <= 1 ? 0 : max(0, Int(words.segmentStarts[segment(gaps.lowerBound)]) - block)
        var boundary = leftStart
        var rightEnd = leftStart
        // Adding w to one side's count of x changes the dot product by w·other[x]
        // and that side's squared norm by 2w·mine[x] + w².
        func add(_ x: Int, _ w: Double, _ mine: inout [Double], _ other: [Double], _ norm: inout Double) {
            dot += w * other[x]
            norm += 2 * w * mine[x] + w * w
            mine[x] += w
        }
        words.tokens.withUnsafeBufferPointer { tokens in
            for g in gaps {
                let t = Int(words.segmentStarts[segment(g)])
                // The right block's first words cross over to the left block.
                while boundary < t {
                    let x = Int(tokens[boundary])
                    if boundary < rightEnd { add(x, -weight[x], &right, left, &rightNorm) }
                    add(x, weight[x], &left, right, &leftNorm)
                    boundary += 1
                }
                rightEnd = max(rightEnd, boundary)
                while rightEnd < min(total, t + block) {
                    let x = Int(tokens[rightEnd])
                    add(x, weight[x], &right, left, &rightNorm)
                    rightEnd += 1
                }
                while leftStart < t - block {
                    let x = Int(tokens[leftStart])
                    add(x, -weight[x], &left, right, &leftNorm)
                    leftStart += 1
                }
                result[g] = leftNorm > 1e-9 && rightNorm > 1e-9 ? dot / (leftNorm * rightNorm).squareRoot() : 1
            }
        }
    }

    /// Inverse document frequency of each stem, a block of words being the
    /// document: a word said all through the conversation ("data", "ML")
    /// says little about where its subject changes. A long transcript is
    /// counted in two halves at once, cut between blocks.
    static func weights(_ words: ContentWords, block: Int, splitAbove: Int = splitTokens) -> [Double] {
        let blockCount = words.tokens.count / block + 1
        let halves = Parallel.halves(of: blockCount, if: words.tokens.count > splitAbove)
        var counted = Parallel.map(halves.count) { h in
            var frequency = [Int32](repeating: 0, count: words.stemCount)
            var lastBlock = [Int32](repeating: -1, count: words.stemCount)
            words.tokens.withUnsafeBufferPointer { tokens in
                for i in (halves[h].lowerBound * block)..<min(tokens.count, halves[h].upperBound * block) {
                    let x = Int(tokens[i])
                    let b = Int32(i / block)
                    if lastBlock[x] != b {
                        lastBlock[x] = b
                        frequency[x] += 1
                    }
                }
            }
            return frequency
        }
        for other in counted.dropFirst() {
            for x in other.indices { counted[0][x] += other[x] }
        }
        let blocks = Double(blockCount)
        return counted[0].map { log((blocks + 1) / Double(max($0, 1))) }
    }

    static func smoothed(_ values: [Double], _ width: Int) -> [Double] {
        guard width > 0, values.count > 2 else { return values }
        let count = values.count
        let prefix = [Double](unsafeUninitializedCapacity: count + 1) { prefix, filled in
            var sum = 0.0
            prefix[0] = 0
            for i in 0..<count {
                sum += values[i]
                prefix[i + 1] = sum
            }
            filled = count + 1
        }
        return [Double](unsafeUninitializedCapacity: count) { result, filled in
            for i in 0..<count {
                let low = max(1, i - width)
                let high = min(count - 1, i + width)
                result[i] = low <= high ? (prefix[high + 1] - prefix[low]) / Double(high - low + 1) : values[i]
            }
            filled = count
        }
    }

    /// For each local minimum, how far it lies below the highest points
    /// reached by climbing to either side; zero elsewhere.
    static func depthScores(_ s: [Double]) -> [Double] {
        var depths = [Double](repeating: 0, count: s.count)
        guard s.count > 3 else { return depths }
        for g in 2..<(s.count - 1) where s[g] < s[g - 1] && s[g] <= s[g + 1] {
            var l = g
            while l > 1, s[l - 1] >= s[l] { l -= 1 }
            var r = g
            while r < s.count - 1, s[r + 1] >= s[r] { r += 1 }
            depths[g] = (s[l] - s[g]) + (s[r] - s[g])
        }
        return depths
    }

    /// A break moves to the nearest segment with text within three that
    /// starts a sentence, so a chapter does not open mid-sentence.
    static func snapped(
        _ gap: Int, _ spoken: SpokenSegments, _ transcript: Transcript, _ text: UnsafeBufferPointer<UInt8>
    ) -> Int {
        for distance in 0...3 {
            for candidate in [gap - distance, gap + distance] where candidate > 0 && candidate < spoken.count {
                let segment = spoken.segment(candidate)
                if startsSentence(segment, after: spoken.segment(candidate - 1), transcript, text) { return segment }
            }
        }
        return spoken.segment(gap)
    }

    /// Whether `segment` starts a sentence, `previous` being the segment
    /// with text before it (`text`: the transcript's continuous text).
    static func startsSentence(
        _ segment: Int, after previous: Int, _ transcript: Transcript, _ text: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        transcript.startsTurn(at: segment)
            || Paragraphs.endsSentence(UnsafeBufferPointer(rebasing: text[transcript.textRange(of: previous)]))
    }

    /// The times of the breaks taken, each at least `apart` from the
    /// others: kept by buckets `apart` wide, each of which holds one at most,
    /// so a time is checked against three buckets only.
    struct TakenTimes {
        private let apart: Milliseconds
        private var buckets: [Milliseconds]

        init(duration: Milliseconds, apart: Milliseconds) {
            self.apart = apart
            buckets = apart > 0 ? [Milliseconds](repeating: -1, count: Int(max(0, duration) / apart) + 2) : []
        }

        /// Takes `time` (0 to the duration) if no time taken is nearer than `apart`.
        mutating func insertIfClear(_ time: Milliseconds) -> Bool {
            guard apart > 0 else { return true }
            let bucket = Int(time / apart)
            for b in max(0, bucket - 1)...min(buckets.count - 1, bucket + 1) where buckets[b] >= 0 {
                if abs(buckets[b] - time) < apart { return false }
            }
            buckets[bucket] = time
            return true
        }
    }
}

/// The segments that have text, numbered from 0: every segment, unless the
/// transcript keeps some without text (empty WebVTT cues).
struct SpokenSegments {
    private let indices: [Int]?
    let count: Int

    init(_ transcript: Transcript) {
        let all = transcript.segments.indices
        if all.allSatisfy({ transcript.hasText($0) }) {
            indices = nil
            count = all.count
        } else {
            let spoken = all.filter { transcript.hasText($0) }
            indices = spoken
            count = spoken.count
        }
    }

    /// The segment of the `k`th segment with text.
    func segment(_ k: Int) -> Int { indices?[k] ?? k }
}
