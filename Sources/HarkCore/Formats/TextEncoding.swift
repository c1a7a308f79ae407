/// How a file's bytes are read: UTF-8 as they are, or transcoded to UTF-8
/// chunk by chunk as `SourceFile` reads them.
enum TextEncoding: Equatable, Sendable {
    case utf8
    case utf16(bigEndian: Bool)
    case utf32(bigEndian: Bool)
    case windows1252

    /// The encoding the start of a file declares with a byte order mark, or
    /// shows by its NUL bytes (UTF-16 or UTF-32 text with no mark), and the
    /// length of the mark. UTF-8 when nothing says otherwise.
    static func recognise(start bytes: UnsafeBufferPointer<UInt8>) -> (encoding: TextEncoding, markLength: Int) {
        let start = Array(bytes.prefix(64))
        // UTF-32 first: its little-endian mark begins with UTF-16's.
        if start.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return (.utf32(bigEndian: false), 4) }
        if start.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return (.utf32(bigEndian: true), 4) }
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if start.starts(with: [0xFF, 0xFE]) { return (.utf16(bigEndian: false), 2) }
        if start.starts(with: [0xFE, 0xFF]) { return (.utf16(bigEndian: true), 2) }
        if let bigEndian = byteOrder(of: start, unit: 4) { return (.utf32(bigEndian: bigEndian), 0) }
        if let bigEndian = byteOrder(of: start, unit: 2) { return (.utf16(bigEndian: bigEndian), 0) }
        return (.utf8, 0)
    }

    /// Text of mostly ASCII in UTF-16 or UTF-32 with no mark: in at least
    /// nine units out of ten, every byte but the low one is NUL, and the low
    /// one never is. Little-endian puts the low byte first.
    private static func byteOrder(of sample: [UInt8], unit: Int) -> Bool? {
        let units = sample.count / unit
        guard units >= 4 else { return nil }
        func looksLikeASCII(lowByteAt low: Int) -> Bool {
            var ascii = 0
            for k in 0..<units {
                let bytes = sample[(k * unit)..<((k + 1) * unit)]
                if bytes[bytes.startIndex + low] == 0 { return false }
                if bytes.indices.allSatisfy({ $0 == bytes.startIndex + low || bytes[$0] == 0 }) { ascii += 1 }
            }
            return ascii * 10 >= units * 9
        }
        if looksLikeASCII(lowByteAt: 0) { return false }
        if looksLikeASCII(lowByteAt: unit - 1) { return true }
        return nil
    }

    /// The byte written for a code unit that is no character (a lone
    /// surrogate, a code point past U+10FFFF, a cut unit at the end): never
    /// valid UTF-8, so that the text cleaner replaces it with U+FFFD and
    /// reports its line like any invalid byte (the loader names the
    /// encoding in that warning).
    static let invalidUnitMarker: UInt8 = 0xFF

    /// Transcodes the complete units at the start of `input` to UTF-8 at the
    /// end of `output`; returns how many bytes of `input` were used. With
    /// `isFinal` all of them are, a cut unit at the end being invalid;
    /// otherwise up to three bytes (or a high surrogate waiting for its pair)
    /// are left for the next call.
    func transcode(_ input: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: ByteBuffer) -> Int {
        guard let p = input.baseAddress, !input.isEmpty else { return 0 }
        switch self {
        case .utf8:
            output.append(input)
            return input.count
        case .utf16(let bigEndian): return Self.transcodeUTF16(p, input.count, bigEndian: bigEndian, isFinal: isFinal, output)
        case .utf32(let bigEndian): return Self.transcodeUTF32(p, input.count, bigEndian: bigEndian, isFinal: isFinal, output)
        case .windows1252: return Self.transcodeWindows1252(p, input.count, output)
        }
    }

    private static func transcodeUTF16(
        _ p: UnsafePointer<UInt8>, _ n: Int, bigEndian: Bool, isFinal: Bool, _ output: ByteBuffer
    ) -> Int {
        // Two bytes give at most three; a surrogate pair's four give four.
        let start = output.reserveTail(n / 2 * 3 + 1)
        var w = start
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(p[k]) << 8 | UInt32(p[k &+ 1]) : UInt32(p[k &+ 1]) << 8 | UInt32(p[k])
        }
        var i = 0
        while i &+ 1 < n {
            let u = unit(i)
            if u & 0xF800 != 0xD800 {
                w = write(u, at: w)
                i &+= 2
            } else if u < 0xDC00 && i &+ 3 < n && unit(i &+ 2) & 0xFC00 == 0xDC00 {
                w = write(0x10000 &+ (u &- 0xD800) << 10 &+ (unit(i &+ 2) &- 0xDC00), at: w)
                i &+= 4
            } else if u < 0xDC00 && i &+ 3 >= n && !isFinal {
                break  // its pair may be in the next chunk
            } else {
                w = writeInvalid(at: w)
                i &+= 2
            }
        }
        return finish(output, from: start, to: w, used: i, of: n, isFinal: isFinal)
    }

    private static func transcodeUTF32(
        _ p: UnsafePointer<UInt8>, _ n: Int, bigEndian: Bool, isFinal: Bool, _ output: ByteBuffer
    ) -> Int {
        let start = output.reserveTail(n + 1)
        var w = start
        var i = 0
        while i &+ 3 < n {
            let bytes = (UInt32(p[i]), UInt32(p[i &+ 1]), UInt32(p[i &+ 2]), UInt32(p[i &+ 3]))
            let v =
                bigEndian
                ? bytes.0 << 24 | bytes.1 << 16 | bytes.2 << 8 | bytes.3
                : bytes.3 << 24 | bytes.2 << 16 | bytes.1 << 8 | bytes.0
            w = v > 0x10FFFF || v & 0xFFFF_F800 == 0xD800 ? writeInvalid(at: w) : write(v, at: w)
            i &+= 4
        }
        return finish(output, from: start, to: w, used: i, of: n, isFinal: isFinal)
    }

    /// Ends a call of a Unicode transcoder: with `isFinal`, a unit cut short
    /// at the end is invalid. Returns the bytes used.
    @inline(__always)
    private static func finish(
        _ output: ByteBuffer, from start: UnsafeMutablePointer<UInt8>, to end: UnsafeMutablePointer<UInt8>, used: Int,
        of n: Int, isFinal: Bool
    ) -> Int {
        let end = isFinal && used < n ? writeInvalid(at: end) : end
        output.didWrite(end - start)
        return isFinal ? n : used
    }

    @inline(__always)
    private static func writeInvalid(at w: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        w.pointee = invalidUnitMarker
        return w + 1
    }

    private static func transcodeWindows1252(_ p: UnsafePointer<UInt8>, _ n: Int, _ output: ByteBuffer) -> Int {
        let start = output.reserveTail(3 * n)
        var w = start
        Windows1252.highControlRange.withUnsafeBufferPointer { table in
            for i in 0..<n {
                let b = p[i]
                w = write(b & 0xE0 == 0x80 ? UInt32(table[Int(b & 0x1F)]) : UInt32(b), at: w)
            }
        }
        output.didWrite(w - start)
        return n
    }

    /// Writes a scalar value (no surrogate, at most U+10FFFF) in UTF-8 and
    /// returns the byte after it.
    @inline(__always)
    private static func write(_ v: UInt32, at w: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if v < 0x80 {
            w.pointee = UInt8(truncatingIfNeeded: v)
            return w + 1
        }
        if v < 0x800 {
            w[0] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
            w[1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
            return w + 2
        }
        if v < 0x10000 {
            w[0] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
            w[1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
            w[2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
            return w + 3
        }
        w[0] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
        w[1] = UInt8(truncatingIfNeeded: 0x80 | (v >> 12) & 0x3F)
        w[2] = UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F)
        w[3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
        return w + 4
    }
}

/// Windows-1252, the legacy 8-bit encoding of most Western text: bytes below
/// 0x80 are ASCII, 0xA0–0xFF are the code points of the same number
/// (ISO-8859-1), and 0x80–0x9F are the typographic characters in
/// `highControlRange`. HTML uses the same table for the numeric character
/// references `&#128;`–`&#159;`.
enum Windows1252 {
    /// The code point of each byte 0x80–0x9F. The five bytes Windows-1252
    /// leaves undefined map to themselves (C1 controls), as in HTML.
    static let highControlRange: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Whether Windows-1252 gives the byte a character.
    @inline(__always)
    static func isDefined(_ byte: UInt8) -> Bool {
        byte != 0x81 && byte != 0x8D && byte != 0x8F && byte != 0x90 && byte != 0x9D
    }
}

/// What the bytes of a file read as UTF-8 say about their encoding, for the
/// loader's second look at a file that turned out not to be valid UTF-8
/// (see DECISIONS.md, "Files that are not UTF-8"). Fed the bytes in order, in
/// as many pieces as the reader likes.
struct EncodingEvidence {
    /// Valid UTF-8 sequences of two or more bytes.
    private(set) var multiByteSequences = 0
    /// Bytes that belong to no valid UTF-8 sequence.
    private(set) var invalidBytes = 0
    /// A byte Windows-1252 leaves undefined was seen.
    private(set) var hasByteUndefinedInWindows1252 = false
    /// Offsets of the first byte above 0x7F and of the first invalid byte.
    private(set) var firstNonASCII: Int?
    private(set) var firstInvalid: Int?
    /// Where the next piece starts in the whole.
    private var offset = 0

    /// The evidence of one buffer, whole.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = scan(bytes, isFinal: true)
    }

    init() {}

    var isValidUTF8: Bool { invalidBytes == 0 }

    /// The file is read as Windows-1252: it is not valid UTF-8, every byte is
    /// defined in Windows-1252, and valid multi-byte UTF-8 sequences are
    /// fewer than one for every ten invalid bytes (in Windows-1252 text they
    /// occur only by chance, as a letter followed by a symbol; in UTF-8 text
    /// with a few stray bytes they are most of the non-ASCII).
    var isWindows1252: Bool {
        invalidBytes > 0 && !hasByteUndefinedInWindows1252 && multiByteSequences * 10 < invalidBytes
    }

    /// Scans the complete sequences of `bytes`; returns how many bytes were
    /// used. Without `isFinal` a sequence cut at the end is left for the
    /// next piece.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> Int {
        guard let p = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time.
            while i &+ 8 <= n,
                UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i &+= 8
            }
            guard i < n else { break }
            let b = p[i]
            if b < 0x80 {
                i &+= 1
                continue
            }
            if firstNonASCII == nil { firstNonASCII = offset + i }
            let expected = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            if !isFinal && b >= 0xC2 && b <= 0xF4 && i + expected > n { break }
            let length = TextCleaner.validSequenceLength(p, i, n)
            if length == 0 {
                invalidBytes += 1
                if firstInvalid == nil { firstInvalid = offset + i }
                if !Windows1252.isDefined(b) { hasByteUndefinedInWindows1252 = true }
                i &+= 1
            } else {
                multiByteSequences += 1
                for k in i..<(i + length) where !Windows1252.isDefined(p[k]) { hasByteUndefinedInWindows1252 = true }
                i &+= length
            }
        }
        offset += i
        return i
    }
}

/// Counts lines as `LineSplitter` numbers them (LF, CRLF and CR-only line
/// ends), to name the line a byte offset falls on.
struct LineCounter {
    /// The line the next byte is on.
    private(set) var line = 1
    private var afterCR = false

    mutating func count(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            if b == 0x0A {
                if !afterCR { line += 1 }
                afterCR = false
            } else if b == 0x0D {
                line += 1
                afterCR = true
            } else {
                afterCR = false
            }
        }
    }

    /// The line of byte `offset` in `bytes`.
    static func line(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var counter = LineCounter()
        counter.count(UnsafeBufferPointer(rebasing: bytes[0..<min(offset, bytes.count)]))
        return counter.line
    }
}
