import HarkCore
import ReaderState
import TerminalKit

/// The reader's screen: a pure function from state to cells.
public enum ReaderScreen {
    public static func render(_ state: ReaderState) -> CellGrid {
        var grid = CellGrid(size: state.size)
        let theme = Theme(colors: state.colors)
        let layout = state.layout
        HeaderView.draw(state, in: layout.header, theme: theme, into: &grid)
        TimelineView.draw(state, in: layout.timeline, theme: theme, into: &grid)
        if layout.showsSidePane {
            for row in layout.sidePane.y..<layout.sidePane.maxY {
                grid.write("│", column: layout.sidePane.x - 1, row: row, style: theme.separator)
            }
            SidePaneView.draw(state, in: layout.sidePane, theme: theme, into: &grid)
        }
        StatusBarView.draw(state, in: layout.statusBar, theme: theme, into: &grid)
        PromptLineView.draw(state, in: layout.promptLine, theme: theme, into: &grid)
        if state.showsHelp { HelpOverlay.draw(in: Rect(x: 0, y: 0, width: state.size.width, height: state.size.height), theme: theme, into: &grid) }
        return grid
    }

    /// Where the terminal cursor should blink: at the end of the prompt, or hidden.
    public static func cursorPosition(_ state: ReaderState) -> (column: Int, row: Int)? {
        guard let prompt = state.prompt, !state.layout.promptLine.isEmpty else { return nil }
        let column = DisplayWidth.of(prompt.kind.symbol + prompt.text)
        return (min(column, state.size.width - 1), state.layout.promptLine.y)
    }
}

enum HeaderView {
    static func draw(_ state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.header)
        let transcript = state.transcript
        let name = String(transcript.source.split(separator: "/").last ?? Substring(transcript.source))
        var parts = [name, transcript.format.rawValue]
        if !transcript.speakers.isEmpty {
            let names = transcript.speakers.prefix(3).joined(separator: ", ") + (transcript.speakers.count > 3 ? ", …" : "")
            parts.append("\(transcript.speakers.count) speaker\(transcript.speakers.count == 1 ? "" : "s"): \(names)")
        }
        parts.append(TimeFormat.short(transcript.duration))
        var text = " " + parts.joined(separator: " · ")
        if state.files.count > 1 { text += "  [\(state.fileIndex + 1)/\(state.files.count)]" }
        grid.write(text, column: rect.x, row: rect.y, style: theme.header, limit: rect.maxX)
    }
}

enum StatusBarView {
    static func draw(_ state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.statusBar)
        let transcript = state.transcript
        let now = transcript.isEmpty ? 0 : transcript.start(of: state.cursor)
        let percent = transcript.duration > 0 ? Int(Double(now) * 100 / Double(transcript.duration)) : 0
        var left = " \(TimeFormat.short(now)) / \(TimeFormat.short(transcript.duration))  \(percent)%"
        if let counter = state.matchCounter { left += "  \(counter)" }
        if state.raw { left += "  raw" }
        var x = grid.write(left, column: rect.x, row: rect.y, style: theme.statusEmphasis, limit: rect.maxX)
        let hints = Keymap.hints(for: state.focus).map { "\($0.keys) \($0.word)" }.joined(separator: "  ")
        let hintWidth = DisplayWidth.of(hints)
        if x + 3 + hintWidth <= rect.maxX {
            grid.write(hints, column: rect.maxX - hintWidth - 1, row: rect.y, style: theme.statusBar, limit: rect.maxX)
        } else {
            x += 2
            grid.write(hints, column: x, row: rect.y, style: theme.statusBar, limit: rect.maxX)
        }
    }
}

enum PromptLineView {
    static func draw(_ state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        if let prompt = state.prompt {
            var text = prompt.kind.symbol + prompt.text
            if let message = state.message { text += "   (" + message + ")" }
            // Keep the end of a long entry in view.
            var shown = Substring(text)
            while DisplayWidth.of(shown) >= rect.width && !shown.isEmpty { shown = shown.dropFirst() }
            grid.write(shown, column: rect.x, row: rect.y, style: theme.prompt, limit: rect.maxX)
        } else if let message = state.message {
            grid.write(message, column: rect.x, row: rect.y, style: theme.message, limit: rect.maxX)
        }
    }
}

enum HelpOverlay {
    static func lines() -> [(keys: String, summary: String)] {
        Keymap.helpRows().map { row in (row.keys, row.place == "side pane" ? "side pane: " + row.summary : row.summary) }
    }

    static func draw(in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        let entries = lines()
        let keyWidth = min(22, entries.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let longest = entries.map { DisplayWidth.of($0.summary) }.max() ?? 0
        let width = min(rect.width, keyWidth + longest + 7)
        let height = min(rect.height, entries.count + 4)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2, width: width, height: height)
        grid.fill(box, style: theme.helpBox)
        guard box.width >= 4, box.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: box.width - 2)
        grid.write("┌" + horizontal + "┐", column: box.x, row: box.y, style: theme.separator)
        grid.write("└" + horizontal + "┘", column: box.x, row: box.maxY - 1, style: theme.separator)
        for row in (box.y + 1)..<(box.maxY - 1) {
            grid.write("│", column: box.x, row: row, style: theme.separator)
            grid.write("│", column: box.maxX - 1, row: row, style: theme.separator)
        }
        grid.write(" keys (any key closes) ", column: box.x + 2, row: box.y, style: theme.paneTitle, limit: box.maxX - 1)
        for (k, entry) in entries.prefix(max(0, box.height - 3)).enumerated() {
            let row = box.y + 1 + k
            let x = grid.write(entry.keys, column: box.x + 2, row: row, style: theme.helpKey, limit: box.maxX - 2)
            grid.write(entry.summary, column: max(x + 1, box.x + 3 + keyWidth), row: row, style: theme.helpBox, limit: box.maxX - 2)
        }
    }
}
