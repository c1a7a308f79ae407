import Glibc

/// WebVTT, read as the current specification (and web-platform-tests) reads
/// it: a `WEBVTT` signature line, a header, then blocks separated by empty
/// lines; a block is a cue when its first or second line is a timing line;
/// `NOTE`, `STYLE` and `REGION` blocks are not cues. A line containing `-->`
/// always starts a cue, even where a cue id or cue text would be. A line of
/// spaces is not empty: it is cue text (YouTube's captions start so).
///
/// Departures, each reported as a warning: a file without the signature is
/// read anyway (the specification would reject it whole), and timestamps that
/// are not valid WebVTT (`,` before the milliseconds, no milliseconds) are
/// read with the lenient parser rather than dropping their cues.
///
/// Read as bytes into the builder; a large file is read as two halves at
/// once, cut where a cue's block starts.
enum WebVTTReader {
    /// `plainCues`: false reads every cue line by line (tests compare the two).
    static func read(
        _ file: SourceFile, into builder: inout TranscriptBuilder, parallelThreshold: Int, plainCues: Bool = true
    ) throws {
        try ParallelParts.read(
            file, into: &builder, threshold: parallelThreshold, bytesPerSegment: 60, cut: blockStart(in:after:),
            { part, file, builder in
                // The second half starts between blocks, after the header.
                var blocks = Blocks(state: part == 0 ? .signature : .betweenBlocks, readsPlainCuesWhole: plainCues)
                return try blocks.read(file, into: &builder)
            })
    }

    /// The reader's state between lines.
    private struct Blocks: LineReader {
        enum State {
            case signature, header, betweenBlocks
            case afterID(line: Int)
            case cueText, skippingBlock
        }

        var state: State
        let readsPlainCuesWhole: Bool
        var assembler = CaptionAssembler(keepsEmptyCues: true)
        var cueText = CueText()
        var nonStandardLine: Int?
        var nonStandardCount = 0
        let scans = PlainCue.Records()

        init(state: State, readsPlainCuesWhole: Bool) {
            self.state = state
            self.readsPlainCuesWhole = readsPlainCuesWhole
        }

        mutating func take(_ line: Bytes, number: Int, before rest: Bytes, into builder: inout TranscriptBuilder)
            -> LinesTaken
        {
            // Between blocks, plain cues are read whole, with what `take` would make of them line by line.
            guard readsPlainCuesWhole, case .betweenBlocks = state, let first = line.first, ByteClass.isDigit(first),
                let start = line.baseAddress, let restStart = rest.baseAddress, !rest.isEmpty,
                case let end = restStart + rest.count, let cue = PlainCue(.webVTT, at: start, end: end, scan: scans.record(0))
            else {
                take(line, number: number, into: &builder)
                return .none
            }
            let (last, lastLine) = PlainCue.readRun(
                from: cue, line: number, end: end, records: scans, assembler: &assembler, into: &builder)
            // Its empty line ends it.
            assembler.endCue(into: &builder)
            return LinesTaken(bytes: last.end - restStart, lines: lastLine + last.lineCount - 1 - number)
        }

        mutating func take(_ line: Bytes, number: Int, into builder: inout TranscriptBuilder) {
            let empty = line.isEmpty
            switch state {
            case .signature:
                if line.hasPrefix("WEBVTT") && (line.count == 6 || Timing.isSpace(line[6])) {
                    state = .header
                    return
                }
                if line.isBlank { return }  // leading blank lines: tolerated, not standard
                builder.warn(.missingHeader, line: number)
                state = .betweenBlocks
                fallthrough
            case .betweenBlocks, .header:
                if empty {
                    if case .header = state { state = .betweenBlocks }
                    return
                }
                if Timing.hasArrow(line) {
                    state = startCue(line, number: number, into: &builder) ? .cueText : .skippingBlock
                } else if case .header = state {
                    return  // Kind:, Language:, X-TIMESTAMP-MAP and the like
                } else if isBlockKeyword(line) {
                    state = .skippingBlock
                } else {
                    state = .afterID(line: number)
                }
            case .afterID(let idLine):
                if Timing.hasArrow(line) {
                    state = startCue(line, number: number, into: &builder) ? .cueText : .skippingBlock
                } else {
                    builder.warn(.notACue, line: idLine)
                    state = empty ? .betweenBlocks : .skippingBlock
                }
            case .cueText:
                if empty {
                    finishCue(into: &builder)
                    state = .betweenBlocks
                } else if Timing.hasArrow(line) {
                    finishCue(into: &builder)
                    state = startCue(line, number: number, into: &builder) ? .cueText : .skippingBlock
                } else {
                    cueText.appendLine(line, number: number)
                }
            case .skippingBlock:
                if empty {
                    state = .betweenBlocks
                } else if Timing.hasArrow(line), case .timing = Timing.parse(line) {
                    state = startCue(line, number: number, into: &builder) ? .cueText : .skippingBlock
                }
            }
        }

        var isRolling: Bool { assembler.isRolling == true }

        mutating func finish(into builder: inout TranscriptBuilder) {
            if case .cueText = state { finishCue(into: &builder) }
            assembler.finish(into: &builder)
        }

        var fileWarnings: [ParallelParts.FileWarning] {
            guard let nonStandardLine else { return [] }
            return [
                ParallelParts.FileWarning(
                    kind: .nonStandardTimestamp, firstLine: nonStandardLine, count: nonStandardCount, countedAs: "timing lines")
            ]
        }

        private mutating func finishCue(into builder: inout TranscriptBuilder) {
            cueText.parse(into: &assembler.current)
            assembler.endCue(into: &builder)
        }

        /// Starts a cue at a line with `-->`; returns false if its timing is bad.
        private mutating func startCue(_ line: Bytes, number: Int, into builder: inout TranscriptBuilder) -> Bool {
            switch Timing.parse(line) {
            case .timing(let timing):
                if !timing.isStandard {
                    nonStandardCount += 1
                    if nonStandardLine == nil { nonStandardLine = number }
                }
                assembler.beginCue(start: timing.start, end: timing.end, line: number)
                cueText.removeAll()
                return true
            case .invalid(let failure):
                builder.warn(failure == .outOfRange ? .timeOutOfRange : .malformedTimestamp, line: number)
                return false
            }
        }
    }

    private static func isBlockKeyword(_ line: Bytes) -> Bool {
        for keyword: StaticString in ["NOTE", "STYLE", "REGION"] where line.hasPrefix(keyword) {
            let k = keyword.utf8CodeUnitCount
            if line.count == k || Timing.isSpace(line[k]) { return true }
        }
        return false
    }

    /// Where a cue's block starts after `offset`: after an empty line, at
    /// its timing line or at the id line before it.
    static func blockStart(in file: SourceFile, after offset: Int) -> Int? {
        var found: Int?
        var beforePrevious: Bytes?
        file.withLines(after: offset) { line, lineStart, previous in
            defer { beforePrevious = previous?.line }
            guard Timing.hasArrow(line), let previous else { return true }
            if previous.line.isEmpty {
                found = lineStart
            } else if beforePrevious?.isEmpty == true, !Timing.hasArrow(previous.line) {
                found = previous.start
            }
            return found == nil
        }
        return found
    }

    /// A timing line as the specification reads it: whitespace (space, tab,
    /// form feed), a timestamp, `-->`, a timestamp, then anything at all,
    /// even glued to the end time, is the settings string (ignored).
    struct Timing {
        var start: Milliseconds
        var end: Milliseconds
        /// Both timestamps are valid WebVTT (`[hh+:]mm:ss.ttt`).
        var isStandard: Bool

        enum Outcome {
            case timing(Timing)
            case invalid(TimestampParser.Failure)
        }

        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C }

        static func hasArrow(_ line: Bytes) -> Bool {
            guard let base = line.baseAddress else { return false }
            var from = 2
            while from < line.count, let hit = memchr(base + from, 0x3E /* > */, line.count - from) {
                let k = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if line[k - 1] == 0x2D && line[k - 2] == 0x2D { return true }
                from = k + 1
            }
            return false
        }

        static func parse(_ line: Bytes) -> Outcome {
            // The usual line, read by position.
            if WebVTTTiming.opens(line), let p = line.baseAddress {
                return .timing(Timing(start: UsualTiming.clock(p), end: UsualTiming.clock(p + 17), isStandard: true))
            }
            var i = 0
            func skipSpaces() { while i < line.count, isSpace(line[i]) { i += 1 } }
            /// The longest run of digits, `:`, `.` and `,` here.
            func timestamp() -> Bytes {
                let start = i
                while i < line.count, ByteClass.isDigit(line[i]) || line[i] == 0x3A || line[i] == 0x2E || line[i] == 0x2C {
                    i += 1
                }
                return Bytes(rebasing: line[start..<i])
            }
            skipSpaces()
            let startText = timestamp()
            skipSpaces()
            guard line.count - i >= 3, line[i] == 0x2D, line[i + 1] == 0x2D, line[i + 2] == 0x3E else {
                return .invalid(.malformed)
            }
            i += 3
            skipSpaces()
            let endText = timestamp()
            switch (TimestampParser.parse(startText), TimestampParser.parse(endText)) {
            case (.success(let start), .success(let end)):
                let standard = WebVTTReader.isValidTimestamp(startText) && WebVTTReader.isValidTimestamp(endText)
                return .timing(Timing(start: start, end: end, isStandard: standard))
            case (.failure(.outOfRange), _), (_, .failure(.outOfRange)):
                return .invalid(.outOfRange)
            default:
                return .invalid(.malformed)
            }
        }
    }

    /// `[hh+:]mm:ss.ttt` exactly, as the specification requires.
    static func isValidTimestamp(_ text: Bytes) -> Bool {
        // From the end: `.ttt`, `ss`, `:`, `mm`, then nothing or `:` and two or more digits.
        let n = text.count
        guard n == 9 || n >= 12 else { return false }
        @inline(__always) func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { ByteClass.isDigit(text[$0]) } }
        guard text[n - 4] == 0x2E, digits((n - 3)..<n), digits((n - 6)..<(n - 4)), text[n - 7] == 0x3A,
            digits((n - 9)..<(n - 7))
        else { return false }
        return n == 9 || (text[n - 10] == 0x3A && digits(0..<(n - 10)))
    }
}
