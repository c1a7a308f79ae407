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
        if file.isEmpty { throw LoadError(path: path, reason: emptyFile) }
        var builder = TranscriptBuilder()
        var loadedFormat: TranscriptFormat
        if let detected = detect(format, in: file) {
            loadedFormat = try read(detected, from: file, into: &builder, parallelThreshold: parallelThreshold)
            // A second look only when U+FFFD reached the text or a name: valid
            // UTF-8 files pay nothing for it.
            if builder.sawReplacementCharacters {
                loadedFormat = try lookAgain(
                    at: file, read: detected, formatWasGiven: format != nil, as: loadedFormat, into: &builder,
                    parallelThreshold: parallelThreshold)
            }
        } else if file.isUnmarkedUTF8, file.withHead({ EncodingEvidence($0).isWindows1252 }),
            case let evidence = try examine(path), evidence.isWindows1252
        {
            // Names in Windows-1252 can hide a format until they are decoded.
            loadedFormat = try readAsWindows1252(path, nil, evidence, into: &builder, parallelThreshold: parallelThreshold)
        } else {
            throw notRecognised(path)
        }
        guard builder.segmentCount > 0 else {
            throw LoadError(path: path, reason: nothingLeft(format: loadedFormat, warnings: builder.warnings))
        }
        return builder.build(source: path, format: loadedFormat)
    }

    /// A file whose reading put U+FFFD in the text: an unmarked file that is
    /// not UTF-8 but is Windows-1252 is read again as such; otherwise the
    /// invalid bytes or units are reported (with their encoding and line)
    /// where no reader did. Returns the format read.
    private static func lookAgain(
        at file: SourceFile, read detected: FormatDetector.Detected, formatWasGiven: Bool, as format: TranscriptFormat,
        into builder: inout TranscriptBuilder, parallelThreshold: Int
    ) throws -> TranscriptFormat {
        if file.encoding == .utf8 {
            let evidence = try examine(file.path)
            // A byte order mark says UTF-8: such a file is never read again.
            if file.isUnmarkedUTF8 && evidence.isWindows1252 {
                builder = TranscriptBuilder()
                // A format found in the raw bytes is found again in the decoded
                // text (a `.txt` of names in Windows-1252 is speaker text, not prose).
                return try readAsWindows1252(
                    file.path, formatWasGiven ? detected : nil, evidence, into: &builder, parallelThreshold: parallelThreshold)
            }
            if let firstInvalid = evidence.firstInvalid, !builder.warnings.contains(where: { $0.kind == .invalidUTF8 }) {
                // Invalid bytes a reader decoded itself (captions, names, JSON).
                builder.warn(.invalidUTF8, line: try SourceFile.line(ofOffset: firstInvalid, path: file.path))
            }
        } else if let kind = file.encoding.invalidUnitWarning {
            // Invalid units reach the text as invalid UTF-8: see TextEncoding.invalidUnitMarker.
            builder.reclassifyWarnings(.invalidUTF8, as: kind)
            if !builder.warnings.contains(where: { $0.kind == kind }),
                let line = try SourceFile.firstLine(containing: TextEncoding.invalidUnitMarker, path: file.path)
            {
                builder.warn(kind, line: line)
            }
        }
        return format
    }

    static func detect(_ format: TranscriptFormat?, in file: SourceFile) -> FormatDetector.Detected? {
        if let format { return format.isJSON ? .json : .text(format) }
        return file.withHead { FormatDetector.detect(head: $0, path: file.path) }
    }

    private static func notRecognised(_ path: String) -> LoadError {
        LoadError(path: path, reason: notRecognised)
    }

    static let emptyFile = "the file is empty"

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

    /// What the file's bytes, as they are, say of their encoding. Stops once
    /// an invalid byte and a byte Windows-1252 does not define (a binary
    /// file) have been seen: that settles it.
    private static func examine(_ path: String) throws -> EncodingEvidence {
        var evidence = EncodingEvidence()
        try SourceFile.forEachRawChunk(path: path) { chunk, isFinal in
            let used = evidence.scan(chunk, isFinal: isFinal)
            return evidence.hasByteUndefinedInWindows1252 && evidence.firstInvalid != nil ? nil : used
        }
        return evidence
    }

    /// Reads the file again, as Windows-1252, and says so on the line of its
    /// first byte that is not ASCII.
    private static func readAsWindows1252(
        _ path: String, _ detected: FormatDetector.Detected?, _ evidence: EncodingEvidence,
        into builder: inout TranscriptBuilder, parallelThreshold: Int
    ) throws -> TranscriptFormat {
        let file = try SourceFile(path: path, encoding: .windows1252)
        guard let detected = detected ?? detect(nil, in: file) else { throw notRecognised(path) }
        let format = try read(detected, from: file, into: &builder, parallelThreshold: parallelThreshold)
        let line = try evidence.firstNonASCII.map { try SourceFile.line(ofOffset: $0, path: path) }
        builder.warn(.readAsWindows1252, line: line)
        return format
    }

    static func read(
        _ detected: FormatDetector.Detected, from file: SourceFile, into builder: inout TranscriptBuilder,
        parallelThreshold: Int
    ) throws -> TranscriptFormat {
        switch detected {
        case .json:
            return try JSONTranscriptReader.read(
                file, path: file.path, into: &builder, parallelThreshold: parallelThreshold)
        case .text(let format):
            switch format {
            case .whisperText: try WhisperTextReader.read(file, into: &builder, parallelThreshold: parallelThreshold)
            case .srt: try SRTReader.read(file, into: &builder, parallelThreshold: parallelThreshold)
            case .webvtt: try WebVTTReader.read(file, into: &builder, parallelThreshold: parallelThreshold)
            case .speakerText: try SpeakerTextReader.read(file, into: &builder)
            case .markdown: try MarkdownTranscriptReader.read(file, into: &builder)
            case .plainText: try PlainTextReader.read(file, into: &builder)
            case .whisperJSON, .whisperCppJSON, .diarizedJSON, .podcastJSON:
                preconditionFailure("JSON formats are read by the JSON reader")
            }
            return format
        }
    }
}

extension TextEncoding {
    /// The warning for invalid units in a transcoded Unicode file.
    var invalidUnitWarning: LoadWarning.Kind? {
        switch self {
        case .utf16: .invalidUTF16
        case .utf32: .invalidUTF32
        case .utf8, .windows1252: nil
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
