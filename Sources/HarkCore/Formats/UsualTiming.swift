/// The timing line nearly every cue of a format has, checked by position
/// eight bytes at a time and read without the general parse's search for
/// the arrow and the fields: two-digit hours, minutes and seconds under 60,
/// three-digit milliseconds, as the general parse would accept them.
///
/// A shape is written a byte a position: `d` any digit, `s` a digit under
/// six, else the byte itself. Its four words, loaded at `wordOffsets` (the
/// last overlapping the one before), are compared with `expected` (the
/// shape's bytes with `0` for the digits, little-endian), and `addends` is
/// what to add to a byte's difference from it so that bit 7 is set exactly
/// when the byte is out of shape (0x76 sets it from 10 on, 0x7A from 6, 0x7F
/// from 1). Literals, so that reading them costs nothing; a test derives
/// them from the shape.
enum UsualTiming {
    @inline(__always)
    static func matches(
        _ p: UnsafePointer<UInt8>, _ offsets: (Int, Int, Int, Int), _ expected: (UInt64, UInt64, UInt64, UInt64),
        _ addends: (UInt64, UInt64, UInt64, UInt64)
    ) -> Bool {
        let raw = UnsafeRawPointer(p)
        @inline(__always) func outOfShape(_ offset: Int, _ expected: UInt64, _ addend: UInt64) -> UInt64 {
            let difference = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ expected
            // No carries between bytes: each byte's low seven bits plus at most 0x7F.
            return difference | ((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ addend)
        }
        let all =
            outOfShape(offsets.0, expected.0, addends.0) | outOfShape(offsets.1, expected.1, addends.1)
            | outOfShape(offsets.2, expected.2, addends.2) | outOfShape(offsets.3, expected.3, addends.3)
        return all & 0x8080_8080_8080_8080 == 0
    }

    /// `hh:mm:ss.mmm` (or `,mmm`) at `p`, known to be digits where digits go.
    @inline(__always)
    static func clock(_ p: UnsafePointer<UInt8>) -> Milliseconds {
        @inline(__always) func number(_ k: Int, _ digits: Int) -> Int64 {
            var value: Int64 = 0
            for d in 0..<digits { value = value &* 10 &+ Int64(p[k + d] &- 0x30) }
            return value
        }
        return ((number(0, 2) &* 60 &+ number(3, 2)) &* 60 &+ number(6, 2)) &* 1000 &+ number(9, 3)
    }
}

/// Whisper text's: `[00:01:02.500 --> 00:01:05.000]` opens the line.
enum PlainTiming {
    static let length = 31
    static let shape = "[dd:sd:sd.ddd --> dd:sd:sd.ddd]"
    static let wordOffsets = (0, 8, 16, 23)
    static let expected: (UInt64, UInt64, UInt64, UInt64) = (
        0x303A_3030_3A30_305B, 0x2D2D_2030_3030_2E30, 0x3A30_303A_3030_203E, 0x5D30_3030_2E30_303A
    )
    static let addends: (UInt64, UInt64, UInt64, UInt64) = (
        0x7A7F_767A_7F76_767F, 0x7F7F_7F76_7676_7F76, 0x7F76_7A7F_7676_7F7F, 0x7F76_7676_7F76_7A7F
    )

    /// Whether the line at `p` (at least `length` bytes) opens with the shape.
    @inline(__always)
    static func matches(_ p: UnsafePointer<UInt8>) -> Bool { UsualTiming.matches(p, wordOffsets, expected, addends) }

    /// The start time of a line that `matches`.
    @inline(__always)
    static func start(_ p: UnsafePointer<UInt8>) -> Milliseconds { UsualTiming.clock(p + 1) }

    /// The times of a line that `matches`.
    static func timing(_ p: UnsafePointer<UInt8>) -> TimingLine {
        TimingLine(
            start: UsualTiming.clock(p + 1), end: UsualTiming.clock(p + 18), startText: Bytes(start: p + 1, count: 12),
            endText: Bytes(start: p + 18, count: 12), rest: Bytes(start: p + 30, count: 0))
    }
}

/// SRT's: `00:01:02,500 --> 00:01:05,000` is the whole (trimmed) line.
enum SRTTiming {
    static let length = 29
    static let shape = "dd:sd:sd,ddd --> dd:sd:sd,ddd"
    static let wordOffsets = (0, 8, 16, 21)
    static let expected: (UInt64, UInt64, UInt64, UInt64) = (
        0x3030_3A30_303A_3030, 0x3E2D_2D20_3030_302C, 0x303A_3030_3A30_3020, 0x3030_302C_3030_3A30
    )
    static let addends: (UInt64, UInt64, UInt64, UInt64) = (
        0x767A_7F76_7A7F_7676, 0x7F7F_7F7F_7676_767F, 0x7A7F_767A_7F76_767F, 0x7676_767F_767A_7F76
    )

    /// Whether `line` is exactly the shape.
    @inline(__always)
    static func matches(_ line: Bytes) -> Bool {
        guard line.count == length, let p = line.baseAddress else { return false }
        return UsualTiming.matches(p, wordOffsets, expected, addends)
    }

    /// The times of a line that `matches`.
    static func timing(_ line: Bytes) -> TimingLine {
        let p = line.baseAddress!
        return TimingLine(
            start: UsualTiming.clock(p), end: UsualTiming.clock(p + 17), startText: Bytes(start: p, count: 12),
            endText: Bytes(start: p + 17, count: 12), rest: Bytes(start: p + 29, count: 0))
    }
}

/// WebVTT's: `00:01:02.500 --> 00:01:05.000` opens the line, settings may follow.
enum WebVTTTiming {
    static let length = 29
    static let shape = "dd:sd:sd.ddd --> dd:sd:sd.ddd"
    static let wordOffsets = (0, 8, 16, 21)
    static let expected: (UInt64, UInt64, UInt64, UInt64) = (
        0x3030_3A30_303A_3030, 0x3E2D_2D20_3030_302E, 0x303A_3030_3A30_3020, 0x3030_302E_3030_3A30
    )
    static let addends: (UInt64, UInt64, UInt64, UInt64) = (
        0x767A_7F76_7A7F_7676, 0x7F7F_7F7F_7676_767F, 0x7A7F_767A_7F76_767F, 0x7676_767F_767A_7F76
    )

    /// Whether `line` opens with the shape, and its end time ends there (a
    /// digit, `:`, `.` or `,` after it would be read as part of it).
    @inline(__always)
    static func opens(_ line: Bytes) -> Bool {
        guard line.count >= length, let p = line.baseAddress, UsualTiming.matches(p, wordOffsets, expected, addends) else {
            return false
        }
        guard line.count > length else { return true }
        let after = p[length]
        return !(ByteClass.isDigit(after) || after == 0x3A || after == 0x2E || after == 0x2C)
    }
}
