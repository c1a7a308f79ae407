import Foundation

/// A whisper text file's continuous text, folded for searching, read
/// without building its transcript: what `hark search --count` looks in.
/// Timestamps are checked, never parsed, and no segment is stored.
///
/// A line of the shape nearly every such file has,
/// `[00:01:02.500 --> 00:01:05.000]  text` with text that is printable ASCII
/// (no marks of a speaker, no spaces to collapse), is a segment whose text
/// is the rest of the line as it is: the reader would find the same times
/// valid and the cleaner change nothing. Any other line goes through the
/// reader's own `Lines.take` into a scratch builder, so it reads exactly as
/// a load reads it. When a line puts U+FFFD in the text (the loader would
/// then read the file again, as Windows-1252 perhaps), a segment starts
/// before the one before it (the loader would sort them), nothing is left,
/// a line is too long to take whole, or the file is not whisper text in
/// UTF-8, the answer is nil: load it.
///
/// The file is taken a block of whole lines at a time. Each usual line's
/// text is copied and folded eight bytes at a time, the copy finding the
/// line's end and checking that its bytes are printable ASCII; then what
/// was copied is checked for doubled spaces in one pass. A block whose copy
/// had doubled spaces, or that holds a carriage return, is read again line
/// by line with every byte checked.
extension WhisperTextReader {
    static func foldedText(of file: SourceFile, caseSensitive: Bool) throws -> ByteBuffer? {
        guard file.encoding == .utf8 else { return nil }
        var text = FoldedTextBuilder(caseSensitive: caseSensitive, capacity: file.byteCount)
        var complete = true
        try file.forEachBlock { bytes, isFinal in
            // Whole lines only, but for the last line of the file.
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
            var end = bytes.count
            if !isFinal {
                while end > 0 && base[end - 1] != 0x0A { end -= 1 }
            }
            // A line a load would cut for length.
            if end == 0 && bytes.count > SourceFile.maximumLineBytes { complete = false }
            if end == 0 { return complete ? 0 : nil }
            complete = text.append(block: Bytes(rebasing: bytes[..<end]))
            return complete ? end : nil
        }
        return complete && text.segmentCount > 0 ? text.folded : nil
    }

    private struct FoldedTextBuilder {
        let caseSensitive: Bool
        let folded: ByteBuffer
        private(set) var segmentCount = 0
        /// For the lines read as a load reads them; replaced when its text grows.
        private var scratch = TranscriptBuilder()

        init(caseSensitive: Bool, capacity: Int) {
            self.caseSensitive = caseSensitive
            folded = ByteBuffer(capacity: capacity)
        }

        /// Set by a line only a load can read as a load does: see `foldedText`.
        private(set) var mustLoad = false
        private var lastStart: Milliseconds = .min

        /// A segment that starts before the one before it: the load sorts
        /// them by start, which changes the continuous text.
        private mutating func noteStart(_ start: Milliseconds) {
            if start < lastStart { mustLoad = true }
            lastStart = start
        }

        /// A block of whole lines; false when the file must be loaded instead.
        mutating func append(block: Bytes) -> Bool {
            let start = folded.count
            let (segmentsBefore, startBefore) = (segmentCount, lastStart)
            if appendPlainBlock(block) { return !mustLoad }
            folded.truncate(to: start)
            (segmentCount, lastStart) = (segmentsBefore, startBefore)
            appendCheckingEveryByte(block)
            return !mustLoad
        }

        /// A block split at its line feeds, the usual lines copied as they
        /// are and the others read by the reader. False, with the copy left
        /// to be undone, when a line copied held doubled spaces, or a line
        /// held a carriage return (a line end too, which this split misses).
        private mutating func appendPlainBlock(_ block: Bytes) -> Bool {
            let start = folded.count
            guard let base = block.baseAddress else { return true }
            let n = block.count
            var lineStart = 0
            while lineStart < n {
                var end: Int
                if n - lineStart > PlainTiming.length, PlainTiming.matches(base + lineStart) {
                    // The usual line: its text copied (and folded) up to the line feed, which the copy finds.
                    var textStart = lineStart + PlainTiming.length
                    while textStart < n, base[textStart] == 0x20 { textStart += 1 }
                    let separator = segmentCount > 0 ? 1 : 0
                    let target = folded.reserveTail(n - textStart + 9)
                    target[0] = 0x20
                    var plain = true
                    end = PlainText.copyLine(
                        base, from: textStart, to: n, into: target + separator, folding: !caseSensitive, plain: &plain)
                    if plain, end > textStart, end - lineStart < TranscriptBuilder.maximumSegmentBytes,
                        Self.isPlainTextEdge(first: base[textStart], last: base[end - 1])
                    {
                        folded.didWrite(separator + end - textStart)
                        noteStart(PlainTiming.start(base + lineStart))
                        segmentCount += 1
                        lineStart = end + 1
                        continue
                    }
                } else {
                    end =
                        memchr(base + lineStart, 0x0A, n - lineStart).map {
                            UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
                        } ?? n
                }
                guard memchr(base + lineStart, 0x0D, end - lineStart) == nil else { return false }
                appendThroughReader(Bytes(rebasing: block[lineStart..<end]))
                if mustLoad { return true }
                lineStart = end + 1
            }
            return !PlainText.hasDoubledSpace(UnsafeBufferPointer(start: folded.base + start, count: folded.count - start))
        }

        /// A block with other bytes in it: each line's text checked byte by byte.
        private mutating func appendCheckingEveryByte(_ block: Bytes) {
            var splitter = LineSplitter()
            _ = splitter.split(block, isFinal: true) { line, _ in
                guard !mustLoad else { return }
                if let text = Self.plainText(of: line) {
                    let start = folded.count
                    appendSeparator()
                    let target = folded.reserveTail(text.count)
                    if PlainText.copy(text, to: target, folding: !caseSensitive) {
                        folded.didWrite(text.count)
                        noteStart(PlainTiming.start(line.baseAddress!))
                        segmentCount += 1
                        return
                    }
                    folded.truncate(to: start)
                }
                appendThroughReader(line)
            }
        }

        /// The text of a line of the usual shape, if nothing in the line
        /// but its bytes can change it; nil for any other line.
        @inline(__always)
        private static func plainText(of line: Bytes) -> Bytes? {
            let n = line.count
            guard n > PlainTiming.length, n < TranscriptBuilder.maximumSegmentBytes, let p = line.baseAddress,
                PlainTiming.matches(p)
            else { return nil }
            var start = PlainTiming.length
            while start < n, p[start] == 0x20 { start += 1 }
            guard start < n else { return nil }
            guard isPlainTextEdge(first: p[start], last: p[n - 1]) else { return nil }
            return Bytes(rebasing: line[start...])
        }

        /// `>>`, `(speaker 1)` and `[SPEAKER_TURN]` change the text (the
        /// reader takes those), and so does a space at its end.
        @inline(__always)
        private static func isPlainTextEdge(first: UInt8, last: UInt8) -> Bool {
            first != 0x3E && first != 0x28 && last != 0x5D && last != 0x20
        }

        private func appendSeparator() {
            if segmentCount > 0 { folded.append(0x20) }
        }

        /// The line read by the reader itself. Sets `mustLoad` when it puts
        /// U+FFFD in the text, or is long enough that a load would cut it.
        private mutating func appendThroughReader(_ line: Bytes) {
            guard line.count < SourceFile.maximumLineBytes - 4 else {
                mustLoad = true
                return
            }
            if scratch.store.text.count > 1 << 20 { scratch = TranscriptBuilder() }
            let before = scratch.store.text.count
            let segmentsBefore = scratch.segmentCount
            Lines().take(line, number: 0, into: &scratch)
            if scratch.sawReplacementCharacters { mustLoad = true }
            guard !mustLoad, scratch.segmentCount > segmentsBefore else { return }
            let start = before == 0 ? 0 : before + 1
            let segmentText = scratch.store.text.withUnsafeBufferPointer {
                FoldedText(Bytes(rebasing: $0[start...]), caseSensitive: caseSensitive).bytes
            }
            appendSeparator()
            segmentText.withUnsafeBufferPointer { folded.append($0) }
            noteStart(scratch.store.starts[scratch.segmentCount - 1])
            segmentCount += 1
        }
    }
}

/// Text that a load keeps byte for byte: printable ASCII with no two spaces
/// in a row (the cleaner changes nothing in it), checked and copied many
/// bytes at a time: in one loop without early exits that vectorises, or
/// eight bytes to a word.
enum PlainText {
    /// Two spaces in a row anywhere.
    static func hasDoubledSpace(_ bytes: Bytes) -> Bool {
        guard let p = bytes.baseAddress, bytes.count > 1 else { return false }
        var flags: UInt8 = 0
        for i in 0..<(bytes.count &- 1) {
            // v is zero exactly at two spaces; (v - 1) & ~v has bit 7 set only then.
            let v = (p[i] ^ 0x20) | (p[i &+ 1] ^ 0x20)
            flags |= (v &- 1) & ~v
        }
        return flags & 0x80 != 0
    }

    /// Copies `p[start..<end]` to `target` as far as the first line feed,
    /// lowercasing letters when `folding`, and returns where it stopped: the
    /// line feed, or `end`. Clears `plain` when anything copied is not
    /// printable ASCII (the copy is then of no use). Eight bytes at a time,
    /// so it writes up to seven bytes past what it copies.
    @inline(__always)
    static func copyLine(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int, into target: UnsafeMutablePointer<UInt8>, folding: Bool,
        plain: inout Bool
    ) -> Int {
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Branch-free folding: the lowercase bit is kept or masked away.
        let foldMask: UInt64 = folding ? 0x2020_2020_2020_2020 : 0
        var from = UnsafeRawPointer(p + start)
        var to = UnsafeMutableRawPointer(target)
        let last = UnsafeRawPointer(p + end)
        // Wrapping arithmetic throughout: no overflow checks in the loop.
        while last - from >= 8 {
            let w = from.loadUnaligned(as: UInt64.self)
            // A…Z: at or past 0x41 and before 0x5B; 0x20 is bit 7 moved down two.
            // (Past ASCII, carries garble this, but such a word is not plain.)
            let upper = (w &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(w &+ 0x2525_2525_2525_2525) & highs
            to.storeBytes(of: w | ((upper >> 2) & foldMask), as: UInt64.self)
            // Bit 7 of a byte: set in w past ASCII, clear in w + 0x60 below 0x20, set in w + 1 at DEL.
            var outside = (w | ~(w &+ 0x6060_6060_6060_6060) | (w &+ 0x0101_0101_0101_0101)) & highs
            // The lowest byte flagged is the first line feed (higher flags may be false).
            let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
            let lineFeeds = (x &- 0x0101_0101_0101_0101) & ~x & highs
            if lineFeeds != 0 {
                // Only the bytes before the line feed are the line's.
                outside &= (lineFeeds & (0 &- lineFeeds)) &- 1
                if outside != 0 { plain = false }
                return (from - UnsafeRawPointer(p)) &+ lineFeeds.trailingZeroBitCount / 8
            }
            if outside != 0 { plain = false }
            from += 8
            to += 8
        }
        var i = from - UnsafeRawPointer(p)
        while i < end, p[i] != 0x0A {
            let b = p[i]
            if b < 0x20 || b >= 0x7F { plain = false }
            target[i - start] = folding && b &- 0x41 < 26 ? b | 0x20 : b
            i += 1
        }
        return i
    }

    /// Copies `source` to `target` (room for as many bytes), lowercasing ASCII
    /// letters when `folding`. False when it is not plain text; what was
    /// written is then of no use.
    static func copy(_ source: Bytes, to target: UnsafeMutablePointer<UInt8>, folding: Bool) -> Bool {
        guard let p = source.baseAddress else { return true }
        var previous: UInt8 = 0
        for k in 0..<source.count {
            let b = p[k]
            guard b >= 0x20, b < 0x7F, b != 0x20 || previous != 0x20 else { return false }
            target[k] = folding && b &- 0x41 < 26 ? b | 0x20 : b
            previous = b
        }
        return true
    }
}
