/// WebVTT, read as the current specification (and web-platform-tests) reads
/// it: a `WEBVTT` signature line, a header, then blocks separated by blank
/// lines; a block is a cue when its first or second line is a timing line;
/// `NOTE`, `STYLE` and `REGION` blocks are not cues. A line containing `-->`
/// always starts a cue, even where a cue id or cue text would be.
///
/// Departures, each reported as a warning: a file without the signature is
/// read anyway (the specification would reject it whole), and timestamps that
/// are not valid WebVTT (`,` before the milliseconds, no milliseconds) are
/// read with the lenient parser rather than dropping their cues.
enum WebVTTReader {
    static func read(_ file: SourceFile, into builder: inout TranscriptBuilder) throws {
        enum State {
            case signature, header, betweenBlocks
            case afterID(line: Int)
            case cueText, skippingBlock
        }
        var state = State.signature
        var cues: [CaptionCue] = []
        var current: CaptionCue?
        var textLines: [String] = []
        var nonStandardLine: Int?
        var nonStandardCount = 0

        func finishCue() {
            guard var cue = current else { return }
            let parsed = VTTCueText.parse(textLines)
            cue.lines = parsed.lines
            cue.speaker = parsed.speaker
            cues.append(cue)
            current = nil
            textLines = []
        }

        /// Starts a cue at a line with `-->`; returns false if its timing is bad.
        func startCue(_ line: Bytes, number: Int) -> Bool {
            switch TimingLine.parse(line) {
            case .timing(let timing):
                if !isValidTimestamp(timing.startText) || !isValidTimestamp(timing.endText) {
                    nonStandardCount += 1
                    if nonStandardLine == nil { nonStandardLine = number }
                }
                current = CaptionCue(start: timing.start, end: timing.end, line: number, lines: [])
                return true
            case .invalid(let failure):
                builder.warn(failure == .outOfRange ? .timeOutOfRange : .malformedTimestamp, line: number)
                return false
            case .notTiming:
                // In WebVTT any line with `-->` is a timing line; this one is not a good one.
                builder.warn(.malformedTimestamp, line: number)
                return false
            }
        }

        try file.forEachLine { line, number in
            let blank = line.isBlank
            let hasArrow = line.firstIndex(of: "-->") != nil
            switch state {
            case .signature:
                if line.hasPrefix("WEBVTT") && (line.count == 6 || ByteClass.isSpace(line[6])) {
                    state = .header
                    return
                }
                if blank { return }  // leading blank lines: tolerated, not standard
                builder.warn(.missingHeader, line: number)
                fallthrough
            case .betweenBlocks, .header:
                if blank {
                    if case .header = state { state = .betweenBlocks }
                    return
                }
                if hasArrow {
                    state = startCue(line, number: number) ? .cueText : .skippingBlock
                } else if case .header = state {
                    return  // Kind:, Language:, X-TIMESTAMP-MAP and the like
                } else if isBlockKeyword(line) {
                    state = .skippingBlock
                } else {
                    state = .afterID(line: number)
                }
            case .afterID(let idLine):
                if hasArrow {
                    state = startCue(line, number: number) ? .cueText : .skippingBlock
                } else {
                    builder.warn(.notACue, line: idLine)
                    state = blank ? .betweenBlocks : .skippingBlock
                }
            case .cueText:
                if blank {
                    finishCue()
                    state = .betweenBlocks
                } else if hasArrow {
                    finishCue()
                    state = startCue(line, number: number) ? .cueText : .skippingBlock
                } else {
                    textLines.append(line.string)
                }
            case .skippingBlock:
                if blank {
                    state = .betweenBlocks
                } else if hasArrow, case .timing = TimingLine.parse(line) {
                    state = startCue(line, number: number) ? .cueText : .skippingBlock
                }
            }
        }
        for line in file.cutLines { builder.warn(.lineTooLong, line: line) }
        finishCue()
        if let nonStandardLine {
            builder.warn(.nonStandardTimestamp, line: nonStandardLine, detail: "\(nonStandardCount) timing lines")
        }
        CaptionCue.commit(cues, into: &builder)
    }

    private static func isBlockKeyword(_ line: Bytes) -> Bool {
        for keyword: StaticString in ["NOTE", "STYLE", "REGION"] where line.hasPrefix(keyword) {
            let k = keyword.utf8CodeUnitCount
            if line.count == k || ByteClass.isSpace(line[k]) { return true }
        }
        return false
    }

    /// `[hh+:]mm:ss.ttt` exactly, as the specification requires.
    static func isValidTimestamp(_ text: Bytes) -> Bool {
        let parts = text.split(separator: 0x3A, omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        if parts.count == 3 && (parts[0].count < 2 || !parts[0].allSatisfy(ByteClass.isDigit)) { return false }
        let minutes = parts[parts.count - 2]
        let secondsAndFraction = parts[parts.count - 1]
        guard minutes.count == 2, minutes.allSatisfy(ByteClass.isDigit), secondsAndFraction.count == 6 else { return false }
        let sf = Array(secondsAndFraction)
        return ByteClass.isDigit(sf[0]) && ByteClass.isDigit(sf[1]) && sf[2] == 0x2E
            && sf[3...].allSatisfy(ByteClass.isDigit)
    }
}

/// The text of a WebVTT cue: tags removed (`<c.x>`, `<i>`, `<ruby>`, inline
/// timestamps `<00:00:01.000>`), the first voice span's name kept as the
/// speaker (`<v Name>`, `<v.loud Name>`, unclosed too), character references decoded.
enum VTTCueText {
    static func parse(_ lines: [String]) -> (speaker: String?, lines: [String]) {
        var speaker: String?
        var out: [String] = []
        for line in lines {
            var text = ""
            var rest = Substring(line)
            while let lt = rest.firstIndex(of: "<") {
                text += rest[..<lt]
                let afterLT = rest[rest.index(after: lt)...]
                let close = afterLT.firstIndex(of: ">") ?? afterLT.endIndex
                let tag = afterLT[..<close]
                if speaker == nil, tag.first == "v", tag.dropFirst().first.map({ $0 == " " || $0 == "." || $0 == "\t" }) ?? false
                {
                    let annotation = tag.drop { $0 != " " && $0 != "\t" }
                    let name = String(annotation).trimmingASCIISpaces()
                    if !name.isEmpty { speaker = CharacterReferences.decode(name) }
                }
                rest = close < afterLT.endIndex ? afterLT[afterLT.index(after: close)...] : ""
            }
            text += rest
            out.append(CharacterReferences.decode(text))
        }
        return (speaker, out)
    }
}

/// HTML character references as WebVTT text uses them.
enum CharacterReferences {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "lrm": "\u{200E}", "rlm": "\u{200F}", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "copy": "©", "reg": "®",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(32).firstIndex(of: ";"), let value = resolve(after[..<semi]) {
                out += value
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static func resolve(_ name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[String(name)]
    }
}
