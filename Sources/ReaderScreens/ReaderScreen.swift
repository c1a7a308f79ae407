import HarkCore
import ReaderState
import TerminalKit

/// The reader's screen: a pure function from state to cells.
public enum ReaderScreen {
    public static func render(_ state: ReaderState) -> CellGrid {
        var grid = CellGrid(size: state.size)
        let theme = Theme(state)
        let layout = state.layout
        if let library = state.library, library.showing {
            LibraryView.draw(state, library, theme: theme, into: &grid)
            StatusBarView.draw(state, in: layout.statusBar, theme: theme, into: &grid)
            PromptLineView.draw(state, in: layout.promptLine, theme: theme, into: &grid)
            if let overlay = state.overlay {
                OverlayView.draw(overlay, lines: overlay.lines, layout: overlay.layout, theme: theme, into: &grid)
            }
            return grid
        }
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
        if let overlay = state.overlay {
            OverlayView.draw(overlay, lines: overlay.lines, layout: overlay.layout, theme: theme, into: &grid)
        }
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
        // Warnings are said at the right, where a cut name cannot hide them.
        let count = transcript.warnings.count
        let warnings = count == 0 ? "" : " \(count) warning\(count == 1 ? "" : "s") (W) "
        let warningsWidth = DisplayWidth.of(warnings)
        let limit = count == 0 ? rect.maxX : rect.maxX - warningsWidth - 1
        // The speakers give way first (their names, then their count), so
        // that the duration is not cut on a narrow terminal.
        var speakers: [String?] = [nil]
        if !transcript.speakers.isEmpty {
            let counted = "\(transcript.speakers.count) speaker\(transcript.speakers.count == 1 ? "" : "s")"
            let names = transcript.speakers.prefix(3).joined(separator: ", ") + (transcript.speakers.count > 3 ? ", …" : "")
            speakers = [counted + ": " + names, counted, nil]
        }
        var text = ""
        for (k, speaker) in speakers.enumerated() {
            let parts =
                [name, transcript.format.rawValue] + (speaker.map { [$0] } ?? [])
                + [StatusBarView.duration(state)]
            text = " " + parts.joined(separator: " · ")
            if state.files.count > 1 { text += "  [\(state.fileCounter)]" }
            if rect.x + DisplayWidth.of(text) <= limit || k == speakers.count - 1 { break }
        }
        grid.write(text, column: rect.x, row: rect.y, style: theme.header, limit: limit)
        if count > 0 {
            grid.write(warnings, column: rect.maxX - warningsWidth, row: rect.y, style: theme.warning, limit: rect.maxX)
        }
    }
}

enum StatusBarView {
    /// The transcript's length; `…` while only a large file's first part is
    /// loaded, whose own length is not the file's.
    static func duration(_ state: ReaderState) -> String {
        guard state.loadingRest == nil else { return "…" }
        let transcript = state.transcript
        return TimeFormat.mark(estimated: transcript.durationIsEstimated) + TimeFormat.short(transcript.duration)
    }

    static func draw(_ state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.statusBar)
        if let library = state.library, library.showing {
            drawHints(
                libraryPosition(library), context: state.overlay != nil ? .overlay : .library, state: state, in: rect,
                theme: theme, into: &grid)
            return
        }
        let transcript = state.transcript
        let now = transcript.isEmpty ? 0 : transcript.start(of: state.cursor)
        let nowMark = TimeFormat.mark(estimated: !transcript.isEmpty && transcript.isEstimated(state.cursor))
        var left = " \(nowMark)\(TimeFormat.short(now)) / \(duration(state))  \(percent(state))%"
        if let counter = state.matchCounter { left += "  \(counter)" }
        if state.raw { left += "  raw" }
        if !state.mouseCaptured { left += "  mouse off" }
        if let selected = state.selectedSegments {
            let count = selected.count
            left += "  selecting \(count) segment\(count == 1 ? "" : "s")"
        }
        if state.notesNotSaved != nil { left += "  notes not saved" }
        if let audio = audio(state) { left += "  " + audio }
        drawHints(left, context: state.overlay != nil ? .overlay : state.focus, state: state, in: rect, theme: theme, into: &grid)
    }

    /// `left`, and as many hints as fit whole at the right, the most needed first.
    static func drawHints(
        _ left: String, context: KeyContext, state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid
    ) {
        let x = grid.write(left, column: rect.x, row: rect.y, style: theme.statusEmphasis, limit: rect.maxX)
        var hints = ""
        for hint in Keymap.hints(for: context) where state.audio != nil || !hint.command.needsAudio {
            let next = (hints.isEmpty ? "" : hints + "  ") + "\(hint.keys) \(hint.word)"
            if x + 2 + DisplayWidth.of(next) + 1 > rect.maxX { break }
            hints = next
        }
        grid.write(hints, column: rect.maxX - DisplayWidth.of(hints) - 1, row: rect.y, style: theme.statusBar, limit: rect.maxX)
    }

    /// ` 12/1000` in the list, ` match 3/120` in a search's results, ` topic
    /// 2/19` and ` passage 3/21` in the topics.
    static func libraryPosition(_ library: LibraryState) -> String {
        if let search = library.search {
            return search.results.isEmpty ? " no match" : " match \(search.selected + 1)/\(search.results.count)"
        }
        if let list = library.topicList {
            if let opened = list.opened {
                return opened.passages.isEmpty ? "" : " passage \(opened.selected + 1)/\(opened.passages.count)"
            }
            return library.topics.isEmpty ? "" : " topic \(list.selected + 1)/\(library.topics.count)"
        }
        return library.order.isEmpty ? "" : " \(library.selected + 1)/\(library.order.count)"
    }

    /// `▶ 0:12:03 1.0×` while the audio plays (`paused 0:12:03 1.0×`), with what the
    /// listener should know: that the view no longer follows, that the
    /// place in the text is approximate.
    static func audio(_ state: ReaderState) -> String? {
        guard let audio = state.audio, audio.started else { return nil }
        // A word for paused: the pause sign is drawn two columns wide by some terminals.
        var text = (audio.playing ? "▶ " : "paused ") + TimeFormat.short(audio.position ?? 0) + " "
        text += ReaderState.speedText(audio.speed)
        if state.transcript.estimatedCount > 0 { text += " (place in text approximate)" }
        if audio.playing && !audio.following { text += "  f: follow" }
        return text
    }

    /// How far through the interview the cursor is: 100 on the last segment,
    /// so that `G` says so, whatever time the last segment starts at.
    static func percent(_ state: ReaderState) -> Int {
        let transcript = state.transcript
        guard !transcript.isEmpty else { return 0 }
        // The last segment the cursor can reach (empty cues at the end show nowhere).
        if state.cursor >= state.segmentShown(transcript.segments.count - 1, forward: true) { return 100 }
        guard transcript.duration > 0 else { return 0 }
        return min(99, Int(Double(transcript.start(of: state.cursor)) * 100 / Double(transcript.duration)))
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

/// Help or the warnings: a box over the screen, its lines from the scroll
/// position on, and a last row that says where you are and how to move.
enum OverlayView {
    static func draw(_ overlay: Overlay, lines: [Overlay.Line], layout: OverlayLayout, theme: Theme, into grid: inout CellGrid) {
        let box = layout.box
        grid.fill(box, style: theme.helpBox)
        guard box.width >= 4, box.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: box.width - 2)
        grid.write("┌" + horizontal + "┐", column: box.x, row: box.y, style: theme.separator)
        grid.write("└" + horizontal + "┘", column: box.x, row: box.maxY - 1, style: theme.separator)
        for row in (box.y + 1)..<(box.maxY - 1) {
            grid.write("│", column: box.x, row: row, style: theme.separator)
            grid.write("│", column: box.maxX - 1, row: row, style: theme.separator)
        }
        grid.write(" \(overlay.title) ", column: box.x + 2, row: box.y, style: theme.paneTitle, limit: box.maxX - 1)
        let shown = lines.dropFirst(overlay.scroll).prefix(layout.visibleLines)
        for (k, line) in shown.enumerated() {
            let row = box.y + 1 + k
            let x = grid.write(line.key, column: box.x + 2, row: row, style: theme.helpKey, limit: box.maxX - 2)
            let textColumn = box.x + 2 + layout.textOffset
            grid.write(
                line.text, column: line.key.isEmpty ? textColumn : max(x + 1, textColumn), row: row, style: theme.helpBox,
                limit: box.maxX - 2)
        }
        // The footer: which lines these are, and the keys that move.
        let last = overlay.scroll + shown.count
        let position =
            lines.count > layout.visibleLines ? "\(overlay.scroll + 1)–\(last) of \(lines.count)  j/k Space b scroll  " : ""
        let footer = " \(position)q closes "
        let width = DisplayWidth.of(footer)
        if box.height >= 3 {
            grid.write(
                footer, column: max(box.x + 1, box.maxX - 2 - width), row: box.maxY - 1, style: theme.paneTitle,
                limit: box.maxX - 1)
        }
    }
}
