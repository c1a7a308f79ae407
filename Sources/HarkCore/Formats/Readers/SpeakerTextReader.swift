/// Speaker-labelled text, as exported by Otter, Rev-style services and people:
///
/// - `Sarah Catanzaro  0:49` (name, two or more spaces, `[h:]mm:ss`), then the turn's text;
/// - `Speaker 1 (00:00):` with the text after it or on the next lines;
/// - `[00:01:23] Name: text` or `[00:01:23] text`, a turn a line;
/// - `Name: text` with no times at all.
///
/// Lines that start no turn continue the current one. Each turn is a segment.
/// A turn without a time starts where the previous one ends, and a turn's end
/// is the next turn's start; where nothing says, speech is taken to run at 150
/// words a minute. A file with no times at all is loaded with estimated times
/// and a warning.
enum SpeakerTextReader {
    struct TurnHeader: Equatable {
        var time: Milliseconds?
        var speaker: String?
        var text: String
        /// Formats with times are recognised from one header; `Name:` lines need more.
        var isTimed: Bool { time != nil }
    }

    static let millisecondsPerWord: Milliseconds = 400

    static func read(_ file: SourceFile, into builder: inout TranscriptBuilder) throws {
        struct Turn {
            var header: TurnHeader
            var line: Int
            var text: [String]
        }
        var turns: [Turn] = []
        var strayLine: Int?
        try file.forEachLine { raw, number in
            let line = raw.trimmingSpaces()
            guard !line.isEmpty else { return }
            let text = line.string
            if let header = header(in: raw.string) {
                turns.append(Turn(header: header, line: number, text: header.text.isEmpty ? [] : [header.text]))
            } else if !turns.isEmpty {
                turns[turns.count - 1].text.append(text)
            } else if strayLine == nil {
                strayLine = number
            }
        }
        for line in file.cutLines { builder.warn(.lineTooLong, line: line) }
        if let strayLine { builder.warn(.notASegment, line: strayLine) }
        if !turns.isEmpty && turns.allSatisfy({ $0.header.time == nil }) {
            builder.warn(.estimatedTimes, line: nil)
        }

        var starts: [Milliseconds] = []
        var wordCounts: [Int] = []
        for (k, turn) in turns.enumerated() {
            let words = turn.text.reduce(0) { $0 + $1.split(separator: " ").count }
            wordCounts.append(words)
            let estimated = k == 0 ? 0 : starts[k - 1] + Milliseconds(max(1, wordCounts[k - 1])) * millisecondsPerWord
            starts.append(turn.header.time ?? estimated)
        }
        for (k, turn) in turns.enumerated() {
            let ownLength = Milliseconds(max(1, wordCounts[k])) * millisecondsPerWord
            var end = starts[k] + ownLength
            if k + 1 < turns.count, starts[k + 1] > starts[k] { end = starts[k + 1] }
            builder.beginSegment()
            builder.appendText(turn.text.joined(separator: " "))
            builder.commitSegment(start: starts[k], end: end, speaker: turn.header.speaker, speakerChange: false, line: turn.line)
        }
    }

    /// The turn a line starts, if it starts one.
    static func header(in line: String) -> TurnHeader? {
        let trimmed = line.trimmingASCIISpaces()
        guard let first = trimmed.first else { return nil }
        if first == "[" { return bracketedTime(trimmed) }
        if let otter = otterHeader(line) { return otter }
        if let rev = parenthesizedTime(trimmed) { return rev }
        if let label = SpeakerLabel.split(trimmed), !label.rest.isEmpty {
            return TurnHeader(time: nil, speaker: label.name, text: label.rest)
        }
        return nil
    }

    /// `[00:01:23] Name: text` or `[00:01:23] text`.
    private static func bracketedTime(_ line: String) -> TurnHeader? {
        guard let close = line.firstIndex(of: "]") else { return nil }
        let inside = line[line.index(after: line.startIndex)..<close]
        guard let time = parseTime(inside) else { return nil }
        let rest = String(line[line.index(after: close)...]).trimmingASCIISpaces()
        if let label = SpeakerLabel.split(rest) {
            return TurnHeader(time: time, speaker: label.name, text: label.rest)
        }
        return TurnHeader(time: time, speaker: nil, text: rest)
    }

    /// Otter: `Name  1:02:03` alone on its line.
    private static func otterHeader(_ line: String) -> TurnHeader? {
        let trimmed = line.trimmingASCIISpaces()
        guard let gap = trimmed.range(of: "  ") else { return nil }
        let name = String(trimmed[..<gap.lowerBound]).trimmingASCIISpaces()
        let timeText = trimmed[gap.upperBound...].drop { $0 == " " }
        guard !name.isEmpty, name.count <= 60, name.first?.isLetter == true, !name.contains(":"),
            timeText.contains(":"), let time = parseTime(timeText)
        else { return nil }
        return TurnHeader(time: time, speaker: name, text: "")
    }

    /// `Speaker 1 (00:00):` or `Name (1:02:03): text`.
    private static func parenthesizedTime(_ line: String) -> TurnHeader? {
        guard let open = line.firstIndex(of: "("), let close = line[open...].firstIndex(of: ")") else { return nil }
        let name = String(line[..<open]).trimmingASCIISpaces()
        guard !name.isEmpty, name.count <= 60, name.first?.isLetter == true,
            let time = parseTime(line[line.index(after: open)..<close])
        else { return nil }
        var rest = line[line.index(after: close)...]
        guard rest.isEmpty || rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        return TurnHeader(time: time, speaker: name, text: String(rest).trimmingASCIISpaces())
    }

    private static func parseTime(_ text: Substring) -> Milliseconds? {
        let trimmed = String(text).trimmingASCIISpaces()
        guard trimmed.contains(":"), case .success(let ms) = TimestampParser.parse(trimmed) else { return nil }
        return ms
    }
}
