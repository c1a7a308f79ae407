import HarkCore
import TerminalKit

extension ReaderState {
    /// Applies one event; returns what the loop must do.
    public mutating func handle(_ event: TerminalEvent) -> [Effect] {
        switch event {
        case .resize(let newSize):
            size = newSize
            if !layout.showsSidePane && focus == .sidePane { focus = .timeline }
            clampTop()
            ensureCursorVisible()
            return []
        case .mouse(let button, let column, let row):
            message = nil
            handleMouse(button, column: column, row: row)
            return []
        case .key(let key):
            return handleKey(key)
        }
    }

    mutating func handleKey(_ key: KeyPress) -> [Effect] {
        if showsHelp {
            showsHelp = false
            return key == .control("c") ? [.quit] : []
        }
        if prompt != nil { return handlePromptKey(key) }
        message = nil
        guard let command = Keymap.of(focus).command(for: key) else { return [] }
        return perform(command)
    }

    public mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .nextSegment: moveCursor(to: cursor + 1)
        case .previousSegment: moveCursor(to: cursor - 1)
        case .pageDown: scrollPage(by: pageLines - 1)
        case .pageUp: scrollPage(by: -(pageLines - 1))
        case .halfPageDown: scrollKeepingRow(by: max(1, pageLines / 2))
        case .halfPageUp: scrollKeepingRow(by: -max(1, pageLines / 2))
        case .first: moveCursor(to: 0)
        case .last: moveCursor(to: document.segmentCount - 1)
        case .nextParagraph: moveToParagraph(offset: 1)
        case .previousParagraph: moveToParagraph(offset: -1)
        case .startSearch: openPrompt(.search)
        case .nextMatch: stepMatch(forward: true)
        case .previousMatch: stepMatch(forward: false)
        case .startJump: openPrompt(.jump)
        case .startHighlight: openPrompt(.highlight)
        case .clearHighlights:
            highlights = []
            clampSideSelection()
            message = "highlights cleared"
        case .toggleRaw:
            raw.toggle()
            top = anchor(ofSegment: cursor)
            top = advance(top, by: -(pageLines / 3))
            clampTop()
            message = raw ? "raw mode: one segment a line" : "paragraphs"
        case .toggleSidePane:
            sidePaneWanted.toggle()
            if sidePaneWanted && !layout.showsSidePane {
                message = "the side pane needs a terminal \(ScreenLayout.sidePaneMinimumTerminalWidth) columns wide"
            }
            if !layout.showsSidePane { focus = .timeline }
            ensureCursorVisible()
        case .switchFocus:
            if layout.showsSidePane {
                focus = focus == .timeline ? .sidePane : .timeline
            } else {
                message = "no side pane: T shows it (it needs \(ScreenLayout.sidePaneMinimumTerminalWidth) columns)"
            }
        case .nextOccurrence: stepOccurrence(forward: true)
        case .previousOccurrence: stepOccurrence(forward: false)
        case .selectNext: moveSelection(by: 1)
        case .selectPrevious: moveSelection(by: -1)
        case .openSelection: openSelection()
        case .help: showsHelp = true
        case .quit: return [.quit]
        case .suspend: return [.suspend]
        }
        return []
    }

    // MARK: Mouse

    mutating func handleMouse(_ button: MouseButton, column: Int, row: Int) {
        let layout = self.layout
        switch button {
        case .wheelUp, .wheelDown:
            let lines = button == .wheelDown ? 3 : -3
            if layout.sidePane.contains(column: column, row: row) {
                moveSelection(by: lines.signum())
                return
            }
            top = advance(top, by: lines)
            clampTop()
            keepCursorInView()
        case .left:
            if layout.timeline.contains(column: column, row: row) {
                focus = .timeline
                if let segment = segmentAt(column: column - layout.timeline.x, row: row - layout.timeline.y) {
                    cursor = segment
                }
            } else if layout.sidePane.contains(column: column, row: row) {
                focus = .sidePane
                let entries = sidePaneEntries
                let first = SidePaneGeometry.firstVisible(entries, selected: selectedEntry(in: entries), height: layout.sidePane.height)
                if let entry = SidePaneGeometry.entry(atRow: row - layout.sidePane.y, in: entries, first: first),
                    entries[entry].isSelectable
                {
                    sideSelection = entry
                }
            }
        }
    }

    /// The segment drawn at a position of the timeline pane, if any.
    func segmentAt(column: Int, row: Int) -> Int? {
        let lines = visibleLines()
        guard row >= 0, row < lines.count else { return nil }
        let line = lines[row]
        guard !line.runs.isEmpty, line.runs[0].bytes.count > 0 || line.runs.count > 1 else { return nil }
        let textColumn = column - (gutter.fits(in: layout.timeline.width) ? gutter.width : 0)
        var x = line.label.map { DisplayWidth.of(TimelineWrapper.labelText($0)) } ?? 0
        for run in line.runs {
            let width = transcript.withContinuousText {
                DisplayWidth.of(String(decoding: UnsafeBufferPointer(rebasing: $0[run.bytes]), as: UTF8.self))
            }
            if textColumn < x + width + 1 { return run.segment }
            x += width + 1
        }
        return line.runs.last?.segment
    }
}

/// Where the side pane's entries fall: each takes one or two rows, and the
/// list scrolls as little as keeps the selected entry in view.
public enum SidePaneGeometry {
    /// The first entry drawn in a pane `height` rows high.
    public static func firstVisible(_ entries: [SidePaneEntry], selected: Int, height: Int) -> Int {
        guard selected < entries.count else { return 0 }
        var first = 0
        var rows = entries[...selected].reduce(0) { $0 + $1.rows }
        while rows > height, first < selected {
            rows -= entries[first].rows
            first += 1
        }
        return first
    }

    /// The entry drawn at `row` of the pane, if any.
    public static func entry(atRow row: Int, in entries: [SidePaneEntry], first: Int) -> Int? {
        guard row >= 0 else { return nil }
        var top = 0
        for index in first..<entries.count {
            if row < top + entries[index].rows { return index }
            top += entries[index].rows
        }
        return nil
    }
}
