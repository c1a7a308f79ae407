import HarkCore

/// Formats search results: `FILE:h:mm:ss.mmm: text`, one line per match,
/// the file only when several were searched (as ripgrep does).
struct SearchPrinter: Sendable {
    var showFile: Bool
    var colors: Bool
    var json: Bool

    func countLine(path: String, count: Int) -> String {
        if json { return "{\"file\": \(JSONText.quote(path)), \"count\": \(count)}\n" }
        return showFile ? "\(ANSI.paint(path, ANSI.path, if: colors)):\(count)\n" : "\(count)\n"
    }

    /// A match that straddles segments prints the segments it covers, joined
    /// as in the continuous text, at the time of the segment where it starts.
    func lines(for matches: [SearchMatch], in transcript: Transcript) -> String {
        var out = ""
        for match in matches {
            let shown =
                transcript.textRange(of: match.segment).lowerBound..<transcript.textRange(of: match.lastSegment).upperBound
            let before = transcript.string(ofBytes: shown.lowerBound..<match.range.lowerBound)
            let matched = transcript.string(ofBytes: match.range)
            let after = transcript.string(ofBytes: match.range.upperBound..<shown.upperBound)
            let start = transcript.start(of: match.segment)
            if json {
                out += "{\"file\": \(JSONText.quote(transcript.source)), \"segment\": \(match.segment), "
                out +=
                    "\"start\": \(TimeFormat.seconds(start)), \"end\": \(TimeFormat.seconds(transcript.end(of: match.lastSegment))), "
                out += "\"speaker\": \(transcript.speaker(of: match.segment).map(JSONText.quote) ?? "null"), "
                out += "\"text\": \(JSONText.quote(before + matched + after)), \"match\": \(JSONText.quote(matched))}\n"
                continue
            }
            if showFile { out += ANSI.paint(transcript.source, ANSI.path, if: colors) + ":" }
            out += ANSI.paint(TimeFormat.clock(start), ANSI.time, if: colors) + ": "
            out += before + ANSI.paint(matched, ANSI.match, if: colors) + after + "\n"
        }
        return out
    }
}
