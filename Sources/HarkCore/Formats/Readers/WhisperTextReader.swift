import Glibc

/// whisper console text, one segment a line:
/// `[00:01:02.500 --> 00:01:05.000]   text` (whisper.cpp, openai-whisper
/// `--verbose`, whisper-jax's `->`).
///
/// Speaker marks: `>>` opening the text (a change of speaker), a trailing
/// ` [SPEAKER_TURN]` (the change comes after this segment), and whisper.cpp's
/// diarization prefixes `(speaker 1)` / `(speaker ?)`. Anything else on a line
/// of its own (the program's log output) is skipped and counted.
enum WhisperTextReader {
    /// The line is a whisper segment line (used to recognise the format).
    static func isSegmentLine(_ line: Bytes) -> Bool {
        // The usual shape first: detection needs no times (`parse` would read them).
        if line.count >= PlainTiming.length, let base = line.baseAddress, PlainTiming.matches(base) { return true }
        if case .segment = parse(line) { return true }
        return false
    }

    static func read(_ file: SourceFile, into builder: inout TranscriptBuilder, parallelThreshold: Int) throws {
        try ParallelParts.read(
            file, into: &builder, threshold: parallelThreshold, bytesPerSegment: 40, cut: { $0.lineStart(after: $1) },
            { _, file, builder in
                var lines = Lines()
                return try lines.read(file, into: &builder)
            })
    }

    /// Each line stands alone (so `foldedText` can hand it any one line).
    struct Lines: LineReader {
        var isRolling: Bool { false }
        var fileWarnings: [ParallelParts.FileWarning] { [] }

        func take(_ line: Bytes, number: Int, into builder: inout TranscriptBuilder) {
            switch parse(line) {
            case .segment(let timing, let text):
                appendSegment(timing: timing, text: text, line: number, into: &builder)
            case .invalidTime(let failure):
                builder.warn(failure == .outOfRange ? .timeOutOfRange : .malformedTimestamp, line: number)
            case .other:
                if !line.isBlank { builder.warn(.notASegment, line: number) }
            }
        }

        func finish(into builder: inout TranscriptBuilder) {}
    }

    private enum Parsed {
        case segment(TimingLine, Bytes)
        case invalidTime(TimestampParser.Failure)
        case other
    }

    private static func parse(_ line: Bytes) -> Parsed {
        guard let base = line.baseAddress else { return .other }
        if line.count >= PlainTiming.length, PlainTiming.matches(base) {
            return .segment(PlainTiming.timing(base), Bytes(rebasing: line[PlainTiming.length...]))
        }
        var i = 0
        while i < line.count, ByteClass.isSpace(line[i]) { i += 1 }
        guard i < line.count, line[i] == 0x5B /* [ */,
            let hit = memchr(base + i + 1, 0x5D /* ] */, line.count - i - 1)
        else { return .other }
        let close = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        let inside = Bytes(rebasing: line[(i + 1)..<close])
        switch TimingLine.parse(inside) {
        case .timing(let timing) where timing.rest.isEmpty:
            return .segment(timing, Bytes(rebasing: line[(close + 1)...]))
        case .invalid(let failure):
            return .invalidTime(failure)
        default:
            return .other
        }
    }

    private static func appendSegment(timing: TimingLine, text: Bytes, line: Int, into builder: inout TranscriptBuilder) {
        var text = text.trimmingSpaces()
        var speakerChange = false
        var speaker: String?
        if text.hasPrefix(">>") {
            speakerChange = true
            text = text.dropFirst(2).trimmingSpaces()
        }
        if let (name, rest) = diarizationPrefix(text) {
            speaker = name
            text = rest
        }
        var turnAfter = false
        if text.hasSuffix("[SPEAKER_TURN]") {
            turnAfter = true
            text = text.dropLast(14)
        }
        builder.beginSegment()
        builder.appendText(text)
        builder.commitSegment(
            start: timing.start, end: timing.end, speaker: speaker, speakerChange: speakerChange, line: line)
        if turnAfter { builder.markSpeakerChangeForNextSegment() }
    }

    /// `(speaker 1) text` names "Speaker 1"; `(speaker ?) text` names nobody.
    private static func diarizationPrefix(_ text: Bytes) -> (String?, Bytes)? {
        guard text.hasPrefix("(speaker "), let close = text.firstIndex(of: ")") else { return nil }
        let label = Bytes(rebasing: text[9..<close]).trimmingSpaces()
        let rest = Bytes(rebasing: text[(close + 1)...]).trimmingSpaces()
        if label.count == 1 && label[0] == 0x3F /* ? */ { return (nil, rest) }
        guard label.isAllDigits else { return nil }
        return ("Speaker " + label.string, rest)
    }
}

/// The timing nearly every whisper line opens with, `[00:01:02.500 --> 00:01:05.000]`:
/// two-digit hours, minutes and seconds under 60, three-digit milliseconds.
/// Checked by position, as the general parse would accept it, and read
/// without that parse's search for the arrow and the fields.
enum PlainTiming {
    static let length = 31

    /// The shape, a byte a position: `d` any digit, `s` a digit under six, else the byte itself.
    static let shape = "[dd:sd:sd.ddd --> dd:sd:sd.ddd]"

    /// The four words `matches` loads, at bytes 0, 8, 16 and 23 (the last
    /// overlapping the one before): each the shape's bytes with `0` for the
    /// digits, little-endian (`expected`), and what to add to a byte's
    /// difference from it so that bit 7 is set exactly when the byte is out
    /// of shape (`addends`: 0x76 sets it from 10 on, 0x7A from 6, 0x7F from
    /// 1). Literals, so that reading them costs nothing; a test derives
    /// them from `shape`.
    static let wordOffsets = (0, 8, 16, 23)
    static let expected: (UInt64, UInt64, UInt64, UInt64) = (
        0x303A_3030_3A30_305B, 0x2D2D_2030_3030_2E30, 0x3A30_303A_3030_203E, 0x5D30_3030_2E30_303A
    )
    static let addends: (UInt64, UInt64, UInt64, UInt64) = (
        0x7A7F_767A_7F76_767F, 0x7F7F_7F76_7676_7F76, 0x7F76_7A7F_7676_7F7F, 0x7F76_7676_7F76_7A7F
    )

    /// Whether the line at `p` (at least `length` bytes) opens with the shape, eight bytes at a time.
    @inline(__always)
    static func matches(_ p: UnsafePointer<UInt8>) -> Bool {
        let raw = UnsafeRawPointer(p)
        @inline(__always) func outOfShape(_ offset: Int, _ expected: UInt64, _ addend: UInt64) -> UInt64 {
            let difference = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ expected
            // No carries between bytes: each byte's low seven bits plus at most 0x7F.
            return difference | ((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ addend)
        }
        let all =
            outOfShape(wordOffsets.0, expected.0, addends.0) | outOfShape(wordOffsets.1, expected.1, addends.1)
            | outOfShape(wordOffsets.2, expected.2, addends.2) | outOfShape(wordOffsets.3, expected.3, addends.3)
        return all & 0x8080_8080_8080_8080 == 0
    }

    /// The start time of a line that `matches`.
    @inline(__always)
    static func start(_ p: UnsafePointer<UInt8>) -> Milliseconds { clock(p + 1) }

    /// `hh:mm:ss.mmm` at `p`, known to be digits where digits go.
    @inline(__always)
    private static func clock(_ p: UnsafePointer<UInt8>) -> Milliseconds {
        @inline(__always) func number(_ k: Int, _ digits: Int) -> Int64 {
            var value: Int64 = 0
            for d in 0..<digits { value = value &* 10 &+ Int64(p[k + d] &- 0x30) }
            return value
        }
        return ((number(0, 2) &* 60 &+ number(3, 2)) &* 60 &+ number(6, 2)) &* 1000 &+ number(9, 3)
    }

    /// The times of a line that `matches`.
    static func timing(_ p: UnsafePointer<UInt8>) -> TimingLine {
        @inline(__always) func time(at k: Int) -> Milliseconds { clock(p + k) }
        return TimingLine(
            start: time(at: 1), end: time(at: 18), startText: Bytes(start: p + 1, count: 12),
            endText: Bytes(start: p + 18, count: 12), rest: Bytes(start: p + 30, count: 0))
    }
}
