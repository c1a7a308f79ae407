import HarkCore

/// Formats search results: `FILE:h:mm:ss.mmm: text`, one line per segment
/// holding a match, the file only when several were searched (as ripgrep
/// does); an estimated time is `~h:mm:ss.mmm`.
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

    /// Text: one line per segment holding a match, every match in it
    /// highlighted (see `SearchLines`); JSON: one object per match.
    func lines(for matches: [SearchMatch], in transcript: Transcript) -> String {
        if json { return matches.map { jsonLine(for: $0, in: transcript) }.joined() }
        var out = ""
        var grouping = SearchLines()
        for match in matches {
            if let line = grouping.add(match) { out += self.line(for: line, in: transcript) }
        }
        if let line = grouping.finish() { out += self.line(for: line, in: transcript) }
        return out
    }

    /// A line's text runs from `contextBytes` before its first match to
    /// `contextBytes` after its last, within the segments it covers; between
    /// two matches further apart than twice that, the middle is left out
    /// with `…`. The time is that of its first segment.
    func line(for line: [SearchMatch], in transcript: Transcript) -> String {
        let first = line[0]
        let last = line[line.count - 1]
        let lower = min(transcript.textRange(of: first.segment).lowerBound, first.range.lowerBound)
        let upper = max(transcript.textRange(of: last.lastSegment).upperBound, last.range.upperBound)
        let before = Self.textBefore(first.range.lowerBound, from: lower, in: transcript)
        var out = showFile ? ANSI.paint(Escaped.name(transcript.source), ANSI.path, if: colors) + ":" : ""
        let time =
            TimeFormat.mark(estimated: transcript.isEstimated(first.segment))
            + TimeFormat.clock(transcript.start(of: first.segment))
        out += ANSI.paint(time, ANSI.time, if: colors) + ": " + before
        // Matches may overlap (`aa` in `aaaa`): each paints only what the
        // one before it has not, so no text is printed twice.
        var printed = first.range.lowerBound
        for (k, match) in line.enumerated() {
            let painted = max(printed, match.range.lowerBound)..<max(printed, match.range.upperBound)
            out += ANSI.paint(transcript.string(ofBytes: painted), ANSI.match, if: colors)
            printed = painted.upperBound
            guard k + 1 < line.count else {
                out += Self.textAfter(printed, to: max(printed, upper), in: transcript)
                break
            }
            let next = line[k + 1].range.lowerBound
            if next > printed { out += Self.textBetween(printed, next, in: transcript) }
        }
        return out + "\n"
    }

    /// Up to `contextBytes` of text from `lower` to `offset`, on a character boundary, with `…` when cut.
    static func textBefore(_ offset: Int, from lower: Int, in transcript: Transcript) -> String {
        guard offset - lower > contextBytes else { return transcript.string(ofBytes: lower..<offset) }
        return "…" + transcript.string(ofBytes: transcript.characterBoundary(atOrAfter: offset - contextBytes)..<offset)
    }

    /// Up to `contextBytes` of text from `offset` to `upper`, with `…` when cut.
    static func textAfter(_ offset: Int, to upper: Int, in transcript: Transcript) -> String {
        guard upper - offset > contextBytes else { return transcript.string(ofBytes: offset..<upper) }
        return transcript.string(ofBytes: offset..<transcript.characterBoundary(atOrAfter: offset + contextBytes)) + "…"
    }

    /// The text between two matches of a line; when they are more than
    /// twice `contextBytes` apart, the middle is left out with `…`.
    static func textBetween(_ lower: Int, _ upper: Int, in transcript: Transcript) -> String {
        guard upper - lower > 2 * contextBytes else { return transcript.string(ofBytes: lower..<upper) }
        return textAfter(lower, to: upper, in: transcript)
            + transcript.string(ofBytes: transcript.characterBoundary(atOrAfter: upper - contextBytes)..<upper)
    }

    /// JSON Lines keep one object per match: a script wants each match's
    /// place, and `match` says which one it is.
    func jsonLine(for match: SearchMatch, in transcript: Transcript) -> String {
        let context = Self.context(of: match, in: transcript)
        let before = (context.cutBefore ? "…" : "") + transcript.string(ofBytes: context.before)
        let matched = transcript.string(ofBytes: match.range)
        let after = transcript.string(ofBytes: context.after) + (context.cutAfter ? "…" : "")
        var out = "{\"file\": \(JSONText.quote(transcript.source)), \"segment\": \(match.segment), "
        out +=
            "\"start\": \(TimeFormat.seconds(transcript.start(of: match.segment))), \"end\": \(TimeFormat.seconds(transcript.end(of: match.lastSegment))), "
        out += "\"speaker\": \(transcript.speaker(of: match.segment).map(JSONText.quote) ?? "null"), "
        if transcript.isEstimated(match.segment) { out += "\"estimated\": true, " }
        out += "\"text\": \(JSONText.quote(before + matched + after)), \"match\": \(JSONText.quote(matched))}\n"
        return out
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
