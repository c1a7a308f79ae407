import HarkCore

/// Formats search results: `FILE:h:mm:ss.mmm: text`, one line per match,
/// the file only when several were searched (as ripgrep does); an estimated
/// time is `~h:mm:ss.mmm`.
struct SearchPrinter: Sendable {
    var showFile: Bool
    var colors: Bool
    var json: Bool

    /// The most text shown on either side of a match, in bytes: a line stays
    /// readable (and the output bounded) however long the segment.
    static let contextBytes = 160

    func countLine(path: String, count: Int) -> String {
        if json { return "{\"file\": \(JSONText.quote(path)), \"count\": \(count)}\n" }
        return showFile ? "\(ANSI.paint(Escaped.name(path), ANSI.path, if: colors)):\(count)\n" : "\(count)\n"
    }

    /// A match that straddles segments prints the segments it covers, joined
    /// as in the continuous text, at the time of the segment where it starts;
    /// a long segment is cut to `contextBytes` either side of the match, with `…`.
    func lines(for matches: [SearchMatch], in transcript: Transcript) -> String {
        var out = ""
        for match in matches { out += line(for: match, in: transcript) }
        return out
    }

    func line(for match: SearchMatch, in transcript: Transcript) -> String {
        let context = Self.context(of: match, in: transcript)
        let before = (context.cutBefore ? "…" : "") + transcript.string(ofBytes: context.before)
        let matched = transcript.string(ofBytes: match.range)
        let after = transcript.string(ofBytes: context.after) + (context.cutAfter ? "…" : "")
        let start = transcript.start(of: match.segment)
        if json {
            var out = "{\"file\": \(JSONText.quote(transcript.source)), \"segment\": \(match.segment), "
            out +=
                "\"start\": \(TimeFormat.seconds(start)), \"end\": \(TimeFormat.seconds(transcript.end(of: match.lastSegment))), "
            out += "\"speaker\": \(transcript.speaker(of: match.segment).map(JSONText.quote) ?? "null"), "
            if transcript.isEstimated(match.segment) { out += "\"estimated\": true, " }
            out += "\"text\": \(JSONText.quote(before + matched + after)), \"match\": \(JSONText.quote(matched))}\n"
            return out
        }
        var out = showFile ? ANSI.paint(Escaped.name(transcript.source), ANSI.path, if: colors) + ":" : ""
        let time = TimeFormat.mark(estimated: transcript.isEstimated(match.segment)) + TimeFormat.clock(start)
        out += ANSI.paint(time, ANSI.time, if: colors) + ": "
        return out + before + ANSI.paint(matched, ANSI.match, if: colors) + after + "\n"
    }

    /// The text shown before and after a match: the segments it covers (a
    /// match of spaces may lie on the separator after a segment, so the
    /// range always holds the match), cut at `contextBytes` on a character
    /// boundary.
    static func context(of match: SearchMatch, in transcript: Transcript)
        -> (before: Range<Int>, after: Range<Int>, cutBefore: Bool, cutAfter: Bool)
    {
        let lower = min(transcript.textRange(of: match.segment).lowerBound, match.range.lowerBound)
        let upper = max(transcript.textRange(of: match.lastSegment).upperBound, match.range.upperBound)
        var from = lower
        var to = upper
        if match.range.lowerBound - from > contextBytes {
            from = transcript.characterBoundary(atOrAfter: match.range.lowerBound - contextBytes)
        }
        if to - match.range.upperBound > contextBytes {
            to = transcript.characterBoundary(atOrAfter: match.range.upperBound + contextBytes)
        }
        return (from..<match.range.lowerBound, match.range.upperBound..<to, from > lower, to < upper)
    }
}
