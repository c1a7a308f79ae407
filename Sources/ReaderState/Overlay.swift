import HarkCore
import TerminalKit

/// A page drawn over the timeline: the keys, or the warnings the file
/// loaded with. Its lines are known here so that scrolling stops at the end.
public struct Overlay: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case help, warnings }

    public var kind: Kind
    /// The first line shown.
    public var scroll = 0
    /// The lines as drawn (wrapped to the box) and where they go: made when
    /// the overlay opens and when the terminal is resized, not for every
    /// key or frame (a file can have 100,000 warnings).
    public private(set) var lines: [Line] = []
    public private(set) var layout = OverlayLayout(size: Size(width: 0, height: 0), lineCount: 0, contentWidth: 0, textOffset: 0)

    init(kind: Kind, transcript: Transcript, notesProblems: [String] = [], size: Size) {
        self.kind = kind
        lay(out: Self.content(kind, transcript, notesProblems: notesProblems), in: size)
    }

    /// Wraps `content` for a terminal of `size`, and places the box.
    mutating func lay(out content: [Line], in size: Size) {
        let width = min(size.width, 120)
        let keyWidth = Self.keyWidth(content)
        let stacked = width - 5 - keyWidth < 24
        if stacked {
            // Too narrow for keys and texts side by side: each key on a row, its text under it.
            lines = content.flatMap { line in
                (line.key.isEmpty ? [] : [Line(key: line.key, text: "")])
                    + Self.wrap(line.text, width: max(4, width - 6)).map { Line(key: "", text: $0) }
            }
        } else {
            lines = content.flatMap { line in
                Self.wrap(line.text, width: width - 5 - keyWidth).enumerated().map { k, part in
                    Line(key: k == 0 ? line.key : "", text: part)
                }
            }
        }
        let textWidth = lines.map { DisplayWidth.of($0.text) }.max() ?? 0
        let textOffset = stacked ? 2 : keyWidth + 1
        layout = OverlayLayout(
            size: size, lineCount: lines.count, contentWidth: max(keyWidth, textOffset + textWidth), textOffset: textOffset)
        scroll = max(0, min(scroll, maximumScroll))
    }

    /// The last possible first line: scrolling stops with the last line at the bottom.
    public var maximumScroll: Int { max(0, lines.count - layout.visibleLines) }

    public var title: String {
        switch kind {
        case .help: "keys"
        case .warnings: "warnings while loading"
        }
    }

    /// One line of the overlay: a key (or a line number) and what it says.
    public struct Line: Equatable, Sendable {
        public var key: String
        public var text: String
    }

    /// What the overlay says, before wrapping.
    static func content(_ kind: Kind, _ transcript: Transcript, notesProblems: [String] = []) -> [Line] {
        switch kind {
        case .help:
            return Keymap.helpRows().map {
                Line(
                    key: $0.keys,
                    text: $0.place == "anywhere" || $0.place == "timeline" ? $0.summary : "\($0.place): \($0.summary)")
            }
                + Self.mouseHelp
        case .warnings:
            // The notes file's problems first: they decide whether what the user adds is saved.
            return notesProblems.map { Line(key: "notes", text: $0) }
                + transcript.warnings.map { warning in
                    Line(key: warning.line.map { "line \($0)" } ?? "", text: warning.message)
                }
        }
    }

    /// The key column's width.
    public static func keyWidth(_ lines: [Line]) -> Int { min(22, lines.map { DisplayWidth.of($0.key) }.max() ?? 0) }

    /// `text` in lines of at most `width` columns, broken at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) > width && !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }

    static let mouseHelp: [Line] = [
        Line(key: "mouse", text: "wheel scrolls; a click moves the cursor or selects a side-pane entry"),
        Line(key: "", text: "to select text for copying, hold Shift (Option in iTerm2, Fn in Terminal.app) or press M"),
    ]
}

/// Where an overlay goes on the screen: a box in the middle, its lines
/// inside, the bottom border saying how to scroll and close it.
public struct OverlayLayout: Equatable, Sendable {
    public var box: Rect
    /// The rows for lines, inside the border.
    public var visibleLines: Int
    /// Where a line's text starts, in columns after its key's.
    public var textOffset: Int

    public init(size: Size, lineCount: Int, contentWidth: Int, textOffset: Int) {
        self.textOffset = textOffset
        // At least as wide as the longest footer (see OverlayView), so that it is never cut.
        let footer = " \(lineCount)–\(lineCount) of \(lineCount)  j/k Space b scroll  q closes ".count
        var width = min(size.width, max(contentWidth + 4, footer + 4))
        if size.width - width <= 2 { width = size.width }  // no sliver of the screen beside the box
        let height = min(size.height, lineCount + 2)
        box = Rect(x: (size.width - width) / 2, y: (size.height - height) / 2, width: width, height: height)
        visibleLines = max(0, height - 2)
    }
}

extension ReaderState {
    mutating func openOverlay(_ kind: Overlay.Kind) {
        overlay = Overlay(kind: kind, transcript: transcript, notesProblems: notesProblems, size: size)
    }

    /// After a resize: wrapped again for the new width, the same lines in view if they still can be.
    mutating func relayOutOverlay() {
        guard var overlay else { return }
        overlay.lay(out: Overlay.content(overlay.kind, transcript, notesProblems: notesProblems), in: size)
        self.overlay = overlay
    }

    mutating func handleOverlayKey(_ key: KeyPress) -> [Effect] {
        guard let command = Keymap.overlay.command(for: key) else {
            // Anything else closes it and does nothing more, as `q` would.
            overlay = nil
            return []
        }
        let page = max(1, (overlay?.layout.visibleLines ?? 1) - 1)
        switch command {
        case .overlayDown: scrollOverlay(by: 1)
        case .overlayUp: scrollOverlay(by: -1)
        case .overlayPageDown: scrollOverlay(by: page)
        case .overlayPageUp: scrollOverlay(by: -page)
        case .overlayTop: scrollOverlay(by: -Int.max / 2)
        case .overlayBottom: scrollOverlay(by: Int.max / 2)
        case .closeOverlay: overlay = nil
        case .quit: return [.quit]
        default: overlay = nil
        }
        return []
    }

    mutating func scrollOverlay(_ button: MouseButton) {
        switch button {
        case .wheelDown: scrollOverlay(by: 3)
        case .wheelUp: scrollOverlay(by: -3)
        case .left: break
        }
    }

    mutating func scrollOverlay(by lines: Int) {
        guard var overlay else { return }
        overlay.scroll = max(0, min(overlay.maximumScroll, overlay.scroll + lines))
        self.overlay = overlay
    }
}
