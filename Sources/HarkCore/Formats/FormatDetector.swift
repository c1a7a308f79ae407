/// Recognises a transcript's format from its first lines. The file name's
/// extension only settles a tie; `--format` overrides both.
enum FormatDetector {
    enum Detected: Equatable {
        case text(TranscriptFormat)
        /// One of the JSON formats; which one, the JSON reader tells from the keys.
        case json
    }

    static func detect(head: Bytes, path: String) -> Detected? {
        let suggested = TranscriptFormat.suggested(byExtensionOf: path)
        var lines: [Bytes] = []
        var splitter = LineSplitter()
        _ = splitter.split(head, isFinal: true) { line, _ in
            if lines.count < 400 { lines.append(line) }
        }
        if let found = detect(lines: lines, suggested: suggested) { return found }
        // Last: prose, but only where the name says text (a folder holds
        // many text files that are not transcripts).
        if suggested == .plainText && PlainTextReader.looksLikeText(head) { return .text(.plainText) }
        return nil
    }

    private static func detect(lines: [Bytes], suggested: TranscriptFormat?) -> Detected? {
        guard let firstIndex = lines.firstIndex(where: { !$0.isBlank }) else { return nil }
        let first = lines[firstIndex].trimmingSpaces()
        if first[0] == 0x7B /* { */ { return .json }
        if first[0] == 0x5B /* [ */ {
            let next = first.dropFirst(1).trimmingSpaces()
            if next.isEmpty || next[0] == 0x7B || next[0] == 0x5D || next[0] == 0x22 { return .json }
        }
        if first.hasPrefix("WEBVTT") { return .text(.webvtt) }

        var whisperLines = 0
        var timingLines = 0
        var indexedTimings = 0
        var commaTimings = 0
        var timedHeaders = 0
        var labelHeaders = 0
        var markdownLabels = 0
        var markdownStamps = 0
        var nonBlank = 0
        var previous: Bytes?
        for (index, line) in lines.enumerated() {
            // Whisper text once its lines outnumber any timing lines the rest could hold.
            if whisperLines > timingLines + (lines.count - index) { return .text(.whisperText) }
            let trimmed = line.trimmingSpaces()
            guard !trimmed.isEmpty else {
                previous = nil
                continue
            }
            nonBlank += 1
            defer { previous = trimmed }
            if WhisperTextReader.isSegmentLine(trimmed) {
                whisperLines += 1
                continue
            }
            if case .timing(let timing) = TimingLine.parse(trimmed) {
                timingLines += 1
                if previous?.isAllDigits == true { indexedTimings += 1 }
                if timing.startText.contains(0x2C) { commaTimings += 1 }
                continue
            }
            if let header = SpeakerTextReader.header(in: trimmed) {
                if header.isTimed { timedHeaders += 1 } else { labelHeaders += 1 }
                continue
            }
            if previous == nil {
                // A paragraph's first line: an edited Markdown transcript's name or stamp?
                let head = MarkdownTranscriptReader.head(of: trimmed)
                if head.stamped { markdownStamps += 1 }
                if head.label != nil { markdownLabels += 1 }
            }
        }
        if whisperLines > 0 && whisperLines >= timingLines { return .text(.whisperText) }
        if timingLines > 0 {
            // A comma before the milliseconds is SRT's; numbered cues are SRT's
            // unless the name says WebVTT (whose cue ids may be numbers too).
            if commaTimings > 0 { return .text(.srt) }
            if indexedTimings > 0 { return suggested == .webvtt ? .text(.webvtt) : .text(.srt) }
            return suggested == .srt ? .text(.srt) : .text(.webvtt)
        }
        // `**Name:**` opens most paragraphs of an edited transcript; a
        // stamp at a paragraph's start is rarer and says as much.
        if markdownStamps > 0 || (markdownLabels >= 2 && markdownLabels * 10 >= nonBlank * 2) { return .text(.markdown) }
        if timedHeaders > 0 || (labelHeaders >= 2 && labelHeaders * 10 >= nonBlank * 3) { return .text(.speakerText) }
        return nil
    }
}
