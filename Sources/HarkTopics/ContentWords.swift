import HarkCore

/// The transcript as the words that carry its subject: stop words and
/// numbers removed, plural `s` stripped ("models" counts as "model"), each
/// word a small integer so that windows of words can be counted in arrays.
struct ContentWords: Sendable {
    /// Content words in order, as stem ids.
    var tokens: [Int32] = []
    /// Whether a stop word, a punctuation mark other than a hyphen, or the
    /// start of the text comes just before the token: a key phrase cannot
    /// run across it. A single joining word between two content words
    /// ("end to end", "point of view", "bundling and unbundling") is no
    /// break: it is kept in `joinersBefore`.
    var breaksBefore: [Bool] = []
    /// The joining word just before the token (`Joiner`), 0 for none.
    var joinersBefore: [UInt8] = []
    /// Byte ranges of the tokens in the continuous text (to show phrases as said).
    var starts: [Int32] = []
    var ends: [Int32] = []
    /// `segmentStarts[s]` is the first token of segment `s`; one extra entry at the end.
    var segmentStarts: [Int32] = []
    /// How many stems there are.
    var stemCount = 0
    /// Per stem, whether it is a `StopWords.weak` word: part of key phrases,
    /// never one alone, and not counted where words are compared.
    var isWeak: [Bool] = []

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
                joinersBefore += part.words.joinersBefore
                starts += part.words.starts
                ends += part.words.ends
                segmentStarts += part.words.segmentStarts.dropFirst().map { $0 + offset }
            }
            stemCount = stems.count
            let weakStems = Set(
                StopWords.weak.map { word in
                    Array(word.utf8).withUnsafeBufferPointer { Part.stemHash($0, 0..<$0.count, weak: true) }
                })
            isWeak = stems.map { weakStems.contains($0) }
        }
    }

    /// The words less the weak ones, for comparing stretches of text by
    /// their words (chapters): stem ids and segment starts only.
    func withoutWeakWords() -> ContentWords {
        guard isWeak.contains(true) else { return self }
        var result = ContentWords()
        result.stemCount = stemCount
        result.isWeak = isWeak
        result.tokens.reserveCapacity(tokens.count)
        var segment = 0
        for (t, stem) in tokens.enumerated() {
            while segment < segmentStarts.count, Int(segmentStarts[segment]) <= t {
                result.segmentStarts.append(Int32(result.tokens.count))
                segment += 1
            }
            if !isWeak[Int(stem)] { result.tokens.append(stem) }
        }
        while segment < segmentStarts.count {
            result.segmentStarts.append(Int32(result.tokens.count))
            segment += 1
        }
        return result
    }

    private init() {}

    /// One run of segments, with stem ids of its own.
    private struct Part {
        var words = ContentWords()
        var stemHashes: [UInt64] = []

        init(_ text: UnsafeBufferPointer<UInt8>, _ transcript: Transcript, _ segments: Range<Int>) {
            // Per distinct word (as written): its stem id, -1 for a stop word,
            // or minus one more than its `Joiner` code for a joining word.
            var wordStems = HashTable(capacity: 4096)
            var stemIds = HashTable(capacity: 4096)
            let stops = StopWords.hashes
            let weak = StopWords.weakHashes
            var breakPending = true
            var joiner: UInt8 = 0
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
                        if let code = Joiner.code(hash) { return -1 - Int32(code) }
                        if allDigits || stops.contains(hash) { return -1 }
                        let stemHash = Self.stemHash(text, start..<end, weak: weak.contains(hash))
                        return stemIds.value(stemHash) {
                            stemHashes.append(stemHash)
                            return Int32(stemHashes.count - 1)
                        }
                    }
                    if stem < 0 {
                        // One joining word right after a content word may join it to the next.
                        if stem < -1, !breakPending, joiner == 0 {
                            joiner = UInt8(-1 - stem)
                        } else {
                            breakPending = true
                            joiner = 0
                        }
                        continue
                    }
                    // "To" joins a word to itself only ("end to end", "day to day"):
                    // between others it is mostly a verb's ("tool to solve").
                    if joiner == Joiner.to, words.tokens.last != stem { breakPending = true }
                    words.tokens.append(stem)
                    words.breaksBefore.append(breakPending)
                    words.joinersBefore.append(breakPending ? 0 : joiner)
                    joiner = 0
                    words.starts.append(Int32(truncatingIfNeeded: start))
                    words.ends.append(Int32(truncatingIfNeeded: end))
                    breakPending = false
                }
            }
            words.segmentStarts.append(Int32(words.tokens.count))
        }

        /// The word lowercased with a plural `s` dropped (not from "-ss",
        /// "-us", "-is" or words of three letters or fewer), and a possessive "'s".
        /// A weak word as written ("point", not "points") gets a stem of its
        /// own, so that the words around it are counted as they always were.
        static func stemHash(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, weak: Bool) -> UInt64 {
            (stemHash(text, range) ^ (weak ? weakMark : 0)) | 1
        }

        static let weakMark: UInt64 = 0x5745_414B_0000_0000  // "WEAK"

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

    /// The words that may stand inside a key phrase, between two content
    /// words, numbered from 1 (two bits in a phrase's key).
    enum Joiner {
        static let words = ["to", "of", "and"]
        static let to: UInt8 = 1
        private static let hashes = words.map { WordHash.of($0.utf8) }

        static func code(_ hash: UInt64) -> UInt8? {
            hashes.firstIndex(of: hash).map { UInt8($0 + 1) }
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
