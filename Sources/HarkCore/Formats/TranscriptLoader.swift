/// Opens transcript files: the one way into the model.
public enum TranscriptLoader {
    /// Loads `path`, recognising its format from the content unless `format`
    /// is given. Throws `LoadError` when the file cannot be read or holds no
    /// segment; anything less is a warning on the transcript.
    public static func load(path: String, format: TranscriptFormat? = nil) throws -> Transcript {
        try load(path: path, format: format, parallelThreshold: parallelThreshold)
    }

    /// Files at least this large are read as two halves at once where the
    /// format allows.
    static let parallelThreshold = 4 << 20

    /// `parallelThreshold`: tests make it small.
    static func load(path: String, format: TranscriptFormat?, parallelThreshold: Int) throws -> Transcript {
        let file = try SourceFile(path: path)
        if file.isEmpty { throw LoadError(path: path, reason: "the file is empty") }
        var builder = TranscriptBuilder()
        let detected: FormatDetector.Detected
        if let format {
            detected = format.isJSON ? .json : .text(format)
        } else if let found = FormatDetector.detect(head: file.head, path: path) {
            detected = found
        } else {
            throw LoadError(path: path, reason: notRecognised)
        }
        let loadedFormat: TranscriptFormat
        switch detected {
        case .json:
            loadedFormat = try JSONTranscriptReader.read(file, path: path, into: &builder)
        case .text(let format):
            try read(format, from: file, into: &builder, parallelThreshold: parallelThreshold)
            loadedFormat = format
        }
        guard builder.segmentCount > 0 else {
            throw LoadError(path: path, reason: nothingLeft(format: loadedFormat, warnings: builder.warnings))
        }
        return builder.build(source: path, format: loadedFormat)
    }

    static let notRecognised =
        "not a transcript hark recognises: expected whisper text, SRT, WebVTT, JSON, speaker-labelled text or an edited "
        + "Markdown transcript (plain text is read from .txt files; --format NAME reads a file as NAME)"

    /// Why nothing is left of a file: what was expected and, when the reader
    /// skipped anything, what it skipped (the warnings, summarized).
    static func nothingLeft(format: TranscriptFormat, warnings: [LoadWarning]) -> String {
        let expected = "read as \(format.displayName): expected \(format.example)"
        let summaries = warnings.summarized().filter { $0.first.kind != .estimatedTimes }
        guard !summaries.isEmpty else { return "no segment found (\(expected))" }
        let reasons = summaries.map { summary in
            var place: [String] = []
            if summary.count > 1 { place.append("\(summary.count) times") }
            if let line = summary.first.line { place.append(summary.count > 1 ? "first at line \(line)" : "line \(line)") }
            return summary.first.message + (place.isEmpty ? "" : " (" + place.joined(separator: ", ") + ")")
        }
        return "no segment found (\(expected)): " + reasons.joined(separator: "; ")
    }

    private static func read(
        _ format: TranscriptFormat, from file: SourceFile, into builder: inout TranscriptBuilder, parallelThreshold: Int
    ) throws {
        switch format {
        case .whisperText: try WhisperTextReader.read(file, into: &builder, parallelThreshold: parallelThreshold)
        case .srt: try SRTReader.read(file, into: &builder, parallelThreshold: parallelThreshold)
        case .webvtt: try WebVTTReader.read(file, into: &builder, parallelThreshold: parallelThreshold)
        case .speakerText: try SpeakerTextReader.read(file, into: &builder)
        case .markdown: try MarkdownTranscriptReader.read(file, into: &builder)
        case .plainText: try PlainTextReader.read(file, into: &builder)
        case .whisperJSON, .whisperCppJSON, .diarizedJSON, .podcastJSON:
            preconditionFailure("JSON formats are read whole")
        }
    }
}

extension TranscriptFormat {
    var isJSON: Bool {
        switch self {
        case .whisperJSON, .whisperCppJSON, .diarizedJSON, .podcastJSON: true
        default: false
        }
    }

    /// What a segment looks like in this format, for error messages.
    var example: String {
        switch self {
        case .whisperText: "lines like [00:00:01.000 --> 00:00:04.000]   text"
        case .srt: "cues like 00:00:01,000 --> 00:00:04,000 followed by text"
        case .webvtt: "cues like 00:00:01.000 --> 00:00:04.000 followed by text"
        case .whisperJSON, .diarizedJSON: "a \"segments\" array of {\"start\", \"end\", \"text\"}"
        case .whisperCppJSON: "a \"transcription\" array of {\"offsets\", \"text\"}"
        case .podcastJSON: "a \"segments\" array of {\"startTime\", \"endTime\", \"body\"}"
        case .speakerText: "turns like \"Name  0:49\", \"Speaker 1 (00:00):\", \"Name: text\" or \"[Name]: text\""
        case .markdown: "paragraphs like **Name:** text, with stamps like \\[07:18\\]"
        case .plainText: "lines of text"
        }
    }
}
