import HarkCore

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
            let halves = Parallel.halves(of: segmentCount, if: text.count > 1 << 22 && segmentCount > 2)
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
                let limit = range.upperBound
                while i < limit {
                    // Between words: punctuation other than a space or a hyphen
                    // (a full stop at the end of the last segment too) breaks a phrase.
                    let b = text[i]
                    if !Words.isWordByte(b) {
                        if b != 0x20 && b != 0x2D { breakPending = true }
                        i += 1
                        continue
                    }
                    // One pass over the word: its end, its lowercase hash, whether it is a number.
                    let start = i
                    var hash = WordHash.seed
                    var allDigits = true
                    while i < limit {
                        let c = text[i]
                        if Words.isWordByte(c) {
                            hash = WordHash.adding(hash, c &- 0x41 < 26 ? c | 0x20 : c)
                            allDigits = allDigits && c &- 0x30 < 10
                        } else if c == 0x27, i + 1 < limit, Words.isWordByte(text[i + 1]) {
                            hash = WordHash.adding(hash, c)
                            allDigits = false
                        } else {
                            break
                        }
                        i += 1
                    }
                    let end = i
                    let stem = wordStems.value(hash | 1) {
                        if allDigits || stops.contains(hash) { return -1 }
                        let stemHash = Self.stemHash(text, start..<end) | 1
                        return stemIds.value(stemHash) {
                            stemHashes.append(stemHash)
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
            func lower(_ k: Int) -> UInt8 {
                let b = text[k]
                return b &- 0x41 < 26 ? b | 0x20 : b
            }
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
        var low = 0
        var high = segmentStarts.count - 1
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
