import HarkCore
import TerminalKit

/// A piece of a timeline line: bytes of the continuous text from one segment.
public struct LineRun: Equatable, Sendable {
    public var bytes: Range<Int>
    public var segment: Int
}

/// One screen line of the timeline.
public struct TimelineLine: Equatable, Sendable {
    public enum Label: Equatable, Sendable {
        case speaker(String)
        case change
    }

    public var block: Int
    public var lineInBlock: Int
    /// The time for the gutter: on a block's first line.
    public var time: Milliseconds?
    /// That time was estimated (shown `~0:07:42`).
    public var timeIsEstimated = false
    /// The speaker label that opens a turn, on a block's first line.
    public var label: Label?
    public var runs: [LineRun]
    public var isNonSpeech: Bool

    /// The segment the line starts in (for moving the cursor to a line).
    public var firstSegment: Int? { runs.first?.segment }
}

/// Word-wraps a block of segments to a width, in display columns.
enum TimelineWrapper {
    static func labelText(_ label: TimelineLine.Label) -> String {
        switch label {
        case .speaker(let name): name + ": "
        case .change: ">> "
        }
    }

    static func wrap(_ transcript: Transcript, block: Int, segments: Range<Int>, raw: Bool, width: Int) -> [TimelineLine] {
        let width = max(1, width)
        // The block's time and label are its first text's: the first
        // paragraph may open with segments that have none (empty WebVTT cues).
        let first = raw ? segments.lowerBound : opening(of: segments, in: transcript)
        var label: TimelineLine.Label?
        if transcript.startsTurn(at: first)
            || (first == transcript.nearestSegmentWithText(from: 0) && transcript.speaker(of: first) != nil)
        {
            label = transcript.speaker(of: first).map(TimelineLine.Label.speaker) ?? .change
        }
        let bytes = transcript.textRange(of: segments)
        let textStart = bytes.lowerBound
        let textEnd = bytes.upperBound
        let spoken = Array(segments.lazy.filter { transcript.hasText($0) }.prefix(2))
        let nonSpeech = spoken.count == 1 && NonSpeech.isMarker(transcript.text(of: spoken[0]))

        // Greedy word wrap over the bytes: lines as byte ranges.
        var lineRanges: [Range<Int>] = []
        var lineStart = textStart
        var lineWidth = label.map { DisplayWidth.of(labelText($0)) } ?? 0
        if lineWidth >= width { lineWidth = 0 }
        var lineHasWord = false
        transcript.forEachWord(inBytes: textStart..<textEnd) { word, isASCII in
            var word = word
            var wordWidth = isASCII ? word.count : DisplayWidth.of(transcript.string(ofBytes: word))
            while true {
                let needed = (lineHasWord ? 1 : 0) + wordWidth
                if lineHasWord && lineWidth + needed > width {
                    lineRanges.append(lineStart..<word.lowerBound - 1)
                    lineStart = word.lowerBound
                    lineWidth = 0
                    lineHasWord = false
                    continue
                }
                if !lineHasWord && wordWidth > width - lineWidth {
                    // A word longer than the line: break it where it reaches the edge.
                    let cut = cutPoint(transcript, word, columns: max(1, width - lineWidth))
                    lineRanges.append(lineStart..<cut)
                    lineStart = cut
                    lineWidth = 0
                    word = cut..<word.upperBound
                    if word.isEmpty { return }
                    wordWidth = DisplayWidth.of(transcript.string(ofBytes: word))
                    continue
                }
                lineWidth += needed
                lineHasWord = true
                return
            }
        }
        if lineStart < textEnd || lineRanges.isEmpty { lineRanges.append(lineStart..<textEnd) }

        var lines: [TimelineLine] = []
        var segment = first
        for (k, range) in lineRanges.enumerated() {
            var runs: [LineRun] = []
            var position = range.lowerBound
            while position < range.upperBound {
                while segment < segments.upperBound - 1 && transcript.textRange(of: segment).upperBound < position {
                    segment += 1
                }
                let segmentRange = transcript.textRange(of: segment)
                if segmentRange.isEmpty {
                    // No text, so no separator to step over either.
                    guard segment < segments.upperBound - 1 else { break }
                    segment += 1
                    continue
                }
                let end = min(range.upperBound, segmentRange.upperBound)
                if end > position { runs.append(LineRun(bytes: position..<end, segment: segment)) }
                // Step over the separator space into the next segment.
                position = end + (end < range.upperBound ? 1 : 0)
                if end >= segmentRange.upperBound && segment < segments.upperBound - 1 { segment += 1 }
            }
            if runs.isEmpty { runs.append(LineRun(bytes: range.lowerBound..<range.lowerBound, segment: segment)) }
            lines.append(
                TimelineLine(
                    block: block, lineInBlock: k, time: k == 0 ? transcript.start(of: first) : nil,
                    timeIsEstimated: k == 0 && transcript.isEstimated(first), label: k == 0 ? label : nil, runs: runs,
                    isNonSpeech: nonSpeech))
        }
        if !raw {
            lines.append(
                TimelineLine(
                    block: block, lineInBlock: lines.count, time: nil, label: nil, runs: [], isNonSpeech: false))
        }
        return lines
    }

    /// The first segment of `segments` with text (the first one when none has).
    private static func opening(of segments: Range<Int>, in transcript: Transcript) -> Int {
        segments.first { transcript.hasText($0) } ?? segments.lowerBound
    }

    /// Where to cut a long word so that its first part fits `columns`.
    private static func cutPoint(_ transcript: Transcript, _ range: Range<Int>, columns: Int) -> Int {
        let word = transcript.string(ofBytes: range)
        let fitting = DisplayWidth.prefix(of: word, fitting: columns)
        let cut = range.lowerBound + fitting.utf8.count
        // At least one character, so that wrapping always moves on.
        if cut > range.lowerBound { return cut }
        return range.lowerBound + (word.first.map { String($0).utf8.count } ?? 1)
    }
}
