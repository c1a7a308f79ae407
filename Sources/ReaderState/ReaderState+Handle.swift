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
        case .selectNext:
            sideSelection = min(sideSelection + 1, max(0, sidePaneEntries.count - 1))
        case .selectPrevious:
            sideSelection = max(0, sideSelection - 1)
        case .openSelection:
            let entries = sidePaneEntries
            guard sideSelection < entries.count, let first = entries[sideSelection].segments.first else {
                message = "nothing to jump to"
                return []
            }
            jumpCursor(to: first)
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
                sideSelection = max(0, min(sidePaneEntries.count - 1, sideSelection + lines.signum()))
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
                if let entry = SidePaneGeometry.entry(atRow: row - layout.sidePane.y, entryCount: sidePaneEntries.count) {
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

/// The side pane draws each entry on two rows: title and count, then its
/// density strip.
public enum SidePaneGeometry {
    public static let rowsPerEntry = 2
    public static let titleRows = 1

    public static func entry(atRow row: Int, entryCount: Int) -> Int? {
        let index = (row - titleRows) / rowsPerEntry
        return row >= titleRows && index < entryCount ? index : nil
    }
}
