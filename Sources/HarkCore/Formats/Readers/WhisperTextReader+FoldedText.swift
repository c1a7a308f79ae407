import CByteKernels
import Glibc

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
/// text is copied and folded sixteen bytes at a time, the copy finding the
/// line's end and checking that its bytes are printable ASCII; then the
/// block's copy is checked for doubled spaces in one pass, and a block that
/// has any is taken again with each line checked. A block with a carriage
/// return in it is split into lines as a load splits it.
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
        /// Set by a line only a load can read as a load does: see `foldedText`.
        private(set) var mustLoad = false
        private var lastStart: Milliseconds = .min

        init(caseSensitive: Bool, capacity: Int) {
            self.caseSensitive = caseSensitive
            folded = ByteBuffer(capacity: capacity)
        }

        /// A segment that starts before the one before it: the load sorts
        /// them by start, which changes the continuous text.
        private mutating func noteStart(_ start: Milliseconds) {
            if start < lastStart { mustLoad = true }
            lastStart = start
        }

        /// A block of whole lines; false when the file must be loaded instead.
        mutating func append(block: Bytes) -> Bool {
            let start = folded.count
            let before = (segmentCount, lastStart)
            appendLines(of: block, checkingSpaces: false)
            // Doubled spaces are looked for in one pass over the copy, which
            // is cheaper than a look at each line; if any, the block again,
            // each line looked at.
            if !mustLoad, PlainText.hasDoubledSpace(Bytes(start: folded.base + start, count: folded.count - start)) {
                folded.truncate(to: start)
                (segmentCount, lastStart) = before
                appendLines(of: block, checkingSpaces: true)
            }
            return !mustLoad
        }

        private mutating func appendLines(of block: Bytes, checkingSpaces: Bool) {
            guard let base = block.baseAddress else { return }
            if memchr(base, 0x0D, block.count) == nil {
                // Line feeds only: each line's end is found by its copy.
                var lineStart = 0
                while lineStart < block.count, !mustLoad {
                    lineStart = appendLine(block, from: lineStart, checkingSpaces: checkingSpaces) + 1
                }
            } else {
                // Carriage returns end lines too: split as a load splits.
                var splitter = LineSplitter()
                _ = splitter.split(block, isFinal: true) { line, _ in
                    if !mustLoad { _ = appendLine(line, from: 0, checkingSpaces: checkingSpaces) }
                }
            }
        }

        /// The line at `lineStart` of `bytes`, which ends at the next line
        /// feed or the end of `bytes`; returns where it ends. A line of the
        /// usual shape whose text is plain (when `checkingSpaces`, with no
        /// doubled spaces either) is copied and folded as it is; any other
        /// is read by the reader.
        private mutating func appendLine(_ bytes: Bytes, from lineStart: Int, checkingSpaces: Bool) -> Int {
            guard let base = bytes.baseAddress else { return 0 }
            let n = bytes.count
            let end: Int
            if n - lineStart > PlainTiming.length, PlainTiming.matches(base + lineStart) {
                var textStart = lineStart + PlainTiming.length
                while textStart < n, base[textStart] == 0x20 { textStart += 1 }
                let separator = segmentCount > 0 ? 1 : 0
                let target = folded.reserveTail(n - textStart + 17)
                target[0] = 0x20
                var plain = true
                end = PlainText.copyLine(
                    base, from: textStart, to: n, into: target + separator, folding: !caseSensitive, plain: &plain)
                // `>>`, `(speaker 1)` and `[SPEAKER_TURN]` change the text (the
                // reader takes those), and so does a space at its end.
                if plain, end > textStart, end - lineStart < TranscriptBuilder.maximumSegmentBytes,
                    base[textStart] != 0x3E, base[textStart] != 0x28, base[end - 1] != 0x5D, base[end - 1] != 0x20,
                    !checkingSpaces || !PlainText.hasDoubledSpace(Bytes(start: base + textStart, count: end - textStart))
                {
                    folded.didWrite(separator + end - textStart)
                    noteStart(PlainTiming.start(base + lineStart))
                    segmentCount += 1
                    return end
                }
            } else {
                end =
                    memchr(base + lineStart, 0x0A, n - lineStart).map {
                        UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
                    } ?? n
            }
            appendThroughReader(Bytes(rebasing: bytes[lineStart..<end]))
            return end
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

/// Text that a load keeps byte for byte: printable ASCII with no space at
/// its end and no two in a row (the cleaner changes nothing in it).
enum PlainText {
    /// Two spaces in a row anywhere: one loop without early exits, which vectorises.
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
    /// printable ASCII (the copy is then of no use). Sixteen bytes at a time
    /// (`hark_copy_line`, in C for its vector instructions), so it writes up
    /// to fifteen bytes past what it copies.
    @inline(__always)
    static func copyLine(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int, into target: UnsafeMutablePointer<UInt8>, folding: Bool,
        plain: inout Bool
    ) -> Int {
        var printable: Int32 = 1
        let stop = hark_copy_line(p + start, end - start, target, folding ? 1 : 0, &printable)
        if printable == 0 { plain = false }
        return start + stop
    }
}
