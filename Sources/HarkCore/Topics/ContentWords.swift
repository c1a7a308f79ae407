/// The transcript as the words that carry its subject: stop words and
/// numbers removed, plural `s` stripped ("models" counts as "model"), each
/// word a small integer so that windows of words can be counted in arrays.
struct ContentWords: Sendable {
    /// Content words in order, as stem ids.
    var tokens: [Int32] = []
    /// Whether a stop word, a punctuation mark other than a hyphen, or the
    /// start of the text comes just before the token: a key phrase cannot
    /// run across it.
    var breaksBefore: [Bool] = []
    /// Byte ranges of the tokens in the continuous text (to show phrases as said).
    var starts: [Int32] = []
    var ends: [Int32] = []
    /// `segmentStarts[s]` is the first token of segment `s`; one extra entry at the end.
    var segmentStarts: [Int32] = []
    /// How many stems there are.
    var stemCount = 0

    init(_ transcript: Transcript) {
        transcript.withContinuousText { text in
            let segmentCount = transcript.segments.count
            // Two halves at a segment boundary, scanned at once with their own
            // tables, then joined with the second half's stems renumbered.
            let middle = segmentCount / 2
            let halves = text.count > 1 << 22 && segmentCount > 2 ? [0..<middle, middle..<segmentCount] : [0..<segmentCount]
            let parts = Parallel.map(halves.count) { Part(text, transcript, halves[$0]) }
            var stems = parts[0].stemHashes
            var ids = HashTable(capacity: stems.count)
            for (id, hash) in stems.enumerated() { ids.set(hash, Int32(id)) }
            self = parts[0].words
            for part in parts.dropFirst() {
                let renumber = part.stemHashes.map { hash in
                    ids.value(hash) {
                        stems.append(hash)
                        return Int32(stems.count - 1)
                    }
                }
                let offset = Int32(tokens.count)
                tokens += part.words.tokens.map { renumber[Int($0)] }
                breaksBefore += part.words.breaksBefore
                starts += part.words.starts
                ends += part.words.ends
                segmentStarts += part.words.segmentStarts.dropFirst().map { $0 + offset }
            }
            stemCount = stems.count
        }
    }

    private init() {}

    /// One run of segments, with stem ids of its own.
    private struct Part {
        var words = ContentWords()
        var stemHashes: [UInt64] = []

        init(_ text: UnsafeBufferPointer<UInt8>, _ transcript: Transcript, _ segments: Range<Int>) {
            // Per distinct word (as written): its stem id, or -1 for a stop word.
            var wordStems = HashTable(capacity: 4096)
            var stemIds = HashTable(capacity: 4096)
            let stops = StopWords.hashes
            var breakPending = true
            for segment in segments {
                words.segmentStarts.append(Int32(words.tokens.count))
                let range = transcript.textRange(of: segment)
                var i = range.lowerBound
                var previousEnd = i
                while i < range.upperBound {
                    guard Words.isWordByte(text[i]) else { i += 1; continue }
                    let start = i
                    let end = Words.wordEnd(text, from: i, limit: range.upperBound)
                    i = end
                    // Punctuation since the last word (other than spaces and hyphens) breaks a phrase.
                    for k in previousEnd..<start where text[k] != 0x20 && text[k] != 0x2D { breakPending = true }
                    previousEnd = end
                    var hash = WordHash.seed
                    var allDigits = true
                    for k in start..<end {
                        let b = text[k]
                        hash = WordHash.adding(hash, b &- 0x41 < 26 ? b | 0x20 : b)
                        allDigits = allDigits && b >= 0x30 && b <= 0x39
                    }
                    let stem = wordStems.value(hash | 1) {
                        if allDigits || stops.contains(hash) { return -1 }
                        return stemIds.value(Self.stemHash(text, start..<end) | 1) {
                            stemHashes.append(Self.stemHash(text, start..<end) | 1)
                            return Int32(stemHashes.count - 1)
                        }
                    }
                    if stem < 0 {
                        breakPending = true
                        continue
                    }
                    words.tokens.append(stem)
                    words.breaksBefore.append(breakPending)
                    words.starts.append(Int32(truncatingIfNeeded: start))
                    words.ends.append(Int32(truncatingIfNeeded: end))
                    breakPending = false
                }
            }
            words.segmentStarts.append(Int32(words.tokens.count))
        }

        /// The word lowercased with a plural `s` dropped (not from "-ss",
        /// "-us", "-is" or words of three letters or fewer), and a possessive "'s".
        static func stemHash(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
            var end = range.upperBound
            func lower(_ k: Int) -> UInt8 { let b = text[k]; return b &- 0x41 < 26 ? b | 0x20 : b }
            if end - range.lowerBound > 2, lower(end - 1) == 0x73, text[end - 2] == 0x27 {
                end -= 2
            } else if end - range.lowerBound > 3, lower(end - 1) == 0x73 {
                let before = lower(end - 2)
                if before != 0x73 && before != 0x75 && before != 0x69 { end -= 1 }
            }
            var hash = WordHash.seed
            for k in range.lowerBound..<end { hash = WordHash.adding(hash, lower(k)) }
            return hash
        }
    }

    /// The segment a token is in.
    func segment(ofToken token: Int) -> Int {
        // The last segment starting at or before the token (empty segments start where the next does).
        var low = 0, high = segmentStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(segmentStarts[mid]) <= token { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The tokens of segments `range`.
    func tokenRange(ofSegments range: Range<Int>) -> Range<Int> {
        Int(segmentStarts[range.lowerBound])..<Int(segmentStarts[range.upperBound])
    }
}
