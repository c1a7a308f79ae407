import HarkCore
import ReaderState
import TerminalKit

enum TimelineView {
    static func draw(_ state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        guard !rect.isEmpty, !state.transcript.isEmpty else { return }
        let gutter = state.gutter
        let showsGutter = gutter.fits(in: rect.width)
        let textX = rect.x + (showsGutter ? gutter.width : 0)
        let lines = state.visibleLines()
        guard !lines.isEmpty else { return }
        let transcript = state.transcript

        // Highlights that touch the visible text: search matches and keywords.
        let firstByte = lines.first { !$0.runs.isEmpty }?.runs.first?.bytes.lowerBound ?? 0
        let lastByte = lines.last { !$0.runs.isEmpty }?.runs.last?.bytes.upperBound ?? 0
        let visibleBytes = firstByte..<max(firstByte, lastByte)
        var marks: [(range: Range<Int>, style: Style)] = []
        for (k, keyword) in state.highlights.enumerated() {
            for match in state.document.matches(of: SearchQuery(keyword)).overlapping(visibleBytes) {
                marks.append((match.range, theme.keyword(k)))
            }
        }
        if let search = state.search {
            let matches = state.document.matches(of: search.query)
            let current = search.current.flatMap { $0 < matches.count ? matches[$0].range : nil }
            for match in matches.overlapping(visibleBytes) {
                marks.append((match.range, match.range == current ? theme.currentMatch : theme.searchMatch))
            }
        }

        // The selected topic's passages: a bar down the gutter's last column.
        let marked = showsGutter ? state.markedPassages : nil
        let barStyle = marked.map { theme.topic($0.topic) }
        // The user's marks (● where the segment starts) and quotes (a bar beside them), in the same column.
        // (Blank lines between paragraphs have no runs.)
        let firstShown = lines.lazy.compactMap { $0.runs.first?.segment }.first ?? 0
        let lastShown = lines.reversed().lazy.compactMap { $0.runs.last?.segment }.first ?? firstShown
        let shownSegments = firstShown...max(firstShown, lastShown)
        let markedSegments = Set(state.notes.marks.lazy.map(\.segment).filter { shownSegments.contains($0) })
        let quoted = state.notes.quotes.filter { $0.segments.overlaps(shownSegments) }.map(\.segments)
        let selected = state.selectedSegments
        let playing = state.audio?.playing == true ? state.playingSegment : nil

        for (row, line) in lines.enumerated() {
            let y = rect.y + row
            if let marked, let barStyle, let segment = line.runs.first?.segment,
                marked.passages.contains(where: { $0.segments.contains(segment) })
            {
                grid.write("┃", column: textX - 1, row: y, style: barStyle)
            }
            if showsGutter {
                if line.runs.contains(where: { markedSegments.contains($0.segment) && startsSegment($0, transcript) }) {
                    grid.write("●", column: textX - 1, row: y, style: theme.markSign)
                } else if line.runs.contains(where: { run in quoted.contains { $0.contains(run.segment) } }) {
                    grid.write("│", column: textX - 1, row: y, style: theme.quoteBar)
                }
            }
            let isCursorLine = line.runs.contains { $0.segment == state.cursor && !$0.bytes.isEmpty }
            if showsGutter {
                if let playing, line.lineInBlock == firstLine(lines, playing),
                    line.runs.contains(where: { $0.segment == playing && !$0.bytes.isEmpty })
                {
                    grid.write("▶", column: rect.x, row: y, style: theme.playingMarker)
                } else if isCursorLine && line.lineInBlock == firstLine(lines, state.cursor) {
                    grid.write(">", column: rect.x, row: y, style: theme.cursorMarker)
                }
                if let time = line.time {
                    let text = TimeFormat.mark(estimated: line.timeIsEstimated) + TimeFormat.short(time)
                    let x = rect.x + 1 + gutter.timeWidth - DisplayWidth.of(text)
                    grid.write(text, column: x, row: y, style: theme.gutterTime, limit: textX)
                }
            }
            var x = textX
            if let label = line.label {
                switch label {
                case .speaker(let name):
                    let index = transcript.speakers.firstIndex(of: name) ?? 0
                    x = grid.write(name + ":", column: x, row: y, style: theme.speaker(index), limit: rect.maxX)
                    x = grid.write(" ", column: x, row: y, style: theme.text, limit: rect.maxX)
                case .change:
                    x = grid.write(">>", column: x, row: y, style: theme.speakerChange, limit: rect.maxX)
                    x = grid.write(" ", column: x, row: y, style: theme.text, limit: rect.maxX)
                }
            }
            for (k, run) in line.runs.enumerated() {
                let isSelected = selected?.contains(run.segment) == true
                if k > 0 {
                    let previous = line.runs[k - 1].segment
                    let joinsCursor = run.segment == state.cursor && previous == state.cursor
                    let joinsPlaying = run.segment == playing && previous == playing
                    let joinsSelection = isSelected && selected?.contains(previous) == true
                    let space =
                        joinsCursor
                        ? theme.cursorSegment
                        : joinsPlaying ? theme.playingSegment : joinsSelection ? theme.selection : theme.text
                    x = grid.write(" ", column: x, row: y, style: space, limit: rect.maxX)
                }
                let base =
                    run.segment == state.cursor
                    ? theme.cursorSegment
                    : run.segment == playing
                        ? theme.playingSegment : isSelected ? theme.selection : (line.isNonSpeech ? theme.nonSpeech : theme.text)
                var offset = run.bytes.lowerBound
                for character in transcript.string(ofBytes: run.bytes) {
                    let length = character.utf8.count
                    var style = base
                    for mark in marks where mark.range.lowerBound < offset + length && mark.range.upperBound > offset {
                        style = mark.style
                    }
                    x = grid.write(String(character), column: x, row: y, style: style, limit: rect.maxX)
                    offset += length
                }
            }
        }
    }

    /// Whether the run holds the start of its segment (not a wrapped rest).
    private static func startsSegment(_ run: LineRun, _ transcript: Transcript) -> Bool {
        run.bytes.lowerBound == transcript.textRange(of: run.segment).lowerBound
    }

    /// The first line (in its block) where `segment` shows.
    private static func firstLine(_ lines: [TimelineLine], _ segment: Int) -> Int? {
        lines.first { line in line.runs.contains { $0.segment == segment } }?.lineInBlock
    }
}
