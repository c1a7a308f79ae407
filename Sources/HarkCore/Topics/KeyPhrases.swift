import Foundation

/// Key phrases in the manner of TF-IDF over chapters: candidates are runs of
/// one to three content words with no stop word or punctuation between them
/// ("large language model", "structured data"); a phrase is key to a
/// chapter when it is said often there and in few other chapters.
struct KeyPhrases {
    struct Phrase: Sendable {
        /// Stem ids, at most three, packed 21 bits each (ids start at 1).
        var key: UInt64
        var length: Int
        /// Where it is first said: token indexes.
        var firstToken: Int
        var count: Int
        var score: Double
    }

    private let words: ContentWords
    private let chapters: [Range<Int>]  // token ranges
    /// How many chapters each phrase appears in, and how often in all.
    private var chapterFrequency: [UInt64: Int32] = [:]
    private var totalCount: [UInt64: Int32] = [:]
    private var firstToken: [UInt64: Int32] = [:]

    init(_ words: ContentWords, chapters: [Range<Int>]) {
        self.words = words
        self.chapters = chapters
        var seenIn: [UInt64: Int32] = [:]
        for (c, range) in chapters.enumerated() {
            forEachCandidate(in: range) { key, start in
                totalCount[key, default: 0] += 1
                if seenIn[key] != Int32(c) {
                    seenIn[key] = Int32(c)
                    chapterFrequency[key, default: 0] += 1
                }
                if firstToken[key] == nil { firstToken[key] = Int32(start) }
            }
        }
    }

    /// Every 1-, 2- and 3-word run that starts in `range` and stays in it.
    private func forEachCandidate(in range: Range<Int>, _ body: (UInt64, Int) -> Void) {
        let tokens = words.tokens
        let breaks = words.breaksBefore
        for i in range {
            var key: UInt64 = 0
            for n in 0..<3 {
                let k = i + n
                guard k < range.upperBound, n == 0 || !breaks[k] else { break }
                key |= UInt64(tokens[k] + 1) << (21 * UInt64(n))
                body(key, i)
            }
        }
    }

    private func idf(_ key: UInt64) -> Double {
        log(Double(chapters.count + 1) / Double(chapterFrequency[key] ?? 1))
    }

    private static func length(_ key: UInt64) -> Int { key >> 42 != 0 ? 3 : key >> 21 != 0 ? 2 : 1 }

    /// Longer phrases name a subject better than their words alone.
    private static func lengthWeight(_ n: Int) -> Double { n == 1 ? 1 : n == 2 ? 1.6 : 1.8 }

    /// The chapter's best phrases, none sharing a word with a better one.
    func best(inChapter c: Int, limit: Int) -> [Phrase] {
        var counts: [UInt64: Int] = [:]
        var first: [UInt64: Int] = [:]
        forEachCandidate(in: chapters[c]) { key, start in
            counts[key, default: 0] += 1
            if first[key] == nil { first[key] = start }
        }
        let phrases = counts.map { key, count in
            let n = Self.length(key)
            return Phrase(
                key: key, length: n, firstToken: first[key]!, count: count,
                score: Double(count) * idf(key) * Self.lengthWeight(n))
        }
        return Self.distinct(phrases.filter { $0.count >= 2 }, limit: limit)
    }

    /// The transcript's best phrases: said often, and bunched in few chapters.
    func bestOverall(limit: Int, minimumCount: Int, where accept: (Phrase) -> Bool = { _ in true }) -> [Phrase] {
        let phrases = totalCount.compactMap { key, count -> Phrase? in
            guard Int(count) >= minimumCount else { return nil }
            let n = Self.length(key)
            return Phrase(
                key: key, length: n, firstToken: Int(firstToken[key]!), count: Int(count),
                score: Double(count) * idf(key) * Self.lengthWeight(n))
        }
        return Self.distinct(phrases.filter(accept), limit: limit)
    }

    private static func distinct(_ phrases: [Phrase], limit: Int) -> [Phrase] {
        // A phrase said nearly every time as part of a longer one ("level
        // interfaces" in "higher-level interfaces") gives way to the longer one.
        var counts: [UInt64: Int] = [:]
        for phrase in phrases { counts[phrase.key] = phrase.count }
        var subsumed = Set<UInt64>()
        for phrase in phrases where phrase.length > 1 {
            let shorter = UInt64(21 * (phrase.length - 1))
            for part in [phrase.key & ((1 << shorter) - 1), phrase.key >> 21] {
                if let count = counts[part], Double(phrase.count) >= 0.75 * Double(count) { subsumed.insert(part) }
            }
        }
        // Ties broken by key so that the result never depends on dictionary order.
        let ranked = phrases.filter { !subsumed.contains($0.key) }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        var chosen: [Phrase] = []
        var usedStems = Set<UInt64>()
        for phrase in ranked {
            let stems = (0..<phrase.length).map { (phrase.key >> (21 * UInt64($0))) & 0x1F_FFFF }
            guard stems.allSatisfy({ !usedStems.contains($0) }) else { continue }
            chosen.append(phrase)
            usedStems.formUnion(stems)
            if chosen.count == limit { break }
        }
        return chosen
    }

    /// The phrase as first said, lowercased except for words that are names
    /// or acronyms (a capital after the first letter, or a capital in the
    /// middle of a sentence).
    func text(of phrase: Phrase, in transcript: Transcript) -> String {
        transcript.withContinuousText { text in
            let start = Int(words.starts[phrase.firstToken])
            let end = Int(words.ends[phrase.firstToken + phrase.length - 1])
            var result: [UInt8] = []
            var wordStart = true
            var keepCase = false
            for k in start..<end {
                let b = text[k]
                if !Words.isWordByte(b) && b != 0x27 {
                    result.append(b == 0x2D ? b : 0x20)
                    wordStart = true
                    continue
                }
                if wordStart {
                    keepCase = Self.keepsCase(text, wordStart: k)
                    wordStart = false
                }
                result.append(keepCase || b &- 0x41 >= 26 ? b : b | 0x20)
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Whether the phrase's first word, where first said, is a name or an
    /// acronym ("Rust", "LLMs").
    func isName(_ phrase: Phrase, in transcript: Transcript) -> Bool {
        transcript.withContinuousText { Self.keepsCase($0, wordStart: Int(words.starts[phrase.firstToken])) }
    }

    private static func keepsCase(_ text: UnsafeBufferPointer<UInt8>, wordStart k: Int) -> Bool {
        var end = k
        var capitalsInside = false
        while end < text.count, Words.isWordByte(text[end]) {
            if end > k, text[end] &- 0x41 < 26 { capitalsInside = true }
            end += 1
        }
        if capitalsInside { return true }
        guard text[k] &- 0x41 < 26 else { return false }
        // A capital that does not follow the end of a sentence marks a name.
        var p = k - 1
        while p >= 0, text[p] == 0x20 || text[p] == 0x22 { p -= 1 }
        return p >= 0 && text[p] != 0x2E && text[p] != 0x3F && text[p] != 0x21
    }
}
