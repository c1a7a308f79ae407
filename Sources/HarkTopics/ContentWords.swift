import HarkCore

/// The transcript as the words that carry its subject: stop words and
/// numbers removed, plural `s` stripped ("models" counts as "model"), each
/// word a small integer so that windows of words can be counted in arrays.
struct ContentWords: Sendable {
    /// Content words in order, as stem ids.
    var tokens: [Int32] = []
    /// What comes just before each token, as far as key phrases are
    /// concerned: `broken` for a stop word, a punctuation mark other than a
    /// hyphen, or the start of the text (a key phrase cannot run across
    /// it); a `Joiner` code (1 to 3) for a single joining word between two
    /// content words ("end to end", "point of view", "bundling and
    /// unbundling"), which is no break; `joined` (0) for nothing but a space
    /// or a hyphen.
    var links: [UInt8] = []
    static let joined: UInt8 = 0
    static let broken: UInt8 = 0xFF
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
    /// The words less the weak ones, for comparing stretches of text by
    /// their words (chapters): stem ids and segment starts only, made in the
    /// same scan.
    private(set) var strong: Strong = Strong()

    struct Strong: Sendable {
        var tokens: [Int32] = []
        var segmentStarts: [Int32] = []
    }

    init(_ transcript: Transcript) {
        transcript.withContinuousText { text in
            let segmentCount = transcript.segments.count
            // Two halves at a segment boundary, scanned at once with their own
            // tables, then joined with the second half's stems renumbered.
            let halves = Parallel.halves(of: segmentCount, if: text.count > 1 << 22 && segmentCount > 2)
            var parts = Parallel.map(halves.count) { h in
                // The first half's arrays have room for the whole text's
                // words, so that the second's are added without a copy of
                // the first's (memory reserved and never written costs
                // nothing).
                Part(text, transcript, halves[h], reserving: h == 0 && halves.count > 1 ? text.count / 4 : nil)
            }
            var stems = parts[0].stemHashes
            var isWeak = parts[0].isWeak
            var ids = HashTable(capacity: stems.count)
            for (id, hash) in stems.enumerated() { ids.set(hash, Int32(id)) }
            self = parts[0].words
            parts[0].words = ContentWords()  // so that the arrays taken over are added to in place
            for part in parts.dropFirst() {
                let renumber = part.stemHashes.indices.map { k in
                    ids.value(part.stemHashes[k]) {
                        stems.append(part.stemHashes[k])
                        isWeak.append(part.isWeak[k])
                        return Int32(stems.count - 1)
                    }
                }
                append(part.words, renumbered: renumber)
            }
            stemCount = stems.count
            self.isWeak = isWeak
        }
    }

    /// `other`'s words after these, its stem ids renumbered: the stem ids
    /// and the rest are copied at once.
    private mutating func append(_ other: ContentWords, renumbered renumber: [Int32]) {
        // Taken out of `self`, so that each is added to in place on its own thread.
        var (tokens, links, starts, ends, segmentStarts) = ([Int32](), [UInt8](), [Int32](), [Int32](), [Int32]())
        var strong = Strong()
        swap(&tokens, &self.tokens)
        swap(&links, &self.links)
        swap(&starts, &self.starts)
        swap(&ends, &self.ends)
        swap(&segmentStarts, &self.segmentStarts)
        swap(&strong, &self.strong)
        let (offset, strongOffset) = (Int32(tokens.count), Int32(strong.tokens.count))
        _ = Parallel.map(2) { job in
            if job == 0 {
                renumber.withUnsafeBufferPointer { renumber in
                    tokens.append(contentsOf: other.tokens.lazy.map { renumber[Int($0)] })
                    strong.tokens.append(contentsOf: other.strong.tokens.lazy.map { renumber[Int($0)] })
                }
                strong.segmentStarts += other.strong.segmentStarts.dropFirst().lazy.map { $0 + strongOffset }
            } else {
                links += other.links
                starts += other.starts
                ends += other.ends
                segmentStarts += other.segmentStarts.dropFirst().lazy.map { $0 + offset }
            }
        }
        self.tokens = tokens
        self.links = links
        self.starts = starts
        self.ends = ends
        self.segmentStarts = segmentStarts
        self.strong = strong
    }

    /// The words less the weak ones (`strong`) as content words of their
    /// own: stem ids and segment starts only.
    func withoutWeakWords() -> ContentWords {
        var result = ContentWords()
        result.stemCount = stemCount
        result.isWeak = isWeak
        result.tokens = strong.tokens
        result.segmentStarts = strong.segmentStarts
        result.strong = strong
        return result
    }

    private init() {}

    /// One run of segments, with stem ids of its own.
    private struct Part {
        var words = ContentWords()
        var stemHashes: [UInt64] = []
        /// Per stem id, whether it is a weak word.
        var isWeak: [Bool] = []

        init(_ text: UnsafeBufferPointer<UInt8>, _ transcript: Transcript, _ segments: Range<Int>, reserving: Int?) {
            // Per distinct word (as written): its stem id, -1 for a stop word,
            // or minus one more than its `Joiner` code for a joining word.
            var wordStems = HashTable(capacity: 4096)
            var stemIds = HashTable(capacity: 4096)
            let stops = StopWords.hashes
            let weak = StopWords.weakHashes
            // Built in local arrays (appends to them are cheaper).
            var tokens: [Int32] = []
            var links: [UInt8] = []
            var starts: [Int32] = []
            var ends: [Int32] = []
            var segmentStarts: [Int32] = []
            var strongSegmentStarts: [Int32] = []
            var weakStems: [Bool] = []
            if let capacity = reserving {
                tokens.reserveCapacity(capacity)
                links.reserveCapacity(capacity)
                starts.reserveCapacity(capacity)
                ends.reserveCapacity(capacity)
                segmentStarts.reserveCapacity(transcript.segments.count + 1)
            }
            var link = ContentWords.broken
            let folding = Self.folding
            for segment in segments {
                segmentStarts.append(Int32(tokens.count))
                let range = transcript.textRange(of: segment)
                var i = range.lowerBound
                let limit = range.upperBound
                while i < limit {
                    // Between words: punctuation other than a space or a hyphen
                    // (a full stop at the end of the last segment too) breaks a phrase.
                    let b = text[i]
                    if folding[Int(b)] == 0 {
                        if b != 0x20 && b != 0x2D { link = ContentWords.broken }
                        i += 1
                        continue
                    }
                    // One pass over the word: its end and its lowercase hash.
                    let start = i
                    var hash = WordHash.seed
                    while i < limit {
                        let c = text[i]
                        let folded = folding[Int(c)]
                        if folded != 0 {
                            hash = WordHash.adding(hash, folded)
                        } else if c == 0x27, i + 1 < limit, Words.isWordByte(text[i + 1]) {
                            hash = WordHash.adding(hash, c)
                        } else {
                            break
                        }
                        i += 1
                    }
                    let end = i
                    let stem = wordStems.value(hash | 1) {
                        // A word seen for the first time: a joining word, a number or a stop word?
                        if let code = Joiner.code(hash) { return -1 - Int32(code) }
                        if (start..<end).allSatisfy({ text[$0] &- 0x30 < 10 }) || stops.contains(hash) { return -1 }
                        let isWeakWord = weak.contains(hash)
                        let stemHash = Self.stemHash(text, start..<end, weak: isWeakWord)
                        return stemIds.value(stemHash) {
                            stemHashes.append(stemHash)
                            weakStems.append(isWeakWord)
                            return Int32(stemHashes.count - 1)
                        }
                    }
                    if stem < 0 {
                        // One joining word right after a content word may join it to the next.
                        link = stem < -1 && link == ContentWords.joined ? UInt8(-1 - stem) : ContentWords.broken
                        continue
                    }
                    // "To" joins a word to itself only ("end to end", "day to day"):
                    // between others it is mostly a verb's ("tool to solve").
                    if link == Joiner.to, tokens.last != stem { link = ContentWords.broken }
                    tokens.append(stem)
                    links.append(link)
                    link = ContentWords.joined
                    starts.append(Int32(truncatingIfNeeded: start))
                    ends.append(Int32(truncatingIfNeeded: end))
                }
            }
            segmentStarts.append(Int32(tokens.count))
            // The strong words, in a pass of their own (quicker than in the scan).
            let strongTokens = [Int32](unsafeUninitializedCapacity: max(reserving ?? 0, tokens.count)) { strong, kept in
                var strongStarts = [Int32](unsafeUninitializedCapacity: segmentStarts.count) { starts, filled in
                    weakStems.withUnsafeBufferPointer { weak in
                        tokens.withUnsafeBufferPointer { tokens in
                            segmentStarts.withUnsafeBufferPointer { segmentStarts in
                                var n = 0
                                var segment = 0
                                for t in 0..<tokens.count {
                                    while Int(segmentStarts[segment]) <= t {
                                        starts[segment] = Int32(n)
                                        segment += 1
                                    }
                                    let stem = tokens[t]
                                    if !weak[Int(stem)] {
                                        strong[n] = stem
                                        n += 1
                                    }
                                }
                                while segment < segmentStarts.count {
                                    starts[segment] = Int32(n)
                                    segment += 1
                                }
                                kept = n
                            }
                        }
                    }
                    filled = segmentStarts.count
                }
                if let capacity = reserving { strongStarts.reserveCapacity(capacity) }
                strongSegmentStarts = strongStarts
            }
            words.tokens = tokens
            words.links = links
            words.starts = starts
            words.ends = ends
            words.segmentStarts = segmentStarts
            words.strong = Strong(tokens: strongTokens, segmentStarts: strongSegmentStarts)
            isWeak = weakStems
        }

        /// Per byte: 0 if it is not part of a word (`Words.isWordByte`), else the
        /// byte lowercased, so that a word's bytes are told and folded by one look-up.
        static let folding: [UInt8] = (0...255).map { b in
            let byte = UInt8(b)
            return Words.isWordByte(byte) ? (byte &- 0x41 < 26 ? byte | 0x20 : byte) : 0
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
