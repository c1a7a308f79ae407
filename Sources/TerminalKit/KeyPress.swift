/// A key as the reader sees it, decoded from whatever the terminal sent.
public enum KeyPress: Equatable, Hashable, Sendable {
    case character(Character)
    /// Ctrl with a letter: `.control("f")` for Ctrl-F.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    /// F1, F2…
    case function(Int)
    /// Any other key the terminal reports (Insert, Ctrl-\\…), by its name:
    /// bound to nothing, but the reader can say so.
    case other(String)

    /// The name shown in help and hints: `j`, `Ctrl-F`, `PgDn`, `Space`.
    public var displayName: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-" + c.uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .other(let name): name
        }
    }
}

public enum MouseButton: Equatable, Sendable {
    case left, wheelUp, wheelDown
}

/// Everything the terminal can tell the reader.
public enum TerminalEvent: Equatable, Sendable {
    case key(KeyPress)
    case mouse(MouseButton, column: Int, row: Int)
    case resize(Size)
}
