import CByteKernels
import Glibc

/// What to look for, with the matching rules of `hark search` and the reader:
/// substring matching as in less and vim; case ignored unless the pattern has
/// a capital letter (smart case) or `caseSensitive` is forced; diacritics
/// always ignored (`cafe` finds `café`); runs of spaces in the pattern match
/// the single space that joins words and segments in the continuous text.
public struct SearchQuery: Hashable, Sendable {
    public var pattern: String
    public var caseSensitive: Bool
    public var wholeWord: Bool

    public init(_ pattern: String, forceCaseSensitive: Bool = false, wholeWord: Bool = false) {
        self.pattern = pattern
        self.caseSensitive = forceCaseSensitive || pattern.contains(where: \.isUppercase)
        self.wholeWord = wholeWord
    }

    /// The pattern as it is matched against folded text.
    var foldedPattern: [UInt8] {
        var collapsed = ""
        for character in pattern {
            if character.isWhitespace {
                if collapsed.last != " " { collapsed.append(" ") }
            } else {
                collapsed.append(character)
            }
        }
        return FoldedText(collapsed.utf8, caseSensitive: caseSensitive).bytes
    }
}

/// A match in a transcript's continuous text.
public struct SearchMatch: Equatable, Sendable {
    /// Byte range in the continuous text (see `Transcript.withContinuousText`).
    public var range: Range<Int>
    /// The segment where the match starts: where it is reported.
    public var segment: Int
    /// The segment where it ends; later than `segment` when the phrase
    /// straddles segments.
    public var lastSegment: Int
}

public enum TextSearch {
    /// Every match, in order; matches do not overlap.
    public static func matches(of query: SearchQuery, in transcript: Transcript) -> [SearchMatch] {
        Array(SearchIndex(transcript).matches(of: query))
    }

    /// Each match in order, as it is found, without keeping them: output
    /// for any number of matches streams in constant memory.
    public static func forEachMatch(of query: SearchQuery, in transcript: Transcript, _ body: (SearchMatch) -> Void) {
        let folded = FoldedText(transcript, caseSensitive: query.caseSensitive)
        let length = query.foldedPattern.count
        forEachMatch(of: query.foldedPattern, in: folded, wholeWord: query.wholeWord) { foldedStart, _ in
            let start = folded.originalOffset(foldedStart, roundingUp: false)
            let end = folded.originalOffset(foldedStart + length, roundingUp: true)
            body(
                SearchMatch(
                    range: start..<end, segment: transcript.segmentIndex(atTextOffset: start),
                    lastSegment: transcript.segmentIndex(atTextOffset: Swift.max(start, end - 1))))
        }
    }

    /// How many matches, without building them.
    public static func count(of query: SearchQuery, in transcript: Transcript) -> Int {
        let folded = transcript.withContinuousText { FoldedText($0, caseSensitive: query.caseSensitive) }
        var count = 0
        forEachMatch(of: query.foldedPattern, in: folded, wholeWord: query.wholeWord) { _, _ in count += 1 }
        return count
    }

    /// How many matches in the file at `path`: the count `count(of:in:)`
    /// gives for its transcript, counted without building the transcript
    /// where the file allows it (whisper text in UTF-8: see
    /// `WhisperTextReader.foldedText`). Nil when the file must be loaded to
    /// tell: another format or encoding, a problem to report, or no segment.
    public static func count(of query: SearchQuery, inFileAt path: String, format: TranscriptFormat?) -> Int? {
        guard format == nil || format == .whisperText, let file = try? SourceFile(path: path), !file.isEmpty,
            case .text(.whisperText) = TranscriptLoader.detect(format, in: file),
            let folded = try? WhisperTextReader.foldedText(of: file, caseSensitive: query.caseSensitive)
        else { return nil }
        var count = 0
        folded.withUnsafeBufferPointer { text in
            forEachMatch(of: query.foldedPattern, in: text, wholeWord: query.wholeWord) { _, _ in count += 1 }
        }
        return count
    }

    @inline(__always)
    static func forEachMatch(
        of needle: [UInt8], in haystack: FoldedText, wholeWord: Bool, _ body: (Int, Int) -> Void
    ) {
        haystack.bytes.withUnsafeBufferPointer { forEachMatch(of: needle, in: $0, wholeWord: wholeWord, body) }
    }

    /// Every match of `needle` in folded bytes, from the end of each match
    /// on (matches do not overlap). Two- and three-byte needles are found
    /// eight positions at a time (`forEachShortMatch`); others by the C
    /// library's `memmem`, which for one byte is `memchr` and for longer
    /// needles skips ahead by pairs of bytes (measured: several GB/s on
    /// "language model", against under 2 for the eight-at-a-time scan,
    /// which beats it on two and three bytes). Inlined, so that `body` is
    /// too: a call per match measured a tenth slower on common patterns.
    @inline(__always)
    static func forEachMatch(
        of needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, wholeWord: Bool, _ body: (Int, Int) -> Void
    ) {
        guard !needle.isEmpty else { return }
        if needle.count == 2 || needle.count == 3 { return forEachShortMatch(of: needle, in: text, wholeWord: wholeWord, body) }
        needle.withUnsafeBufferPointer { pattern in
            guard let base = text.baseAddress, let patternBase = pattern.baseAddress, text.count >= pattern.count else {
                return
            }
            let m = pattern.count
            let n = text.count
            var from = 0
            while n - from >= m, let hit = hark_memmem(base + from, n - from, patternBase, m) {
                let start = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if !wholeWord || (isWordBoundary(text, start) && isWordBoundary(text, start + m)) {
                    body(start, start + m)
                    from = start + m
                } else {
                    from = start + 1
                }
            }
        }
    }

    /// Finds the needle eight bytes at a time: a position is a candidate
    /// only where both the needle's first and last bytes are in place (a
    /// SWAR version of the "generic SIMD" substring search), and candidates
    /// are confirmed with memcmp. Common short patterns produce few false
    /// candidates this way, unlike a scan for one byte.
    @inline(__always)
    private static func forEachShortMatch(
        of needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, wholeWord: Bool, _ body: (Int, Int) -> Void
    ) {
        needle.withUnsafeBufferPointer { pattern in
            guard let base = text.baseAddress, text.count >= pattern.count else { return }
            let m = pattern.count
            let n = text.count
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let firstBytes = UInt64(pattern[0]) &* ones
            let lastBytes = UInt64(pattern[m - 1]) &* ones
            let raw = UnsafeRawPointer(base)
            var nextAllowed = 0  // matches do not overlap
            var i = 0
            // Block by block while a whole word fits at both ends.
            while i + 8 + m - 1 <= n {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ firstBytes
                let b = raw.loadUnaligned(fromByteOffset: i + m - 1, as: UInt64.self) ^ lastBytes
                let either = a | b
                // A zero byte in `either` marks a candidate (exact zero-byte test).
                var zeros = ~(((either & ~highs) &+ ~highs) | either) & highs
                while zeros != 0 {
                    let candidate = i + zeros.trailingZeroBitCount / 8
                    zeros &= zeros &- 1
                    if candidate >= nextAllowed, memcmp(base + candidate, pattern.baseAddress!, m) == 0,
                        !wholeWord || (isWordBoundary(text, candidate) && isWordBoundary(text, candidate + m))
                    {
                        body(candidate, candidate + m)
                        nextAllowed = candidate + m
                    }
                }
                i += 8
            }
            while i + m <= n {
                if i >= nextAllowed, base[i] == pattern[0], memcmp(base + i, pattern.baseAddress!, m) == 0,
                    !wholeWord || (isWordBoundary(text, i) && isWordBoundary(text, i + m))
                {
                    body(i, i + m)
                    nextAllowed = i + m
                }
                i += 1
            }
        }
    }

    private static func isWordBoundary(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index > 0, index < text.count else { return true }
        return isWordByte(text[index - 1]) != isWordByte(text[index])
    }

    private static func isWordByte(_ b: UInt8) -> Bool { b >= 0x80 || b == 0x5F || ByteClass.isAlphanumeric(b) }
}

/// Text prepared for matching: ASCII lowercased (unless case matters),
/// non-ASCII runs folded by `UnicodeFolding` (case and diacritics). Folding can
/// change lengths, so the runs where it did are kept to map offsets back.
public struct FoldedText: Sendable {
    package private(set) var bytes: [UInt8] = []
    /// Non-ASCII runs whose folded length differs from the original, in order.
    private var changedRuns: [(folded: Range<Int>, original: Range<Int>)] = []

    package init<C: Collection>(_ source: C, caseSensitive: Bool) where C.Element == UInt8 {
        self = Array(source).withUnsafeBufferPointer { FoldedText($0, caseSensitive: caseSensitive) }
    }

    /// Folds `transcript`'s continuous text: what a search of that case mode
    /// looks in. Takes a while on a long transcript; the reader does it off
    /// its loop and hands the value over.
    public init(_ transcript: Transcript, caseSensitive: Bool) {
        self = transcript.withContinuousText { FoldedText($0, caseSensitive: caseSensitive) }
    }

    package init(_ source: UnsafeBufferPointer<UInt8>, caseSensitive: Bool) {
        if let ascii = Self.foldASCII(source, caseSensitive: caseSensitive) {
            bytes = ascii
            return
        }
        bytes = [UInt8](repeating: 0, count: source.count)
        var written = 0
        var i = 0
        let n = source.count
        bytes.withUnsafeMutableBufferPointer { out in
            while i < n {
                // ASCII run: copied, lowercased when case does not matter.
                var j = i
                if caseSensitive {
                    while j < n, source[j] < 0x80 { j += 1 }
                    _ = UnsafeMutableBufferPointer(rebasing: out[written..<(written + j - i)])
                        .update(fromContentsOf: UnsafeBufferPointer(rebasing: source[i..<j]))
                } else {
                    while j < n, source[j] < 0x80 {
                        let b = source[j]
                        out[written + j - i] = b &- 0x41 < 26 ? b | 0x20 : b
                        j += 1
                    }
                }
                written += j - i
                i = j
                guard i < n else { break }
                // Non-ASCII run: folded as a string.
                while j < n, source[j] >= 0x80 { j += 1 }
                var folded = UnicodeFolding.fold(
                    UnsafeBufferPointer(rebasing: source[i..<j]), caseInsensitive: !caseSensitive)
                // Folding that grows the text (ß to ss) would overrun the buffer: keep such runs as they are.
                if folded.count > j - i { folded = Array(source[i..<j]) }
                for (k, b) in folded.enumerated() { out[written + k] = b }
                if folded.count != j - i {
                    changedRuns.append((written..<(written + folded.count), i..<j))
                }
                written += folded.count
                i = j
            }
        }
        bytes.removeLast(bytes.count - written)
    }

    /// All-ASCII text (the usual case) folds byte for byte in one pass that
    /// vectorises; `nil` when the text has anything else.
    private static func foldASCII(_ source: UnsafeBufferPointer<UInt8>, caseSensitive: Bool) -> [UInt8]? {
        guard let input = source.baseAddress else { return [] }
        let n = source.count
        var high: UInt8 = 0
        let folded = [UInt8](unsafeUninitializedCapacity: n) { out, count in
            let o = out.baseAddress!
            if caseSensitive {
                o.update(from: input, count: n)
                for i in 0..<n { high |= input[i] }
            } else {
                for i in 0..<n {
                    let b = input[i]
                    high |= b
                    // 0x20 is added to A…Z only: (b - 0x41) < 26 as a mask.
                    let isUpper: UInt8 = (b &- 0x41) < 26 ? 0x20 : 0
                    o[i] = b | isUpper
                }
            }
            count = n
        }
        return high & 0x80 == 0 ? folded : nil
    }

    /// The original offset for a folded one. Inside a changed run, a start
    /// rounds down to the run's start and an end up to the run's end.
    package func originalOffset(_ folded: Int, roundingUp: Bool) -> Int {
        var low = 0
        var high = changedRuns.count
        while low < high {
            let mid = (low + high) / 2
            if changedRuns[mid].folded.lowerBound <= folded { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return folded }
        let run = changedRuns[low - 1]
        if folded >= run.folded.upperBound { return run.original.upperBound + (folded - run.folded.upperBound) }
        if folded == run.folded.lowerBound { return run.original.lowerBound }
        return roundingUp ? run.original.upperBound : run.original.lowerBound
    }
}
