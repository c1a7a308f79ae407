import HarkCore

/// Finds many keywords in one pass over folded text. Each word's FNV hash
/// is built byte by byte; the hash of the whole word is looked up among
/// the keywords' first words, and the hash of each prefix whose length some
/// wildcard stem has is looked up among the stems. A bit filter keeps most
/// words from reaching a dictionary at all, and every candidate is
/// confirmed byte for byte, so a hash collision cannot make a false hit.
struct KeywordMatcher: Sendable {
    struct Hit: Equatable, Sendable {
        var start: Int  // folded offsets
        var end: Int
        var pattern: Int
    }

    let patterns: [KeywordPattern]
    private var exactFirst: [UInt64: [Int]] = [:]
    private var prefixFirst: [UInt64: [Int]] = [:]
    private var stemLengths: [Int] = []
    private var filter = [UInt64](repeating: 0, count: 1024)  // 65,536 bits

    init(_ patterns: [KeywordPattern]) {
        self.patterns = patterns
        var lengths = Set<Int>()
        for (index, pattern) in patterns.enumerated() {
            let first = pattern.words[0]
            if first.isPrefix {
                prefixFirst[first.hash, default: []].append(index)
                lengths.insert(first.bytes.count)
            } else {
                exactFirst[first.hash, default: []].append(index)
            }
            filter[Int(first.hash & 0xFFFF) >> 6] |= 1 << (first.hash & 63)
        }
        stemLengths = lengths.sorted()
    }

    /// Every hit, in order of start; hits of different patterns may overlap.
    func hits(in text: UnsafeBufferPointer<UInt8>) -> [Hit] {
        let parts = Words.chunks(text, parts: 4)
        return Parallel.map(parts.count) { hits(in: text, parts[$0]) }.flatMap { $0 }
    }

    private func hits(in text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Hit] {
        guard !patterns.isEmpty else { return [] }
        var found: [Hit] = []
        let shortestStem = stemLengths.first ?? Int.max
        Words.forEach(in: text, range) { start, end in
            var hash = WordHash.seed
            var nextStem = 0
            var i = start
            while i < end {
                hash = WordHash.adding(hash, text[i])
                i += 1
                let length = i - start
                if length >= shortestStem, nextStem < stemLengths.count, stemLengths[nextStem] == length {
                    nextStem += 1
                    if passesFilter(hash), let candidates = prefixFirst[hash] {
                        confirm(candidates, at: start, end, text, into: &found)
                    }
                }
            }
            if passesFilter(hash), let candidates = exactFirst[hash] {
                confirm(candidates, at: start, end, text, into: &found)
            }
        }
        return found  // in order of start already: words are scanned in order
    }

    @inline(__always) private func passesFilter(_ hash: UInt64) -> Bool {
        filter[Int(hash & 0xFFFF) >> 6] & (1 << (hash & 63)) != 0
    }

    private func confirm(
        _ candidates: [Int], at start: Int, _ end: Int, _ text: UnsafeBufferPointer<UInt8>, into found: inout [Hit]
    ) {
        for index in candidates {
            if let matchEnd = match(patterns[index], at: start, end, text) {
                found.append(Hit(start: start, end: matchEnd, pattern: index))
            }
        }
    }

    /// Where the pattern ends if it matches at the word `start..<end`.
    private func match(_ pattern: KeywordPattern, at start: Int, _ end: Int, _ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var wordStart = start
        var wordEnd = end
        for (n, word) in pattern.words.enumerated() {
            if n > 0 {
                wordStart = Words.nextWordStart(text, from: wordEnd, limit: text.count)
                guard wordStart < text.count, onlySpacing(text, wordEnd..<wordStart) else { return nil }
                wordEnd = Words.wordEnd(text, from: wordStart, limit: text.count)
            }
            let length = wordEnd - wordStart
            guard word.isPrefix ? length >= word.bytes.count : length == word.bytes.count else { return nil }
            for k in 0..<word.bytes.count where text[wordStart + k] != word.bytes[k] { return nil }
        }
        return wordEnd
    }

    /// Words of a phrase may be separated by spaces, hyphens and commas, not
    /// by the end of a sentence: "structured. Data" is not "structured data".
    private func onlySpacing(_ text: UnsafeBufferPointer<UInt8>, _ gap: Range<Int>) -> Bool {
        for i in gap {
            switch text[i] {
            case 0x20, 0x2D, 0x2C, 0x22, 0x27: continue
            default: return false
            }
        }
        return true
    }
}
