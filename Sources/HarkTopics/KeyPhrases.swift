import Foundation
import HarkCore

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
    /// Per phrase: how many chapters it appears in, how often in all, and
    /// the token where it is first said.
    private let chapterFrequency: HashTable
    private let totalCount: HashTable
    private let firstToken: HashTable
    /// Per chapter, the phrases said there twice or more (the only ones that
    /// can be its key phrases) and how often: chapter `c`'s are
    /// `repeated[repeatedStarts[c]..<repeatedStarts[c + 1]]`. Kept from the
    /// counting pass so that titling needs no second one.
    private let repeated: [(key: UInt64, count: Int32)]
    private let repeatedStarts: [Int]

    init(_ words: ContentWords, chapters: [Range<Int>]) {
        self.words = words
        self.chapters = chapters
        // Chapters are counted in two halves at once, then the tables merged.
        let halves = Parallel.halves(of: chapters.count, if: chapters.count > 64)
        let counted = Parallel.map(halves.count) { h in
            var frequency = HashTable()
            var total = HashTable()
            var first = HashTable()
            var repeated: [(key: UInt64, count: Int32)] = []
            var lengths: [Int] = []
            var inChapter = HashTable(capacity: 1024)
            for c in halves[h] {
                inChapter.removeAll()
                Self.forEachCandidate(words, in: chapters[c]) { key, start in
                    inChapter.add(key)
                    _ = first.value(key, orInsert: { Int32(start) })
                }
                let before = repeated.count
                inChapter.forEach { key, count in
                    frequency.add(key)
                    total.add(key, count)
                    if count >= 2 { repeated.append((key, count)) }
                }
                lengths.append(repeated.count - before)
            }
            return (frequency, total, first, repeated, lengths)
        }
        var (frequency, total, first, repeated, lengths) = counted[0]
        for (f, t, s, r, l) in counted.dropFirst() {
            f.forEach { frequency.add($0, $1) }
            t.forEach { total.add($0, $1) }
            s.forEach { key, start in _ = first.value(key, orInsert: { start }) }
            repeated += r
            lengths += l
        }
        chapterFrequency = frequency
        totalCount = total
        firstToken = first
        self.repeated = repeated
        var starts = [0]
        for length in lengths { starts.append(starts.last! + length) }
        repeatedStarts = starts
    }

    /// Every 1-, 2- and 3-word run that starts in `range` and stays in it.
    private static func forEachCandidate(_ words: ContentWords, in range: Range<Int>, _ body: (UInt64, Int) -> Void) {
        words.tokens.withUnsafeBufferPointer { tokens in
            words.breaksBefore.withUnsafeBufferPointer { breaks in
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
        }
    }

    /// Where each phrase is said, as the indexes of its first tokens.
    func occurrences(of phrases: [Phrase]) -> [[Int]] {
        var wanted = HashTable()
        for (k, phrase) in phrases.enumerated() { wanted.set(phrase.key, Int32(k)) }
        var found = [[Int]](repeating: [], count: phrases.count)
        Self.forEachCandidate(words, in: 0..<words.tokens.count) { key, start in
            if let k = wanted.value(key) { found[Int(k)].append(start) }
        }
        return found
    }

    private func idf(_ key: UInt64) -> Double {
        log(Double(chapters.count + 1) / Double(chapterFrequency.value(key) ?? 1))
    }

    private static func length(_ key: UInt64) -> Int { key >> 42 != 0 ? 3 : key >> 21 != 0 ? 2 : 1 }

    /// Longer phrases name a subject better than their words alone.
    private static func lengthWeight(_ n: Int) -> Double { n == 1 ? 1 : n == 2 ? 1.6 : 1.8 }

    /// The chapter's best phrases, none sharing a word with a better one.
    func best(inChapter c: Int, limit: Int) -> [Phrase] {
        let phrases = repeated[repeatedStarts[c]..<repeatedStarts[c + 1]].map { key, count in
            let n = Self.length(key)
            return Phrase(
                key: key, length: n, firstToken: -1, count: Int(count), score: Double(count) * idf(key) * Self.lengthWeight(n))
        }
        // Where each chosen phrase is first said in the chapter, to show it as said.
        return Self.distinct(phrases, limit: limit).map { phrase in
            var found = phrase
            Self.forEachCandidate(words, in: chapters[c]) { key, start in
                if found.firstToken < 0, key == phrase.key { found.firstToken = start }
            }
            return found
        }
    }

    /// The transcript's best phrases: said often, and bunched in few chapters.
    func bestOverall(limit: Int, minimumCount: Int, where accept: (Phrase) -> Bool = { _ in true }) -> [Phrase] {
        var phrases: [Phrase] = []
        totalCount.forEach { key, count in
            guard Int(count) >= minimumCount else { return }
            let n = Self.length(key)
            phrases.append(
                Phrase(
                    key: key, length: n, firstToken: Int(firstToken.value(key)!), count: Int(count),
                    score: Double(count) * idf(key) * Self.lengthWeight(n)))
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
        let ranked = phrases.filter { !subsumed.contains($0.key) }.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key
        }
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
