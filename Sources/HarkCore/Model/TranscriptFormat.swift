/// The formats hark reads. The raw values are the names used on the command
/// line (`--format`) and in the JSON export.
public enum TranscriptFormat: String, CaseIterable, Sendable, Codable {
    case whisperText = "whisper-text"
    case srt
    case webvtt
    case whisperJSON = "whisper-json"
    case whisperCppJSON = "whisper-cpp-json"
    case diarizedJSON = "diarized-json"
    case podcastJSON = "podcast-json"
    case speakerText = "speaker-text"
    case markdown
    case plainText = "plain-text"

    public var displayName: String {
        switch self {
        case .whisperText: "whisper console text"
        case .srt: "SRT subtitles"
        case .webvtt: "WebVTT"
        case .whisperJSON: "openai-whisper JSON"
        case .whisperCppJSON: "whisper.cpp JSON"
        case .diarizedJSON: "diarized JSON"
        case .podcastJSON: "Podcasting 2.0 JSON"
        case .speakerText: "speaker-labelled text"
        case .markdown: "edited Markdown transcript"
        case .plainText: "plain text"
        }
    }

    /// Each segment is a paragraph as an editor wrote it, so the reader and
    /// the readable exports keep it as one (see `Paragraphs`).
    public var segmentsAreParagraphs: Bool { self == .markdown }

    /// The format a file name suggests; only ever a tie-breaker for content.
    public static func suggested(byExtensionOf path: String) -> TranscriptFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".srt") { return .srt }
        if lower.hasSuffix(".vtt") || lower.hasSuffix(".webvtt") { return .webvtt }
        if lower.hasSuffix(".json") { return .whisperJSON }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".txt") || lower.hasSuffix(".text") { return .plainText }
        return nil
    }
}
