/// SRT: `1` / `00:00:01,540 --> 00:00:07,399` / text lines / blank line.
///
/// A cue starts at each timing line, whatever came before: so missing or
/// out-of-order indexes, missing blank lines and blank lines inside a cue all
/// read right. The line of digits just before a timing line is the next
/// cue's index, not text.
///
/// Read as bytes, line by line, into the builder: no string per cue. A cue
/// of the plain shape (`PlainCue`) is read whole, with the same result. A
/// large file is read as two halves at once, cut at a cue's start.
enum SRTReader {
    /// `plainCues`: false reads every cue line by line (tests compare the two).
    static func read(
        _ file: SourceFile, into builder: inout TranscriptBuilder, parallelThreshold: Int, plainCues: Bool = true
    ) throws {
        try ParallelParts.read(
            file, into: &builder, threshold: parallelThreshold, bytesPerSegment: 60, cut: cueStart(in:after:),
            { _, file, builder in
                var cues = Cues(readsPlainCuesWhole: plainCues)
                return try cues.read(file, into: &builder)
            })
    }

    /// The reader's state between lines.
    private struct Cues: LineReader {
        let readsPlainCuesWhole: Bool
        var assembler = CaptionAssembler(keepsEmptyCues: false)
        var inCue = false
        var cueHasText = false
        var afterBlank = true
        var skippingBadCue = false
        var strayLine: Int?
        /// A line of digits inside a cue, held back: it is the next cue's
        /// index if a timing line follows, text otherwise.
        var heldDigits: [UInt8] = []
        var heldDigitsLine = 0
        var markupScratch: [UInt8] = []
        let scans = PlainCue.Records()

        mutating func take(_ raw: Bytes, number: Int, before rest: Bytes, into builder: inout TranscriptBuilder)
            -> LinesTaken
        {
            // Between cues, plain cues are read whole, with what `take` would make of them line by line.
            guard readsPlainCuesWhole, afterBlank, heldDigits.isEmpty, let first = raw.first, ByteClass.isDigit(first),
                let start = raw.baseAddress, let restStart = rest.baseAddress, !rest.isEmpty,
                case let end = restStart + rest.count, let cue = PlainCue(.srt, at: start, end: end, scan: scans.record(0))
            else {
                take(raw, number: number, into: &builder)
                return .none
            }
            endCue(into: &builder)
            skippingBadCue = false
            // The cue's text may go on after its empty line: it stays open.
            let (last, line) = PlainCue.readRun(
                from: cue, line: number, end: end, records: scans, assembler: &assembler, into: &builder)
            inCue = true
            cueHasText = true
            afterBlank = true
            return LinesTaken(bytes: last.end - restStart, lines: line + last.lineCount - 1 - number)
        }

        mutating func take(_ raw: Bytes, number: Int, into builder: inout TranscriptBuilder) {
            let line = raw.trimmingSpaces()
            if line.isEmpty {
                afterBlank = true
                return
            }
            defer { afterBlank = false }
            if ByteClass.isDigit(line[0]) {
                // The usual timing line is read by position; any other by the general parse.
                switch SRTTiming.matches(line) ? .timing(SRTTiming.timing(line)) : TimingLine.parse(line) {
                case .timing(let timing):
                    endCue(into: &builder)
                    skippingBadCue = false
                    assembler.beginCue(start: timing.start, end: timing.end, line: number)
                    inCue = true
                    cueHasText = false
                    return
                case .invalid(let failure):
                    endCue(into: &builder)
                    skippingBadCue = true
                    builder.warn(failure == .outOfRange ? .timeOutOfRange : .malformedTimestamp, line: number)
                    return
                case .notTiming:
                    break
                }
            }
            guard inCue else {
                if !skippingBadCue && !line.isAllDigits && strayLine == nil { strayLine = number }
                return
            }
            if !heldDigits.isEmpty {
                let held = heldDigits
                held.withUnsafeBufferPointer { addText($0, number: heldDigitsLine, into: &builder) }
                heldDigits.removeAll(keepingCapacity: true)
            }
            if line.isAllDigits && (afterBlank || cueHasText) {
                heldDigits.append(contentsOf: line)
                heldDigitsLine = number
            } else {
                addText(line, number: number, into: &builder)
            }
        }

        var isRolling: Bool { assembler.isRolling == true }

        var fileWarnings: [ParallelParts.FileWarning] {
            strayLine.map { [ParallelParts.FileWarning(kind: .notASegment, firstLine: $0)] } ?? []
        }

        mutating func finish(into builder: inout TranscriptBuilder) {
            endCue(into: &builder)
            assembler.finish(into: &builder)
        }

        private mutating func addText(_ line: Bytes, number: Int, into builder: inout TranscriptBuilder) {
            cueHasText = true
            // One pass for either markup byte, without branches so that it
            // vectorises: lines are short, calls cost more than bytes.
            var markup: UInt8 = 0
            if let p = line.baseAddress {
                for i in 0..<line.count {
                    let b = p[i]
                    markup |= (b == 0x3C ? 1 : 0) | (b == 0x7B ? 1 : 0)
                }
            }
            guard markup != 0 else { return assembler.addLine(line, number: number, into: &builder) }
            markupScratch.removeAll(keepingCapacity: true)
            SubtitleMarkup.strip(line, into: &markupScratch)
            let stripped = markupScratch
            stripped.withUnsafeBufferPointer { assembler.addLine($0, number: number, into: &builder) }
        }

        private mutating func endCue(into builder: inout TranscriptBuilder) {
            if inCue { assembler.endCue(into: &builder) }
            inCue = false
            if !heldDigits.isEmpty { heldDigits.removeAll(keepingCapacity: true) }
        }
    }

    /// Where a cue starts after `offset`: its index line, or its timing line
    /// when it has no index. `nil` when none is near.
    /// Only after a blank line, where a whole read is between cues too: a
    /// line of digits right after a timing line is text, not an index.
    static func cueStart(in file: SourceFile, after offset: Int) -> Int? {
        var found: Int?
        var beforePrevious: Bytes?
        file.withLines(after: offset) { line, lineStart, previous in
            defer { beforePrevious = previous?.line }
            guard let previous, let first = line.first, ByteClass.isDigit(first),
                case .timing = TimingLine.parse(line.trimmingSpaces())
            else { return true }
            if previous.line.isBlank {
                found = lineStart
            } else if previous.line.trimmingSpaces().isAllDigits, beforePrevious?.isBlank == true {
                found = previous.start
            }
            return found == nil
        }
        return found
    }
}

/// Markup found in SRT text: `<i>`, `<b>`, `<u>`, `<s>`, `<font …>` tags and
/// ASS override blocks such as `{\an8}`. Other text in angle brackets stays.
enum SubtitleMarkup {
    static func strip(_ line: Bytes, into out: inout [UInt8]) {
        var i = 0
        let n = line.count
        while i < n {
            let b = line[i]
            if b == 0x7B /* { */, i + 1 < n, line[i + 1] == 0x5C /* \ */, let close = line.firstIndex(of: "}", from: i) {
                i = close + 1
                continue
            }
            if b == 0x3C /* < */, let close = line.firstIndex(of: ">", from: i + 1), isTag(Bytes(rebasing: line[(i + 1)..<close]))
            {
                i = close + 1
                continue
            }
            out.append(b)
            i += 1
        }
    }

    /// `i`, `/i`, `font color=…`; not `b and c` in `a <b and c> d`.
    private static func isTag(_ inside: Bytes) -> Bool {
        var name = inside
        if name.first == 0x2F /* / */ { name = name.dropFirst(1) }
        var letters = 0
        while letters < name.count, name[letters] | 0x20 >= 0x61, name[letters] | 0x20 <= 0x7A { letters += 1 }
        let tag = String(decoding: name[..<letters], as: UTF8.self).lowercased()
        let attributes = name.dropFirst(letters)
        switch tag {
        case "i", "b", "u", "s": return attributes.isEmpty
        case "font": return attributes.isEmpty || attributes[0] == 0x20
        default: return false
        }
    }
}
