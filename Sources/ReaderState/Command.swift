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
    case mark, removeMark, startSelection, cancelSelection, keepQuote, nameSpeaker, splitTurn
    case togglePlay, replaySegment, followPlayback, slower, faster
    case showLibrary, sortLibrary, closeLibrary, openLibraryRow, libraryTopics, toggleTopicStrip
    case toggleMouse, showWarnings
    case help, quit, suspend
    case overlayDown, overlayUp, overlayPageDown, overlayPageUp, overlayTop, overlayBottom, closeOverlay

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
        case .startJump:
            "jump to a time (1:02:03, 62:03, 90m, 45%, +30s); n/p: next/previous file; w FILE: save notes"
        case .startHighlight: "highlight a keyword (up to six, in colours no topic has)"
        case .clearHighlights: "clear keyword highlights"
        case .toggleRaw: "raw mode: one segment a line, each with its time"
        case .toggleSidePane: "show or hide the side pane"
        case .switchFocus: "move focus between timeline and side pane"
        case .nextOccurrence: "next passage, chapter or match of the selected entry"
        case .previousOccurrence: "previous passage, chapter or match of the selected entry"
        case .selectNext: "select the next entry"
        case .selectPrevious: "select the previous entry"
        case .openSelection: "open a topic's passages, or jump to the selected entry"
        case .mark: "mark the segment with a note, or edit the note of its mark (or of the selected mark or quote)"
        case .removeMark: "remove the mark or quote here (or the selected one)"
        case .startSelection: "select segments from here: moving extends the selection, y keeps it as a quote"
        case .cancelSelection: "cancel the selection"
        case .keepQuote: "keep the selection, or the paragraph, as a quote, and copy it to the clipboard"
        case .nameSpeaker: "who speaks here? Name the speaker of this turn (1-9 picks a name already used, - undoes)"
        case .splitTurn: "start a new turn at the cursor, and name its speaker"
        case .togglePlay: "play the audio from the cursor's segment, or pause (the view follows the voice)"
        case .replaySegment: "play the segment being spoken (or the cursor's) again from its start"
        case .followPlayback: "follow the voice again: back to the segment being spoken"
        case .slower: "play slower (down to 0.5×, by 0.1)"
        case .faster: "play faster (up to 2×, by 0.1)"
        case .showLibrary: "the library: every transcript given, with where the highlights occur"
        case .sortLibrary: "sort the library: as found, by name, by duration, by matches of the highlights"
        case .openLibraryRow: "open the selection: a transcript, a topic's passages, a match or passage in its file"
        case .closeLibrary: "back: from search results or topics to the list, from the list to the open transcript"
        case .libraryTopics: "the topics of every transcript, by their passages' time in all; again: back to the list"
        case .toggleTopicStrip: "in the topics: give the topic selected a strip in every row, or take it away"
        case .toggleMouse: "give the mouse to the terminal (to select and copy text), or take it back"
        case .showWarnings: "list the warnings the file loaded with"
        case .help: "show this help"
        case .quit: "quit"
        case .suspend: "suspend (fg to come back)"
        case .overlayDown: "scroll down a line"
        case .overlayUp: "scroll up a line"
        case .overlayPageDown: "scroll down a page"
        case .overlayPageUp: "scroll up a page"
        case .overlayTop: "go to the top"
        case .overlayBottom: "go to the bottom"
        case .closeOverlay: "close (so does any other key)"
        }
    }

    /// A short word for the status-bar hints, and its rank: when the bar
    /// is narrow, hints are left out whole from the least needed.
    public var hint: (word: String, rank: Int)? {
        switch self {
        case .help: ("help", 0)
        case .quit: ("quit", 1)
        case .startSearch: ("search", 2)
        case .startJump: ("jump", 3)
        case .nextSegment: ("move", 4)
        case .selectNext: ("select", 4)
        case .openSelection: ("open", 5)
        case .switchFocus: ("pane", 6)
        case .startHighlight: ("highlight", 8)
        case .mark: ("mark", 7)
        case .keepQuote: ("quote", 8)
        case .togglePlay: ("play", 5)
        case .sortLibrary: ("sort", 5)
        case .libraryTopics: ("topics", 6)
        case .openLibraryRow: ("open", 3)
        case .overlayDown: ("scroll", 2)
        case .closeOverlay: ("close", 1)
        default: nil
        }
    }
}
