import HarkCore

/// What `hark info` reports about a transcript.
struct TranscriptSummary {
    let transcript: Transcript
    let words: Int
    let speakerChanges: Int
    /// WebVTT cues kept with no text: the reader shows nothing for them.
    let withoutText: Int

    init(_ transcript: Transcript) {
        self.transcript = transcript
        words = transcript.wordCount
        speakerChanges = transcript.speakerChangeCount
        withoutText = transcript.segmentsWithoutText
    }

    var speakersDescription: String {
        var parts: [String] = []
        if transcript.speakers.isEmpty {
            parts.append("none named")
        } else {
            parts.append("\(transcript.speakers.count) (\(transcript.speakers.joined(separator: ", ")))")
        }
        if speakerChanges > 0 {
            parts.append("\(speakerChanges) unnamed change\(speakerChanges == 1 ? "" : "s") of speaker")
        }
        return parts.joined(separator: "; ")
    }

    var text: String {
        let warnings = transcript.warnings.count
        let estimated = transcript.estimatedCount
        // Said only when there are estimated times, which most files have none of.
        let times = estimated == 0 ? "" : "\n  times     estimated for \(estimated) of \(transcript.segments.count) segments"
        // So is a count of cues without text, which the reader does not show.
        let empty = withoutText == 0 ? "" : " (\(withoutText) without text)"
        return """
            \(Escaped.name(transcript.source))
              format    \(transcript.format.rawValue) (\(transcript.format.displayName))
              duration  \(TimeFormat.mark(estimated: transcript.durationIsEstimated) + TimeFormat.clock(transcript.duration))
              segments  \(transcript.segments.count)\(empty)\(times)
              words     \(words)
              speakers  \(speakersDescription)
              warnings  \(warnings == 0 ? "none" : "\(warnings)")

            """
    }

    var json: String {
        let warnings = transcript.warnings.map {
            "{\"line\": \($0.line.map(String.init) ?? "null"), \"message\": \(JSONText.quote($0.message))}"
        }
        return "{\"source\": \(JSONText.quote(transcript.source)), \"format\": \(JSONText.quote(transcript.format.rawValue)), "
            + "\"duration\": \(TimeFormat.seconds(transcript.duration)), \"segments\": \(transcript.segments.count), "
            + "\"estimated_segments\": \(transcript.estimatedCount), \"segments_without_text\": \(withoutText), "
            + "\"words\": \(words), \"speakers\": [\(transcript.speakers.map(JSONText.quote).joined(separator: ", "))], "
            + "\"speaker_changes\": \(speakerChanges), \"warnings\": [\(warnings.joined(separator: ", "))]}"
    }
}
