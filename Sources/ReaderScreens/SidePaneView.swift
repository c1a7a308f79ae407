import HarkCore
import ReaderState
import TerminalKit

enum SidePaneView {
    static let levels: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func draw(_ state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .sidePane
        let entries = state.sidePaneEntries
        let selectedIndex = state.selectedIndex
        let first = SidePaneGeometry.firstVisible(entries, selected: selectedIndex, height: rect.height)
        let transcript = state.transcript
        let position = transcript.isEmpty ? 0 : transcript.start(of: state.cursor)
        var row = rect.y
        for k in first..<entries.count {
            guard row < rect.maxY else { break }
            let entry = entries[k]
            if entry.kind == .heading {
                let style = focused ? theme.paneTitleFocused : theme.paneTitle
                grid.fill(Rect(x: rect.x, y: row, width: rect.width, height: 1), style: focused ? style : .plain)
                grid.write(" " + entry.title, column: rect.x, row: row, style: style, limit: rect.maxX)
                row += 1
                continue
            }
            let selected = k == selectedIndex
            let rowStyle: Style = selected && focused ? theme.selectedEntry : .plain
            grid.fill(Rect(x: rect.x, y: row, width: rect.width, height: 1), style: rowStyle)
            let accent = accentStyle(entry, state: state, theme: theme)
            let titleStyle = selected && focused ? rowStyle : (accent ?? rowStyle)
            let count = entry.count.map { " \($0)" } ?? ""
            let marker = selected ? "›" : " "
            let indent = if case .passage = entry.kind { "  " } else { "" }
            grid.write(
                marker + indent + entry.title, column: rect.x, row: row, style: titleStyle,
                limit: rect.maxX - DisplayWidth.of(count))
            grid.write(count, column: rect.maxX - DisplayWidth.of(count), row: row, style: rowStyle, limit: rect.maxX)
            if entry.rows > 1, row + 1 < rect.maxY {
                drawStrip(
                    entry, accent: accent, transcript: transcript, position: position, row: row + 1, rect: rect, theme: theme,
                    into: &grid)
            }
            row += entry.rows
        }
        // With nothing (or only "Finding topics…") to list, say what can come here.
        if entries.count <= 1 {
            let lines =
                entries.isEmpty
                ? ["No topics, chapters or", "speakers found.", "h highlights a keyword;", "it shows here."]
                : ["h highlights a keyword."]
            for (k, line) in lines.enumerated() where row + 1 + k < rect.maxY {
                grid.write(" " + line, column: rect.x, row: row + 1 + k, style: theme.nonSpeech, limit: rect.maxX)
            }
        }
    }

    /// The colour an entry's title and strip are drawn in, if it has one.
    static func accentStyle(_ entry: SidePaneEntry, state: ReaderState, theme: Theme) -> Style? {
        switch entry.kind {
        case .keyword(let index): return theme.keyword(index)
        case .topic(let t, _), .passage(let t, _, _):
            return theme.topic(t)
        default: return nil
        }
    }

    /// Where along the interview the entry occurs, one column a stretch of
    /// time, the current position in reverse.
    static func drawStrip(
        _ entry: SidePaneEntry, accent: Style?, transcript: Transcript, position: Int64, row: Int, rect: Rect, theme: Theme,
        into grid: inout CellGrid
    ) {
        let width = max(1, rect.width - 2)
        let duration = max(1, transcript.duration)
        var bins = [Int](repeating: 0, count: width)
        for segment in entry.marks {
            let bin = Int(transcript.start(of: segment) * Int64(width) / (duration + 1))
            bins[min(width - 1, max(0, bin))] += 1
        }
        let peak = max(1, bins.max() ?? 1)
        let here = min(width - 1, Int(position * Int64(width) / (duration + 1)))
        var style = accent ?? .plain
        style.underline = false
        for (k, count) in bins.enumerated() {
            let level = count == 0 ? 0 : max(1, count * (levels.count - 1) / peak)
            var cellStyle = style
            if k == here { cellStyle = theme.stripPosition }
            grid.write(
                k == here && count == 0 ? "│" : levels[level], column: rect.x + 1 + k, row: row, style: cellStyle,
                limit: rect.maxX)
        }
    }
}
