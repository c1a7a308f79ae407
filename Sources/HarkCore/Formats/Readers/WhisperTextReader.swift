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
