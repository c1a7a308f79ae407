/// Recognises a transcript's format from its first lines. The file name's
/// extension only settles a tie; `--format` overrides both.
enum FormatDetector {
    enum Detected: Equatable {
        case text(TranscriptFormat)
        /// One of the JSON formats; which one, the JSON reader tells from the keys.
        case json
    }

    /// How many lines of the head are looked at.
    static let linesLookedAt = 400

    static func detect(head: Bytes, path: String) -> Detected? {
        let suggested = TranscriptFormat.suggested(byExtensionOf: path)
        if let found = detect(lines: HeadLines(head: head), suggested: suggested) { return found }
        // Last: prose, but only where the name says text (a folder holds
        // many text files that are not transcripts).
        if suggested == .plainText && PlainTextReader.looksLikeText(head) { return .text(.plainText) }
        return nil
    }

    /// The head's first lines (as many as are looked at), each found only
    /// when detection asks for it: it often decides halfway, and the rest of
    /// the head (most of a small file) is then never searched for line ends.
    /// Lines end as the readers' do: LF, CR LF or CR.
    struct HeadLines: Sequence, IteratorProtocol {
        let head: Bytes
        private var offset = 0
        private var splitter = LineSplitter()

        init(head: Bytes) { self.head = head }

        mutating func next() -> Bytes? {
            guard offset < head.count, splitter.lineNumber < FormatDetector.linesLookedAt else { return nil }
            let rest = Bytes(rebasing: head[offset...])
            let (used, found) = splitter.skipToLineEnd(rest, isFinal: true)
            _ = splitter.takeLineNumber()
            offset += used
            var end = used
            if found {
                end -= 1
                if rest[end] == 0x0A && end > 0 && rest[end - 1] == 0x0D { end -= 1 }
            }
            return Bytes(rebasing: rest[..<end])
        }
    }

    private static func detect(lines: HeadLines, suggested: TranscriptFormat?) -> Detected? {
        guard let first = lines.first(where: { !$0.isBlank })?.trimmingSpaces() else { return nil }
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
            if whisperLines > timingLines + (linesLookedAt - index) { return .text(.whisperText) }
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
