/// Speaker-labelled text, as exported by Otter, Rev-style services,
/// diarizing transcribers and people:
///
/// - `Sarah Catanzaro  0:49` (name, two or more spaces, `[h:]mm:ss`), then the turn's text;
/// - `Speaker 1 (00:00):` with the text after it or on the next lines;
/// - `[00:01:23] Name: text` or `[00:01:23] text`, a turn a line (hark's text
///   export: `[~0:01:23]`, an estimate, is estimated again; `[0:01:23] >>` is
///   a change of speaker with no name);
/// - `[Sarah]: text`, `[SPEAKER_00]: text` (whisper-ctranslate2), also after a time;
/// - `Name: text` with no times at all.
///
/// Lines that start no turn continue the current one. Each turn is a
/// segment, its text handed to the builder as the file's bytes. Turns
/// without a time get one from `TimeEstimator` (marked estimated); a turn
/// ends where the next one starts.
enum SpeakerTextReader {
    struct TurnHeader: Equatable {
        var time: Milliseconds?
        var speaker: String?
        /// Where the turn's text starts in the line, in bytes.
        var textOffset: Int
        /// The line has a time, read or marked as an estimate (`[~0:07:42]`).
        var stamped = false
        /// `[0:01:02] >>`: a change of speaker, no name (hark's text export).
        var speakerChange = false
        /// The stamp has minutes or seconds past 59: the turn stands, its time is estimated.
        var outOfRange = false
        /// Formats with times are recognised from one header; `Name:` lines need more.
        var isTimed: Bool { time != nil || stamped }
    }

    static func read(_ file: SourceFile, into builder: inout TranscriptBuilder) throws {
        var open: (header: TurnHeader, line: Int)?
        var strayLine: Int?
        func commitOpenTurn() {
            guard let turn = open else { return }
            builder.commitSegment(
                start: turn.header.time ?? 0, end: nil, speaker: turn.header.speaker, speakerChange: turn.header.speakerChange,
                line: turn.line,
                estimated: turn.header.time == nil)
            open = nil
        }
        try file.forEachLine { line, number in
            guard !line.isBlank else { return }
            if let header = header(in: line) {
                if header.outOfRange { builder.warn(.stampOutOfRange, line: number) }
                commitOpenTurn()
                builder.beginSegment()
                builder.appendText(line.dropFirst(header.textOffset), line: number)
                open = (header, number)
            } else if open != nil {
                builder.appendText(" ")
                builder.appendText(line, line: number)
            } else if strayLine == nil {
                strayLine = number
            }
        }
        commitOpenTurn()
        for line in file.cutLines { builder.warn(.lineTooLong, line: line) }
        if let strayLine { builder.warn(.notASegment, line: strayLine) }
        builder.estimateTimes()
    }

    /// The turn a line starts, if it starts one.
    static func header(in line: Bytes) -> TurnHeader? {
        var start = 0
        while start < line.count, ByteClass.isSpace(line[start]) { start += 1 }
        guard start < line.count else { return nil }
        if line[start] == 0x5B /* [ */ {
            if let timed = bracketedTime(line, from: start) { return timed }
        }
        if let otter = otterHeader(line, from: start) { return otter }
        if let rev = parenthesizedTime(line, from: start) { return rev }
        if let label = label(line, from: start), label.textOffset < line.count || label.bracketed {
            return TurnHeader(time: nil, speaker: label.name, textOffset: label.textOffset)
        }
        return nil
    }

    /// `[00:01:23] Name: text`, `[00:01:23] [Name]: text` or `[00:01:23] text`.
    /// `[~0:01:23]` is a time hark estimated (its own text export): the
    /// turn's time is estimated again.
    private static func bracketedTime(_ line: Bytes, from start: Int) -> TurnHeader? {
        guard let close = index(of: 0x5D /* ] */, in: line, from: start + 1) else { return nil }
        var estimate = start + 1 < close && line[start + 1] == 0x7E /* ~ */
        let stampText = Bytes(rebasing: line[(start + (estimate ? 2 : 1))..<close]).trimmingSpaces()
        var time = parseTime(stampText)
        // `[00:01:75]`: a stamp, wrongly written; the turn is kept, its time estimated.
        let outOfRange = time == nil && stampText.contains(0x3A) && TimestampParser.parse(stampText) == .failure(.outOfRange)
        if outOfRange {
            estimate = true
            time = 0
        }
        guard let time else { return nil }
        let read = estimate ? nil : time
        let rest = skippingSpaces(line, from: close + 1)
        if let label = label(line, from: rest) {
            return TurnHeader(
                time: read, speaker: label.name, textOffset: label.textOffset, stamped: true, outOfRange: outOfRange)
        }
        if line.dropFirst(rest).hasPrefix(">>") {
            return TurnHeader(
                time: read, speaker: nil, textOffset: skippingSpaces(line, from: rest + 2), stamped: true, speakerChange: true,
                outOfRange: outOfRange)
        }
        return TurnHeader(time: read, speaker: nil, textOffset: rest, stamped: true, outOfRange: outOfRange)
    }

    /// A speaker label at `start`: `Name:` or `[Name]:`, followed by the end
    /// of the line, a space or a tab. The name follows `SpeakerLabel.isName`.
    private static func label(_ line: Bytes, from start: Int) -> (name: String, textOffset: Int, bracketed: Bool)? {
        guard start < line.count else { return nil }
        let bracketed = line[start] == 0x5B /* [ */
        let nameStart = bracketed ? start + 1 : start
        let nameEnd: Int
        let colon: Int
        if bracketed {
            guard let close = index(of: 0x5D /* ] */, in: line, from: nameStart), close + 1 < line.count,
                line[close + 1] == 0x3A /* : */
            else { return nil }
            nameEnd = close
            colon = close + 1
        } else {
            guard let found = index(of: 0x3A /* : */, in: line, from: nameStart) else { return nil }
            nameEnd = found
            colon = found
        }
        guard colon + 1 == line.count || ByteClass.isSpace(line[colon + 1]) else { return nil }
        let name = Bytes(rebasing: line[nameStart..<nameEnd]).string
        guard SpeakerLabel.isName(Substring(name)) else { return nil }
        return (name, skippingSpaces(line, from: colon + 1), bracketed)
    }

    /// Otter: `Name  1:02:03` alone on its line.
    private static func otterHeader(_ line: Bytes, from start: Int) -> TurnHeader? {
        var gap = start
        while gap + 1 < line.count, !(line[gap] == 0x20 && line[gap + 1] == 0x20) { gap += 1 }
        guard gap + 1 < line.count else { return nil }
        let name = Bytes(rebasing: line[start..<gap]).trimmingSpaces().string
        let timeText = Bytes(rebasing: line[gap...]).trimmingSpaces()
        guard !name.isEmpty, name.count <= 60, name.first?.isLetter == true, !name.contains(":"),
            timeText.contains(0x3A /* : */), let time = parseTime(timeText)
        else { return nil }
        return TurnHeader(time: time, speaker: name, textOffset: line.count)
    }

    /// `Speaker 1 (00:00):` or `Name (1:02:03): text`.
    private static func parenthesizedTime(_ line: Bytes, from start: Int) -> TurnHeader? {
        guard let open = index(of: 0x28 /* ( */, in: line, from: start),
            let close = index(of: 0x29 /* ) */, in: line, from: open)
        else { return nil }
        let name = Bytes(rebasing: line[start..<open]).trimmingSpaces().string
        guard !name.isEmpty, name.count <= 60, name.first?.isLetter == true,
            let time = parseTime(Bytes(rebasing: line[(open + 1)..<close]))
        else { return nil }
        var rest = close + 1
        guard rest == line.count || line[rest] == 0x3A /* : */ else { return nil }
        rest = skippingSpaces(line, from: min(line.count, rest + 1))
        return TurnHeader(time: time, speaker: name, textOffset: rest)
    }

    private static func parseTime(_ text: Bytes) -> Milliseconds? {
        let trimmed = text.trimmingSpaces()
        guard trimmed.contains(0x3A /* : */), case .success(let ms) = TimestampParser.parse(trimmed) else { return nil }
        return ms
    }

    private static func index(of byte: UInt8, in line: Bytes, from start: Int) -> Int? {
        var k = start
        while k < line.count {
            if line[k] == byte { return k }
            k += 1
        }
        return nil
    }

    private static func skippingSpaces(_ line: Bytes, from start: Int) -> Int {
        var k = start
        while k < line.count, ByteClass.isSpace(line[k]) { k += 1 }
        return k
    }
}
