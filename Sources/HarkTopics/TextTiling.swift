import Foundation
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
        var takenTimes: [Milliseconds] = []  // sorted
        var taken: [Int] = []
        let duration = transcript.duration
        let shortest = min(parameters.minimumChapter, Milliseconds(Double(duration) * parameters.minimumShare))
        for gap in minima.sorted(by: { depths[$0] > depths[$1] }) where depths[gap] > threshold {
            let segment = snapped(gap, spoken, transcript)
            let time = transcript.start(of: segment)
            guard time >= shortest, duration - time >= shortest else { continue }
            var low = 0
            var high = takenTimes.count
            while low < high {
                let mid = (low + high) / 2
                if takenTimes[mid] < time { low = mid + 1 } else { high = mid }
            }
            let clearBefore = low == 0 || time - takenTimes[low - 1] >= shortest
            let clearAfter = low == takenTimes.count || takenTimes[low] - time >= shortest
            if clearBefore && clearAfter {
                takenTimes.insert(time, at: low)
                taken.append(segment)
            }
        }
        return taken.sorted()
    }

    /// `result[g]` compares the words before segment `segment(g)` with those
    /// from it on (`result[0]` is unused). The two count vectors, their dot
    /// product and their norms are updated word by word as the boundary
    /// moves, so the whole pass costs a few operations per word.
    static func similarities(_ words: ContentWords, count: Int, block: Int, segment: (Int) -> Int = { $0 }) -> [Double] {
        let tokens = words.tokens
        let total = tokens.count
        let weight = weights(words, block: block)
        var left = [Double](repeating: 0, count: words.stemCount)
        var right = [Double](repeating: 0, count: words.stemCount)
        var dot = 0.0
        var leftNorm = 0.0
        var rightNorm = 0.0
        var leftStart = 0
        var boundary = 0
        var rightEnd = 0
        var result = [Double](repeating: 1, count: count)
        // Adding w to one side's count of x changes the dot product by w·other[x]
        // and that side's squared norm by 2w·mine[x] + w².
        func add(_ x: Int, _ w: Double, _ mine: inout [Double], _ other: [Double], _ norm: inout Double) {
            dot += w * other[x]
            norm += 2 * w * mine[x] + w * w
            mine[x] += w
        }
        tokens.withUnsafeBufferPointer { tokens in
            for g in 1..<count {
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
                if leftNorm > 1e-9, rightNorm > 1e-9 {
                    result[g] = dot / (leftNorm * rightNorm).squareRoot()
                }
            }
        }
        return result
    }

    /// Inverse document frequency of each stem, a block of words being the
    /// document: a word said all through the conversation ("data", "ML")
    /// says little about where its subject changes.
    static func weights(_ words: ContentWords, block: Int) -> [Double] {
        var frequency = [Int32](repeating: 0, count: words.stemCount)
        var lastBlock = [Int32](repeating: -1, count: words.stemCount)
        for (i, x) in words.tokens.enumerated() {
            let b = Int32(i / block)
            if lastBlock[Int(x)] != b {
                lastBlock[Int(x)] = b
                frequency[Int(x)] += 1
            }
        }
        let blocks = Double(words.tokens.count / block + 1)
        return frequency.map { log((blocks + 1) / Double(max($0, 1))) }
    }

    static func smoothed(_ values: [Double], _ width: Int) -> [Double] {
        guard width > 0, values.count > 2 else { return values }
        var prefix = [0.0]
        prefix.reserveCapacity(values.count + 1)
        for v in values { prefix.append(prefix.last! + v) }
        return values.indices.map { i in
            let low = max(1, i - width)
            let high = min(values.count - 1, i + width)
            guard low <= high else { return values[i] }
            return (prefix[high + 1] - prefix[low]) / Double(high - low + 1)
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
    static func snapped(_ gap: Int, _ spoken: SpokenSegments, _ transcript: Transcript) -> Int {
        for distance in 0...3 {
            for candidate in [gap - distance, gap + distance] where candidate > 0 && candidate < spoken.count {
                let segment = spoken.segment(candidate)
                if startsSentence(segment, after: spoken.segment(candidate - 1), transcript) { return segment }
            }
        }
        return spoken.segment(gap)
    }

    /// Whether `segment` starts a sentence, `previous` being the segment with text before it.
    static func startsSentence(_ segment: Int, after previous: Int, _ transcript: Transcript) -> Bool {
        if transcript.startsTurn(at: segment) { return true }
        return transcript.withContinuousText { text in
            Paragraphs.endsSentence(UnsafeBufferPointer(rebasing: text[transcript.textRange(of: previous)]))
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
