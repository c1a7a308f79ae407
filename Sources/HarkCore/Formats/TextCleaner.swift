import CByteKernels

/// Cleans segment text on its way into the transcript, byte by byte:
///
/// - invalid UTF-8 and NUL become U+FFFD (reported);
/// - control characters (Unicode category Cc: C0, DEL, C1) are removed, so a
///   transcript can never send an escape sequence to a terminal (reported);
///   tabs, line breaks and no-break spaces count as spaces;
/// - runs of spaces collapse to one; leading and trailing spaces go.
///
/// Every loaded byte goes through `append`, so it writes through a raw
/// pointer into room reserved once per call.
struct TextCleaner {
    struct Findings: Equatable {
        var invalidUTF8 = false, nul = false, control = false
        /// U+FFFD arrived as it is: in the file, or from a reader that
        /// decoded invalid bytes itself (the loader takes a second look).
        var replacementCharacter = false
    }

    private var findings = Findings()
    /// A space is owed before the next visible byte (never at segment start).
    private var spacePending = false
    private var segmentIsEmpty = true

    mutating func beginSegment() {
        spacePending = false
        segmentIsEmpty = true
    }

    /// Whether anything was repaired since the findings were last taken.
    var hasFindings: Bool { findings != Findings() }

    mutating func takeFindings() -> Findings {
        defer { findings = Findings() }
        return findings
    }

    /// A space will be written before the next visible byte.
    var owesSpace: Bool { spacePending && !segmentIsEmpty }

    /// A space is owed before the next visible byte, as if one had been read.
    mutating func noteSpace() { spacePending = !segmentIsEmpty }

    /// Text was written past the cleaner, clean as it was (see
    /// `TranscriptBuilder.appendCleanText(length:_:)`).
    mutating func noteCleanText() {
        spacePending = false
        segmentIsEmpty = false
    }

    /// Ends the segment: a pending space is simply not written.
    mutating func finishSegment() { spacePending = false }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) {
        let n = bytes.count
        guard n > 0, let input = bytes.baseAddress else { return }
        // The common case: nothing to change, so one copy that checks as it goes
        // (in C, sixteen bytes at a time); else the copy is written over below.
        let space = spacePending && !segmentIsEmpty ? 1 : 0
        let target = out.reserveTail(n + 1)
        if hark_copy_clean_ascii(input, n, target + space) != 0 {
            if space == 1 { target.pointee = 0x20 }
            out.didWrite(space + n)
            spacePending = false
            segmentIsEmpty = false
            return
        }
        // Worst case: every byte becomes U+FFFD (3 bytes), plus one pending space.
        let start = out.reserveTail(3 * n + 1)
        var w = start
        var spacePending = self.spacePending
        var empty = segmentIsEmpty
        /// Before visible bytes: the space owed, if any.
        @inline(__always) func startVisible() {
            if spacePending {
                w.pointee = 0x20
                w += 1
                spacePending = false
            }
            empty = false
        }
        @inline(__always) func writeReplacement() {
            startVisible()
            w[0] = 0xEF
            w[1] = 0xBF
            w[2] = 0xBD
            w += 3
        }
        var i = 0
        while i < n {
            let b = input[i]
            if b > 0x20 && b < 0x7F {
                startVisible()
                w.pointee = b
                w += 1
                i += 1
            } else if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                spacePending = !empty
                i += 1
            } else if b < 0x80 {
                if b == 0 {
                    writeReplacement()
                    findings.nul = true
                } else {
                    findings.control = true  // other C0 controls and DEL vanish
                }
                i += 1
            } else {
                let length = Self.validSequenceLength(input, i, n)
                if length == 0 {
                    writeReplacement()
                    findings.invalidUTF8 = true
                    i += Self.maximalSubpartLength(input, i, n)
                } else if length == 2 && b == 0xC2 && input[i + 1] < 0xA0 {
                    findings.control = true  // C1 controls, U+0080–U+009F
                    i += 2
                } else if length == 2 && b == 0xC2 && input[i + 1] == 0xA0 {
                    spacePending = !empty  // no-break space
                    i += 2
                } else {
                    startVisible()
                    if length == 3 && b == 0xEF && input[i + 1] == 0xBF && input[i + 2] == 0xBD {
                        findings.replacementCharacter = true
                    }
                    for k in 0..<length { w[k] = input[i + k] }
                    w += length
                    i += length
                }
            }
        }
        out.didWrite(w - start)
        self.spacePending = spacePending
        segmentIsEmpty = empty
    }

    /// How many bytes one U+FFFD replaces at an invalid sequence: the lead
    /// byte and the continuation bytes that could still have followed it
    /// (Unicode's "maximal subpart" practice, as Swift's own decoder does).
    private static func maximalSubpartLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = p[i]
        let expected: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: expected = 2
        case 0xE0:
            expected = 3
            low = 0xA0
        case 0xED:
            expected = 3
            high = 0x9F
        case 0xE1...0xEF: expected = 3
        case 0xF0:
            expected = 4
            low = 0x90
        case 0xF4:
            expected = 4
            high = 0x8F
        case 0xF1...0xF3: expected = 4
        default: return 1
        }
        var length = 1
        while length < expected, i + length < n {
            let b = p[i + length]
            guard b >= low && b <= high else { break }
            low = 0x80
            high = 0xBF
            length += 1
        }
        return length
    }

    /// The length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs,
    /// no surrogates, nothing past U+10FFFF), or 0 if it is not valid.
    @inline(__always)
    static func validSequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = p[i]
        @inline(__always) func continuation(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(i + 1) ? 2 : 0
        case 0xE0...0xEF:
            guard continuation(i + 1), continuation(i + 2) else { return 0 }
            let b1 = p[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return 0 }
            let b1 = p[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }  // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }  // past U+10FFFF
            return 4
        default:
            return 0
        }
    }
}
