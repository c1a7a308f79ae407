/// Words as topics, key phrases and chapters see them, in folded text
/// (lowercased, diacritics removed; see `FoldedText`): runs of letters,
/// digits and non-ASCII bytes, with an apostrophe between two of them kept
/// inside the word ("don't"). A hyphen separates words, so "GPT-3" is the
/// two words "gpt" and "3", and a keyword is split the same way.
enum Words {
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }

    /// The end of the word that starts at `start`.
    @inline(__always) static func wordEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        var i = start
        while i < limit {
            let b = text[i]
            if isWordByte(b) {
                i += 1
            } else if b == 0x27, i + 1 < limit, i > start, isWordByte(text[i + 1]) {
                i += 2
            } else {
                break
            }
        }
        return i
    }

    /// The start of the next word at or after `index`, or `limit`.
    @inline(__always) static func nextWordStart(_ text: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int {
        var i = index
        while i < limit, !isWordByte(text[i]) { i += 1 }
        return i
    }

    /// Every word that starts in `range`, as (start, end).
    static func forEach(in text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Int, Int) -> Void) {
        var i = nextWordStart(text, from: range.lowerBound, limit: range.upperBound)
        while i < range.upperBound {
            let end = wordEnd(text, from: i, limit: text.count)
            body(i, end)
            i = nextWordStart(text, from: end, limit: range.upperBound)
        }
    }

    /// Splits folded text into words (used for keywords, which are short).
    static func split(_ folded: [UInt8]) -> [[UInt8]] {
        folded.withUnsafeBufferPointer { text in
            var words: [[UInt8]] = []
            forEach(in: text, 0..<text.count) { words.append(Array(text[$0..<$1])) }
            return words
        }
    }

    /// Splits a range of folded text at word boundaries into about `parts`
    /// pieces, so that words can be scanned on several threads.
    static func chunks(_ text: UnsafeBufferPointer<UInt8>, parts: Int) -> [Range<Int>] {
        guard parts > 1, text.count > 1 << 20 else { return [0..<text.count] }
        var bounds = [0]
        for part in 1..<parts {
            var cut = text.count * part / parts
            while cut < text.count, isWordByte(text[cut]) || text[cut] == 0x27 { cut += 1 }
            if cut > bounds.last! { bounds.append(cut) }
        }
        bounds.append(text.count)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
    }
}

/// FNV-1a, 64 bits, over a word's bytes: it can be extended byte by byte,
/// so every prefix of a word has its hash on the way to the whole word.
enum WordHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func adding(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    static func of<C: Sequence>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        bytes.reduce(seed, adding)
    }
}
