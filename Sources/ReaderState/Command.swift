/// Everything a user can ask the reader to do, each with the one line that
/// help and the status bar show. Declared once; keymaps only point here.
public enum Command: String, CaseIterable, Sendable {
    case nextSegment, previousSegment
    case pageDown, pageUp, halfPageDown, halfPageUp
    case first, last
    case nextParagraph, previousParagraph
    case startSearch, nextMatch, previousMatch
    case startJump
    case startHighlight, clearHighlights
    case toggleRaw, toggleSidePane, switchFocus
    case nextOccurrence, previousOccurrence
    case selectNext, selectPrevious, openSelection
    case help, quit, suspend

    public var summary: String {
        switch self {
        case .nextSegment: "next segment"
        case .previousSegment: "previous segment"
        case .pageDown: "page down"
        case .pageUp: "page up"
        case .halfPageDown: "half a page down"
        case .halfPageUp: "half a page up"
        case .first: "go to the start"
        case .last: "go to the end"
        case .nextParagraph: "next paragraph"
        case .previousParagraph: "previous paragraph"
        case .startSearch: "search (every match highlighted as you type)"
        case .nextMatch: "next match"
        case .previousMatch: "previous match"
        case .startJump: "jump to a time (1:02:03, 62:03, 3723s, 90m, 45%, +30s, -2m), or n/p for the next/previous file"
        case .startHighlight: "highlight a keyword (up to six, each in its own colour)"
        case .clearHighlights: "clear keyword highlights"
        case .toggleRaw: "raw mode: one segment a line, each with its time"
        case .toggleSidePane: "show or hide the side pane"
        case .switchFocus: "move focus between timeline and side pane"
        case .nextOccurrence: "next passage, chapter or match of the selected entry"
        case .previousOccurrence: "previous passage, chapter or match of the selected entry"
        case .selectNext: "select the next entry"
        case .selectPrevious: "select the previous entry"
        case .openSelection: "open a topic's passages, or jump to the selected entry"
        case .help: "show this help"
        case .quit: "quit"
        case .suspend: "suspend (fg to come back)"
        }
    }

    /// A short word for the status-bar hints.
    public var hint: String? {
        switch self {
        case .nextSegment: "move"
        case .startSearch: "search"
        case .startJump: "jump"
        case .startHighlight: "mark"
        case .switchFocus: "pane"
        case .help: "help"
        case .quit: "quit"
        default: nil
        }
    }
}
