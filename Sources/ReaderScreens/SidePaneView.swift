import HarkCore
import ReaderState
import TerminalKit

enum SidePaneView {
    static let levels: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func draw(_ state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .sidePane
        let title = " Speakers & keywords"
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: focused ? theme.paneTitleFocused : .plain)
        grid.write(title, column: rect.x, row: rect.y, style: focused ? theme.paneTitleFocused : theme.paneTitle, limit: rect.maxX)
        let entries = state.sidePaneEntries
        if entries.isEmpty {
            let lines = ["No named speakers.", "h highlights a keyword;", "it shows here with", "where it occurs."]
            for (k, line) in lines.enumerated() where rect.y + 2 + k < rect.maxY {
                grid.write(" " + line, column: rect.x, row: rect.y + 2 + k, style: theme.nonSpeech, limit: rect.maxX)
            }
            return
        }
        let transcript = state.transcript
        let position = transcript.isEmpty ? 0 : transcript.start(of: state.cursor)
        for (k, entry) in entries.enumerated() {
            let row = rect.y + SidePaneGeometry.titleRows + k * SidePaneGeometry.rowsPerEntry
            guard row < rect.maxY else { break }
            let selected = k == state.sideSelection
            let rowStyle: Style = selected && focused ? theme.selectedEntry : .plain
            grid.fill(Rect(x: rect.x, y: row, width: rect.width, height: 1), style: rowStyle)
            var titleStyle = rowStyle
            if case .keyword(let index) = entry.kind { titleStyle = selected && focused ? rowStyle : theme.keyword(index) }
            let count = " \(entry.count)"
            let marker = selected ? "›" : " "
            grid.write(marker + entry.title, column: rect.x, row: row, style: titleStyle, limit: rect.maxX - DisplayWidth.of(count))
            grid.write(count, column: rect.maxX - DisplayWidth.of(count), row: row, style: rowStyle, limit: rect.maxX)
            if row + 1 < rect.maxY {
                drawStrip(entry, transcript: transcript, position: position, row: row + 1, rect: rect, theme: theme, into: &grid)
            }
        }
    }

    /// Where along the interview the entry occurs, one column a stretch of
    /// time, the current position in reverse.
    static func drawStrip(
        _ entry: SidePaneEntry, transcript: Transcript, position: Int64, row: Int, rect: Rect, theme: Theme,
        into grid: inout CellGrid
    ) {
        let width = max(1, rect.width - 2)
        let duration = max(1, transcript.duration)
        var bins = [Int](repeating: 0, count: width)
        for segment in entry.segments {
            let bin = Int(transcript.start(of: segment) * Int64(width) / (duration + 1))
            bins[min(width - 1, max(0, bin))] += 1
        }
        let peak = max(1, bins.max() ?? 1)
        let here = min(width - 1, Int(position * Int64(width) / (duration + 1)))
        var style = Style.plain
        if case .keyword(let index) = entry.kind { style = theme.keyword(index) }
        style.underline = false
        for (k, count) in bins.enumerated() {
            let level = count == 0 ? 0 : max(1, count * (levels.count - 1) / peak)
            var cellStyle = style
            if k == here { cellStyle = theme.stripPosition }
            grid.write(k == here && count == 0 ? "│" : levels[level], column: rect.x + 1 + k, row: row, style: cellStyle, limit: rect.maxX)
        }
    }
}
